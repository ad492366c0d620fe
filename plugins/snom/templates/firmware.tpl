{#- Snom firmware file: the image the phone installs when its version differs. -#}
<?xml version="1.0" encoding="utf-8"?>
<firmware-settings>
{%- if XX_capabilities.firmware %}
  <firmware perm="RW">{{ XX_server_url|e }}/firmware/{{ XX_capabilities.firmware|e }}</firmware>
{%- endif %}
</firmware-settings>
