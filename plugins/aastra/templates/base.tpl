{#- Aastra/Mitel <MAC>.cfg (Dialtone's own template, Aastra's "name: value" configuration format).
    Context: the raw config after the standard transforms and hooks.ts; see plugins/aastra/README.md. -#}
# {{ XX_device.model|d('Aastra') }} {{ XX_mac }}, written by Dialtone provd
{%- if admin_password %}
admin password: {{ admin_password }}
{%- endif %}
{%- if user_password %}
user password: {{ user_password }}
{%- endif %}
{%- if XX_lang %}
language 1: {{ XX_lang }}
language: 1
{%- endif %}
{%- for s in XX_tz %}
{{ s[0] }}: {{ s[1] }}
{%- endfor %}
{%- if ntp_enabled and ntp_ip %}
time server disabled: 0
time server1: {{ ntp_ip }}
{%- endif %}
{%- if dns_enabled and dns_ip %}
dns1: {{ dns_ip }}
{%- endif %}
{%- if vlan_enabled and vlan_id %}
tagging enabled: 1
vlan id: {{ vlan_id }}
priority non-ip: {{ vlan_priority|d(0) }}
{%- else %}
tagging enabled: 0
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
log server ip: {{ syslog_ip }}
log server port: {{ syslog_port|d(514) }}
{%- endif %}
{%- if XX_xivo_phonebook_url %}
directory script: {{ XX_xivo_phonebook_url }}
{%- endif %}
{%- if XX_capabilities.firmware %}
auto resync mode: 3
firmware server: {{ XX_server_url }}/firmware
{%- endif %}
{%- block model_settings %}{% endblock %}
{%- for line in XX_lines %}

sip line{{ line.no }} auth name: {{ line.auth_username }}
sip line{{ line.no }} password: {{ line.password }}
sip line{{ line.no }} user name: {{ line.username }}
sip line{{ line.no }} display name: {{ line.display_name|d(line.number) }}
sip line{{ line.no }} screen name: {{ line.display_name|d(line.number) }}
sip line{{ line.no }} proxy ip: {{ line.proxy_ip }}
sip line{{ line.no }} proxy port: {{ line.proxy_port|d(5060) }}
sip line{{ line.no }} registrar ip: {{ line.registrar_ip|d(line.proxy_ip) }}
sip line{{ line.no }} registrar port: {{ line.registrar_port|d(line.proxy_port)|d(5060) }}
{%- if line.backup_proxy_ip %}
sip line{{ line.no }} backup proxy ip: {{ line.backup_proxy_ip }}
sip line{{ line.no }} backup proxy port: {{ line.backup_proxy_port|d(5060) }}
{%- endif %}
{%- if line.outbound_proxy_ip %}
sip line{{ line.no }} outbound proxy: {{ line.outbound_proxy_ip }}
sip line{{ line.no }} outbound proxy port: {{ line.outbound_proxy_port|d(5060) }}
{%- endif %}
sip line{{ line.no }} transport protocol: {{ line.XX_transport }}
{%- if line.voicemail %}
sip line{{ line.no }} vmail: {{ line.voicemail }}
{%- endif %}
{%- endfor %}
{%- if XX_keys %}
{% endif %}
{%- for s in XX_keys %}
{{ s[0] }}: {{ s[1] }}
{%- endfor %}
