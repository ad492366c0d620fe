# stock function keys (shadowed by var/templates/common/fkeys.tpl)
