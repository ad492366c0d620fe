{#- Firmware 1.4.0.0.57389, installed by the "firmware" package into Digium/firmware/. -#}
{% if XX_device.model and XX_server_url %}
  <firmware version="1_4_0_0_57389" url="{{ XX_server_url }}/Digium/firmware/{{ XX_device.model }}_1_4_0_0_57389.eff"/>
{%- endif %}
