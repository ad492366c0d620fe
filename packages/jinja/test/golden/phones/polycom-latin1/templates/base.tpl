<?xml version="1.0" standalone="yes"?>
<!-- Modèle généré pour Wazo : paramètres de base (fichier encodé en latin-1) -->
<PHONE_CONFIG>
  <ALL
    device.set="1"
    device.sntp.serverName="{{ ntp_ip if ntp_enabled else '' }}"
    device.sntp.gmtOffset="{{ (XX_timezone.offset * 3600)|int }}"
    device.prov.serverName="{{ ip }}:{{ http_port }}"
    lcl.ml.lang="{{ XX_lang[1]|replace('_', '-') }}"
    tcpIpApp.sntp.daylightSavings.enable="{{ XX_timezone.dst|int }}"
{%- for line_no, line in sip_lines.items() %}
    reg.{{ line_no }}.displayName="{{ line.display_name|e }}"
    reg.{{ line_no }}.address="{{ line.username|e }}"
    reg.{{ line_no }}.auth.userId="{{ line.auth_username|e }}"
    reg.{{ line_no }}.auth.password="{{ line.password|e }}"
    reg.{{ line_no }}.label="Ligne {{ line_no }} - {{ line.number }}"
    reg.{{ line_no }}.server.1.address="{{ line.registrar_ip }}"
    reg.{{ line_no }}.server.1.port="{{ line.registrar_port }}"
{%- endfor %}
{%- block model_specific_parameters %}{% endblock %}
  />
</PHONE_CONFIG>
