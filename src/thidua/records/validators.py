"""The rules a yearly fact (grade, title or form, initiative, discipline, a collective's member
counts) must meet.

One check and one Vietnamese message per rule, shared by the single-row services
(records.services), the bulk writer (records.bulk, which the Excel import calls) and the forms
(people.forms). The vocabulary comes from the rules engine: the years it reads
(thidua.rules.codes.MIN_YEAR to MAX_YEAR), its grades, initiative levels and discipline forms,
and which title each kind of subject may hold (thidua.records.codes, from thidua.rules.catalog).
As in people.validators, a check returns the message or None and `*_problems` return
(field, message) pairs."""
import datetime

from thidua.people.validators import Problems, check_length, text_field
from thidua.records import codes as record_codes
from thidua.records.models import Award, AwardKind, Discipline, Initiative, InitiativeKind, Track, YearRecord
from thidua.rules import codes

MSG_YEAR = "Năm phải trong khoảng {first}–{last}."
MSG_YEAR_REQUIRED = "Cần nhập năm."
MSG_TRACK = "Khối không hợp lệ (chính quyền hoặc Đảng)."
MSG_GRADE = "Xếp loại không hợp lệ."
MSG_MONTHS = "Số tháng công tác phải từ 0 đến 12."
MSG_SCORE = "Điểm phải từ 0 đến 100."
MSG_CODE = "Mã danh hiệu/hình thức không hợp lệ: {code}."
MSG_CODE_SUBJECT = "Danh hiệu {code} không dành cho {who}."
MSG_AWARD_KIND = "Loại khen thưởng không hợp lệ."
MSG_INITIATIVE_TITLE = "Cần nhập tên sáng kiến."
MSG_INITIATIVE_LEVEL = "Cấp sáng kiến không hợp lệ."
MSG_INITIATIVE_KIND = "Loại sáng kiến không hợp lệ."
MSG_DISCIPLINE_FORM = "Hình thức kỷ luật không hợp lệ."
MSG_STATS = "Số liệu thành viên không hợp lệ: {detail}."
MSG_DUPLICATE = "Đã có bản ghi này cho năm {year} (trùng khóa): hãy sửa bản ghi có sẵn."
MSG_REASON = "Cần ghi lý do khi sửa hoặc xóa lịch sử."
MSG_SUBJECT_BOTH = "Ghi số CCCD (cá nhân) hoặc mã đơn vị (tập thể), không ghi cả hai."
MSG_SUBJECT_MISSING = "Cần số CCCD (cá nhân) hoặc mã đơn vị (tập thể)."
MSG_STATS_PERSON = "Số liệu thành viên chỉ ghi cho tập thể (mã đơn vị)."
MSG_PERSON_UNKNOWN = "Không có người mang số CCCD này trong hệ thống (hãy nhập danh sách cá nhân trước)."
MSG_REPEATED_FACT = "{what} năm {year} đã có ở dòng {row}."

STATS_DETAIL_TOTAL = "cần tổng số thành viên"
STATS_DETAIL_COUNT = "{label} phải từ 0 đến tổng số {total}"
STATS_DETAIL_RANK = "thứ hạng lớn hơn số đơn vị trong khối"
MAX_COUNT = 1_000_000  # no unit has more members; far below the integer column's limit
STATS_DETAIL_MAX = "mỗi số không quá 1.000.000"
STATS_DETAIL_RANK_POSITIVE = "thứ hạng và số đơn vị trong khối phải từ 1 trở lên"
# the counts bounded by the total, with the words the message uses for them
STATS_COUNT_LABELS = {"completed": "số hoàn thành nhiệm vụ", "ldtt": "số Lao động tiên tiến",
                      "cstdcs": "số Chiến sĩ thi đua cơ sở", "disciplined": "số bị kỷ luật"}
SUBJECT_WORDS = {True: "tập thể", False: "cá nhân"}
TRACKS = frozenset(Track.values)
AWARD_KINDS = frozenset(AwardKind.values)
INITIATIVE_KINDS = frozenset(InitiativeKind.values)

# field → (label, limit) of the free texts of the facts (the length follows the column)
TEXT_LIMITS = {
    "note": text_field(YearRecord, "note"),
    "decision_no": text_field(Award, "decision_no"),
    "authority": text_field(Award, "authority"),
    "title": text_field(Initiative, "title"),
    "initiative_decision_no": text_field(Initiative, "decision_no"),
    "discipline_decision_no": text_field(Discipline, "decision_no"),
}


# --- single values -------------------------------------------------------------------------

def year_range(today: datetime.date | None = None) -> tuple[int, int]:
    """The years a fact may carry: from the first year the rules engine reads to next year (a
    grade may be recorded for the coming year's plan), never past the engine's last year."""
    this_year = (today or datetime.date.today()).year
    return codes.MIN_YEAR, min(this_year + 1, codes.MAX_YEAR)


def year_message(bounds: tuple[int, int] | None = None) -> str:
    first, last = bounds or year_range()
    return MSG_YEAR.format(first=first, last=last)


def check_year(year: int | None, bounds: tuple[int, int] | None = None) -> str | None:
    """`bounds` is a `year_range()` computed once by a bulk caller (None: this year's)."""
    if year is None:
        return MSG_YEAR_REQUIRED
    first, last = bounds or year_range()
    return None if first <= year <= last else year_message((first, last))


def check_track(value: str | None) -> str | None:
    return None if value in TRACKS else MSG_TRACK


def check_grade(value: str | None) -> str | None:
    """A grade of the rules engine (or none: blank)."""
    return None if not value or value in codes.GRADES else MSG_GRADE


def check_months(value: int | None) -> str | None:
    return None if value is None or 0 <= value <= 12 else MSG_MONTHS


def check_score(value) -> str | None:
    return None if value is None or 0 <= value <= 100 else MSG_SCORE


def check_award_code(code: str, collective: bool | None) -> str | None:
    """A known title or form, and a title the subject may hold (`collective` None: subject unknown,
    only the code is checked)."""
    if record_codes.category_of(code) is None:
        return MSG_CODE.format(code=code)
    if collective is not None and not record_codes.allowed_for(code, collective=collective):
        return MSG_CODE_SUBJECT.format(code=code, who=SUBJECT_WORDS[collective])
    return None


def check_award_kind(value: str | None) -> str | None:
    return None if value in AWARD_KINDS else MSG_AWARD_KIND


def check_initiative_title(value: str | None) -> str | None:
    if not value:
        return MSG_INITIATIVE_TITLE
    return check_length("title", value, TEXT_LIMITS)


def check_initiative_level(value: str | None) -> str | None:
    return None if value in codes.INITIATIVE_LEVELS else MSG_INITIATIVE_LEVEL


def check_initiative_kind(value: str | None) -> str | None:
    return None if value in INITIATIVE_KINDS else MSG_INITIATIVE_KIND


def check_discipline_form(value: str | None) -> str | None:
    return None if value in codes.DISCIPLINES else MSG_DISCIPLINE_FORM


def check_text(field: str, value: str | None) -> str | None:
    return check_length(field, value, TEXT_LIMITS)


def stats_problems(*, total: int | None, completed: int | None, ldtt: int | None, cstdcs: int | None,
                   disciplined: int | None, cluster_rank: int | None = None, cluster_size: int | None = None,
                   **_ignored) -> Problems:
    """A collective's member counts: a total, each count between 0 and it, a rank within the cluster."""
    if total is None or total < 0:
        return [("total", MSG_STATS.format(detail=STATS_DETAIL_TOTAL))]
    too_big = [f for f, v in (("total", total), ("completed", completed), ("ldtt", ldtt), ("cstdcs", cstdcs),
                              ("disciplined", disciplined), ("cluster_rank", cluster_rank),
                              ("cluster_size", cluster_size)) if v is not None and v > MAX_COUNT]
    if too_big:  # beyond the database's integer column: refused here, at the field
        return [(f, MSG_STATS.format(detail=STATS_DETAIL_MAX)) for f in too_big]
    problems = []
    for field, value in (("completed", completed), ("ldtt", ldtt), ("cstdcs", cstdcs), ("disciplined", disciplined)):
        if value is not None and not 0 <= value <= total:
            detail = STATS_DETAIL_COUNT.format(label=STATS_COUNT_LABELS[field], total=total)
            problems.append((field, MSG_STATS.format(detail=detail)))
    if (cluster_rank is not None and cluster_rank < 1) or (cluster_size is not None and cluster_size < 1):
        problems.append(("cluster_rank", MSG_STATS.format(detail=STATS_DETAIL_RANK_POSITIVE)))
    elif cluster_rank is not None and cluster_size is not None and cluster_rank > cluster_size:
        problems.append(("cluster_rank", MSG_STATS.format(detail=STATS_DETAIL_RANK)))
    return problems


def repeated_fact(what: str, year: int, first_row) -> str:
    """The same fact twice in one batch (a file): the second row names the first."""
    return MSG_REPEATED_FACT.format(what=what, year=year, row=first_row)


# --- whole facts, as the single-row services hold them ---------------------------------------

def _collect(pairs) -> Problems:
    return [(field, message) for field, message in pairs if message]


def fact_problems(fact, bounds: tuple[int, int] | None = None) -> Problems:
    """Every rule of a YearRecord, Award, Initiative or Discipline instance (subject set)."""
    year = _collect([("year", check_year(fact.year, bounds))])
    if isinstance(fact, YearRecord):
        return year + _collect([("track", check_track(fact.track)), ("grade", check_grade(fact.grade)),
                                ("months_worked", check_months(fact.months_worked)),
                                ("score", check_score(fact.score)), ("note", check_text("note", fact.note))])
    if isinstance(fact, Award):
        collective = fact.unit_id is not None
        return year + _collect([("code", check_award_code(fact.code, collective)),
                                ("kind", check_award_kind(fact.kind)),
                                ("decision_no", check_text("decision_no", fact.decision_no)),
                                ("authority", check_text("authority", fact.authority))])
    if isinstance(fact, Initiative):
        return year + _collect([("title", check_initiative_title(fact.title)),
                                ("level", check_initiative_level(fact.level)),
                                ("kind", check_initiative_kind(fact.kind)),
                                ("decision_no", check_text("initiative_decision_no", fact.decision_no))])
    if isinstance(fact, Discipline):
        return year + _collect([("form", check_discipline_form(fact.form)), ("track", check_track(fact.track)),
                                ("decision_no", check_text("discipline_decision_no", fact.decision_no))])
    raise TypeError(f"not a yearly fact: {type(fact).__name__}")
