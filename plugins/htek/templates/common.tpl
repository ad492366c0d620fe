{#- Htek cfg<model id>.xml, fetched by every phone of a model before its own file: where the
    firmware and the configuration are. -#}
<?xml version="1.0" encoding="UTF-8" ?>
<hl_provision version="1">
  <config version="1">
    <P212 para="FirmwareUpGrade_UrgradeMode">1</P212>
    <P192 para="FirmwareUpGrade_FirmwareServerPath">{{ XX_server_url_without_scheme|e }}/firmware</P192>
    <P237 para="FirmwareUpGrade_ConfigServerPath">{{ XX_server_url_without_scheme|e }}/</P237>
  </config>
</hl_provision>
