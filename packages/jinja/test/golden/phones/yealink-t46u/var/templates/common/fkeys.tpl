# function keys (admin override)
{% set type_codes = {'speeddial': 13, 'blf': 16, 'park': 10} -%}
{% for fk_no, fk in funckeys.items() -%}
{% set code = type_codes.get(fk.type, 0) -%}
linekey.{{ fk_no }}.type = {{ code }}
linekey.{{ fk_no }}.line = {{ fk.line }}
linekey.{{ fk_no }}.value = {{ fk.value }}
{% if fk.type == 'blf' -%}
linekey.{{ fk_no }}.extension = {{ exten_pickup_call }}{{ fk.value }}
{% endif -%}
linekey.{{ fk_no }}.label = {{ fk.label|d('') }}
{% if loop.previtem is defined and loop.previtem[1].type == fk.type -%}
# same type as previous key
{% endif -%}
{% endfor -%}
# {{ funckeys|length }} keys, {{ funckeys.values()|selectattr('type', 'equalto', 'blf')|list|length }} BLF
