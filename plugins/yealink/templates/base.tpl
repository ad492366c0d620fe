{#- Yealink <mac>.cfg (Dialtone's own template, Yealink's "key = value" configuration format).
    Context: the raw config after the standard transforms and hooks.ts; see plugins/yealink/README.md. -#}
#!version:1.0.0.1
## {{ XX_device.model|d('Yealink') }} {{ XX_mac }}, written by Dialtone provd
static.auto_provision.server.url = {{ XX_server_url }}/
{%- if provisioning_username %}
{#- per-device provisioning credentials (provd's http.device_credentials) #}
static.auto_provision.server.username = {{ provisioning_username }}
static.auto_provision.server.password = {{ provisioning_password }}
{%- endif %}
{%- if XX_capabilities.firmware %}
static.firmware.url = {{ XX_server_url }}/firmware/{{ XX_capabilities.firmware }}
{%- endif %}
{%- if admin_password %}
static.security.user_password = {{ admin_username|d('admin') }}:{{ admin_password }}
{%- endif %}
{%- if user_password %}
static.security.user_password = {{ user_username|d('user') }}:{{ user_password }}
{%- endif %}
{%- if XX_lang %}
lang.gui = {{ XX_lang }}
lang.wui = {{ XX_lang }}
{%- endif %}
{%- if XX_tone_country %}
voice.tone.country = {{ XX_tone_country }}
{%- endif %}
{%- for setting in XX_tz_settings %}
{{ setting[0] }} = {{ setting[1] }}
{%- endfor %}
{%- if ntp_enabled and ntp_ip %}
local_time.manual_ntp_srv_prior = 1
local_time.ntp_server1 = {{ ntp_ip }}
{%- endif %}
{%- if dns_enabled and dns_ip %}
static.network.primary_dns = {{ dns_ip }}
{%- endif %}
{%- if vlan_enabled and vlan_id %}
static.network.vlan.internet_port_enable = 1
static.network.vlan.internet_port_vid = {{ vlan_id }}
static.network.vlan.internet_port_priority = {{ vlan_priority|d(0) }}
{%- if vlan_pc_port_id %}
static.network.vlan.pc_port_enable = 1
static.network.vlan.pc_port_vid = {{ vlan_pc_port_id }}
{%- endif %}
{%- else %}
static.network.vlan.internet_port_enable = 0
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
static.syslog.enable = 1
static.syslog.server = {{ syslog_ip }}
static.syslog.server_port = {{ syslog_port|d(514) }}
static.syslog.level = {{ XX_syslog_level }}
{%- else %}
static.syslog.enable = 0
{%- endif %}
{%- if XX_xivo_phonebook_url %}
remote_phonebook.data.1.name = Directory
remote_phonebook.data.1.url = {{ XX_xivo_phonebook_url }}
features.remote_phonebook.enable = 1
{%- endif %}
{%- block model_settings %}{% endblock %}
{%- for line in XX_accounts %}

account.{{ line.no }}.enable = 1
account.{{ line.no }}.label = {{ line.number|d(line.username) }}
account.{{ line.no }}.display_name = {{ line.display_name|d(line.number) }}
account.{{ line.no }}.auth_name = {{ line.auth_username }}
account.{{ line.no }}.user_name = {{ line.username }}
account.{{ line.no }}.password = {{ line.password }}
account.{{ line.no }}.sip_server.1.address = {{ line.proxy_ip }}
account.{{ line.no }}.sip_server.1.port = {{ line.proxy_port|d(5060) }}
account.{{ line.no }}.sip_server.1.transport_type = {{ line.XX_transport }}
{%- if line.backup_proxy_ip %}
account.{{ line.no }}.sip_server.2.address = {{ line.backup_proxy_ip }}
account.{{ line.no }}.sip_server.2.port = {{ line.backup_proxy_port|d(5060) }}
account.{{ line.no }}.sip_server.2.transport_type = {{ line.XX_transport }}
{%- endif %}
{%- if line.outbound_proxy_ip %}
account.{{ line.no }}.outbound_proxy_enable = 1
account.{{ line.no }}.outbound_proxy.1.address = {{ line.outbound_proxy_ip }}
account.{{ line.no }}.outbound_proxy.1.port = {{ line.outbound_proxy_port|d(5060) }}
{%- endif %}
{%- if line.XX_dtmf %}
account.{{ line.no }}.dtmf.type = {{ line.XX_dtmf }}
{%- endif %}
account.{{ line.no }}.srtp_encryption = {{ line.XX_srtp }}
{%- if line.voicemail %}
voice_mail.number.{{ line.no }} = {{ line.voicemail }}
{%- endif %}
{%- endfor %}
{%- if XX_keys %}
{% endif %}
{%- for key in XX_keys %}
{{ key.prefix }}.type = {{ key.type }}
{{ key.prefix }}.line = {{ key.line }}
{{ key.prefix }}.value = {{ key.value }}
{{ key.prefix }}.label = {{ key.label }}
{%- if key.extension %}
{{ key.prefix }}.extension = {{ key.extension }}
{%- endif %}
{%- endfor %}
