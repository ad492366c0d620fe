; Technicolor {{ XX_device.model }} {{ XX_mac }}, written by Dialtone provd
[sys]
Config_Sn={{ XX_config_sn }}
{%- if XX_zone is not none and XX_zone is defined %}
NTP_Zone_Num={{ XX_zone }}
{%- endif %}
{%- if ntp_enabled and ntp_ip %}
NTP_Server_Addr={{ ntp_ip }}
{%- endif %}
Language_Type={{ XX_language_type }}
Country_Code={{ XX_country_code }}
{%- if admin_password %}
Admin_Password={{ admin_password }}
{%- endif %}
{%- if vlan_enabled and vlan_id %}
VLAN_Enable=1
VLAN_ID={{ vlan_id }}
VLAN_Priority={{ vlan_priority or 0 }}
{%- else %}
VLAN_Enable=0
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
Syslog_Server={{ syslog_ip }}:{{ syslog_port or 514 }}
{%- endif %}
Config_Server={{ XX_server_url }}/

[sip]
Transport_Flg={{ XX_transport }}
{%- for line in XX_lines %}

[ua{{ line.no }}]
Enable=1
Display_Name={{ line.display_name }}
User_Name={{ line.username }}
Auth_Name={{ line.auth_username }}
Auth_Password={{ line.password }}
Proxy={{ line.proxy_ip }}:{{ line.proxy_port or 5060 }}
Registrar={{ line.registrar_ip }}:{{ line.registrar_port or line.proxy_port or 5060 }}
{%- if line.backup_proxy_ip %}
Backup_Proxy={{ line.backup_proxy_ip }}:{{ line.backup_proxy_port or 5060 }}
{%- endif %}
{%- if line.outbound_proxy_ip %}
Outbound_Proxy={{ line.outbound_proxy_ip }}:{{ line.outbound_proxy_port or 5060 }}
{%- endif %}
Voicemail={{ line.voicemail or '' }}
DTMF_Mode={{ line.XX_dtmf }}
{%- endfor %}
{%- if XX_keys %}

[feature_keys]
{%- for key in XX_keys %}
{{ key }}
{%- endfor %}
{%- endif %}
{%- if XX_xivo_phonebook_url %}

[phonebook]
Name={{ XX_phonebook_name }}
URL={{ XX_xivo_phonebook_url }}
{%- endif %}
