"""Names for the codes stored in the records: a code never stands alone on a page.

    {% load records_labels %}{{ award.code|code_name }}  →  "Chiến sĩ thi đua cơ sở"
"""
from django import template

from thidua.records.codes import label

register = template.Library()


@register.filter
def code_name(code: str) -> str:
    """The full Vietnamese name of a title or form code (the code itself when unknown)."""
    return label(code or "")
