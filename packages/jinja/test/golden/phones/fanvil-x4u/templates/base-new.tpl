<<VOIP CONFIG FILE>>Version:2.0002

<GLOBAL CONFIG MODULE>
Static IP          :
{% if dns_enabled -%}
Primary DNS        :{{ dns_ip }}
{% endif -%}
Enable VLAN        :{{ vlan_enabled|int }}
VLAN ID            :{{ vlan_id|d(0) }}
Enable Syslog      :{{ syslog_enabled|int }}
Syslog Address     :{{ syslog_ip|d('') }}
Syslog Port        :{{ syslog_port|d(514) }}
<LAN CONFIG MODULE>

<TELE CONFIG MODULE>
{% macro dst_change(suffix, value) -%}
{% set month, week, day, hour = value.split('.') -%}
DST {{ suffix }} Mon   :{{ month }}
DST {{ suffix }} Week  :{{ week }}
DST {{ suffix }} Wday  :{{ day|int % 7 }}
DST {{ suffix }} Hour  :{{ hour }}
{% endmacro -%}
{% if ntp_enabled -%}
SNTP Server        :{{ ntp_ip }}
Enable SNTP        :1
{% endif -%}
Time Zone          :{{ (XX_timezone.offset * 4)|int }}
Enable DST         :{{ XX_timezone.dst|int }}
{% if XX_timezone.dst -%}
{{ dst_change('Start', XX_dst.start) -}}
{{ dst_change('Stop', XX_dst.end) -}}
{% endif -%}
<DSS CONFIG MODULE>
{% block fkeys -%}
{% for fk_no, fk in funckeys.items() -%}
{% set prev = loop.previtem[1] if loop.previtem is defined else none -%}
--Fkey{{ fk_no }} Cfg--
Fkey{{ fk_no }} Type        :{{ {'speeddial': 1, 'blf': 2, 'park': 3}[fk.type] }}
Fkey{{ fk_no }} Value       :{{ fk.value }}@{{ fk.line }}/{{ 'f' if fk.type == 'blf' else 'c' }}
Fkey{{ fk_no }} Title       :{{ fk.label|d('') }}
{% if prev and prev.type != fk.type -%}
Fkey{{ fk_no }} Group       :{{ loop.index0 }}
{% endif -%}
{% endfor -%}
{% endblock -%}
<SIP CONFIG MODULE>
{% for line_no, line in sip_lines.items() -%}
--SIP Line List-- :
SIP{{ line_no }} Phone Number  :{{ line.number }}
SIP{{ line_no }} Display Name  :{{ line.display_name }}
SIP{{ line_no }} Register Addr :{{ line.registrar_ip }}
SIP{{ line_no }} Register Port :{{ line.registrar_port }}
SIP{{ line_no }} Register User :{{ line.auth_username }}
SIP{{ line_no }} Register Pswd :{{ line.password }}
SIP{{ line_no }} Enable Reg    :1
SIP{{ line_no }} MWI Num       :{{ line.voicemail|d('') }}
SIP{{ line_no }} DTMF Mode     :{{ {'RTP-in-band': 0, 'RTP-out-of-band': 1, 'SIP-INFO': 2}.get(sip_dtmf_mode, 1) }}
{% endfor -%}
{% include 'common/model.tpl' %}
<<END OF FILE>>
