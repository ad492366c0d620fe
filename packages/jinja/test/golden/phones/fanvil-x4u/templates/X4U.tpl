{% extends 'base-new.tpl' %}
