#!version:1.0.0.1
{#- Yealink-style configuration: admin overrides in var/templates come first. #}

##########################################################################
##                        Network                                       ##
##########################################################################
{% if dns_enabled -%}
static.network.primary_dns = {{ dns_ip }}
{% else -%}
static.network.primary_dns =
{% endif -%}
{% if vlan_enabled -%}
static.network.vlan.internet_port_enable = 1
static.network.vlan.internet_port_vid = {{ vlan_id }}
static.network.vlan.internet_port_priority = {{ vlan_priority|d('0') }}
{% if vlan_pc_port_id is not none -%}
static.network.vlan.pc_port_enable = 1
static.network.vlan.pc_port_vid = {{ vlan_pc_port_id }}
{% else -%}
static.network.vlan.pc_port_enable = 0
{% endif -%}
{% else -%}
static.network.vlan.internet_port_enable = 0
{% endif -%}
{% if syslog_enabled -%}
static.syslog.enable = 1
static.syslog.server = {{ syslog_ip }}
static.syslog.server_port = {{ syslog_port }}
static.syslog.log_level = {{ {'critical': 2, 'error': 3, 'warning': 4, 'info': 6, 'debug': 7}[syslog_level] }}
{% else -%}
static.syslog.enable = 0
{% endif %}

##########################################################################
##                        Time                                          ##
##########################################################################
{% if ntp_enabled -%}
local_time.ntp_server1 = {{ ntp_ip }}
local_time.interval = 1000
{% endif -%}
local_time.time_zone = {{ '%+d'|format(XX_timezone.offset|int) }}
local_time.time_zone_name = {{ XX_timezone.name }}
local_time.summer_time = {{ XX_timezone.dst|int }}
{% block upgrade_rule %}
static.auto_provision.server.url = http://{{ ip }}:{{ http_port }}/
{% endblock %}

##########################################################################
##                        Accounts                                      ##
##########################################################################
{% for line_no, line in sip_lines.items() -%}
account.{{ line_no }}.enable = 1
account.{{ line_no }}.label = {{ line.display_name }}
account.{{ line_no }}.display_name = {{ line.display_name }}
account.{{ line_no }}.auth_name = {{ line.auth_username }}
account.{{ line_no }}.user_name = {{ line.username }}
account.{{ line_no }}.password = {{ line.password }}
account.{{ line_no }}.sip_server.1.address = {{ line.proxy_ip }}
account.{{ line_no }}.sip_server.1.port = {{ line.proxy_port }}
{% if line.backup_proxy_ip -%}
account.{{ line_no }}.sip_server.2.address = {{ line.backup_proxy_ip }}
account.{{ line_no }}.sip_server.2.port = {{ line.backup_proxy_port }}
{% endif -%}
account.{{ line_no }}.dtmf.type = {{ {'RTP-in-band': 0, 'RTP-out-of-band': 1, 'SIP-INFO': 2}[sip_dtmf_mode]|d(1) }}
account.{{ line_no }}.srtp_encryption = {{ {'disabled': 0, 'preferred': 1, 'required': 2}.get(sip_srtp_mode, 0) }}
account.{{ line_no }}.transport = {{ {'udp': 0, 'tcp': 1, 'tls': 2}[sip_transport] }}
account.{{ line_no }}.subscribe_mwi = {{ sip_subscribe_mwi|int }}
voice_mail.number.{{ line_no }} = {{ line.voicemail|d(exten_voicemail) }}
{% endfor %}

##########################################################################
##                        Features                                      ##
##########################################################################
features.dnd.feature_code = {{ exten_dnd }}
features.pickup.direct_pickup_code = {{ exten_pickup_call }}
features.fwd.always.on_code = {{ exten_fwd_unconditional }}
phone_setting.backlight_time = {{ XX_options.backlight }}
phone_setting.ring_type = {{ XX_options.ringtone }}
phone_setting.volume = {{ (XX_options.volume * 100)|int }}
lang.gui = {{ XX_lang[0] }}
lang.wui = {{ XX_lang[0] }}
{% if X_xivo_phonebook_ip -%}
remote_phonebook.data.1.url = http://{{ X_xivo_phonebook_ip }}:9498/0.1/directories/lookup/default/yealink?xivo_user_uuid={{ XX_uuid }}
remote_phonebook.data.1.name = Wazo
{% endif %}
{% block model_specific_parameters %}{% endblock %}
static.security.user_name.admin = {{ admin_username }}
static.security.user_password = {{ admin_username }}:{{ admin_password }}
{% if user_password -%}
static.security.user_password = {{ user_username }}:{{ user_password }}
{% endif -%}
# end of configuration
