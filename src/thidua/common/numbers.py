"""One way to write numbers for users: 1.234,5 (thousands ".", decimals ","), as the format
modules of thidua.formats say for the active language (Vietnamese: 1.234,5; the English UI
keeps the Vietnamese formats, see formats/en). Used by the `so` template filter and by every
message built in Python that shows a count or a decimal (job messages, badges, notices).

    vn_number(12345) == "12.345"; vn_number(1234.5) == "1.234,5"; vn_number(0.5, 2) == "0,50"
"""
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language

MAX_DECIMALS = 2   # decimals=None: as many as needed, at most this many (trailing zeros dropped)


def _separators() -> tuple[str, str]:
    lang = get_language() or settings.LANGUAGE_CODE
    return get_format("DECIMAL_SEPARATOR", lang), get_format("THOUSAND_SEPARATOR", lang)


def vn_number(value, decimals: int | None = None) -> str:
    """`value` written for users; None or "" gives "", anything that is not a number is returned as text."""
    if value is None or value == "" or isinstance(value, bool):
        return "" if value in (None, "") else str(value)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if decimals is None:
        number = round(number, MAX_DECIMALS)
        number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    else:
        number = round(number, decimals)
    decimal_sep, thousand_sep = _separators()
    text = numberformat.format(number, decimal_sep, decimal_pos=decimals, grouping=3,
                               thousand_sep=thousand_sep, force_grouping=True)
    return "0" if text in ("-0", "-0" + decimal_sep) else text
