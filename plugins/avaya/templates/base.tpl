{#- <mac>.cfg of an Avaya J100 in Open SIP mode: Dialtone's own template of the 46xxsettings
    syntax (SET NAME value; values with spaces in double quotes). Context: the raw config after
    the standard transforms and hooks.ts (XX_line, XX_controller, XX_tz). -#}
## {{ XX_device.model|d('Avaya J100') }} {{ XX_mac }}, written by Dialtone provd
SET ENABLE_WEBSERVER 1
{%- if admin_password %}
SET FORCE_WEB_ADMIN_PASSWORD "{{ admin_password|replace('"', '') }}"
{%- endif %}
{%- if XX_controller %}
SET SIP_CONTROLLER_LIST {{ XX_controller }}
SET SIPDOMAIN {{ XX_line.proxy_ip }}
SET MWISRVR {{ XX_line.proxy_ip }}
{%- endif %}
{%- if XX_line %}
SET ENABLE_SIP_USER_ID 1
SET SIP_USER_ID "{{ XX_line.username|replace('"', '') }}"
SET FORCE_SIP_USERNAME "{{ XX_line.auth_username|d(XX_line.username)|replace('"', '') }}"
SET FORCE_SIP_PASSWORD "{{ XX_line.password|d('')|replace('"', '') }}"
SET FORCE_SIP_EXTENSION "{{ XX_line.number|d(XX_line.username)|replace('"', '') }}"
SET DISPLAY_NAME "{{ XX_line.display_name|d('')|replace('"', '') }}"
{%- if XX_line.voicemail %}
SET MSGNUM {{ XX_line.voicemail }}
{%- endif %}
{%- endif %}
{%- if ntp_enabled and ntp_ip %}
SET SNTPSRVR {{ ntp_ip }}
{%- endif %}
{%- if XX_tz %}
SET TIMEZONE {{ XX_tz.name }}
SET GMTOFFSET "{{ XX_tz.offset }}"
SET DAYLIGHT_SAVING_SETTING_MODE {{ XX_tz.mode }}
{%- if XX_tz.start %}
SET DSTOFFSET {{ XX_tz.save }}
SET DSTSTART {{ XX_tz.start }}
SET DSTSTOP {{ XX_tz.stop }}
{%- endif %}
{%- endif %}
{%- if vlan_enabled and vlan_id %}
SET L2Q 1
SET L2QVLAN {{ vlan_id }}
SET L2QAUD {{ vlan_priority|d(6) }}
SET L2QSIG {{ vlan_priority|d(6) }}
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
SET SYSLOG_ENABLED 1
SET LOGSRVR {{ syslog_ip }}
{%- endif %}
{%- block model_settings %}{% endblock %}
