{#- Yealink y0000000000<hw>.cfg: what every Yealink phone shares. The phone fetches it before <mac>.cfg. -#}
#!version:1.0.0.1
## Common Yealink configuration, written by Dialtone provd
static.auto_provision.server.url = {{ XX_server_url }}/
static.auto_provision.pnp_enable = 0
static.auto_provision.custom.protect = 1
features.remote_phonebook.enable = 0
