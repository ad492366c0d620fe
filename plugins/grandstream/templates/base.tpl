{#- Grandstream cfg<mac>.xml (Dialtone's own template, Grandstream's XML provisioning with P-values).
    Context: the raw config after the standard transforms and hooks.ts; see plugins/grandstream/README.md. -#}
<?xml version="1.0" encoding="UTF-8"?>
<!-- {{ XX_device.model|d('Grandstream') }} {{ XX_mac }}, written by Dialtone provd -->
<gs_provision version="1">
  <mac>{{ XX_mac }}</mac>
  <config version="1">
    <P212>1</P212>
    <P237>{{ XX_server_url_without_scheme|e }}</P237>
    <P192>{{ XX_server_url_without_scheme|e }}/firmware</P192>
{%- if admin_password %}
    <P2>{{ admin_password|e }}</P2>
{%- endif %}
{%- if user_password %}
    <P196>{{ user_password|e }}</P196>
{%- endif %}
{%- if XX_lang %}
    <P1362>{{ XX_lang }}</P1362>
{%- endif %}
{%- if XX_posix_tz %}
    <P64>customize</P64>
    <P246>{{ XX_posix_tz|e }}</P246>
{%- endif %}
{%- if ntp_enabled and ntp_ip %}
    <P30>{{ ntp_ip }}</P30>
{%- endif %}
{%- if vlan_enabled and vlan_id %}
    <P51>{{ vlan_id }}</P51>
    <P87>{{ vlan_priority|d(0) }}</P87>
{%- else %}
    <P51>0</P51>
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
    <P207>{{ syslog_ip }}</P207>
    <P208>{{ XX_syslog_level }}</P208>
{%- else %}
    <P208>0</P208>
{%- endif %}
{%- if XX_xivo_phonebook_url %}
    <P330>1</P330>
    <P331>{{ XX_xivo_phonebook_url|e }}</P331>
    <P332>60</P332>
{%- endif %}
    <P850>{{ XX_dtmf[0] }}</P850>
    <P851>{{ XX_dtmf[1] }}</P851>
    <P852>{{ XX_dtmf[2] }}</P852>
{%- block model_settings %}{% endblock %}
{%- for p in XX_accounts %}
    <{{ p[0] }}>{{ p[1]|e }}</{{ p[0] }}>
{%- endfor %}
{%- for p in XX_keys %}
    <{{ p[0] }}>{{ p[1]|e }}</{{ p[0] }}>
{%- endfor %}
  </config>
</gs_provision>
