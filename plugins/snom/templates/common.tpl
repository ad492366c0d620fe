{#- Snom snom<model>.htm: the first file every Snom phone asks for; its own file follows. -#}
<?xml version="1.0" encoding="utf-8"?>
<!-- Common Snom configuration, written by Dialtone provd -->
<settings>
  <phone-settings e="2">
    <update_policy perm="RW">auto_update</update_policy>
  </phone-settings>
</settings>
