# Jitsi Desktop provisioning, written by Dialtone provd
net.java.sip.communicator.plugin.provisioning.METHOD=Manual
net.java.sip.communicator.plugin.provisioning.URL={{ XX_server_url }}/jitsi/${uuid}
{%- for acc in XX_accounts %}
net.java.sip.communicator.impl.protocol.sip.{{ acc.id }}={{ acc.id }}
{%- for kv in acc.props %}
net.java.sip.communicator.impl.protocol.sip.{{ acc.id }}.{{ kv[0] }}={{ kv[1] }}
{%- endfor %}
{%- endfor %}
