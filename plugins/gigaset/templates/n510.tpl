{#- N510 IP PRO body (included by base.tpl): accounts are BS_IP_Data1 items, suffixed _2 … _6 after the first. -#}
{%- for line in XX_lines %}
{%- set sfx = '' if line.no == 1 else '_' ~ line.no %}
    <SYMB_ITEM ID="BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_{{ line.no }}" class="symb_item" value="0x1"/>
    <SYMB_ITEM ID="BS_IP_Data1.aucS_SIP_ACCOUNT_NAME_{{ line.no }}" class="symb_item" value='"{{ line.number|d(line.username)|replace('"', '')|e }}"'/>
    <SYMB_ITEM ID="BS_IP_Data1.aucS_SIP_DISPLAYNAME{{ sfx }}" class="symb_item" value='"{{ line.display_name|d('')|replace('"', '')|e }}"'/>
    <SYMB_ITEM ID="BS_IP_Data1.aucS_SIP_USER_ID{{ sfx }}" class="symb_item" value='"{{ line.username|replace('"', '')|e }}"'/>
    <SYMB_ITEM ID="BS_IP_Data3.aucS_SIP_LOGIN_ID{{ sfx }}" class="symb_item" value='"{{ line.auth_username|d(line.username)|replace('"', '')|e }}"'/>
    <SYMB_ITEM ID="BS_IP_Data1.aucS_SIP_PASSWORD{{ sfx }}" class="symb_item" value='"{{ line.password|d('')|replace('"', '')|e }}"'/>
    <SYMB_ITEM ID="BS_IP_Data1.aucS_SIP_DOMAIN{{ sfx }}" class="symb_item" value='"{{ line.proxy_ip }}"'/>
    <SYMB_ITEM ID="BS_IP_Data1.aucS_SIP_SERVER{{ sfx }}" class="symb_item" value='"{{ line.proxy_ip }}"'/>
    <SYMB_ITEM ID="BS_IP_Data1.uiI_SIP_SERVER_PORT{{ sfx }}" class="symb_item" value="{{ line.XX_port_hex }}"/>
    <SYMB_ITEM ID="BS_IP_Data1.aucS_SIP_REGISTRAR{{ sfx }}" class="symb_item" value='"{{ line.registrar_ip|d(line.proxy_ip) }}"'/>
    <SYMB_ITEM ID="BS_IP_Data1.uiI_SIP_REGISTRAR_PORT{{ sfx }}" class="symb_item" value="{{ line.XX_port_hex }}"/>
{%- if line.outbound_proxy_ip %}
    <SYMB_ITEM ID="BS_IP_Data1.aucS_OUTBOUND_PROXY{{ sfx }}" class="symb_item" value='"{{ line.outbound_proxy_ip }}"'/>
{%- endif %}
{%- if line.voicemail %}
    <SYMB_ITEM ID="BS_IP_Data1.ucB_VOIP_NET_AM_ENABLED_{{ line.no }}" class="symb_item" value="0x1"/>
    <SYMB_ITEM ID="BS_IP_Data1.aucS_VOIP_NET_AM_NUMBER_{{ line.no }}" class="symb_item" value='"{{ line.voicemail|e }}"'/>
{%- endif %}
{%- endfor %}
{%- if XX_dns_ip_hex %}
    <SYMB_ITEM ID="BS_IP_Data1.ulI_DNS_SERVER_1" class="symb_item" value="{{ XX_dns_ip_hex }}"/>
{%- endif %}
{%- if XX_vlan_id_hex %}
    <SYMB_ITEM ID="BS_IP_Data1.ucB_VLAN_ENABLED" class="symb_item" value="1"/>
    <SYMB_ITEM ID="BS_IP_Data1.uiI_VLAN_ID" class="symb_item" value="{{ XX_vlan_id_hex }}"/>
    <SYMB_ITEM ID="BS_IP_Data1.ucI_VLAN_PRIORITY" class="symb_item" value="{{ vlan_priority|d(0) }}"/>
{%- endif %}
{%- if ntp_enabled and ntp_ip %}
    <SYMB_ITEM ID="BS_IP_Data1.aucS_TIME_NTP_SERVER" class="symb_item" value='"{{ ntp_ip }}"'/>
{%- endif %}
{%- if XX_timezone_code_hex %}
    <SYMB_ITEM ID="BS_IP_Data1.uiI_TIME_TIMEZONE" class="symb_item" value="{{ XX_timezone_code_hex }}"/>
    <SYMB_ITEM ID="BS_IP_Data1.ucB_TIME_USE_AUTOMATIC_DST" class="symb_item" value="0x1"/>
{%- endif %}
{%- if XX_xivo_phonebook_url %}
    <SYMB_ITEM ID="BS_XML_Netdirs.astNetdirProvider[0].aucProviderName" class="symb_item" value='"Directory"'/>
    <SYMB_ITEM ID="BS_XML_Netdirs.astNetdirProvider[0].aucServerURL" class="symb_item" value='"{{ XX_xivo_phonebook_url|e }}"'/>
{%- endif %}
    <SYMB_ITEM ID="BS_IP_Data.ucB_AUTO_UPDATE_PROFILE" class="symb_item" value="0x1"/>
