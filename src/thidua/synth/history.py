"""Plausible yearly history for a person, consistent with legal-rules.md §3–4.

Pure Python (no Django): `demo` turns the result into service calls, `generate` into bulk rows.
The rules are simplified on purpose (no ratio caps, no council vote) but never contradicted:
- LĐTT needs grade good/excellent;
- CSTĐCS needs LĐTT plus an initiative (before 2024, Luật 2003) or excellent/an initiative (from 2024);
- BK_BO after two consecutive CSTĐCS (or two excellent years with two initiatives), chain not reused;
- CSTD_BO after three consecutive CSTĐCS with a ministry-level initiative in the chain;
- BK_TTG after BK_BO + five following good-or-better years with three CSTĐCS (2022 regime) or
  five excellent years with five initiatives (2013 regime);
- a discipline forces grade incomplete and no title that year; an open case freezes titles.
"""
from dataclasses import dataclass, field
from random import Random

GOOD = ("good", "excellent")
REGIME_2022 = 2024  # Luật TĐKT 2022 applies to achievements from 2024

# grade probabilities (excellent, good, complete, incomplete) and yearly initiative chance
PROFILES = {
    "star": ((0.60, 0.38, 0.02, 0.0), 0.55),
    "solid": ((0.20, 0.72, 0.07, 0.01), 0.15),
    "average": ((0.083, 0.715, 0.158, 0.044), 0.04),
}
# generate's mixture: overall ≈ 15 % excellent, 70 % good, 12 % complete, 3 % incomplete
PROFILE_MIX = (("star", 0.05), ("solid", 0.35), ("average", 0.60))
GRADES = ("excellent", "good", "complete", "incomplete")


@dataclass
class YearFacts:
    year: int
    grade: str
    months: int = 12
    party_grade: str = ""
    titles: list[str] = field(default_factory=list)  # award codes, kind regular
    initiatives: list[str] = field(default_factory=list)  # levels: unit|ministry|national
    discipline: str = ""  # DisciplineForm value
    note: str = ""


def pick_profile(rng: Random) -> str:
    x = rng.random()
    for name, p in PROFILE_MIX:
        if x < p:
            return name
        x -= p
    return "average"


def _grade(rng: Random, probs) -> str:
    x = rng.random()
    for g, p in zip(GRADES, probs):
        if x < p:
            return g
        x -= p
    return "complete"


def _initiative_level(rng: Random, profile: str) -> str:
    x = rng.random()
    if profile == "star":
        return "national" if x < 0.05 else "ministry" if x < 0.40 else "unit"
    return "ministry" if x < 0.10 else "unit"


class _State:
    def __init__(self):
        self.by_year: dict[int, YearFacts] = {}
        self.last_bkbo = 0
        self.last_cstdbo_chain_end = 0
        self.last_bkttg = 0

    def has(self, year: int, code: str) -> bool:
        f = self.by_year.get(year)
        return bool(f and code in f.titles)


def _merit_forms(rng: Random, st: _State, f: YearFacts) -> None:
    y = f.year
    prev = st.by_year.get(y - 1)
    chain2 = st.has(y, "CSTDCS") and st.has(y - 1, "CSTDCS")
    exc2 = prev is not None and f.grade == prev.grade == "excellent" and \
        len(f.initiatives) + len(prev.initiatives) >= 2
    if (chain2 or exc2) and st.last_bkbo < y - 1 and rng.random() < 0.8:
        f.titles.append("BK_BO")
        st.last_bkbo = y
    chain3 = chain2 and st.has(y - 2, "CSTDCS") and st.last_cstdbo_chain_end < y - 2
    if chain3:
        levels = [lv for yy in (y - 2, y - 1, y) for lv in st.by_year[yy].initiatives]
        if any(lv in ("ministry", "national") for lv in levels) and rng.random() < 0.75:
            f.titles.append("CSTD_BO")
            st.last_cstdbo_chain_end = y
    _bkttg(rng, st, f)


def _bkttg(rng: Random, st: _State, f: YearFacts) -> None:
    y, b = f.year, st.last_bkbo
    if not b or b >= y - 4 or st.last_bkttg > b or "BK_BO" in f.titles:
        return
    run = [st.by_year.get(yy) for yy in range(b + 1, y + 1)]
    if any(r is None for r in run) or len(run) < 5:
        return
    if y >= REGIME_2022:
        ok = all(r.grade in GOOD for r in run) and sum("CSTDCS" in r.titles for r in run) >= 3
    else:
        last5 = run[-5:]
        ok = all(r.grade == "excellent" for r in last5) and sum(len(r.initiatives) for r in last5) >= 5
    if ok and rng.random() < 0.7:
        f.titles.append("BK_TTG")
        st.last_bkttg = y


def person_history(rng: Random, *, years: list[int], profile: str, party: bool = False,
                   first_months: int = 12, discipline_rate: float = 0.0,
                   forced: dict[int, dict] | None = None) -> list[YearFacts]:
    """Yearly facts for `years` (ascending). `forced[year]` overrides grade, initiatives,
    discipline or titles (a story); the title logic then runs on the forced facts."""
    probs, init_rate = PROFILES.get(profile, PROFILES["average"])
    forced = forced or {}
    st = _State()
    out = []
    for i, y in enumerate(years):
        fx = forced.get(y, {})
        f = YearFacts(year=y, grade=fx.get("grade") or _grade(rng, probs))
        f.months = first_months if i == 0 else 12
        if "initiatives" in fx:
            f.initiatives = list(fx["initiatives"])
        elif rng.random() < init_rate:
            f.initiatives.append(_initiative_level(rng, profile))
        f.discipline = fx.get("discipline", "")
        if not f.discipline and discipline_rate and rng.random() < discipline_rate:
            f.discipline = "reprimand" if rng.random() < 0.7 else "warning"
        if f.discipline and f.discipline != "under_review":
            f.grade = "incomplete"
        st.by_year[y] = f
        if "titles" in fx:
            f.titles = list(fx["titles"])
        elif f.grade in GOOD and f.months >= 6 and not f.discipline:
            _titles(rng, st, f, fx)
        if party:
            f.party_grade = _party_grade(rng, f.grade)
        out.append(f)
    return out


def _titles(rng: Random, st: _State, f: YearFacts, fx: dict) -> None:
    if rng.random() >= fx.get("ldtt_rate", 0.93):
        return
    f.titles.append("LDTT")
    if f.year >= REGIME_2022:
        path_ok = bool(f.initiatives) or (f.grade == "excellent" and rng.random() < 0.5)
    else:
        path_ok = bool(f.initiatives)
    if path_ok and rng.random() < fx.get("cstdcs_rate", 0.85):
        f.titles.append("CSTDCS")
    _merit_forms(rng, st, f)
    if "BK_BO" not in f.titles and rng.random() < 0.08:
        f.titles.append("GK")


def _party_grade(rng: Random, grade: str) -> str:
    if grade == "excellent":
        return "excellent" if rng.random() < 0.7 else "good"
    if grade == "good":
        return "good" if rng.random() < 0.95 else "excellent"
    return grade


def collective_titles(rng: Random, *, total: int, ldtt: int, cstdcs: int, disciplined: int,
                      grade: str) -> list[str]:
    """TTLDTT (≥ 70 % LĐTT, no warning-level discipline), TTLDXS (excellent, all completed,
    ≥ 70 % LĐTT and a CSTĐCS), CO_BO rarely on top of TTLDXS."""
    if total == 0 or grade not in GOOD or disciplined:
        return []
    if ldtt * 10 < total * 7:
        return []
    out = ["TTLDTT"]
    if grade == "excellent" and cstdcs and rng.random() < 0.5:
        out = ["TTLDXS"]
        if rng.random() < 0.15:
            out.append("CO_BO")
    return out


def unit_grade(rng: Random) -> str:
    x = rng.random()
    return "excellent" if x < 0.35 else "good" if x < 0.9 else "complete"
