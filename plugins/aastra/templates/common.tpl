{#- Aastra aastra.cfg: what every Aastra/Mitel phone reads before its <MAC>.cfg. -#}
# Common Aastra configuration, written by Dialtone provd
download protocol: HTTP
http server: {{ XX_server_url_without_scheme }}
sip dtmf method: 0
sip xml notify event: 1
