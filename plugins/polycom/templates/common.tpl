{#- Polycom common.cfg: what every phone shares. -#}
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- Common Polycom configuration, written by Dialtone provd -->
<PHONE_CONFIG>
  <COMMON
    voIpProt.SIP.specialEvent.checkSync.alwaysReboot="0"
    voIpProt.SIP.requestValidation.1.method=""
    feature.urlDialing.enabled="0"
    up.oneTouchVoiceMail="1"
    prov.polling.enabled="0"
    device.prov.serverName.set="0"
  />
</PHONE_CONFIG>
