"""Look-up and statistics of awards (titles and commendation forms): counts by year, by the level that
confers them (rules.authority), by form and by unit, and the register of the decisions they came from.

Everything is counted in the database (a few GROUP BY queries over the scope), then laid out here."""
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from thidua.common.scope import Scope
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.records.models import Award
from thidua.rules import authority
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

OTHER = "other"
# Highest first, as official reports list them. A commune and a base unit confer the same titles and Giấy
# khen (LĐTT, GK): whose they were is not in the code, so statistics count both as "cấp cơ sở".
LEVELS = [authority.STATE, authority.GOVERNMENT, authority.MINISTRY, authority.BASE, OTHER]
LEVEL_LABELS = {**authority.LEVEL_NAMES, authority.BASE: "Cấp cơ sở (thủ trưởng đơn vị cơ sở, Chủ tịch UBND cấp xã)",
                OTHER: "Chưa xác định cấp"}
REGISTER_LIMIT = 500
MSG_YEARS = "Từ năm phải nhỏ hơn hoặc bằng đến năm."
MSG_YEAR_RANGE = "Năm phải từ {lo} đến {hi}."
MSG_UNIT = "Không tìm thấy đơn vị “{code}” trong phạm vi của bạn."


def level_of(code: str) -> str:
    """The level that confers this title or form (legal-rules.md §8; commune counted with base), or OTHER."""
    level = authority.conferring_level(code) or OTHER
    return authority.BASE if level == authority.COMMUNE else level


@dataclass
class Statistics:
    years: list[int]
    unit: Unit | None
    by_year: list[dict] = field(default_factory=list)      # year, individuals, collectives, total
    by_level: list[dict] = field(default_factory=list)     # level, label, counts per year, total
    by_form: list[dict] = field(default_factory=list)      # code, level, counts per year, total
    by_unit: list[dict] = field(default_factory=list)      # unit, individuals, collectives, total
    total: int = 0


def check_filters(scope: Scope, *, year_from, year_to, unit_code: str) -> tuple[dict, dict]:
    """The filters as values, and every problem by field (nothing is silently replaced)."""
    problems, values = {}, {}
    for name, raw in (("year_from", year_from), ("year_to", year_to)):
        try:
            year = int(raw)
        except (TypeError, ValueError):
            year = None
        if year is None or not MIN_YEAR <= year <= MAX_YEAR:
            problems[name] = MSG_YEAR_RANGE.format(lo=MIN_YEAR, hi=MAX_YEAR)
        values[name] = year
    if not problems and values["year_from"] > values["year_to"]:
        problems["year_to"] = MSG_YEARS
    values["unit"] = None
    code = (unit_code or "").strip()
    if code:
        unit = None if "\x00" in code else Unit.objects.filter(code=code.upper()).first()
        if unit is None or not scope.can_unit(unit):
            problems["unit"] = MSG_UNIT.format(code=code[:40])
        values["unit"] = unit
    return values, problems


def _people(scope: Scope, unit: Unit | None):
    people = Person.objects.filter(scope.people_q())
    return people.filter(unit_path__startswith=unit.path) if unit else people


def _units(scope: Scope, unit: Unit | None):
    units = Unit.objects.filter(scope.units_q())
    return units.filter(path__startswith=unit.path) if unit else units


def _grouping_units(scope: Scope, unit: Unit | None) -> list[Unit]:
    """The rows of the table by unit: the chosen unit's children, or the user's top units."""
    if unit is not None:
        return list(Unit.objects.filter(parent=unit).order_by("sort_order", "name"))
    visible = list(Unit.objects.filter(scope.units_q(), valid_to__isnull=True).only("id", "path", "name", "code")
                   .order_by("path"))
    paths = {u.path for u in visible}
    return [u for u in visible if not any(u.path != p and u.path.startswith(p) for p in paths)][:200]


def award_statistics(scope: Scope, *, year_from: int, year_to: int, unit: Unit | None = None) -> Statistics:
    years = list(range(year_from, year_to + 1))
    out = Statistics(years=years, unit=unit)
    individual = (Award.objects.filter(year__range=(year_from, year_to),
                                       person_id__in=_people(scope, unit).values("id"))
                  .values_list("year", "code", "person__unit_path").annotate(n=Count("id")))
    collective = (Award.objects.filter(year__range=(year_from, year_to), unit_id__in=_units(scope, unit).values("id"))
                  .values_list("year", "code", "unit__path").annotate(n=Count("id")))
    groups = _grouping_units(scope, unit)
    per_year = {y: {"individuals": 0, "collectives": 0} for y in years}
    per_level = defaultdict(lambda: defaultdict(int))
    per_form = defaultdict(lambda: defaultdict(int))
    per_unit = {g.pk: {"unit": g, "individuals": 0, "collectives": 0} for g in groups}

    def group_of(path: str | None):
        for g in groups:
            if path and path.startswith(g.path):
                return g.pk
        return None

    for rows, who in ((individual, "individuals"), (collective, "collectives")):
        for year, code, path, n in rows:
            per_year[year][who] += n
            per_level[level_of(code)][year] += n
            per_form[code][year] += n
            g = group_of(path)
            if g is not None:
                per_unit[g][who] += n
    out.by_year = [{"year": y, **c, "total": c["individuals"] + c["collectives"]} for y, c in per_year.items()]
    out.total = sum(r["total"] for r in out.by_year)
    out.by_level = [{"level": lv, "label": LEVEL_LABELS[lv], "counts": [per_level[lv][y] for y in years],
                     "total": sum(per_level[lv].values())} for lv in LEVELS if per_level.get(lv)]
    order = {lv: i for i, lv in enumerate(LEVELS)}
    out.by_form = sorted(({"code": code, "level": level_of(code), "counts": [c[y] for y in years],
                           "total": sum(c.values())} for code, c in per_form.items()),
                         key=lambda r: (order[r["level"]], -r["total"], r["code"]))
    out.by_unit = sorted(({**r, "total": r["individuals"] + r["collectives"]} for r in per_unit.values()),
                         key=lambda r: (-r["total"], r["unit"].name))
    return out


def decision_register(scope: Scope, *, year_from: int, year_to: int, unit: Unit | None = None) -> list[dict]:
    """The decisions the awards in scope came from (number, date, authority), newest first, with how many
    people and collectives each names within the scope; awards recorded without a decision number are
    counted together on one row."""
    base = Award.objects.filter(year__range=(year_from, year_to))
    people = base.filter(person_id__in=_people(scope, unit).values("id"))
    units = base.filter(unit_id__in=_units(scope, unit).values("id"))
    rows: dict = {}
    for qs, who in ((people, "individuals"), (units, "collectives")):
        for no, date, auth, code, n in (qs.values_list("decision_no", "decision_date", "authority", "code")
                                        .annotate(n=Count("id"))):
            key = (no or "", date, auth or "")
            row = rows.setdefault(key, {"decision_no": no or "", "decision_date": date, "authority": auth or "",
                                        "individuals": 0, "collectives": 0, "codes": set()})
            row[who] += n
            row["codes"].add(code)
    out = sorted(rows.values(), key=lambda r: (r["decision_no"] == "", -(r["decision_date"].toordinal()
                                                                         if r["decision_date"] else 0),
                                               r["decision_no"]))
    for r in out:
        r["codes"] = sorted(r["codes"])
    return out[:REGISTER_LIMIT]
