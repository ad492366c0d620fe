{#- J100Supgrade.txt: the upgrade script every J100 reads first. Dialtone's own: it names the
    firmware of each model (installed by the J100-fw package) and then gets the phone's file. -#}
## written by Dialtone provd
{%- for fw in XX_firmware %}
IF $MODEL4 SEQ {{ fw.model }} GOTO {{ fw.model }}_SW
{%- endfor %}
GOTO GETSET
{%- for fw in XX_firmware %}

# {{ fw.model }}_SW
SET APPNAME firmware/{{ fw.app }}
GOTO GETSET
{%- endfor %}

# GETSET
GET $MACADDR.cfg
