{#- Cisco spa<psn>.cfg / <psn>.xml: the first file a phone asks for; it points the phone at its own <mac>.xml. -#}
<?xml version="1.0" encoding="UTF-8"?>
<!-- Common Cisco configuration, written by Dialtone provd -->
<flat-profile>
  <Provision_Enable>Yes</Provision_Enable>
  <Resync_On_Reset>Yes</Resync_On_Reset>
  <Profile_Rule>{{ XX_server_url|e }}/$MA.xml</Profile_Rule>
</flat-profile>
