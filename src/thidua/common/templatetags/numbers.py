"""{% load numbers %} … {{ count|so }} → "12.345"; {{ score|so:1 }} → "87,5" (common.numbers.vn_number)."""
from django import template

from thidua.common.numbers import vn_number

register = template.Library()


@register.filter
def so(value, decimals=None):
    """A number as users read it: thousands ".", decimals "," (1.234,5)."""
    if decimals not in (None, ""):
        try:
            decimals = int(decimals)
        except (TypeError, ValueError):
            decimals = None
    else:
        decimals = None
    return vn_number(value, decimals)
