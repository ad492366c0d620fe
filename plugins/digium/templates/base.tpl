{#- Digium D-series configuration (Dialtone's own template). Context: the device's raw config
    after the standard transforms and hooks.ts; see plugins/digium/README.md. -#}
<?xml version="1.0" encoding="UTF-8"?>
<config>
{%- block firmware %}{% include 'firmware.tpl' %}{% endblock %}
  <settings>
    <setting id="web_ui_enabled">1</setting>
{%- if admin_password %}
    <setting id="admin_password">{{ admin_password|e }}</setting>
{%- endif %}
{%- if XX_lang %}
    <setting id="language">{{ XX_lang }}</setting>
{%- endif %}
{%- if XX_timezone is defined %}
    <setting id="timezone">{{ XX_timezone.name }}</setting>
{%- endif %}
{%- if ntp_enabled and ntp_ip %}
    <setting id="ntp_server">{{ ntp_ip }}</setting>
{%- endif %}
{%- if syslog_enabled and syslog_ip %}
    <setting id="syslog_server">{{ syslog_ip }}</setting>
    <setting id="syslog_port">{{ syslog_port|d(514) }}</setting>
{%- endif %}
{%- block model_settings %}{% endblock %}
  </settings>
  <accounts>
{%- for line in XX_sip_lines if XX_capabilities.lines is not defined or line.no <= XX_capabilities.lines %}
    <account index="{{ loop.index0 }}" status="1" register="1" account_id="{{ line.username|e }}" username="{{ line.username|e }}" authname="{{ line.auth_username|e }}" password="{{ line.password|e }}" line_label="{{ line.display_name|d(line.number)|e }}" caller_id="{{ line.number|e }}"
{%- if line.voicemail %} mailbox_number="{{ line.voicemail|e }}"{% endif %}>
      <host_primary server="{{ line.proxy_ip }}" port="{{ line.proxy_port|d(5060) }}" transport="{{ sip_transport|d('udp') }}" reregister="300" retry="25"/>
{%- if line.backup_proxy_ip %}
      <host_secondary server="{{ line.backup_proxy_ip }}" port="{{ line.backup_proxy_port|d(5060) }}" transport="{{ sip_transport|d('udp') }}" reregister="300" retry="25"/>
{%- endif %}
{%- if line.outbound_proxy_ip %}
      <outbound_proxy server="{{ line.outbound_proxy_ip }}" port="{{ line.outbound_proxy_port|d(5060) }}"/>
{%- endif %}
    </account>
{%- endfor %}
  </accounts>
{%- if XX_contacts_url %}
  <contacts url="{{ XX_contacts_url|e }}" id="0"/>
{%- endif %}
{%- if XX_contacts %}
  <smart_blf>
    <blf_items>
{%- for contact in XX_contacts if contact.subscribe %}
      <blf_item location="main" index="{{ loop.index0 }}" paging="1" contact_id="{{ contact.id }}"/>
{%- endfor %}
    </blf_items>
  </smart_blf>
{%- endif %}
</config>
