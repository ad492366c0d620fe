<?xml version="1.0" encoding="utf-8"?>
<settings>
  <phone-settings e="2">
    <language perm="R">{{ XX_lang[0]|e }}</language>
    <web_language perm="R">{{ XX_lang[0]|e }}</web_language>
    <timezone perm="R">{{ XX_timezone.name|e }}</timezone>
    <http_user perm="R">{{ admin_username|e }}</http_user>
    <http_pass perm="R">{{ admin_password|e }}</http_pass>
    {%- if ntp_enabled %}
    <ntp_server perm="R">{{ ntp_ip|e }}</ntp_server>
    {%- endif %}
    {%- if dns_enabled %}
    <dns_server1 perm="R">{{ dns_ip }}</dns_server1>
    {%- endif %}
    {%- if vlan_enabled %}
    <vlan_id perm="R">{{ vlan_id }}</vlan_id>
    <vlan_qos perm="R">{{ vlan_priority|d(0) }}</vlan_qos>
    {%- endif %}
    {%- if syslog_enabled %}
    <syslog_server perm="R">{{ syslog_ip }}:{{ syslog_port }}</syslog_server>
    {%- endif %}
    <setting_server perm="R">http://{{ ip }}:{{ http_port }}/{% block setting_file %}snom.htm{% endblock %}</setting_server>
    {%- for line_no, line in sip_lines.items() %}
    <user_active idx="{{ line_no }}" perm="R">on</user_active>
    <user_realname idx="{{ line_no }}" perm="R">{{ line.display_name|e }}</user_realname>
    <user_name idx="{{ line_no }}" perm="R">{{ line.username|e }}</user_name>
    <user_pname idx="{{ line_no }}" perm="R">{{ line.auth_username|e }}</user_pname>
    <user_pass idx="{{ line_no }}" perm="R">{{ line.password|e }}</user_pass>
    <user_host idx="{{ line_no }}" perm="R">{{ line.proxy_ip }}:{{ line.proxy_port }}</user_host>
    <user_mailbox idx="{{ line_no }}" perm="R">{{ line.voicemail|d(exten_voicemail)|e }}</user_mailbox>
    <user_dtmf_info idx="{{ line_no }}" perm="R">{{ 'sip_info_only' if sip_dtmf_mode == 'SIP-INFO' else 'off' }}</user_dtmf_info>
    <user_srtp idx="{{ line_no }}" perm="R">{{ 'on' if sip_srtp_mode != 'disabled' else 'off' }}</user_srtp>
    <user_outbound idx="{{ line_no }}" perm="R">{{ sip_outbound_proxy_ip|d('', true) }}</user_outbound>
    {%- endfor %}
    {%- block model_specific_parameters %}{% endblock %}
  </phone-settings>
  <functionKeys e="2">
    {%- for fk_no, fk in funckeys.items()|sort(attribute='0') %}
    {%- set idx = (fk_no|int) - 1 %}
    {%- if fk.type == 'speeddial' %}
    <fkey idx="{{ idx }}" context="{{ fk.line }}" label="{{ fk.label|d('')|e }}" perm="R">speed {{ fk.value|e }}</fkey>
    {%- elif fk.type == 'blf' %}
    <fkey idx="{{ idx }}" context="{{ fk.line }}" label="{{ fk.label|d('')|e }}" perm="R">blf &lt;sip:{{ fk.value }}@{{ ip }}&gt;|{{ exten_pickup_call }}</fkey>
    {%- elif fk.type == 'park' %}
    <fkey idx="{{ idx }}" context="{{ fk.line }}" label="{{ fk.label|d('')|e }}" perm="R">orbit {{ fk.value }}</fkey>
    {%- else %}
    <fkey idx="{{ idx }}" context="active" perm="R">none</fkey>
    {%- endif %}
    {%- endfor %}
  </functionKeys>
</settings>
