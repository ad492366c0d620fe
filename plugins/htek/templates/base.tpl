{#- Htek cfg<mac>.xml: Dialtone's own template of Htek's XML P-value format. Context: the raw
    config after the standard transforms and hooks.ts (XX_accounts, XX_keys…); see README.md. -#}
<?xml version="1.0" encoding="UTF-8" ?>
<!-- Htek {{ XX_device.model|d('') }} {{ XX_mac }}, written by Dialtone provd -->
<hl_provision version="1">
  <config version="1">
{%- set main = XX_sip_lines[0] if XX_sip_lines else {} %}
{%- if main.proxy_ip %}
    <P47 para="Profile1_Sipserver">{{ main.proxy_ip }}:{{ main.proxy_port|d(5060) }}</P47>
{%- endif %}
{%- if main.backup_proxy_ip %}
    <P967 para="Profile1_FailoverSipserver">{{ main.backup_proxy_ip }}:{{ main.backup_proxy_port|d(5060) }}</P967>
{%- endif %}
{%- if main.outbound_proxy_ip %}
    <P48 para="Profile1_OutboundProxy">{{ main.outbound_proxy_ip }}:{{ main.outbound_proxy_port|d(5060) }}</P48>
{%- endif %}
    <P130 para="Profile1_SipTransport">{{ XX_transport }}</P130>
    <P20166 para="Profile1_DtmfMode">{{ XX_dtmf }}</P20166>
    <P99 para="Profile1_SubscribeForMWI">{{ 1 if sip_subscribe_mwi else 0 }}</P99>
{%- for v in XX_accounts %}
    <P{{ v.p }} para="{{ v.para }}">{{ v.value|e }}</P{{ v.p }}>
{%- endfor %}
{%- if admin_password %}
    <P8681 para="LogUser_Admin">{{ admin_username|d('admin')|e }}</P8681>
    <P2 para="AdminPassword">{{ admin_password|e }}</P2>
{%- endif %}
{%- if user_password %}
    <P196 para="UserPassword">{{ user_password|e }}</P196>
{%- endif %}
{%- if XX_language_name %}
    <P342 para="Preference_Language">{{ XX_language_name }}</P342>
{%- endif %}
{%- if ntp_enabled and ntp_ip %}
    <P30 para="UrlOrIpAddress">{{ ntp_ip }}</P30>
{%- endif %}
{%- if XX_timezone_code is defined %}
    <P64 para="Preference_TimeZone">{{ XX_timezone_code }}</P64>
    <P75 para="Preference_DaylightSavingTime">{{ 2 if XX_dst else 0 }}</P75>
{%- endif %}
{%- if vlan_enabled and vlan_id %}
    <P24053 para="Network_Advanced_Vlan_WANVlan">1</P24053>
    <P51 para="Layer2QoS_802_1Q_VLANTag">{{ vlan_id }}</P51>
    <P87 para="Layer2QoS_802_1pPriorityValue">{{ vlan_priority|d(0) }}</P87>
{%- else %}
    <P24053 para="Network_Advanced_Vlan_WANVlan">0</P24053>
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
    <P207 para="SyslogServer">{{ syslog_ip }}</P207>
{%- endif %}
{%- if XX_xivo_phonebook_url %}
    <P4401 para="RemotePhoneBook1_Url">{{ XX_xivo_phonebook_url|e }}</P4401>
    <P3316 para="RemotePhoneBook1_Name">Directory</P3316>
{%- endif %}
{%- for v in XX_keys %}
    <P{{ v.p }} para="{{ v.para }}">{{ v.value|e }}</P{{ v.p }}>
{%- endfor %}
{%- block model_settings %}{% endblock %}
  </config>
</hl_provision>
