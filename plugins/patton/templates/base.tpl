#----------------------------------------------------------------#
# Patton SmartNode {{ XX_device.model or '' }} {{ XX_mac }}
# Written by Dialtone provd: changes made on the gateway are lost
# at the next provisioning.
#----------------------------------------------------------------#

cli version 3.20
{%- if admin_password %}
administrator {{ admin_username or 'administrator' }} password {{ admin_password }}
{%- endif %}
{%- if XX_tz %}
clock local default-offset {{ XX_tz.offset }}
{%- if XX_tz.dst %}
clock local dst-rule DST {{ XX_tz.dst.offset }} from {{ XX_tz.dst.start }} until {{ XX_tz.dst.end }}
{%- endif %}
{%- endif %}
{%- if dns_enabled and dns_ip %}
dns-client server {{ dns_ip }}
{%- endif %}
{%- if ntp_enabled and ntp_ip %}

sntp-client
sntp-client server primary {{ ntp_ip }} port 123 version 4
{%- endif %}
{%- if syslog_enabled and syslog_ip %}

syslog-client
  remote 1 {{ syslog_ip }} {{ syslog_port or 514 }}
    facility sip-gateway severity {{ XX_syslog_severity }}
{%- endif %}

profile voip default
  codec 1 g711alaw64k rx-length 20 tx-length 20
  codec 2 g711ulaw64k rx-length 20 tx-length 20
  dtmf-relay {{ XX_dtmf_relay }}

profile provisioning PF_PROVISIONING_CONFIG
  destination configuration
  location 1 {{ XX_server_url }}/$(system.mac).cfg
  activation reload graceful

context ip router
  interface eth0
    ipaddress dhcp
{%- if vlan_enabled and vlan_id %}
    vlan {{ vlan_id }}{% if vlan_priority %} priority {{ vlan_priority }}{% endif %}
{%- endif %}

context cs switch
  routing-table called-e164 RT_TO_FXS
{%- for p in XX_ports %}
    route {{ p.username }} dest-interface IF_FXS_{{ p.port }}
{%- endfor %}

  interface sip IF_SIP
    bind context sip-gateway GW_SIP
    route call dest-table RT_TO_FXS
{%- for s in XX_servers[:1] %}
    remote {{ s.host }} {{ s.port }}
{%- endfor %}
{%- for p in XX_ports %}

  interface fxs IF_FXS_{{ p.port }}
    route call dest-interface IF_SIP
    subscriber-number {{ p.username }}
{%- if p.display_name %}
    caller-name "{{ p.display_name }}"
{%- endif %}
{%- endfor %}

authentication-service AUTH_SVC
{%- for p in XX_ports %}
  username {{ p.auth_username }} password {{ p.password }}
{%- endfor %}

location-service LOC_SVC
{%- for s in XX_servers %}
  domain {{ s.id }} {{ s.host }} {{ s.port }}
{%- endfor %}
{%- for p in XX_ports %}

  identity {{ p.username }}
    authentication outbound
      authenticate 1 authentication-service AUTH_SVC username {{ p.auth_username }}
    registration outbound
{%- for id in p.servers %}
{%- for s in XX_servers if s.id == id %}
      registrar {{ s.host }} {{ s.port }}
{%- endfor %}
{%- endfor %}
      lifetime 300
{%- endfor %}

context sip-gateway GW_SIP
  interface LAN
    transport-protocol {{ XX_transport }} 5060
    bind interface eth0 context router port 5060
  bind location-service LOC_SVC
  no shutdown
{%- for p in XX_ports %}

port fxs 0 {{ p.port }}
  encapsulation cc-fxs
  bind interface switch IF_FXS_{{ p.port }}
  no shutdown
{%- endfor %}
