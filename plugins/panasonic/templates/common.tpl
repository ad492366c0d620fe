# Panasonic SIP Phone Standard Format File # DO NOT CHANGE THIS LINE!
{#- <model>.cfg: what a Panasonic phone fetches first when its provisioning URL ends in
    {MODEL}.cfg; it points the phone at its own file. #}
CFG_STANDARD_FILE_PATH="{{ XX_server_url }}/Panasonic/Config{MAC}.cfg"
