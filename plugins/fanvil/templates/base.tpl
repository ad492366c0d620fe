{#- Fanvil <mac>.cfg (Dialtone's own template, Fanvil's text configuration format: modules of
    "Name :value" lines). Context: the raw config after the standard transforms and hooks.ts. -#}
<<VOIP CONFIG FILE>>Version:2.0000000000
# {{ XX_device.model|d('Fanvil') }} {{ XX_mac }}, written by Dialtone provd

<GLOBAL CONFIG MODULE>
{%- if ntp_enabled and ntp_ip %}
Enable SNTP        :1
SNTP Server        :{{ ntp_ip }}
{%- endif %}
{%- if XX_tz %}
Time Zone          :{{ XX_tz.zone }}
Time Zone Name     :{{ XX_tz.name }}
Enable DST         :{{ XX_tz.dst }}
{%- if XX_tz.dst == '1' %}
DST Fixed Type     :{{ XX_tz.fixed }}
DST Min Offset     :{{ XX_tz.offset }}
DST Start Mon      :{{ XX_tz.start.mon }}
DST Start Week     :{{ XX_tz.start.week }}
DST Start Wday     :{{ XX_tz.start.wday }}
DST Start Hour     :{{ XX_tz.start.hour }}
DST End Mon        :{{ XX_tz.end.mon }}
DST End Week       :{{ XX_tz.end.week }}
DST End Wday       :{{ XX_tz.end.wday }}
DST End Hour       :{{ XX_tz.end.hour }}
{%- endif %}
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
Enable Syslog      :1
Syslog address     :{{ syslog_ip }}
Syslog port        :{{ syslog_port|d(514) }}
{%- endif %}
{%- if vlan_enabled and vlan_id %}
Enable VLAN        :1
VLAN ID            :{{ vlan_id }}
VLAN Priority      :{{ vlan_priority|d(0) }}
{%- endif %}

<LAN CONFIG MODULE>
{%- if dns_enabled and dns_ip %}
Primary DNS        :{{ dns_ip }}
{%- endif %}

<MMI CONFIG MODULE>
{%- if XX_lang %}
Language           :{{ XX_lang }}
{%- endif %}
{%- if admin_password %}
--Web Account--    :
Web User           :{{ admin_username|d('admin') }}
Web Password       :{{ admin_password }}
Web Authority      :0
{%- endif %}

<SIP CONFIG MODULE>
--SIP Line List--  :
{%- for line in XX_lines %}
SIP{{ line.no }} Phone Number  :{{ line.number|d(line.username) }}
SIP{{ line.no }} Display Name  :{{ line.display_name|d(line.number) }}
SIP{{ line.no }} Register Addr :{{ line.proxy_ip }}
SIP{{ line.no }} Register Port :{{ line.proxy_port|d(5060) }}
SIP{{ line.no }} Register User :{{ line.auth_username }}
SIP{{ line.no }} Register Pswd :{{ line.password }}
SIP{{ line.no }} Register TTL  :3600
SIP{{ line.no }} Enable Reg    :1
{%- if line.backup_proxy_ip %}
SIP{{ line.no }} Backup Addr   :{{ line.backup_proxy_ip }}
SIP{{ line.no }} Backup Port   :{{ line.backup_proxy_port|d(5060) }}
{%- endif %}
{%- if line.outbound_proxy_ip %}
SIP{{ line.no }} Proxy Addr    :{{ line.outbound_proxy_ip }}
SIP{{ line.no }} Proxy Port    :{{ line.outbound_proxy_port|d(5060) }}
{%- endif %}
SIP{{ line.no }} Transport     :{{ line.XX_transport }}
SIP{{ line.no }} DTMF Mode     :{{ line.XX_dtmf }}
{%- if line.voicemail %}
SIP{{ line.no }} MWI Num       :{{ line.voicemail }}
{%- endif %}
{%- endfor %}
{%- if XX_xivo_phonebook_url %}

<XML PHONEBOOK CONFIG MODULE>
Xml Phonebook1 Name :Directory
Xml Phonebook1 Addr :{{ XX_xivo_phonebook_url }}
{%- endif %}

<DSS CONFIG MODULE>
{%- for key in XX_keys %}
Fkey{{ key.no }} Type          :{{ key.type }}
Fkey{{ key.no }} Value         :{{ key.value }}
Fkey{{ key.no }} Title         :{{ key.title }}
{%- endfor %}
{%- if XX_capabilities.firmware %}

<AUTOUPDATE CONFIG MODULE>
Firmware Server Path :{{ XX_server_url }}/firmware/{{ XX_capabilities.firmware }}
{%- endif %}
<<END OF FILE>>
