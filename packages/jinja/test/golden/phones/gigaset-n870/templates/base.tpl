<?xml version="1.0" encoding="UTF-8"?>
<ProviderFrame xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Provider>
    <MAC_ADDRESS value="7C2F80AABBCC"/>
    <PROFILE_NAME class="string" value="Wazo {{ XX_uuid.split('-')[0]|upper }}"/>
    <SYSPARA>
      <TIME_ZONE value="{{ '%+03d'|format(XX_timezone.offset|int) }}{{ '%02d'|format(((XX_timezone.offset % 1) * 60)|int) }}"/>
      <DST value="{{ XX_timezone.dst|int }}"/>
      {%- if ntp_enabled %}
      <NTP_SERVER value="{{ ntp_ip }}"/>
      {%- endif %}
      <LANGUAGE value="{{ XX_lang[1][:2] }}"/>
      <WEB_PASSWORD value="{{ admin_password|e }}"/>
      <SYSLOG_SERVER value="{{ syslog_ip if syslog_enabled else '' }}"/>
    </SYSPARA>
    {%- for line_no, line in sip_lines.items() %}
    {%- set idx = (line_no|int) - 1 %}
    <SIP_ACCOUNT index="{{ idx }}">
      <ACCOUNT_NAME value="{{ ('Line' ~ line_no).zfill(8) }}"/>
      <AUTHNAME value="{{ line.auth_username|e }}"/>
      <PASSWORD value="{{ line.password|e }}"/>
      <USER_ID value="{{ line.username|e }}"/>
      <DISPLAYNAME value="{{ line.display_name|e }}"/>
      <DOMAIN value="{{ line.registrar_ip }}"/>
      <SERVER_PORT value="{{ line.registrar_port }}"/>
      <PROXY_PORT value="{{ '%x'|format(line.proxy_port) }}"/>
      <HANDSET_MASK value="{{ 2 ** idx }}"/>
      <RECEIVE_MASK value="{{ '%04X'|format(2 ** (idx + 4) - 1) }}"/>
      <MAILBOX value="{{ line.voicemail|d(exten_voicemail) }}"/>
    </SIP_ACCOUNT>
    {%- endfor %}
    <HANDSETS>
    {%- for i in range(1, 7) %}
      <HS index="{{ i }}" name="{{ 'HS' ~ (i|string).zfill(2) }}" code="{{ "{0:0>4}".format(i * 111) }}" slot="{{ '{:x}'.format(i ** 3) }}"/>
    {%- endfor %}
    </HANDSETS>
    <DIRECTORY url="http://{{ X_xivo_phonebook_ip }}:9498/0.1/directories/lookup/default/gigaset/{{ XX_uuid }}?term=#SEARCH" size="{{ 10 ** 3 }}"/>
    <CHECKSUM value="{{ (funckeys|length * 31 + sip_lines|length) % 256 }}"/>
  </Provider>
</ProviderFrame>
