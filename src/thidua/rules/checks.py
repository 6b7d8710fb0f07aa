"""The rule library: each criterion is one vectorized function over the columnar view.

A rule function takes the evaluation context (columnar batch, target year, regime) plus the
parameters its catalog row gives, and returns a `Result`: a three-valued verdict array
(logic.FALSE / UNKNOWN / TRUE per subject), per-subject detail arrays used only to word the
messages, and, when `context.explain` is on, the input fields whose absence made a subject
unknown. Every function names at least one field for every subject it leaves unknown.
The catalog (catalog.py) says which rule applies to which target in which regime, with its
id, legal source and level; the functions below never mention a regime.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import codes, logic
from .logic import FALSE, TRUE, UNKNOWN

# an upper bound for counts that are not known (larger than any "need")
UNBOUNDED = np.int32(1 << 28)
# how many years before the target year an after-award chain looks for the prior award
AFTER_AWARD_LOOKBACK = 15


class Result:
    """What one check answers for the whole batch."""

    __slots__ = ("_as_lists", "details", "missing", "verdict")

    def __init__(self, verdict: np.ndarray, details: dict | None = None, missing: list | None = None):
        self.verdict = verdict            # three-valued, one per subject
        self.details = details or {}      # name -> per-subject array (or scalar) for the messages
        self.missing = missing or []      # [(field label, mask of subjects lacking it)]
        self._as_lists = None

    def as_lists(self) -> tuple[list, dict]:
        """Verdict and details as Python lists (for formatting many answers cheaply)."""
        if self._as_lists is None:
            def to_list(value):
                if isinstance(value, np.ndarray):
                    return value.tolist()
                if isinstance(value, list):
                    return [to_list(x) for x in value]
                if isinstance(value, tuple):
                    return tuple(to_list(x) for x in value)
                return value
            self._as_lists = (self.verdict.tolist(),
                              {name: to_list(value) for name, value in self.details.items()})
        return self._as_lists


def only_where(missing: list, mask: np.ndarray) -> list:
    """The missing-field list restricted to the subjects of `mask`."""
    return [(label, lacking & mask) for label, lacking in missing]


class Context:
    """One (regime, target year) evaluation over a whole batch; caches shared results."""

    def __init__(self, history, year: int, regime, *, explain: bool = False):
        self.history = history          # ColumnarHistory
        self.year = year                # the target year
        self.regime = regime
        self.explain = explain          # collect the missing fields (the JSON answers need them)
        self.size = history.n
        self._cache: dict = {}

    # -- parameters and facts -------------------------------------------------------------
    def param(self, name: str):
        return self.regime.param(name, self.year)

    def column(self, name: str, year: int) -> np.ndarray:
        """The (subjects,) column of a fact for one year (unknown outside the batch's years)."""
        key = ("column", name, year)
        if key not in self._cache:
            self._cache[key] = self.history.column(name, year)
        return self._cache[key]

    def missing_where(self, label: str, mask: np.ndarray) -> list:
        """[(label, mask)] when explaining, else nothing (the matrix path needs no text)."""
        return [(label, mask)] if self.explain else []

    def grade_verdict(self, year: int, ok: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """Does the grade of `year` satisfy `ok`? Unknown where no grade is given."""
        grade = self.column("grade", year)
        out = logic.from_bool(ok(grade))
        out[grade == codes.GRADE_UNKNOWN] = UNKNOWN
        return out

    def held(self, year: int, any_of: tuple[str, ...], field: str = "titles") -> np.ndarray:
        """Was any of the codes `any_of` conferred for `year` (a recorded fact, not a re-evaluation)?"""
        key = ("held", field, any_of, year)
        if key not in self._cache:
            bits = 0
            for code in any_of:
                bits |= codes.BIT[code]
            values = self.column(field, year)
            known = self.column(field + "_known", year)
            self._cache[key] = logic.from_bool((values & bits) != 0, known)
        return self._cache[key]

    def standard(self, code: str) -> Result:
        """Does the subject meet the standard of `code` for the target year (core rules)?"""
        key = ("standard", code)
        if key not in self._cache:
            self._cache[key] = self.regime.evaluate(self, code, core_only=True)
        return self._cache[key]

    def title_at(self, year: int, any_of: tuple[str, ...]) -> Result:
        """Title held in `year`; for the target year itself, held or meeting its standard."""
        held = self.held(year, any_of)
        if year != self.year:
            return Result(held, missing=self.missing_where(f"history[{year}].titles", held == UNKNOWN))
        key = ("title_at", any_of)
        if key not in self._cache:
            standards = [self.standard(code) for code in any_of if self.regime.has_target(code)]
            if not standards:
                self._cache[key] = Result(held, missing=self.missing_where(f"history[{year}].titles",
                                                                           held == UNKNOWN))
            else:
                meets = logic.or_(*[s.verdict for s in standards])
                verdict = np.where(held == TRUE, TRUE, meets).astype(logic.TRI_DTYPE)
                missing = [m for s in standards for m in s.missing]
                self._cache[key] = Result(verdict, missing=missing)
        return self._cache[key]

    def initiative_count(self, year: int, min_level: int) -> tuple[np.ndarray, np.ndarray]:
        """(count of initiatives at level >= min_level in `year`, known mask)."""
        names = ("init_unit", "init_ministry", "init_national")[min_level:]
        known = self.column(names[0], year) >= 0
        total = np.zeros(self.size, np.int32)
        for name in names:
            total += np.maximum(self.column(name, year), 0)
        return total, known


Rule = Callable[..., Result]


# ---------------------------------------------------------------------------------------
# common rules
def always_ok(ctx: Context, **_) -> Result:
    """A council judgement or a note: shown, defaults to ok (legal-rules.md)."""
    return Result(logic.filled(ctx.size, TRUE))


def pending_text(ctx: Context, *, missing_text: str) -> Result:
    """The text of the criterion was not confirmed: answer unknown, never guess. `missing_text`
    says what is missing (the comparison with the article) and goes to `missing`."""
    verdict = logic.filled(ctx.size, UNKNOWN)
    return Result(verdict, missing=ctx.missing_where(missing_text, verdict == UNKNOWN))


def kind_is(ctx: Context, *, kind: int) -> Result:
    return Result(logic.from_bool(ctx.history.kind == kind), {"kind": ctx.history.kind})


def freeze(ctx: Context) -> Result:
    """An open case in the target year (discipline under review): unknown until it closes;
    the missing fact is the outcome of the case, `history[Y].discipline`."""
    discipline = ctx.column("discipline", ctx.year)
    verdict = np.where(discipline == codes.UNDER_REVIEW, UNKNOWN, TRUE).astype(logic.TRI_DTYPE)
    return Result(verdict, missing=ctx.missing_where(f"history[{ctx.year}].discipline", verdict == UNKNOWN))


def grade_consistency(ctx: Context) -> Result:
    """Discipline >= reprimand with grade good/excellent: a 2022-regime record to check; the
    grade is what must be confirmed."""
    discipline = ctx.column("discipline", ctx.year)
    grade = ctx.column("grade", ctx.year)
    odd = (discipline >= codes.REPRIMAND) & (discipline <= codes.DISMISSAL) & (grade >= codes.GOOD)
    verdict = np.where(odd, UNKNOWN, TRUE).astype(logic.TRI_DTYPE)
    return Result(verdict, {"disc": discipline},
                  ctx.missing_where(f"history[{ctx.year}].grade", verdict == UNKNOWN))


def discipline_restart(ctx: Context, *, window: int) -> Result:
    """A multi-year window may not reach back to a year with a served discipline."""
    hit = np.zeros(ctx.size, bool)
    last = np.zeros(ctx.size, np.int32)
    for year in range(ctx.year - window + 1, ctx.year):
        discipline = ctx.column("discipline", year)
        served = (discipline >= codes.REPRIMAND) & (discipline <= codes.DISMISSAL)
        last = np.where(served, year, last)
        hit |= served
    return Result(np.where(hit, FALSE, TRUE).astype(logic.TRI_DTYPE), {"disc_year": last})


# ---------------------------------------------------------------------------------------
# individual, one year
def grade_at_least(ctx: Context, *, min_grade: int, offset: int = 0) -> Result:
    year = ctx.year - offset
    verdict = ctx.grade_verdict(year, lambda grade: grade >= min_grade)
    return Result(verdict, {"grade": ctx.column("grade", year), "disc": ctx.column("discipline", year)},
                  ctx.missing_where(f"history[{year}].grade", verdict == UNKNOWN))


def leave_days_to_months(days: np.ndarray) -> np.ndarray:
    """Whole months in a number of days, half a month rounding up (180 days -> 6 months)."""
    return ((days.astype(np.int32) * 24 + 365) // 730).astype(np.int32)


def tenure(ctx: Context, *, min_months_param: str) -> Result:
    """Not newly recruited (legal-rules.md §2.6). Satisfied when the subject worked the year
    before (a history entry for Y-1), transferred in during the year (a transfer is not a
    recruitment), or when the counted time of the year reaches the minimum. Counted time =
    months worked + the leave that counts as work (maternity, agency-sent study, injury
    treatment: codes.LEAVE_COUNTED_AS_WORK). It fails only on a stated `months_worked` with
    known leave; a missing previous year alone decides nothing."""
    need = ctx.param(min_months_param)
    year = ctx.year
    months = ctx.column("months_worked", year).astype(np.int32)
    leave_days = np.zeros(ctx.size, np.int32)
    leave_known = np.ones(ctx.size, bool)
    for kind in codes.LEAVE_COUNTED_AS_WORK:
        days = ctx.column("leave_" + kind, year)
        leave_known &= days >= 0
        leave_days += np.maximum(days, 0)
    leave_months = leave_days_to_months(leave_days)
    counted = np.minimum(np.maximum(months, 0) + leave_months, 12)
    worked_before = ctx.column("present", year - 1)
    transferred = ctx.column("transferred_in", year) == 1
    verdict = logic.filled(ctx.size, UNKNOWN)
    verdict[(months >= 0) & leave_known & (counted < need)] = FALSE
    verdict[counted >= need] = TRUE
    verdict[worked_before | transferred] = TRUE
    unknown = verdict == UNKNOWN
    return Result(verdict, {"months": months, "leave_months": leave_months, "counted": counted,
                            "need": np.full(ctx.size, need), "before": worked_before,
                            "transferred": transferred},
                  ctx.missing_where(f"history[{year}].months_worked", unknown & (months < 0))
                  + ctx.missing_where(f"history[{year}].leave_days", unknown & (months >= 0) & ~leave_known))


def no_discipline(ctx: Context, *, min_form: int) -> Result:
    discipline = ctx.column("discipline", ctx.year)
    verdict = logic.from_bool(~((discipline >= min_form) & (discipline <= codes.DISMISSAL)),
                              discipline != codes.DISC_UNKNOWN)
    verdict[discipline == codes.UNDER_REVIEW] = UNKNOWN
    return Result(verdict, {"disc": discipline},
                  ctx.missing_where(f"history[{ctx.year}].discipline", verdict == UNKNOWN))


def leave_bar(ctx: Context, *, max_days_param: str) -> Result:
    """Days off work (sick, unpaid, other; not maternity, agency-sent study nor injury
    treatment) < limit."""
    limit = ctx.param(max_days_param)
    sick = ctx.column("leave_sick", ctx.year)
    days = (np.maximum(sick, 0) + np.maximum(ctx.column("leave_unpaid", ctx.year), 0)
            + np.maximum(ctx.column("leave_other", ctx.year), 0))
    verdict = logic.from_bool(days < limit, sick >= 0)
    return Result(verdict, {"days": days, "limit": np.full(ctx.size, limit)},
                  ctx.missing_where(f"history[{ctx.year}].leave_days", verdict == UNKNOWN))


def has_title(ctx: Context, *, any_of: tuple[str, ...]) -> Result:
    """Holds (or meets the standard of) one of `any_of` in the target year."""
    return ctx.title_at(ctx.year, any_of)


def excellence_or_initiative(ctx: Context) -> Result:
    excellent = ctx.grade_verdict(ctx.year, lambda grade: grade == codes.EXCELLENT)
    count, known = ctx.initiative_count(ctx.year, 0)
    has_initiative = logic.from_bool(count >= 1, known)
    verdict = logic.or_(excellent, has_initiative)
    unknown = verdict == UNKNOWN
    missing = (ctx.missing_where(f"history[{ctx.year}].grade", unknown & (excellent == UNKNOWN))
               + ctx.missing_where(f"history[{ctx.year}].initiatives", unknown & (has_initiative == UNKNOWN)))
    return Result(verdict, {"grade": ctx.column("grade", ctx.year), "count": count}, missing)


def initiatives_in_window(ctx: Context, *, min_level: int, need: int, years: int) -> Result:
    """At least `need` initiatives of level >= min_level in the `years` years ending at Y."""
    definite = np.zeros(ctx.size, np.int32)
    unknown_year = np.zeros(ctx.size, bool)
    missing = []
    for year in range(ctx.year - years + 1, ctx.year + 1):
        count, known = ctx.initiative_count(year, min_level)
        definite += np.where(known, count, 0)
        unknown_year |= ~known
        missing += ctx.missing_where(f"history[{year}].initiatives", ~known)
    possible = np.where(unknown_year, UNBOUNDED, definite)
    verdict = logic.at_least(definite, possible, need)
    return Result(verdict, {"count": definite, "need": np.full(ctx.size, need),
                            "level": np.full(ctx.size, min_level)},
                  only_where(missing, verdict == UNKNOWN))


# ---------------------------------------------------------------------------------------
# chains of titles
def title_run(ctx: Context, *, any_of: tuple[str, ...], years: int) -> Result:
    """The title in each of the `years` consecutive years ending at Y."""
    verdicts, missing = [], []
    run = np.zeros(ctx.size, np.int32)              # consecutive years held, ending at Y
    run_before = np.zeros(ctx.size, np.int32)       # the same, ending at Y-1
    going = np.ones(ctx.size, bool)
    going_before = np.ones(ctx.size, bool)
    for year in range(ctx.year, ctx.year - years, -1):
        held = ctx.title_at(year, any_of)
        verdicts.append(held.verdict)
        missing += held.missing
        going &= held.verdict == TRUE
        run += going
        if year < ctx.year:
            going_before &= held.verdict == TRUE
            run_before += going_before
    verdict = logic.and_(*verdicts)
    return Result(verdict, {"run": run, "run_prev": run_before, "need": np.full(ctx.size, years)},
                  only_where(missing, verdict == UNKNOWN))


def not_held_recently(ctx: Context, *, any_of: tuple[str, ...], years: int) -> Result:
    """None of `any_of` in the `years` years before Y (their chain years are used up)."""
    verdicts, missing = [], []
    last = np.zeros(ctx.size, np.int32)
    for year in range(ctx.year - 1, ctx.year - years - 1, -1):
        held = ctx.held(year, any_of)
        verdicts.append(logic.not_(held))
        last = np.where((held == TRUE) & (last == 0), year, last)
        missing += ctx.missing_where(f"history[{year}].titles", held == UNKNOWN)
    verdict = logic.and_(*verdicts) if verdicts else logic.filled(ctx.size, TRUE)
    return Result(verdict, {"last": last}, only_where(missing, verdict == UNKNOWN))


def held_at(ctx: Context, *, any_of: tuple[str, ...], offset: int) -> Result:
    year = ctx.year - offset
    held = ctx.held(year, any_of)
    return Result(held, {"year": np.full(ctx.size, year)},
                  ctx.missing_where(f"history[{year}].titles", held == UNKNOWN))


def any_title_in_window(ctx: Context, *, any_of: tuple[str, ...], field: str, years: int) -> Result:
    verdicts, missing = [], []
    for year in range(ctx.year - years + 1, ctx.year + 1):
        held = ctx.title_at(year, any_of).verdict if field == "titles" else ctx.held(year, any_of, field)
        verdicts.append(held)
        missing += ctx.missing_where(f"history[{year}].{field}", held == UNKNOWN)
    verdict = logic.or_(*verdicts)
    return Result(verdict, {}, only_where(missing, verdict == UNKNOWN))


def not_held_before(ctx: Context, *, any_of: tuple[str, ...], field: str, years: int) -> Result:
    """None of `any_of` conferred for the `years` years before Y: a new award's achievement years
    must follow those written in the previous decision (NĐ 98/2023 Điều 30 khoản 9)."""
    verdicts, missing = [], []
    last = np.zeros(ctx.size, np.int32)
    for year in range(ctx.year - years, ctx.year):
        held = ctx.held(year, any_of, field)
        verdicts.append(logic.not_(held))
        last = np.where(held == TRUE, year, last)
        missing += ctx.missing_where(f"history[{year}].{field}", held == UNKNOWN)
    verdict = logic.and_(*verdicts)
    return Result(verdict, {"last": last}, only_where(missing, verdict == UNKNOWN))


# ---------------------------------------------------------------------------------------
# Bằng khen bộ, point d (2022) / NĐ 91 shape (2013)
def bkbo_chain(ctx: Context, *, title_path: bool, ledger: bool) -> Result:
    """Luật 2022 Điều 74 khoản 1 điểm d: 02 consecutive CSTĐCS, or >= 2 consecutive HTXSNV
    years with 02 unit-level initiatives in them. With `ledger` (CV 1168/BNV-BTĐKT, CV
    5007/BNV-TĐKT III.5.c): an initiative that earned a CSTĐCS on its initiative path (any
    CSTĐCS of a 2013-regime year, or a 2022 one without HTXSNV that year) is used up; and when
    either of the two CSTĐCS was earned that way, the CSTĐCS route needs 02 further, unused
    initiatives too. A CSTĐCS earned on the HTXSNV path uses no initiative."""
    year = ctx.year
    cstdcs_before = ctx.title_at(year - 1, ("CSTDCS",))
    cstdcs_now = ctx.title_at(year, ("CSTDCS",))
    excellent_before = ctx.grade_verdict(year - 1, lambda grade: grade == codes.EXCELLENT)
    excellent_now = ctx.grade_verdict(year, lambda grade: grade == codes.EXCELLENT)
    cstdcs = {year - 1: cstdcs_before.verdict, year: cstdcs_now.verdict}
    excellent = {year - 1: excellent_before, year: excellent_now}
    definite = np.zeros(ctx.size, np.int32)         # unused initiatives, surely
    possible = np.zeros(ctx.size, np.int32)         # unused initiatives, at most
    on_initiative_path = logic.filled(ctx.size, FALSE)   # a CSTĐCS of the two years used one
    for y in (year - 1, year):
        count, known = ctx.initiative_count(y, 0)
        if ledger:
            # the 2013 regime had no HTXSNV path for CSTĐCS: every CSTĐCS used an initiative
            used_one = (cstdcs[y] if y <= 2023 else logic.and_(cstdcs[y], logic.not_(excellent[y])))
            on_initiative_path = logic.or_(on_initiative_path, used_one)
            free_surely = np.maximum(count - (used_one != FALSE), 0)
            free_at_most = np.maximum(count - (used_one == TRUE), 0)
        else:
            free_surely = free_at_most = count
        definite += np.where(known, free_surely, 0)
        possible += np.where(known, free_at_most, UNBOUNDED)
    two_initiatives = logic.at_least(definite, possible, 2)
    excellence_route = logic.and_(excellent_before, excellent_now, two_initiatives)
    if title_path:
        initiatives_ok = (logic.or_(logic.not_(on_initiative_path), two_initiatives) if ledger
                          else logic.filled(ctx.size, TRUE))
        title_route = logic.and_(cstdcs_before.verdict, cstdcs_now.verdict, initiatives_ok)
    else:
        title_route = logic.filled(ctx.size, FALSE)
    verdict = logic.or_(title_route, excellence_route)
    missing = []
    if ctx.explain:
        unknown = verdict == UNKNOWN
        if title_path:
            missing += only_where(cstdcs_before.missing + cstdcs_now.missing, unknown)
        missing += [(f"history[{year - 1}].grade", unknown & (excellent_before == UNKNOWN)),
                    (f"history[{year}].grade", unknown & (excellent_now == UNKNOWN))]
        for y in (year - 1, year):
            missing += [(f"history[{y}].initiatives", unknown & ~ctx.initiative_count(y, 0)[1])]
    return Result(verdict, {"cst_prev": cstdcs_before.verdict, "cst_now": cstdcs_now.verdict,
                            "exc_prev": excellent_before, "exc_now": excellent_now, "count": definite,
                            "consumed": on_initiative_path == TRUE, "title_path": title_path}, missing)


# ---------------------------------------------------------------------------------------
# "đã được tặng X, N năm tiếp theo trở lên liên tục ... đến thời điểm đề nghị, trong thời
# gian đó có ..." (BK_TTG, HCLĐ)
def after_award_run(ctx: Context, *, prior: tuple[str, ...], prior_field: str, min_grade: int,
                    run: int, needs: tuple = (), lookback: int = AFTER_AWARD_LOOKBACK) -> Result:
    """After the most recent `prior` award (year Y0 < Y), every year Y0+1 .. Y meets
    `min_grade`, there are at least `run` of them, and they hold the counted `needs`.

    The window runs from the year after the most recent prior award up to Y ("05 năm tiếp
    theo trở lên liên tục ... đến thời điểm đề nghị"; NĐ 98/2023 Điều 30 khoản 9): so a known
    award in Y0 rules out every earlier window, a known year below the grade rules out every
    award before it, and when every candidate year is known to hold no prior award the answer
    is false. Each candidate year Y0 (Y-run back to Y-lookback, then "any earlier year") is
    one term of a Kleene OR:
        award(Y0) AND no award in Y0+1 .. Y-1 AND grade in Y0+1 .. Y AND counts in Y0+1 .. Y.

    needs: tuples (label, kind, arg, n) with kind "title" (codes `arg`), "init" (initiatives
    of level >= `arg`) or "excellent" (HTXSNV years). An unknown answer names the unknown
    facts of the most recent candidate left open."""
    size, target_year = ctx.size, ctx.year
    verdict = logic.filled(size, FALSE)
    no_later_award = logic.filled(size, TRUE)      # no prior award after the candidate, before Y
    window_grades = logic.filled(size, TRUE)       # the grade in every year after the candidate
    definite = [np.zeros(size, np.int32) for _ in needs]   # counted items after the candidate, surely
    possible = [np.zeros(size, np.int32) for _ in needs]   # ... at most
    open_candidate = np.zeros(size, np.int32)      # offset of the most recent unknown candidate
    open_counts = [np.zeros(size, bool) for _ in needs]    # its count was the unknown part
    last_award = np.zeros(size, np.int32)          # most recent known prior award (0: none)
    counts_after_last = [np.zeros(size, np.int32) for _ in needs]
    run_length = np.zeros(size, np.int32)          # consecutive years meeting the grade, ending at Y
    running = np.ones(size, bool)
    unknown_award, unknown_grade, unknown_item = {}, {}, [dict() for _ in needs]

    def candidate(award: np.ndarray, offset: int, counts_possible: list) -> None:
        nonlocal verdict
        counts_ok = [logic.at_least(d, p, need[3]) for need, d, p in zip(needs, definite, counts_possible)]
        term = logic.and_(award, no_later_award, window_grades, *counts_ok)
        verdict = logic.or_(verdict, term)
        newly_open = (term == UNKNOWN) & (open_candidate == 0)
        open_candidate[newly_open] = offset
        for i, ok in enumerate(counts_ok):
            open_counts[i] |= newly_open & (ok == UNKNOWN)

    for offset in range(lookback + 1):
        year = target_year - offset
        if offset >= 1:
            award = ctx.held(year, prior, prior_field)
            if offset >= run:
                candidate(award, offset, possible)
            first_known = (award == TRUE) & (last_award == 0)
            last_award[first_known] = year
            for i in range(len(needs)):
                counts_after_last[i] = np.where(first_known, definite[i], counts_after_last[i])
            no_later_award = logic.and_(no_later_award, logic.not_(award))
            if ctx.explain:
                unknown_award[year] = award == UNKNOWN
        grade_ok = ctx.grade_verdict(year, lambda grade: grade >= min_grade)
        window_grades = logic.and_(window_grades, grade_ok)
        running &= grade_ok == TRUE
        run_length += running
        if ctx.explain:
            unknown_grade[year] = grade_ok == UNKNOWN
        for i, (_, kind, arg, _) in enumerate(needs):
            if kind == "init":
                count, known = ctx.initiative_count(year, arg)
                definite[i] += np.where(known, count, 0)
                possible[i] += np.where(known, count, UNBOUNDED)
                if ctx.explain:
                    unknown_item[i][year] = ~known
            else:
                item = (ctx.title_at(year, arg).verdict if kind == "title"
                        else ctx.grade_verdict(year, lambda grade: grade == codes.EXCELLENT))
                definite[i] += item == TRUE
                possible[i] += item != FALSE
                if ctx.explain:
                    unknown_item[i][year] = item == UNKNOWN
    # an award earlier than the years looked at: unknown, with unknown years in its window
    candidate(logic.filled(size, UNKNOWN), lookback + 1, [np.full(size, UNBOUNDED) for _ in needs])
    counts_after_last = [np.where(last_award == 0, d, c) for d, c in zip(definite, counts_after_last)]
    details = {"run": run_length, "need_run": np.full(size, run), "last": last_award,
               "needs": tuple((need[3], c) for need, c in zip(needs, counts_after_last))}
    missing = []
    if ctx.explain:
        missing = _after_award_missing(ctx, verdict == UNKNOWN, open_candidate, open_counts, needs,
                                       prior_field, lookback, unknown_award, unknown_grade, unknown_item)
    return Result(verdict, details, missing)


def _after_award_missing(ctx, unknown, open_candidate, open_counts, needs, prior_field, lookback,
                         unknown_award, unknown_grade, unknown_item) -> list:
    """The unknown facts of the most recent open candidate: its award year, the awards and
    grades of the years after it, and the counted items when the count was open."""
    target_year = ctx.year
    missing = []
    for offset in range(lookback + 2):
        year = target_year - offset
        reaches = unknown & (open_candidate >= offset)      # the year is the candidate's or after
        after = unknown & (open_candidate > offset)         # the year is inside the window
        if offset == lookback + 1:
            missing.append((f"history[{year}].{prior_field}", unknown & (open_candidate == offset)))
            continue
        if offset >= 1:
            missing.append((f"history[{year}].{prior_field}", reaches & unknown_award[year]))
        missing.append((f"history[{year}].grade", after & unknown_grade[year]))
        for i, (_, kind, arg, _) in enumerate(needs):
            lacking = after & open_counts[i] & unknown_item[i][year]
            if kind == "title" and year == target_year:
                missing += only_where(ctx.title_at(year, arg).missing, lacking)
            else:
                field = {"title": "titles", "init": "initiatives", "excellent": "grade"}[kind]
                missing.append((f"history[{year}].{field}", lacking))
    return missing


# ---------------------------------------------------------------------------------------
# collectives
def member_share(ctx: Context, *, field: str, ratio: float, strict: bool) -> Result:
    part = ctx.column("m_" + field, ctx.year)
    total = ctx.column("m_total", ctx.year)
    known = (part >= 0) & (total >= 0)
    share = part.astype(np.int64) * 100
    threshold = total.astype(np.int64) * round(ratio * 100)
    ok = ((share > threshold) if strict else (share >= threshold)) & (total > 0)
    verdict = logic.from_bool(ok, known)
    unknown = verdict == UNKNOWN
    return Result(verdict, {"part": part, "total": total},
                  ctx.missing_where(f"history[{ctx.year}].members.{field}", unknown & (part < 0))
                  + ctx.missing_where(f"history[{ctx.year}].members.total", unknown & (total < 0)))


def members_all_complete(ctx: Context) -> Result:
    part = ctx.column("m_completed", ctx.year)
    total = ctx.column("m_total", ctx.year)
    verdict = logic.from_bool(part >= total, (part >= 0) & (total >= 0))
    unknown = verdict == UNKNOWN
    return Result(verdict, {"part": part, "total": total},
                  ctx.missing_where(f"history[{ctx.year}].members.completed", unknown & (part < 0))
                  + ctx.missing_where(f"history[{ctx.year}].members.total", unknown & (total < 0)))


def members_at_least(ctx: Context, *, field: str, need: int) -> Result:
    value = ctx.column("m_" + field, ctx.year)
    verdict = logic.from_bool(value >= need, value >= 0)
    return Result(verdict, {"part": value},
                  ctx.missing_where(f"history[{ctx.year}].members.{field}", verdict == UNKNOWN))


def members_none(ctx: Context, *, field: str) -> Result:
    value = ctx.column("m_" + field, ctx.year)
    verdict = logic.from_bool(value == 0, value >= 0)
    return Result(verdict, {"part": value},
                  ctx.missing_where(f"history[{ctx.year}].members.{field}", verdict == UNKNOWN))


def cluster_leader(ctx: Context) -> Result:
    rank = ctx.column("cluster_rank", ctx.year)
    verdict = logic.from_bool(rank == 1, rank >= 1)
    return Result(verdict, {"rank": rank},
                  ctx.missing_where(f"history[{ctx.year}].cluster_rank", verdict == UNKNOWN))


# ---------------------------------------------------------------------------------------
# grades as targets (evaluation-rules.md)
def grade_discipline(ctx: Context, *, grade: int) -> Result:
    """Discipline in the year forces "không hoàn thành nhiệm vụ"."""
    if grade == codes.INCOMPLETE:
        return Result(logic.filled(ctx.size, TRUE))
    discipline = ctx.column("discipline", ctx.year)
    verdict = logic.from_bool(~((discipline >= codes.REPRIMAND) & (discipline <= codes.DISMISSAL)),
                              discipline != codes.DISC_UNKNOWN)
    verdict[discipline == codes.UNDER_REVIEW] = UNKNOWN
    return Result(verdict, {"disc": discipline},
                  ctx.missing_where(f"history[{ctx.year}].discipline", verdict == UNKNOWN))


def grade_time_worked(ctx: Context, *, grade: int) -> Result:
    """NĐ 90 Điều 2: < 6 months worked -> not graded; 3 to < 6 months of leave -> at most
    "hoàn thành nhiệm vụ"; maternity leave exempt (graded on the time worked)."""
    months = ctx.column("months_worked", ctx.year)
    maternity = ctx.column("leave_maternity", ctx.year)
    not_graded = months < 6
    capped = (months > 6) & (months <= 9)
    blocked = not_graded | (capped & (grade >= codes.GOOD))
    verdict = logic.from_bool(~blocked, months >= 0)
    verdict[blocked & (maternity > 0)] = TRUE
    verdict[blocked & (months >= 0) & (maternity < 0)] = UNKNOWN
    return Result(verdict, {"months": months},
                  ctx.missing_where(f"history[{ctx.year}].months_worked", months < 0)
                  + ctx.missing_where(f"history[{ctx.year}].leave_days",
                                      blocked & (months >= 0) & (maternity < 0)))


def pending_after_award(ctx: Context, *, missing_text: str, **chain) -> Result:
    """A criterion whose text was not confirmed, but whose every reading starts with an
    after-award chain (`chain`: the parameters of after_award_run): false when the known history
    rules that minimum out, otherwise unknown with `missing_text` (never true)."""
    minimum = after_award_run(ctx, **chain)
    verdict = logic.and_(minimum.verdict, logic.filled(ctx.size, UNKNOWN))
    unknown = verdict == UNKNOWN
    return Result(verdict, minimum.details,
                  only_where(minimum.missing, unknown) + ctx.missing_where(missing_text, unknown))
