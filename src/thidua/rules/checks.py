"""The rule library: each criterion is one vectorized function over the columnar view.

A rule function takes the evaluation context `ctx` (columnar batch, target year, regime)
plus the parameters its catalog row gives, and returns a `Res`: a tri-valued int8 array
(F=0, U=1, T=2 per subject), per-subject detail arrays used only to word the messages,
and, when `ctx.explain` is on, the input fields whose absence made a subject unknown.
The catalog (catalog.py) says which rule applies to which target in which regime, with
its id, legal source and level; the functions below never mention a regime.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import codes as C
from . import logic as L
from .codes import F, T, U


class Res:
    __slots__ = ("_lists", "d", "missing", "tri")

    def __init__(self, tri: np.ndarray, d: dict | None = None, missing: list | None = None):
        self.tri = tri
        self.d = d or {}
        self.missing = missing or []
        self._lists = None

    def lists(self) -> tuple[list, dict]:
        """tri and details as Python lists (for formatting many answers cheaply)."""
        if self._lists is None:
            def conv(v):
                if isinstance(v, np.ndarray):
                    return v.tolist()
                if isinstance(v, list):
                    return [conv(x) for x in v]
                if isinstance(v, tuple):
                    return tuple(conv(x) for x in v)
                return v
            self._lists = (self.tri.tolist(), {k: conv(v) for k, v in self.d.items()})
        return self._lists


class Ctx:
    """One (regime, target year) evaluation over a whole batch; caches shared results."""

    def __init__(self, col, year: int, regime, *, explain: bool = False):
        self.col = col
        self.Y = year
        self.regime = regime
        self.explain = explain
        self.n = col.n
        self._cache: dict = {}

    # -- parameters and facts -------------------------------------------------------------
    def param(self, name: str):
        return self.regime.param(name, self.Y)

    def col_(self, name: str, y: int) -> np.ndarray:
        key = ("col", name, y)
        if key not in self._cache:
            self._cache[key] = self.col.column(name, y)
        return self._cache[key]

    def miss(self, label: str, mask: np.ndarray) -> list:
        return [(label, mask)] if self.explain else []

    def grade_tri(self, y: int, ok: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        g = self.col_("grade", y)
        out = L.from_bool(ok(g))
        out[g == C.GRADE_UNKNOWN] = U
        return out

    def held(self, y: int, codes: tuple[str, ...], field: str = "titles") -> np.ndarray:
        """Was any of `codes` conferred for year y (a fact, not a re-evaluation)?"""
        key = ("held", field, codes, y)
        if key not in self._cache:
            bits = 0
            for c in codes:
                bits |= C.BIT[c]
            vals = self.col_(field, y)
            known = self.col_(field + "_known", y)
            self._cache[key] = L.from_bool((vals & bits) != 0, known)
        return self._cache[key]

    def standard(self, code: str) -> Res:
        """Does the subject meet the standard of `code` for the target year (core rules)?"""
        key = ("standard", code)
        if key not in self._cache:
            self._cache[key] = self.regime.evaluate(self, code, core_only=True)
        return self._cache[key]

    def title_at(self, y: int, codes: tuple[str, ...]) -> Res:
        """Title held in y; for the target year itself, held or meeting its standard."""
        held = self.held(y, codes)
        if y != self.Y:
            return Res(held, missing=self.miss(f"history[{y}].titles", held == U))
        key = ("title_at", codes)
        if key not in self._cache:
            stds = [self.standard(c) for c in codes if self.regime.has_target(c)]
            if not stds:
                self._cache[key] = Res(held, missing=self.miss(f"history[{y}].titles",
                                                               held == U))
            else:
                std = L.or_(*[s.tri for s in stds])
                tri = np.where(held == T, T, std).astype(L.TRI)
                missing = [m for s in stds for m in s.missing]
                self._cache[key] = Res(tri, missing=missing)
        return self._cache[key]

    def initiatives(self, y: int, min_level: int) -> tuple[np.ndarray, np.ndarray]:
        """(count of initiatives at level >= min_level in y, known mask)."""
        names = ("init_unit", "init_ministry", "init_national")[min_level:]
        first = self.col_(names[0], y)
        known = first >= 0
        total = np.zeros(self.n, np.int32)
        for name in names:
            total += np.maximum(self.col_(name, y), 0)
        return total, known


Rule = Callable[..., Res]


# ---------------------------------------------------------------------------------------
# common rules
def always_ok(ctx: Ctx, **_) -> Res:
    """A council judgement or a note: shown, defaults to ok (legal-rules.md)."""
    return Res(L.full(ctx.n, T))


def pending_text(ctx: Ctx, **_) -> Res:
    """The text of the criterion was not confirmed: answer unknown, never guess."""
    return Res(L.full(ctx.n, U))


def kind_is(ctx: Ctx, *, kind: int) -> Res:
    return Res(L.from_bool(ctx.col.kind == kind), {"kind": ctx.col.kind})


def freeze(ctx: Ctx) -> Res:
    disc = ctx.col_("discipline", ctx.Y)
    return Res(np.where(disc == C.UNDER_REVIEW, U, T).astype(L.TRI))


def grade_consistency(ctx: Ctx) -> Res:
    """Discipline >= reprimand with grade good/excellent: a 2022-regime record to check."""
    disc = ctx.col_("discipline", ctx.Y)
    g = ctx.col_("grade", ctx.Y)
    bad = (disc >= C.REPRIMAND) & (disc <= C.DISMISSAL) & (g >= C.GOOD)
    return Res(np.where(bad, U, T).astype(L.TRI), {"disc": disc})


def discipline_restart(ctx: Ctx, *, window: int) -> Res:
    """A multi-year window may not reach back to a year with a served discipline."""
    hit = np.zeros(ctx.n, bool)
    last = np.zeros(ctx.n, np.int32)
    for y in range(ctx.Y - window + 1, ctx.Y):
        d = ctx.col_("discipline", y)
        h = (d >= C.REPRIMAND) & (d <= C.DISMISSAL)
        last = np.where(h, y, last)
        hit |= h
    return Res(np.where(hit, F, T).astype(L.TRI), {"disc_year": last})


# ---------------------------------------------------------------------------------------
# individual, one year
def grade_at_least(ctx: Ctx, *, min_grade: int, offset: int = 0) -> Res:
    y = ctx.Y - offset
    tri = ctx.grade_tri(y, lambda g: g >= min_grade)
    return Res(tri, {"grade": ctx.col_("grade", y), "disc": ctx.col_("discipline", y)},
               ctx.miss(f"history[{y}].grade", tri == U))


def tenure(ctx: Ctx, *, min_months_param: str) -> Res:
    """Not newly recruited: worked the year before, or months in the year >= minimum."""
    need = ctx.param(min_months_param)
    months = ctx.col_("months_worked", ctx.Y)
    before = ctx.col_("present", ctx.Y - 1)
    tri = L.from_bool(months >= need, months >= 0)
    tri[before] = T
    return Res(tri, {"months": months, "need": np.full(ctx.n, need), "before": before},
               ctx.miss(f"history[{ctx.Y}].months_worked", tri == U))


def no_discipline(ctx: Ctx, *, min_form: int) -> Res:
    disc = ctx.col_("discipline", ctx.Y)
    tri = L.from_bool(~((disc >= min_form) & (disc <= C.DISMISSAL)), disc != C.DISC_UNKNOWN)
    tri[disc == C.UNDER_REVIEW] = U
    return Res(tri, {"disc": disc},
               ctx.miss(f"history[{ctx.Y}].discipline", disc == C.DISC_UNKNOWN))


def leave_bar(ctx: Ctx, *, max_days_param: str) -> Res:
    """Days off work (sick, unpaid, other; not maternity nor agency-sent study) < limit."""
    limit = ctx.param(max_days_param)
    sick = ctx.col_("leave_sick", ctx.Y)
    days = (np.maximum(sick, 0) + np.maximum(ctx.col_("leave_unpaid", ctx.Y), 0)
            + np.maximum(ctx.col_("leave_other", ctx.Y), 0))
    tri = L.from_bool(days < limit, sick >= 0)
    return Res(tri, {"days": days, "limit": np.full(ctx.n, limit)},
               ctx.miss(f"history[{ctx.Y}].leave_days", tri == U))


def has_title(ctx: Ctx, *, codes: tuple[str, ...]) -> Res:
    """Holds (or meets the standard of) one of `codes` in the target year."""
    return ctx.title_at(ctx.Y, codes)


def excellence_or_initiative(ctx: Ctx) -> Res:
    exc = ctx.grade_tri(ctx.Y, lambda g: g == C.EXCELLENT)
    cnt, known = ctx.initiatives(ctx.Y, 0)
    ini = L.from_bool(cnt >= 1, known)
    tri = L.or_(exc, ini)
    miss = ctx.miss(f"history[{ctx.Y}].grade", (tri == U) & (exc == U)) + ctx.miss(
        f"history[{ctx.Y}].initiatives", (tri == U) & (ini == U))
    return Res(tri, {"grade": ctx.col_("grade", ctx.Y), "count": cnt}, miss)


def initiatives_in_window(ctx: Ctx, *, min_level: int, need: int, years: int) -> Res:
    """At least `need` initiatives of level >= min_level in the `years` years ending at Y."""
    definite = np.zeros(ctx.n, np.int32)
    unknown = np.zeros(ctx.n, bool)
    miss = []
    for y in range(ctx.Y - years + 1, ctx.Y + 1):
        cnt, known = ctx.initiatives(y, min_level)
        definite += np.where(known, cnt, 0)
        unknown |= ~known
        miss += ctx.miss(f"history[{y}].initiatives", ~known)
    possible = np.where(unknown, np.iinfo(np.int32).max, definite)
    tri = L.at_least(definite, possible, need)
    if miss:
        miss = [(lbl, m & (tri == U)) for lbl, m in miss]
    return Res(tri, {"count": definite, "need": np.full(ctx.n, need),
                     "level": np.full(ctx.n, min_level)}, miss)


# ---------------------------------------------------------------------------------------
# chains of titles
def title_run(ctx: Ctx, *, codes: tuple[str, ...], years: int) -> Res:
    """The title in each of the `years` consecutive years ending at Y."""
    parts, miss = [], []
    run = np.zeros(ctx.n, np.int32)
    run_prev = np.zeros(ctx.n, np.int32)
    going = np.ones(ctx.n, bool)
    going_prev = np.ones(ctx.n, bool)
    for y in range(ctx.Y, ctx.Y - years, -1):
        r = ctx.title_at(y, codes)
        parts.append(r.tri)
        miss += r.missing
        going &= r.tri == T
        run += going
        if y < ctx.Y:
            going_prev &= r.tri == T
            run_prev += going_prev
    tri = L.and_(*parts)
    if miss:
        miss = [(lbl, m & (tri == U)) for lbl, m in miss]
    return Res(tri, {"run": run, "run_prev": run_prev, "need": np.full(ctx.n, years)}, miss)


def not_held_recently(ctx: Ctx, *, codes: tuple[str, ...], years: int) -> Res:
    """None of `codes` in the `years` years before Y (their chain years are used up)."""
    parts, last = [], np.zeros(ctx.n, np.int32)
    for y in range(ctx.Y - 1, ctx.Y - years - 1, -1):
        h = ctx.held(y, codes)
        parts.append(L.not_(h))
        last = np.where((h == T) & (last == 0), y, last)
    tri = L.and_(*parts) if parts else L.full(ctx.n, T)
    return Res(tri, {"last": last})


def held_at(ctx: Ctx, *, codes: tuple[str, ...], offset: int) -> Res:
    y = ctx.Y - offset
    h = ctx.held(y, codes)
    return Res(h, {"year": np.full(ctx.n, y)}, ctx.miss(f"history[{y}].titles", h == U))


def any_title_in_window(ctx: Ctx, *, codes: tuple[str, ...], field: str, years: int) -> Res:
    parts, miss = [], []
    for y in range(ctx.Y - years + 1, ctx.Y + 1):
        h = ctx.title_at(y, codes).tri if field == "titles" else ctx.held(y, codes, field)
        parts.append(h)
        miss += ctx.miss(f"history[{y}].{field}", h == U)
    tri = L.or_(*parts)
    return Res(tri, {}, [(lbl, m & (tri == U)) for lbl, m in miss])


def not_held_before(ctx: Ctx, *, codes: tuple[str, ...], field: str, years: int) -> Res:
    """None of `codes` conferred for the `years` years before Y: a new award's achievement years
    must follow those written in the previous decision (NĐ 98/2023 Điều 30 khoản 9)."""
    parts, miss = [], []
    last = np.zeros(ctx.n, np.int32)
    for y in range(ctx.Y - years, ctx.Y):
        h = ctx.held(y, codes, field)
        parts.append(L.not_(h))
        last = np.where(h == T, y, last)
        miss += ctx.miss(f"history[{y}].{field}", h == U)
    tri = L.and_(*parts)
    return Res(tri, {"last": last}, [(lbl, m & (tri == U)) for lbl, m in miss])


# ---------------------------------------------------------------------------------------
# Bằng khen bộ, point d (2022) / NĐ 91 shape (2013)
def bkbo_chain(ctx: Ctx, *, title_path: bool, ledger: bool) -> Res:
    Y = ctx.Y
    a_prev = ctx.title_at(Y - 1, ("CSTDCS",))
    a_now = ctx.title_at(Y, ("CSTDCS",))
    path_a = L.and_(a_prev.tri, a_now.tri) if title_path else L.full(ctx.n, F)
    e_prev = ctx.grade_tri(Y - 1, lambda g: g == C.EXCELLENT)
    e_now = ctx.grade_tri(Y, lambda g: g == C.EXCELLENT)
    definite = np.zeros(ctx.n, np.int32)
    unknown = np.zeros(ctx.n, bool)
    for y in (Y - 1, Y):
        cnt, known = ctx.initiatives(y, 0)
        if ledger:
            # CV 1168/BNV-BTĐKT: initiatives that earned a CSTĐCS on its initiative path
            # (any 2013-regime CSTĐCS, or a 2022 one without HTXSNV) are used up.
            held = ctx.held(y, ("CSTDCS",)) == T
            exc = ctx.col_("grade", y) == C.EXCELLENT
            spent = held & ((y <= 2023) | ~exc)
            cnt = np.maximum(cnt - spent, 0)
        definite += np.where(known, cnt, 0)
        unknown |= ~known
    possible = np.where(unknown, 1 << 30, definite)
    inits = L.at_least(definite, possible, 2)
    path_b = L.and_(e_prev, e_now, inits)
    tri = L.or_(path_a, path_b)
    miss = []
    if ctx.explain:
        u = tri == U
        if title_path:
            miss += [(l, m & u) for l, m in a_prev.missing + a_now.missing]
        miss += [(f"history[{Y - 1}].grade", u & (e_prev == U)),
                 (f"history[{Y}].grade", u & (e_now == U))]
        for y in (Y - 1, Y):
            miss += [(f"history[{y}].initiatives", u & ~ctx.initiatives(y, 0)[1])]
    return Res(tri, {"cst_prev": a_prev.tri, "cst_now": a_now.tri, "exc_prev": e_prev,
                     "exc_now": e_now, "count": definite, "title_path": title_path}, miss)


# ---------------------------------------------------------------------------------------
# "đã được tặng X, N năm tiếp theo liên tục ... trong thời gian đó có ..." (BK_TTG, HCLĐ)
def after_award_run(ctx: Ctx, *, prior: tuple[str, ...], prior_field: str, min_grade: int,
                    run: int, needs: tuple, lookback: int = 15) -> Res:
    """A run of >= `run` consecutive years up to Y with grade >= min_grade, all after the
    most recent `prior` award before Y, holding the counted `needs` within the run.

    needs: tuples (label, kind, arg, n) with kind "title" (codes), "init" (min level) or
    "excellent". Sound Kleene evaluation over candidate years of the prior award."""
    n, Y = ctx.n, ctx.Y
    big = np.float64(np.inf)
    inrun = L.full(n, T)
    good_n = L.full(n, T)
    nolater = L.full(n, T)
    result = L.full(n, F)
    defs = [np.zeros(n) for _ in needs]
    poss = [np.zeros(n) for _ in needs]
    run_len = np.zeros(n, np.int32)
    going = np.ones(n, bool)
    last_bk = np.zeros(n, np.int32)
    counts_at_bk = [np.zeros(n) for _ in needs]
    miss = []

    def term(bk):
        parts = [bk, nolater, good_n]
        for (_, _, _, need), d, p in zip(needs, defs, poss):
            parts.append(L.at_least(d, p, need))
        return L.and_(*parts)

    for k in range(lookback + 1):
        y = Y - k
        if k >= 1:
            bk = ctx.held(y, prior, prior_field)
            if k >= run:
                result = L.or_(result, term(bk))
            first = (bk == T) & (last_bk == 0)
            for i in range(len(needs)):
                counts_at_bk[i] = np.where(first, defs[i], counts_at_bk[i])
            last_bk = np.where(first, y, last_bk)
            nolater = L.and_(nolater, L.not_(bk))
            if ctx.explain and k < run + 3:
                miss.append((f"history[{y}].{prior_field}", bk == U))
        g = ctx.grade_tri(y, lambda gr: gr >= min_grade)
        if ctx.explain and k < run:
            miss.append((f"history[{y}].grade", g == U))
        inrun = L.and_(inrun, g)
        going &= g == T
        run_len += going
        if k < run:
            good_n = L.and_(good_n, g)
        for i, (_, kind, arg, _) in enumerate(needs):
            if kind == "init":
                cnt, known = ctx.initiatives(y, arg)
                defs[i] += np.where(known & (inrun == T), cnt, 0)
                poss[i] += np.where(inrun == F, 0, np.where(known, cnt, big))
            else:
                item = (ctx.title_at(y, arg).tri if kind == "title"
                        else ctx.grade_tri(y, lambda gr: gr == C.EXCELLENT))
                c = L.and_(item, inrun)
                defs[i] += c == T
                poss[i] += c != F
    # any year before the lookback: the prior award unknown, the run possibly longer
    for i in range(len(needs)):
        poss[i] = np.where(inrun == F, poss[i], big)
    result = L.or_(result, term(L.full(n, U)))
    counts_at_bk = [np.where(last_bk == 0, d, c) for d, c in zip(defs, counts_at_bk)]
    d = {"run": run_len, "need_run": np.full(n, run), "last": last_bk,
         "needs": tuple((nd[3], c) for nd, c in zip(needs, counts_at_bk))}
    if miss:
        miss = [(lbl, m & (result == U)) for lbl, m in miss]
    return Res(result, d, miss)


# ---------------------------------------------------------------------------------------
# collectives
def member_share(ctx: Ctx, *, field: str, ratio: float, strict: bool) -> Res:
    part = ctx.col_("m_" + field, ctx.Y)
    total = ctx.col_("m_total", ctx.Y)
    known = (part >= 0) & (total >= 0)
    lhs = part.astype(np.int64) * 100
    rhs = total.astype(np.int64) * round(ratio * 100)
    ok = ((lhs > rhs) if strict else (lhs >= rhs)) & (total > 0)
    tri = L.from_bool(ok, known)
    return Res(tri, {"part": part, "total": total},
               ctx.miss(f"history[{ctx.Y}].members.{field}", (tri == U) & (part < 0))
               + ctx.miss(f"history[{ctx.Y}].members.total", (tri == U) & (total < 0)))


def members_all_complete(ctx: Ctx) -> Res:
    part = ctx.col_("m_completed", ctx.Y)
    total = ctx.col_("m_total", ctx.Y)
    tri = L.from_bool(part >= total, (part >= 0) & (total >= 0))
    return Res(tri, {"part": part, "total": total},
               ctx.miss(f"history[{ctx.Y}].members.completed", (tri == U) & (part < 0))
               + ctx.miss(f"history[{ctx.Y}].members.total", (tri == U) & (total < 0)))


def members_at_least(ctx: Ctx, *, field: str, need: int) -> Res:
    v = ctx.col_("m_" + field, ctx.Y)
    tri = L.from_bool(v >= need, v >= 0)
    return Res(tri, {"part": v}, ctx.miss(f"history[{ctx.Y}].members.{field}", tri == U))


def members_none(ctx: Ctx, *, field: str) -> Res:
    v = ctx.col_("m_" + field, ctx.Y)
    tri = L.from_bool(v == 0, v >= 0)
    return Res(tri, {"part": v}, ctx.miss(f"history[{ctx.Y}].members.{field}", tri == U))


def cluster_leader(ctx: Ctx) -> Res:
    rank = ctx.col_("cluster_rank", ctx.Y)
    tri = L.from_bool(rank == 1, rank >= 1)
    return Res(tri, {"rank": rank}, ctx.miss(f"history[{ctx.Y}].cluster_rank", tri == U))


# ---------------------------------------------------------------------------------------
# grades as targets (evaluation-rules.md)
def grade_discipline(ctx: Ctx, *, grade: int) -> Res:
    """Discipline in the year forces "không hoàn thành nhiệm vụ"."""
    if grade == C.INCOMPLETE:
        return Res(L.full(ctx.n, T))
    disc = ctx.col_("discipline", ctx.Y)
    tri = L.from_bool(~((disc >= C.REPRIMAND) & (disc <= C.DISMISSAL)),
                      disc != C.DISC_UNKNOWN)
    tri[disc == C.UNDER_REVIEW] = U
    return Res(tri, {"disc": disc},
               ctx.miss(f"history[{ctx.Y}].discipline", disc == C.DISC_UNKNOWN))


def grade_time_worked(ctx: Ctx, *, grade: int) -> Res:
    """NĐ 90 Điều 2: < 6 months worked -> not graded; 3 to < 6 months of leave -> at most
    "hoàn thành nhiệm vụ"; maternity leave exempt (graded on the time worked)."""
    months = ctx.col_("months_worked", ctx.Y)
    mat = ctx.col_("leave_maternity", ctx.Y)
    not_graded = months < 6
    capped = (months > 6) & (months <= 9)
    blocked = not_graded | (capped & (grade >= C.GOOD))
    tri = L.from_bool(~blocked, months >= 0)
    exempt = blocked & (mat > 0)
    tri[exempt] = T
    tri[blocked & (months >= 0) & (mat < 0)] = U
    return Res(tri, {"months": months},
               ctx.miss(f"history[{ctx.Y}].months_worked", months < 0)
               + ctx.miss(f"history[{ctx.Y}].leave_days", blocked & (months >= 0) & (mat < 0)))
