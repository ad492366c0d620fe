; Technicolor ST2030 boot file, written by Dialtone provd.
; The phone reads it first, then its own ST2030S_<MAC>.txt from the same server.
[INF]
Model=ST2030
ConfigServer={{ XX_server_url_without_scheme }}
ConfigPath=/
ConfigFile=ST2030S_
[BIN]
FirmwarePath=binary/
FirmwarePrefix=v2030
