"""The rules a person, a posting, a party membership and a leave must meet.

One check and one Vietnamese message per rule. The single-row services (people.services), the
bulk writer (people.bulk, which the Excel import calls) and the forms (people.forms) all call
these checks, so a rule and its wording live here only.

A check returns the message when the value breaks the rule and None when it is fine; the
`*_problems` functions run every check of an object and return (field, message) pairs, so a
bulk caller can report every problem of a row, and `raise_problems` turns them into the
ValidationError the services raise. `form_validator` wraps a check for a form field."""
import datetime
import re
from collections.abc import Callable, Iterable
from functools import partial

from django.utils.text import capfirst

from thidua.common.clean import text_problem
from thidua.common.errors import ValidationError
from thidua.common.text import nfc
from thidua.people.models import Gender, Leave, PartyMembership, Person, Posting
from thidua.rules import codes

MSG_CCCD_FORMAT = "Số CCCD phải gồm đúng 12 chữ số."
MSG_CCCD_TAKEN = "Số CCCD đã có trong hệ thống (một người chỉ có một hồ sơ)."
MSG_CARD_TAKEN = "Số thẻ đảng viên đã thuộc về người khác."
MSG_NAME_REQUIRED = "Cần nhập họ và tên."
MSG_TOO_LONG = "{label} dài quá {limit} ký tự."
MSG_BIRTH_DATE = "Ngày sinh không hợp lệ."
MSG_DATE_RANGE = "Ngày phải trong khoảng {first} đến {last} (quyết định có thể ghi trước tối đa một năm)."
MSG_GENDER = "Giới tính không hợp lệ."
MSG_STAFF_TYPE = "Loại cán bộ không hợp lệ."
MSG_STAFF_TYPE_REQUIRED = "Cần chọn loại cán bộ."
MSG_UNIT_REQUIRED = "Cần nhập mã đơn vị."
MSG_UNIT_UNKNOWN = "Mã đơn vị không tồn tại."
MSG_UNIT_CLOSED = "Đơn vị đã hết hiệu lực, không thể bố trí công tác."
MSG_PARTY_ORG_UNKNOWN = "Mã tổ chức đảng không tồn tại."
MSG_START_BEFORE_OPEN = "Ngày bắt đầu phải sau ngày bắt đầu của quá trình công tác hiện tại ({d})."
MSG_LEAVE_ORDER = "Ngày kết thúc nghỉ phải từ ngày bắt đầu trở đi."
MSG_REPEATED = "{what} trùng với dòng {row}."

CITIZEN_ID_PATTERN = re.compile(r"^\d{12}$")
FIRST_BIRTH_DATE = datetime.date(1900, 1, 1)
# Postings, recruitment, party membership and leave: nobody in service today started before 1950,
# and a decision may be signed up to a year before it takes effect.
FIRST_DATE = datetime.date(1950, 1, 1)
DAYS_AHEAD = 366
DATE_FORMAT = "%d/%m/%Y"

GENDERS = frozenset(Gender.values)

Problems = list[tuple[str, str]]


def text_field(model, name: str) -> tuple[str, int]:
    """(label, max_length) of a model's text field: the length rule follows the column."""
    field = model._meta.get_field(name)
    return capfirst(field.verbose_name), field.max_length


# field name → (label, limit) of every free-text value these rules bound
TEXT_LIMITS = {
    "full_name": text_field(Person, "full_name"),
    "party_card_no": text_field(Person, "party_card_no"),
    "phone": text_field(Person, "phone"),
    "position": text_field(Posting, "position"),
    "grade_group": text_field(Posting, "grade_group"),
    "decision_no": text_field(Posting, "decision_no"),
    "card_no": text_field(PartyMembership, "card_no"),
    "note": text_field(Leave, "note"),
}


# --- single values -------------------------------------------------------------------------

def normalize_citizen_id(value) -> str:
    """CCCD as typed: NFC, spaces removed (people type it in groups of digits)."""
    return nfc(value).replace(" ", "")


def check_citizen_id(value: str) -> str | None:
    return None if CITIZEN_ID_PATTERN.match(value or "") else MSG_CCCD_FORMAT


def check_length(field: str, value: str | None, limits: dict | None = None) -> str | None:
    """`limits`: field → (label, limit); these rules' TEXT_LIMITS unless another table is given."""
    label, limit = (limits or TEXT_LIMITS)[field]
    if problem := text_problem(value):  # control characters: refused for every free text (common.clean)
        return problem
    if value and len(value) > limit:
        return MSG_TOO_LONG.format(label=label, limit=limit)
    return None


def check_full_name(value: str | None) -> str | None:
    if not value:
        return MSG_NAME_REQUIRED
    return check_length("full_name", value)


def check_birth_date(value: datetime.date | None, today: datetime.date | None = None) -> str | None:
    """Born in 1900 or later, and before today."""
    if value is None:
        return None
    if FIRST_BIRTH_DATE <= value < (today or datetime.date.today()):
        return None
    return MSG_BIRTH_DATE


def date_range(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The dates a posting, a recruitment, a party membership or a leave may carry."""
    return FIRST_DATE, (today or datetime.date.today()) + datetime.timedelta(days=DAYS_AHEAD)


def check_date(value: datetime.date | None, bounds: tuple | None = None) -> str | None:
    """`bounds` is a `date_range()` computed once by a bulk caller (None: today's)."""
    if value is None:
        return None
    first, last = bounds or date_range()
    if first <= value <= last:
        return None
    return MSG_DATE_RANGE.format(first=first.strftime(DATE_FORMAT), last=last.strftime(DATE_FORMAT))


def check_gender(value: str | None) -> str | None:
    return None if not value or value in GENDERS else MSG_GENDER


def check_staff_type(value: str | None) -> str | None:
    if not value:
        return MSG_STAFF_TYPE_REQUIRED
    return None if value in codes.STAFF_TYPES else MSG_STAFF_TYPE


def check_unit_code(code: str | None, unit) -> str | None:
    """A unit typed by its code (a form, a file): given, known (`unit` is what the code found)."""
    if not code:
        return MSG_UNIT_REQUIRED
    return MSG_UNIT_UNKNOWN if unit is None else None


def check_posting_unit(unit) -> str | None:
    """A unit (anything with `valid_to`) one may be posted to; None means the code was not found."""
    if unit is None:
        return MSG_UNIT_UNKNOWN
    return MSG_UNIT_CLOSED if unit.valid_to is not None else None


def check_start_after_open(start: datetime.date, open_start: datetime.date | None) -> str | None:
    """A transfer starts after the posting it closes (which ends the day before)."""
    if open_start is None or start > open_start:
        return None
    return MSG_START_BEFORE_OPEN.format(d=open_start.strftime(DATE_FORMAT))


def check_leave_order(start: datetime.date | None, end: datetime.date | None) -> str | None:
    if start is None or end is None or end >= start:
        return None
    return MSG_LEAVE_ORDER


def repeated(what: str, first_row) -> str:
    """The same key twice in one batch (a file): the second row names the first."""
    return MSG_REPEATED.format(what=capfirst(what), row=first_row)


# --- whole objects ---------------------------------------------------------------------------

def person_problems(*, full_name: str, birth_date=None, recruited_on=None, gender: str = "",
                    party_card_no: str | None = None, phone: str = "", today: datetime.date | None = None,
                    bounds: tuple | None = None) -> Problems:
    """Every rule of a person's own fields (not the CCCD: it is checked where it is given).
    Blank values are not checked (a bulk writer calls this for every row)."""
    problems = []
    if message := check_full_name(full_name):
        problems.append(("full_name", message))
    if birth_date is not None and (message := check_birth_date(birth_date, today)):
        problems.append(("birth_date", message))
    if recruited_on is not None and (message := check_date(recruited_on, bounds)):
        problems.append(("recruited_on", message))
    if gender and (message := check_gender(gender)):
        problems.append(("gender", message))
    if party_card_no and (message := check_length("party_card_no", party_card_no)):
        problems.append(("party_card_no", message))
    if phone and (message := check_length("phone", phone)):
        problems.append(("phone", message))
    return problems


def posting_problems(*, unit, staff_type: str, start, position: str = "", grade_group: str = "",
                     decision_no: str = "", bounds: tuple | None = None) -> Problems:
    """Every rule of a posting: an open unit, a known staff type, a plausible start, bounded texts.
    `unit` is the Unit (None: its code is unknown)."""
    problems = []
    if message := check_posting_unit(unit):
        problems.append(("unit", message))
    if message := check_staff_type(staff_type):
        problems.append(("staff_type", message))
    if start is not None and (message := check_date(start, bounds)):
        problems.append(("start", message))
    for field, value in (("position", position), ("grade_group", grade_group), ("decision_no", decision_no)):
        if value and (message := check_length(field, value)):
            problems.append((field, message))
    return problems


def membership_problems(*, start, card_no: str = "", bounds: tuple | None = None) -> Problems:
    problems = []
    for field, message in (("start", check_date(start, bounds)), ("card_no", check_length("card_no", card_no))):
        if message:
            problems.append((field, message))
    return problems


def leave_problems(*, start, end, note: str = "", bounds: tuple | None = None) -> Problems:
    problems = []
    for field, message in (("start", check_date(start, bounds)), ("end", check_date(end, bounds)),
                           ("note", check_length("note", note))):
        if message:
            problems.append((field, message))
    if not any(field == "end" for field, _ in problems):
        message = check_leave_order(start, end)
        if message:
            problems.append(("end", message))
    return problems


# --- raising -----------------------------------------------------------------------------------

def raise_problems(problems: Iterable[tuple[str, str | None]]) -> None:
    """Raise one ValidationError naming every field with a problem (its first message); pairs
    whose message is None (a check that passed) are skipped."""
    by_field: dict[str, str] = {}
    for field, message in problems:
        if message:
            by_field.setdefault(field, message)
    if by_field:
        raise ValidationError(by_field)


def _raise_message(check: Callable, *args) -> None:
    message = check(*args)
    if message:
        raise ValidationError(message)


def form_validator(check: Callable, *args) -> Callable:
    """A form field validator calling `check(*args, value)`: the form shows the service's message."""
    return partial(_raise_message, check, *args)
