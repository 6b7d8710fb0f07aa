"""Links of long lists, built without `{% url %}` per row.

`{% url %}` resolves the pattern each time (about 50 µs): two links a row on a 50-row list were a third of
the people list's time. These filters reverse the pattern once per process with a placeholder and put
each row's key in its place, quoted as `reverse` would (the `code` converter's escaping included), so
the link is the one `{% url %}` writes (tests/test_links.py compares them).

    {% load links %}<a href="{{ p.pk|person_href }}">…</a> <a href="{{ u.code|unit_href }}">…</a>"""
from functools import lru_cache
from urllib.parse import quote

from django import template
from django.urls import reverse

from thidua.common.converters import CodeConverter

register = template.Library()
_PLACEHOLDER = "ZZPLACEHOLDERZZ"
_SAFE = "/~:@!$&'()*+,;="  # what django.urls.resolvers keeps unquoted in a reversed path


@lru_cache(maxsize=None)
def _around(name: str, placeholder: str) -> tuple[str, str]:
    head, tail = reverse(name, args=[placeholder]).split(placeholder)
    return head, tail


def _href(name: str, value: str, placeholder: str = _PLACEHOLDER) -> str:
    head, tail = _around(name, placeholder)
    return f"{head}{quote(value, safe=_SAFE)}{tail}"


@register.filter
def person_href(pk) -> str:
    head, tail = _around("people:person_detail", "999999999")
    return f"{head}{int(pk)}{tail}"


@register.filter
def unit_href(code) -> str:
    return _href("organizations:unit_detail", CodeConverter().to_url(code))
