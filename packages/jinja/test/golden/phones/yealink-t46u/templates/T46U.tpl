{% extends 'base.tpl' -%}

{% block upgrade_rule -%}
{{ super() -}}
static.firmware.url = http://{{ ip }}:{{ http_port }}/firmware/T46U-108.86.0.20.rom
{% endblock %}

{% block model_specific_parameters -%}
{% include 'common/fkeys.tpl' %}
{%- for line_no, line in sip_lines.items() if line.number %}
account.{{ line_no }}.number = {{ line.number }}
{%- endfor %}
{% endblock %}
