# Panasonic SIP Phone Standard Format File # DO NOT CHANGE THIS LINE!
{#- Panasonic/Config<MAC>.cfg: Dialtone's own template of Panasonic's KEY="value" format (the first
    line is required as is). Values cannot hold a double quote: it becomes a single one. Context:
    the raw config after the standard transforms and hooks.ts (XX_lines, XX_buttons, XX_tz). #}
# {{ XX_device.model|d('Panasonic') }} {{ XX_mac }}, written by Dialtone provd

CFG_STANDARD_FILE_PATH="{{ XX_server_url }}/Panasonic/Config{MAC}.cfg"
CFG_RESYNC_FROM_SIP="check-sync"
{%- for line in XX_lines %}

## account {{ line.no }}
PHONE_NUMBER_{{ line.no }}="{{ line.number|d(line.username)|replace('"', "'") }}"
DISPLAY_NAME_{{ line.no }}="{{ line.display_name|d('')|replace('"', "'") }}"
SIP_URI_{{ line.no }}="{{ line.username|replace('"', "'") }}"
SIP_AUTHID_{{ line.no }}="{{ line.auth_username|d(line.username)|replace('"', "'") }}"
SIP_PASS_{{ line.no }}="{{ line.password|d('')|replace('"', "'") }}"
SIP_RGSTR_ADDR_{{ line.no }}="{{ line.registrar_ip|d(line.proxy_ip) }}"
SIP_RGSTR_PORT_{{ line.no }}="{{ line.registrar_port|d(line.proxy_port)|d(5060) }}"
SIP_PRXY_ADDR_{{ line.no }}="{{ line.proxy_ip }}"
SIP_PRXY_PORT_{{ line.no }}="{{ line.proxy_port|d(5060) }}"
SIP_SVCDOMAIN_{{ line.no }}="{{ line.proxy_ip }}"
{%- if line.outbound_proxy_ip %}
SIP_OUTPROXY_ADDR_{{ line.no }}="{{ line.outbound_proxy_ip }}"
SIP_OUTPROXY_PORT_{{ line.no }}="{{ line.outbound_proxy_port|d(5060) }}"
{%- endif %}
{%- if line.backup_proxy_ip %}
SIP_2ND_PRXY_ADDR_{{ line.no }}="{{ line.backup_proxy_ip }}"
SIP_2ND_PRXY_PORT_{{ line.no }}="{{ line.backup_proxy_port|d(5060) }}"
{%- endif %}
SIP_TRANSPORT_{{ line.no }}="{{ line.XX_transport }}"
DTMF_METHOD_{{ line.no }}="{{ line.XX_dtmf }}"
{%- if line.voicemail %}
VM_NUMBER_{{ line.no }}="{{ line.voicemail }}"
{%- endif %}
{%- endfor %}

## phone
{%- if admin_password %}
ADMIN_ID="{{ admin_username|d('admin')|replace('"', "'") }}"
ADMIN_PASS="{{ admin_password|replace('"', "'") }}"
{%- endif %}
{%- if user_password %}
USER_PASS="{{ user_password|replace('"', "'") }}"
{%- endif %}
{%- if XX_lang %}
DEFAULT_LANGUAGE="{{ XX_lang }}"
WEB_LANGUAGE="{{ XX_lang }}"
{%- endif %}
{%- if ntp_enabled and ntp_ip %}
NTP_ADDR="{{ ntp_ip }}"
{%- endif %}
{%- if XX_tz %}
TIME_ZONE="{{ XX_tz.offset }}"
{%- if XX_tz.start %}
DST_ENABLE="Y"
DST_OFFSET="{{ XX_tz.dst_offset }}"
DST_START_MONTH="{{ XX_tz.start.month }}"
DST_START_ORDINAL_DAY="{{ XX_tz.start.ordinal }}"
DST_START_DAY_OF_WEEK="{{ XX_tz.start.weekday }}"
DST_START_TIME="{{ XX_tz.start.minutes }}"
DST_STOP_MONTH="{{ XX_tz.end.month }}"
DST_STOP_ORDINAL_DAY="{{ XX_tz.end.ordinal }}"
DST_STOP_DAY_OF_WEEK="{{ XX_tz.end.weekday }}"
DST_STOP_TIME="{{ XX_tz.end.minutes }}"
{%- else %}
DST_ENABLE="N"
{%- endif %}
{%- endif %}
{%- if vlan_enabled and vlan_id %}
VLAN_ENABLE="Y"
VLAN_ID_IP_PHONE="{{ vlan_id }}"
VLAN_PRI_IP_PHONE="{{ vlan_priority|d(0) }}"
{%- if vlan_pc_port_id %}
VLAN_ID_PC="{{ vlan_pc_port_id }}"
{%- endif %}
{%- else %}
VLAN_ENABLE="N"
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
SYSLOG_ADDR="{{ syslog_ip }}"
SYSLOG_PORT="{{ syslog_port|d(514) }}"
{%- endif %}
{%- if XX_xivo_phonebook_url %}
XMLAPP_ENABLE="Y"
XMLAPP_LDAP_URL="{{ XX_xivo_phonebook_url }}"
{%- endif %}
{%- for b in XX_buttons %}
FLEX_BUTTON_FACILITY_ACT{{ b.no }}="{{ b.facility }}"
FLEX_BUTTON_FACILITY_ARG{{ b.no }}="{{ b.arg|replace('"', "'") }}"
FLEX_BUTTON_LABEL{{ b.no }}="{{ b.label|replace('"', "'") }}"
FLEX_BUTTON_LINE{{ b.no }}="{{ b.line }}"
{%- endfor %}
{%- block model_settings %}{% endblock %}
