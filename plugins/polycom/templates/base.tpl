{#- Polycom UC Software <mac>-user.cfg (Dialtone's own template, Polycom's XML parameter format).
    Context: the raw config after the standard transforms and hooks.ts; see plugins/polycom/README.md. -#}
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- {{ XX_device.model|d('Polycom') }} {{ XX_mac }}, written by Dialtone provd -->
<PHONE_CONFIG>
  <DEVICE
    device.set="1"
{%- if provisioning_username %}
    {#- per-device provisioning credentials (provd's http.device_credentials) #}
    device.prov.user.set="1"
    device.prov.user="{{ provisioning_username|e }}"
    device.prov.password.set="1"
    device.prov.password="{{ provisioning_password|e }}"
{%- endif %}
{%- if admin_password %}
    device.auth.localAdminPassword.set="1"
    device.auth.localAdminPassword="{{ admin_password|e }}"
{%- endif %}
{%- if user_password %}
    device.auth.localUserPassword.set="1"
    device.auth.localUserPassword="{{ user_password|e }}"
{%- endif %}
{%- if vlan_enabled and vlan_id %}
    device.net.vlanId.set="1"
    device.net.vlanId="{{ vlan_id }}"
{%- endif %}
{%- if dns_enabled and dns_ip %}
    device.dns.serverAddress.set="1"
    device.dns.serverAddress="{{ dns_ip }}"
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
    device.syslog.serverName.set="1"
    device.syslog.serverName="{{ syslog_ip }}"
    device.syslog.transport.set="1"
    device.syslog.transport="UDP"
    device.syslog.renderLevel.set="1"
    device.syslog.renderLevel="{{ XX_syslog_level }}"
{%- endif %}
  />
  <SETTINGS
{%- if XX_lang %}
    lcl.ml.lang="{{ XX_lang }}"
{%- endif %}
{%- for setting in XX_tz_settings %}
    {{ setting[0] }}="{{ setting[1] }}"
{%- endfor %}
{%- if ntp_enabled and ntp_ip %}
    tcpIpApp.sntp.address="{{ ntp_ip }}"
{%- endif %}
{%- if vlan_enabled and vlan_priority is defined %}
    qos.ethernet.other.user_priority="{{ vlan_priority }}"
{%- endif %}
{%- if sip_dtmf_mode == 'SIP-INFO' %}
    tone.dtmf.viaRtp="0"
    voIpProt.SIP.dtmfViaSignaling.rfc2976="1"
{%- elif sip_dtmf_mode == 'RTP-in-band' %}
    tone.dtmf.viaRtp="1"
    tone.dtmf.rfc2833="0"
{%- elif sip_dtmf_mode == 'RTP-out-of-band' %}
    tone.dtmf.viaRtp="1"
    tone.dtmf.rfc2833="1"
{%- endif %}
{%- if sip_srtp_mode == 'preferred' or sip_srtp_mode == 'required' %}
    sec.srtp.enable="1"
    sec.srtp.offer="1"
    sec.srtp.require="{{ '1' if sip_srtp_mode == 'required' else '0' }}"
{%- endif %}
{%- if XX_xivo_phonebook_url %}
    mb.main.home="{{ XX_xivo_phonebook_url|e }}"
{%- endif %}
{%- block model_settings %}{% endblock %}
  />
  <REGISTRATIONS
{%- for line in XX_regs %}
    reg.{{ line.no }}.displayName="{{ line.display_name|d(line.number)|e }}"
    reg.{{ line.no }}.label="{{ line.number|d(line.username)|e }}"
    reg.{{ line.no }}.address="{{ line.username|e }}"
    reg.{{ line.no }}.auth.userId="{{ line.auth_username|e }}"
    reg.{{ line.no }}.auth.password="{{ line.password|e }}"
    reg.{{ line.no }}.server.1.address="{{ line.proxy_ip }}"
    reg.{{ line.no }}.server.1.port="{{ line.proxy_port|d(5060) }}"
    reg.{{ line.no }}.server.1.transport="{{ XX_transport }}"
{%- if line.backup_proxy_ip %}
    reg.{{ line.no }}.server.2.address="{{ line.backup_proxy_ip }}"
    reg.{{ line.no }}.server.2.port="{{ line.backup_proxy_port|d(5060) }}"
    reg.{{ line.no }}.server.2.transport="{{ XX_transport }}"
{%- endif %}
{%- if line.outbound_proxy_ip %}
    reg.{{ line.no }}.outboundProxy.address="{{ line.outbound_proxy_ip }}"
    reg.{{ line.no }}.outboundProxy.port="{{ line.outbound_proxy_port|d(5060) }}"
{%- endif %}
{%- if line.voicemail %}
    msg.mwi.{{ line.no }}.subscribe="{{ line.username|e }}"
    msg.mwi.{{ line.no }}.callBackMode="contact"
    msg.mwi.{{ line.no }}.callBack="{{ line.voicemail|e }}"
{%- endif %}
{%- endfor %}
  />
  <ATTENDANT
{%- if XX_resources %}
    attendant.reg="1"
{%- endif %}
{%- for res in XX_resources %}
    attendant.resourceList.{{ res.index }}.address="{{ res.address|e }}"
    attendant.resourceList.{{ res.index }}.label="{{ res.label|e }}"
    attendant.resourceList.{{ res.index }}.type="{{ res.type }}"
{%- endfor %}
  />
</PHONE_CONFIG>
