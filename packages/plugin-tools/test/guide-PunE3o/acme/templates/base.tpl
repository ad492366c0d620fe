# Acme configuration for {{ XX_mac }}
{%- for line in XX_sip_lines %}
{%- if line.no <= (XX_capabilities.lines or 99) %}
line{{ line.no }}.user = {{ line.username }}
line{{ line.no }}.auth = {{ line.auth_username }}
line{{ line.no }}.password = {{ line.password }}
line{{ line.no }}.display = {{ line.display_name }}
line{{ line.no }}.server = {{ line.proxy_ip }}:{{ line.proxy_port or 5060 }}
{%- endif %}
{%- endfor %}
{%- for key in XX_funckeys %}
key{{ key.no }} = {{ key.type }},{{ key.value }},{{ key.label or key.value }},{{ key.line }}
{%- endfor %}
{%- if XX_locale %}
language = {{ XX_language }}
{%- endif %}
{%- if XX_timezone %}
tz.offset = {{ XX_timezone.utcoffset.as_minutes }}
{%- endif %}
provisioning.url = {{ XX_server_url }}/acme/
