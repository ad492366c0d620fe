{#- Polycom master configuration file 000000000000.cfg: which firmware and configuration files
    each phone loads (the device file first: its values win over common.cfg), and where the phone
    uploads its logs, overrides, contacts and call lists (HTTP PUT). -#}
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<APPLICATION APP_FILE_PATH="firmware/[PHONE_PART_NUMBER].sip.ld" CONFIG_FILES="[PHONE_MAC_ADDRESS]-user.cfg, common.cfg" MISC_FILES="" LOG_FILE_DIRECTORY="logs" OVERRIDES_DIRECTORY="overrides" CONTACTS_DIRECTORY="contacts" LICENSE_DIRECTORY="" USER_PROFILES_DIRECTORY="" CALL_LISTS_DIRECTORY="calls" COREFILE_DIRECTORY="">
</APPLICATION>
