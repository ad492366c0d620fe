; Technicolor TB30 boot file, written by Dialtone provd.
; The phone reads it first, then its own TB30S_<MAC>.txt from the same server.
[INF]
Model=TB30
ConfigServer={{ XX_server_url_without_scheme }}
ConfigPath=/
ConfigFile=TB30S_
[BIN]
FirmwarePath=binary/
FirmwarePrefix=vTB30
