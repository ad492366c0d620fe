{% extends 'base.tpl' %}

{%- block setting_file -%}
snom-D785-{{ XX_uuid[:8] }}.htm
{%- endblock -%}

{% block model_specific_parameters %}
    <display_method perm="R">display_name_number</display_method>
    <ringer_headset_device perm="R">headset</ringer_headset_device>
    <backlight_idle perm="R">{{ (XX_options.backlight / 6)|round|int }}</backlight_idle>
    <volume perm="R">{{ "%.2f"|format(XX_options.volume) }}</volume>
    <dkey_directory perm="R">url http://{{ X_xivo_phonebook_ip }}:9498/0.1/directories/input/default/snom?xivo_user_uuid={{ XX_uuid|urlencode }}</dkey_directory>
    <expansion_modules perm="R">{{ [(funckeys|length / 18)|round(0, 'ceil')|int, 3]|min }}</expansion_modules>
{%- endblock %}
