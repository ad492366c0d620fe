{#- N720 DM/IP PRO body (included by base.tpl): one provider (line 1's server), then accounts in
    BS_VOIP_Data.astVoipAccounts[index]. -#}
{%- set main = XX_lines[0] if XX_lines else {} %}
{%- if main.proxy_ip %}
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipProviders[0].aucSIP_PROVIDER_NAME[%]" class="symb_item" value='"provd"'/>
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipProviders[0].aucSIP_DOMAIN[%]" class="symb_item" value='"{{ main.proxy_ip }}"'/>
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipProviders[0].aucSIP_SERVER[%]" class="symb_item" value='"{{ main.proxy_ip }}"'/>
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipProviders[0].uiSIP_SERVER_PORT" class="symb_item" value="{{ main.XX_port_hex }}"/>
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipProviders[0].aucSIP_REGISTRAR[%]" class="symb_item" value='"{{ main.registrar_ip|d(main.proxy_ip) }}"'/>
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipProviders[0].uiSIP_REGISTRAR_PORT" class="symb_item" value="{{ main.XX_port_hex }}"/>
{%- if main.outbound_proxy_ip %}
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipProviders[0].aucOUTBOUND_PROXY[%]" class="symb_item" value='"{{ main.outbound_proxy_ip }}"'/>
{%- endif %}
{%- endif %}
{%- for line in XX_lines %}
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipAccounts[{{ line.XX_index }}].ucB_SIP_ACCOUNT_IS_ACTIVE_1" class="symb_item" value="1"/>
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipAccounts[{{ line.XX_index }}].aucS_SIP_DISPLAYNAME[0]" class="symb_item" value='"{{ line.display_name|d('')|replace('"', '')|e }}"'/>
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipAccounts[{{ line.XX_index }}].aucS_SIP_USER_ID[0]" class="symb_item" value='"{{ line.username|replace('"', '')|e }}"'/>
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipAccounts[{{ line.XX_index }}].aucS_SIP_LOGIN_ID[0]" class="symb_item" value='"{{ line.auth_username|d(line.username)|replace('"', '')|e }}"'/>
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipAccounts[{{ line.XX_index }}].aucS_SIP_PASSWORD[0]" class="symb_item" value='"{{ line.password|d('')|replace('"', '')|e }}"'/>
{%- if line.voicemail %}
    <SYMB_ITEM ID="BS_VOIP_Data.astVoipAccounts[{{ line.XX_index }}].aucS_VOIP_NET_AM_NUMBER_1[%]" class="symb_item" value='"{{ line.voicemail|e }}"'/>
{%- endif %}
{%- endfor %}
{%- if admin_password %}
    <SYMB_ITEM ID="BS_CUSTOM.WebUIPassword" class="symb_item" value='"{{ admin_password|replace('"', '')|e }}"'/>
{%- endif %}
{%- if XX_dns_ip_hex %}
    <SYMB_ITEM ID="BS_IP_Data.ulI_DNS_SERVER_1" class="symb_item" value="{{ XX_dns_ip_hex }}"/>
{%- endif %}
{%- if XX_vlan_id_hex %}
    <SYMB_ITEM ID="BS_IP_Data.ucB_VLAN_ENABLED" class="symb_item" value="1"/>
    <SYMB_ITEM ID="BS_IP_Data.uiI_VLAN_ID" class="symb_item" value="{{ XX_vlan_id_hex }}"/>
    <SYMB_ITEM ID="BS_IP_Data.ucI_VLAN_PRIORITY" class="symb_item" value="{{ vlan_priority|d(0) }}"/>
{%- endif %}
{%- if ntp_enabled and ntp_ip %}
    <SYMB_ITEM ID="BS_IP_Data.aucS_TIME_NTP_SERVER[%]" class="symb_item" value='"{{ ntp_ip }}"'/>
    <SYMB_ITEM ID="BS_IP_Data.ucB_TIME_USE_AUTOMATIC_NTP_SYN" class="symb_item" value="1"/>
{%- endif %}
{%- if XX_timezone_code_hex %}
    <SYMB_ITEM ID="BS_IP_Data.uiI_TIME_TIMEZONE" class="symb_item" value="{{ XX_timezone_code_hex }}"/>
    <SYMB_ITEM ID="BS_IP_Data.ucB_TIME_USE_AUTOMATIC_DST" class="symb_item" value="1"/>
{%- endif %}
{%- if XX_xivo_phonebook_url %}
    <SYMB_ITEM ID="BS_XML_Netdirs.astNetdirProvider[0].aucProviderName[%]" class="symb_item" value='"Directory"'/>
    <SYMB_ITEM ID="BS_XML_Netdirs.astNetdirProvider[0].aucServerURL[%]" class="symb_item" value='"{{ XX_xivo_phonebook_url|e }}"'/>
{%- endif %}
    <SYMB_ITEM ID="BS_IP_Data.ucB_DO_CHECK_FOR_PROFILE_UPDATES" class="symb_item" value="1"/>
