{#- Cisco SPA / multiplatform <mac>.xml (Dialtone's own template, Cisco's flat-profile XML format).
    Context: the raw config after the standard transforms and hooks.ts; see plugins/cisco-spa/README.md. -#}
<?xml version="1.0" encoding="UTF-8"?>
<!-- {{ XX_device.model|d('Cisco') }} {{ XX_mac }}, written by Dialtone provd -->
<flat-profile>
  <Provision_Enable>Yes</Provision_Enable>
  <Resync_On_Reset>Yes</Resync_On_Reset>
  <Resync_Periodic>86400</Resync_Periodic>
{#- per-device provisioning credentials (provd's http.device_credentials): the rule's --uid/--pwd options #}
  <Profile_Rule>{% if provisioning_username %}[--uid {{ provisioning_username|e }} --pwd {{ provisioning_password|e }}]{% endif %}{{ XX_server_url|e }}/$MA.xml</Profile_Rule>
{%- if XX_capabilities.load %}
  <Upgrade_Enable>Yes</Upgrade_Enable>
  <Upgrade_Rule>{{ XX_server_url|e }}/firmware/{{ XX_capabilities.load|e }}</Upgrade_Rule>
{%- endif %}
{%- if admin_password %}
  <Admin_Passwd>{{ admin_password|e }}</Admin_Passwd>
{%- endif %}
{%- if user_password %}
  <User_Password>{{ user_password|e }}</User_Password>
{%- endif %}
{%- if XX_lang %}
  <Language_Selection>{{ XX_lang }}</Language_Selection>
{%- endif %}
{%- if XX_locale_tag %}
  <Locale>{{ XX_locale_tag }}</Locale>
{%- endif %}
{%- for p in XX_tz_settings %}
  <{{ p[0] }}>{{ p[1] }}</{{ p[0] }}>
{%- endfor %}
{%- if ntp_enabled and ntp_ip %}
  <Primary_NTP_Server>{{ ntp_ip }}</Primary_NTP_Server>
{%- endif %}
{%- if dns_enabled and dns_ip %}
  <Primary_DNS>{{ dns_ip }}</Primary_DNS>
{%- endif %}
{%- if vlan_enabled and vlan_id %}
  <Enable_VLAN>Yes</Enable_VLAN>
  <VLAN_ID>{{ vlan_id }}</VLAN_ID>
{%- else %}
  <Enable_VLAN>No</Enable_VLAN>
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
  <Syslog_Server>{{ syslog_ip }}:{{ syslog_port|d(514) }}</Syslog_Server>
  <Debug_Server>{{ syslog_ip }}:{{ syslog_port|d(514) }}</Debug_Server>
  <Debug_Level>{{ XX_debug_level }}</Debug_Level>
{%- endif %}
{%- if XX_xivo_phonebook_url %}
  <XML_Directory_Service_Name>Directory</XML_Directory_Service_Name>
  <XML_Directory_Service_URL>{{ XX_xivo_phonebook_url|e }}</XML_Directory_Service_URL>
{%- endif %}
{%- if exten_voicemail %}
  <Voice_Mail_Number>{{ exten_voicemail|e }}</Voice_Mail_Number>
{%- endif %}
{%- block model_settings %}{% endblock %}
{%- for line in XX_lines %}
  <Line_Enable_{{ line.no }}_>Yes</Line_Enable_{{ line.no }}_>
  <Display_Name_{{ line.no }}_>{{ line.display_name|d(line.number)|e }}</Display_Name_{{ line.no }}_>
  <User_ID_{{ line.no }}_>{{ line.username|e }}</User_ID_{{ line.no }}_>
  <Auth_ID_{{ line.no }}_>{{ line.auth_username|e }}</Auth_ID_{{ line.no }}_>
  <Use_Auth_ID_{{ line.no }}_>Yes</Use_Auth_ID_{{ line.no }}_>
  <Password_{{ line.no }}_>{{ line.password|e }}</Password_{{ line.no }}_>
  <Proxy_{{ line.no }}_>{{ line.XX_proxy }}</Proxy_{{ line.no }}_>
  <Register_{{ line.no }}_>Yes</Register_{{ line.no }}_>
  <Make_Call_Without_Reg_{{ line.no }}_>No</Make_Call_Without_Reg_{{ line.no }}_>
  <SIP_Transport_{{ line.no }}_>{{ line.XX_transport }}</SIP_Transport_{{ line.no }}_>
  <DTMF_Tx_Method_{{ line.no }}_>{{ line.XX_dtmf }}</DTMF_Tx_Method_{{ line.no }}_>
{%- if line.outbound_proxy_ip %}
  <Use_Outbound_Proxy_{{ line.no }}_>Yes</Use_Outbound_Proxy_{{ line.no }}_>
  <Outbound_Proxy_{{ line.no }}_>{{ line.outbound_proxy_ip }}:{{ line.outbound_proxy_port|d(5060) }}</Outbound_Proxy_{{ line.no }}_>
{%- endif %}
{%- if line.voicemail %}
  <Mailbox_ID_{{ line.no }}_>{{ line.voicemail|e }}</Mailbox_ID_{{ line.no }}_>
{%- endif %}
{%- endfor %}
{%- for p in XX_keys %}
  <{{ p[0] }}>{{ p[1]|e }}</{{ p[0] }}>
{%- endfor %}
</flat-profile>
