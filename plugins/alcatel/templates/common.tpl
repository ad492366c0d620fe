{#- config.<model>.xml: read by every phone of a model before its own file. -#}
<?xml version="1.0" encoding="UTF-8" ?>
<settings>
    <setting id="DeviceProvisionServerUrl" value="{{ XX_server_url|e }}" />
    <setting id="DeviceProvisionFileFirst" value="config.$model.xml" />
    <setting id="DeviceProvisionFileSecond" value="config.$mac.xml" />
</settings>
