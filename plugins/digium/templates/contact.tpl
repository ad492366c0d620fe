{#- The phone's contact list: one contact per function key (see hooks.ts). -#}
<?xml version="1.0" encoding="UTF-8"?>
<phonebooks>
  <contacts group_name="Wazo" editable="0" id="0">
{%- for contact in XX_contacts %}
    <contact id="{{ contact.id }}" prefix="" first_name="{{ contact.label|e }}" second_name="" last_name="" suffix="" contact_type="sip" organization="" job_title="" location="" notes="" account_id="{{ contact.account_id|e }}"
{%- if contact.subscribe %} subscribe_to="sip:{{ contact.number|e }}@{{ XX_main_proxy_ip }}"{% endif %}>
      <numbers>
        <number dial="{{ contact.number|e }}" dial_prefix="" label="{{ contact.type }}" primary="1"/>
      </numbers>
    </contact>
{%- endfor %}
  </contacts>
</phonebooks>
