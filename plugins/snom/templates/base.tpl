{#- Snom snom<model>-<MAC>.htm (Dialtone's own template, Snom's XML settings format).
    Context: the raw config after the standard transforms and hooks.ts; see plugins/snom/README.md. -#}
<?xml version="1.0" encoding="utf-8"?>
<!-- {{ XX_device.model|d('snom') }} {{ XX_mac }}, written by Dialtone provd -->
<settings>
  <phone-settings e="2">
    <setting_server perm="RW">{{ XX_server_url|e }}/snom{{ XX_device.model }}-{{ XX_mac }}.htm</setting_server>
    <firmware_status perm="RW">{{ XX_server_url|e }}/snom{{ XX_device.model }}-{{ XX_mac }}-firmware.xml</firmware_status>
    <update_policy perm="RW">auto_update</update_policy>
{%- if admin_password %}
    <admin_mode_password perm="RW">{{ admin_password|e }}</admin_mode_password>
    <http_user perm="RW">{{ admin_username|d('admin')|e }}</http_user>
    <http_pass perm="RW">{{ admin_password|e }}</http_pass>
{%- endif %}
{%- if XX_lang %}
    <language perm="RW">{{ XX_lang|e }}</language>
    <web_language perm="RW">{{ XX_lang|e }}</web_language>
{%- endif %}
{%- if XX_tz %}
    <utc_offset perm="RW">{{ XX_tz.utc_offset }}</utc_offset>
{%- if XX_tz.dst %}
    <dst perm="RW">{{ XX_tz.dst }}</dst>
{%- else %}
    <dst perm="RW"></dst>
{%- endif %}
{%- endif %}
{%- if ntp_enabled and ntp_ip %}
    <ntp_server perm="RW">{{ ntp_ip }}</ntp_server>
{%- endif %}
{%- if dns_enabled and dns_ip %}
    <dns_server1 perm="RW">{{ dns_ip }}</dns_server1>
{%- endif %}
{%- if vlan_enabled and vlan_id %}
    <vlan_id perm="RW">{{ vlan_id }}</vlan_id>
    <vlan_qos perm="RW">{{ vlan_priority|d(0) }}</vlan_qos>
{%- if vlan_pc_port_id %}
    <vlan_pc_id perm="RW">{{ vlan_pc_port_id }}</vlan_pc_id>
{%- endif %}
{%- else %}
    <vlan_id perm="RW"></vlan_id>
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
    <syslog_server perm="RW">{{ syslog_ip }}:{{ syslog_port|d(514) }}</syslog_server>
{%- endif %}
{%- if XX_xivo_phonebook_url %}
    <dkey_directory perm="RW">url {{ XX_xivo_phonebook_url|e }}</dkey_directory>
{%- endif %}
{%- block model_settings %}{% endblock %}
{%- for line in XX_identities %}
    <user_active idx="{{ line.no }}" perm="RW">on</user_active>
    <user_realname idx="{{ line.no }}" perm="RW">{{ line.display_name|d(line.number)|e }}</user_realname>
    <user_name idx="{{ line.no }}" perm="RW">{{ line.username|e }}</user_name>
    <user_pname idx="{{ line.no }}" perm="RW">{{ line.auth_username|e }}</user_pname>
    <user_pass idx="{{ line.no }}" perm="RW">{{ line.password|e }}</user_pass>
    <user_host idx="{{ line.no }}" perm="RW">{{ line.XX_host|e }}</user_host>
{%- if line.outbound_proxy_ip %}
    <user_outbound idx="{{ line.no }}" perm="RW">{{ line.outbound_proxy_ip }}:{{ line.outbound_proxy_port|d(5060) }}</user_outbound>
{%- endif %}
{%- if line.voicemail %}
    <user_mailbox idx="{{ line.no }}" perm="RW">{{ line.voicemail|e }}</user_mailbox>
{%- endif %}
    <user_dtmf_info idx="{{ line.no }}" perm="RW">{{ line.XX_dtmf_info }}</user_dtmf_info>
    <user_srtp idx="{{ line.no }}" perm="RW">{{ 'on' if line.srtp_mode == 'preferred' or line.srtp_mode == 'required' else 'off' }}</user_srtp>
{%- endfor %}
  </phone-settings>
  <functionKeys e="2">
{%- for key in XX_keys %}
    <fkey idx="{{ key.idx }}" context="{{ key.context }}" label="{{ key.label|e }}" perm="RW">{{ key.value|e }}</fkey>
{%- endfor %}
  </functionKeys>
</settings>
