; Technicolor ST2022 boot file, written by Dialtone provd.
; The phone reads it first, then its own ST2022S_<MAC>.txt from the same server.
[INF]
Model=ST2022
ConfigServer={{ XX_server_url_without_scheme }}
ConfigPath=/
ConfigFile=ST2022S_
[BIN]
FirmwarePath=binary/
FirmwarePrefix=v2022
