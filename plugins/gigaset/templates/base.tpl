{#- <MAC>.xml of a Gigaset N510 or N720 base: Dialtone's own template of Gigaset's provider XML
    (a MAC_ADDRESS, a PROFILE_NAME, then SYMB_ITEM settings; strings are written '"…"', numbers
    often in hexadecimal). The body per base is n510.tpl or n720.tpl (XX_body, from hooks.ts).
    Written in ISO-8859-1. -#}
<?xml version="1.0" encoding="ISO-8859-1"?>
<ProviderFrame xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Provider>
    <!-- Gigaset {{ XX_device.model|d('') }} {{ XX_mac }}, written by Dialtone provd -->
    <MAC_ADDRESS value="{{ XX_mac }}"/>
    <PROFILE_NAME class="string" value="{{ XX_body|d('gigaset') }}"/>
    <S_CONFIGFILE_URL class="string" value='"{{ XX_server_url_without_scheme|e }}/{{ XX_mac }}.xml"'/>
{%- if XX_body == 'n510' %}
{%- include 'n510.tpl' %}
{%- elif XX_body == 'n720' %}
{%- include 'n720.tpl' %}
{%- endif %}
  </Provider>
</ProviderFrame>
