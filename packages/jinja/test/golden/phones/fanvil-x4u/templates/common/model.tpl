<MMI CONFIG MODULE>
Web Server Type    :0
Web Authentication :{{ admin_username }}:{{ admin_password }}:0
{% for key, value in XX_options|dictsort -%}
Option {{ key|capitalize }} :{{ value }}
{% endfor -%}
