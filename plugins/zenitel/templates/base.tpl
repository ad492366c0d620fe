; Zenitel IP station {{ XX_device.mac }}, written by Dialtone provd
{%- if XX_line %}
[sip]
 sip=true
 nick_name={{ XX_line.display_name or XX_line.username }}
 sip_id={{ XX_line.username }}
 domain={{ XX_line.proxy_ip or '' }}
 domain2={{ XX_line.backup_proxy_ip or '' }}
 auth_user={{ XX_line.auth_username }}
 auth_pwd={{ XX_line.password }}
{%- for key in XX_speeddials %}
 speeddial_{{ key.no }}_c1={{ key.value }}
{%- endfor %}
{%- endif %}
