{#- config.<mac>.xml of an ALE SIP DeskPhone: Dialtone's own template of ALE's XML settings format.
    Context: the raw config after the standard transforms and hooks.ts (XX_lines, XX_keys,
    XX_utc_offset); see README.md. -#}
<?xml version="1.0" encoding="UTF-8" ?>
<!-- {{ XX_device.model|d('ALE') }} {{ XX_mac }}, written by Dialtone provd -->
<settings>
{%- for line in XX_lines %}
    <setting id="Account{{ line.no }}Enable" value="true" />
    <setting id="Account{{ line.no }}UserName" value="{{ line.username|e }}" />
    <setting id="Account{{ line.no }}RegName" value="{{ line.auth_username|d(line.username)|e }}" />
    <setting id="Account{{ line.no }}Password" value="{{ line.password|d('')|e }}" />
    <setting id="Account{{ line.no }}DisplayName" value="{{ line.display_name|d('')|e }}" />
    <setting id="Account{{ line.no }}Label" value="{{ line.number|d(line.username)|e }}" />
    <setting id="Account{{ line.no }}Server1Address" value="{{ line.proxy_ip }}" />
    <setting id="Account{{ line.no }}Server1Port" value="{{ line.proxy_port|d(5060) }}" />
    <setting id="Account{{ line.no }}Server1Transport" value="{{ line.XX_transport }}" />
{%- if line.backup_proxy_ip %}
    <setting id="Account{{ line.no }}Server2Address" value="{{ line.backup_proxy_ip }}" />
    <setting id="Account{{ line.no }}Server2Port" value="{{ line.backup_proxy_port|d(5060) }}" />
{%- endif %}
{%- if line.outbound_proxy_ip %}
    <setting id="Account{{ line.no }}OutboundProxy1Address" value="{{ line.outbound_proxy_ip }}" />
    <setting id="Account{{ line.no }}OutboundProxy1Port" value="{{ line.outbound_proxy_port|d(5060) }}" />
{%- endif %}
    <setting id="Account{{ line.no }}DtmfMode" value="{{ line.XX_dtmf }}" />
{%- if line.voicemail %}
    <setting id="Account{{ line.no }}VmNumber" value="{{ line.voicemail|e }}" />
{%- endif %}
{%- endfor %}
    <setting id="DeviceProvisionServerUrl" value="{{ XX_server_url|e }}" />
    <setting id="DeviceProvisionFileFirst" value="config.$model.xml" />
    <setting id="DeviceProvisionFileSecond" value="config.$mac.xml" />
{%- if admin_password %}
    <setting id="DeviceSecurityAdminName" value="{{ admin_username|d('admin')|e }}" />
    <setting id="DeviceSecurityAdminPwd" value="{{ admin_password|e }}" />
{%- endif %}
{%- if user_password %}
    <setting id="DeviceSecurityUserName" value="{{ user_username|d('user')|e }}" />
    <setting id="DeviceSecurityUserPwd" value="{{ user_password|e }}" />
{%- endif %}
{%- if XX_lang %}
    <setting id="SettingLanguage" value="{{ XX_lang }}" />
{%- endif %}
{%- if dns_enabled and dns_ip %}
    <setting id="DeviceNetworkDns1" value="{{ dns_ip }}" />
{%- endif %}
{%- if vlan_enabled and vlan_id %}
    <setting id="DeviceNetworkLanVlanEnable" value="true" />
    <setting id="DeviceNetworkLanVlanNumber" value="{{ vlan_id }}" />
{%- if vlan_pc_port_id %}
    <setting id="DeviceNetworkPcVlanEnable" value="true" />
    <setting id="DeviceNetworkPcVlanNumber" value="{{ vlan_pc_port_id }}" />
{%- endif %}
{%- else %}
    <setting id="DeviceNetworkLanVlanEnable" value="false" />
{%- endif %}
{%- if XX_utc_offset %}
    <setting id="SettingTimeZone" value="{{ XX_utc_offset }}" />
    <setting id="SettingTimeZoneLocation" value="{{ timezone|e }}" />
    <setting id="SettingDstEnable" value="2" />
{%- endif %}
{%- if ntp_enabled and ntp_ip %}
    <setting id="SettingSntpServer" value="{{ ntp_ip }}" />
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
    <setting id="DeviceSyslogServer" value="{{ syslog_ip }}" />
{%- endif %}
{%- if XX_xivo_phonebook_url %}
    <setting id="RemotePhoneBookEnable" value="true" />
    <setting id="RemotePhoneBook1GroupName" value="Directory" />
    <setting id="RemotePhoneBook1Url" value="{{ XX_xivo_phonebook_url|e }}" />
{%- endif %}
{%- for key in XX_keys %}
    <setting id="ProgramKey{{ key.position }}Type" value="{{ key.type }}" />
    <setting id="ProgramKey{{ key.position }}Account" value="{{ key.account }}" />
    <setting id="ProgramKey{{ key.position }}Label" value="{{ key.label|e }}" />
    <setting id="ProgramKey{{ key.position }}Value" value="{{ key.value|e }}" />
{%- endfor %}
{%- block model_settings %}{% endblock %}
</settings>
