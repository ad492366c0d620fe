{% extends 'base.tpl' %}
{% block model_specific_parameters %}
{%- for fk_no, fk in funckeys.items() if fk.type != 'park' %}
    attendant.resourceList.{{ loop.index }}.address="{{ fk.value }}"
    attendant.resourceList.{{ loop.index }}.label="{{ fk.label|d('Touche ' ~ fk_no)|e }}"
    attendant.resourceList.{{ loop.index }}.type="{{ 'normal' if fk.type == 'blf' else 'automata' }}"
{%- endfor %}
    feature.fr.accentué="é à ç ô ü"
{%- endblock %}
