"""What stored text may contain: one check for every free-text value, one for every code.

Control characters (NUL, \\x07 …) cannot be stored in PostgreSQL (NUL) or written to an Excel cell
(openpyxl refuses them), and a lone surrogate cannot be encoded at all; they never come from a
keyboard, only from pasted or forged input. Codes (of units, clusters, party organisations) end up
in URLs, file names and Excel cells, so they are kept to letters, digits, "-", "_" and ".".

`text_problem`/`code_problem` return the Vietnamese message or None (for bulk callers that
collect problems); `clean_text`/`clean_code` return the normalised value or raise a
ValidationError at the field (for the single-row services, forms and API)."""
import re

from thidua.common.errors import ValidationError
from thidua.common.text import nfc

MSG_CONTROL = ("Không được chứa ký tự điều khiển hoặc ký tự ẩn (như NUL, \\x07); "
               "hãy gõ lại giá trị, đừng dán từ nguồn lạ.")
MSG_CODE = ("Mã chỉ gồm chữ cái không dấu, chữ số và các dấu \"-\", \"_\", \".\", bắt đầu bằng chữ cái "
            "hoặc chữ số (không có khoảng trắng, \"/\", \"%\", dấu nháy), ví dụ DTP-SNV.")
MSG_TOO_LONG = "Dài quá {limit} ký tự."

# C0 controls except tab/newline/carriage return (which nfc folds into spaces), DEL and C1 controls
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CODE = re.compile(r"[A-Z0-9][A-Z0-9_.-]*")  # as the units import has always required


def text_problem(value) -> str | None:
    """The message when a text holds a control character or a lone surrogate, else None."""
    if value is None:
        return None
    text = str(value)
    if _CONTROL.search(text) or any("\ud800" <= ch <= "\udfff" for ch in text):
        return MSG_CONTROL
    return None


def code_problem(value) -> str | None:
    """The message when an (upper-case) code holds anything but ASCII letters, digits, "-", "_", "."."""
    if not value:
        return None
    return text_problem(value) or (None if _CODE.fullmatch(str(value)) else MSG_CODE)


def strip_control(value) -> str:
    """The text without its control characters and lone surrogates (for output only: Excel cells)."""
    text = _CONTROL.sub("", str(value))
    return "".join(ch for ch in text if not "\ud800" <= ch <= "\udfff")


def clean_text(value, field: str, max_length: int | None = None) -> str:
    """NFC text for storing, or a ValidationError at `field`."""
    problem = text_problem(value)
    if problem:
        raise ValidationError({field: problem})
    text = nfc(value)
    if max_length is not None and len(text) > max_length:
        raise ValidationError({field: MSG_TOO_LONG.format(limit=max_length)})
    return text


def clean_code(value, field: str = "code", max_length: int | None = None) -> str:
    """An upper-case code for storing, or a ValidationError at `field`."""
    code = nfc(value).upper()
    problem = code_problem(code) or text_problem(value)
    if problem:
        raise ValidationError({field: problem})
    if max_length is not None and len(code) > max_length:
        raise ValidationError({field: MSG_TOO_LONG.format(limit=max_length)})
    return code


def validate_text(value) -> None:
    """Form/schema field validator: no control characters."""
    problem = text_problem(value)
    if problem:
        raise ValidationError(problem)


def validate_code(value) -> None:
    """Form/schema field validator: a code of letters, digits, "-", "_", "."."""
    problem = code_problem(nfc(value).upper()) or text_problem(value)
    if problem:
        raise ValidationError(problem)
