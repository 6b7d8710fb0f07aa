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

GOOD_OR_BETTER = ("good", "excellent")
LAW_2022_FROM = 2024  # Luật TĐKT 2022 applies to achievements from 2024

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
    """A profile name drawn with the weights of PROFILE_MIX."""
    draw = rng.random()
    for name, weight in PROFILE_MIX:
        if draw < weight:
            return name
        draw -= weight
    return "average"


def _grade(rng: Random, probabilities) -> str:
    """A grade drawn with `probabilities` (in the order of GRADES)."""
    draw = rng.random()
    for grade, probability in zip(GRADES, probabilities):
        if draw < probability:
            return grade
        draw -= probability
    return "complete"


def _initiative_level(rng: Random, profile: str) -> str:
    draw = rng.random()
    if profile == "star":
        return "national" if draw < 0.05 else "ministry" if draw < 0.40 else "unit"
    return "ministry" if draw < 0.10 else "unit"


class _Career:
    """The years drawn so far and the last years of the higher awards (a chain is used once)."""

    def __init__(self):
        self.by_year: dict[int, YearFacts] = {}
        self.last_bk_bo_year = 0
        self.last_cstd_bo_chain_end = 0
        self.last_bk_ttg_year = 0

    def has(self, year: int, code: str) -> bool:
        facts = self.by_year.get(year)
        return bool(facts and code in facts.titles)


def _merit_forms(rng: Random, career: _Career, facts: YearFacts) -> None:
    """BK_BO and CSTD_BO when this year ends a qualifying chain, then BK_TTG."""
    year = facts.year
    previous = career.by_year.get(year - 1)
    cstdcs_two_years = career.has(year, "CSTDCS") and career.has(year - 1, "CSTDCS")
    excellent_two_years = previous is not None and facts.grade == previous.grade == "excellent" and \
        len(facts.initiatives) + len(previous.initiatives) >= 2
    if (cstdcs_two_years or excellent_two_years) and career.last_bk_bo_year < year - 1 and rng.random() < 0.8:
        facts.titles.append("BK_BO")
        career.last_bk_bo_year = year
    cstdcs_three_years = (cstdcs_two_years and career.has(year - 2, "CSTDCS")
                          and career.last_cstd_bo_chain_end < year - 2)
    if cstdcs_three_years:
        levels = [level for chain_year in (year - 2, year - 1, year)
                  for level in career.by_year[chain_year].initiatives]
        if any(level in ("ministry", "national") for level in levels) and rng.random() < 0.75:
            facts.titles.append("CSTD_BO")
            career.last_cstd_bo_chain_end = year
    _bk_ttg(rng, career, facts)


def _bk_ttg(rng: Random, career: _Career, facts: YearFacts) -> None:
    """BK_TTG (Prime Minister's certificate) at least five years after a BK_BO not yet used for one."""
    year, bk_bo_year = facts.year, career.last_bk_bo_year
    if not bk_bo_year or bk_bo_year >= year - 4 or career.last_bk_ttg_year > bk_bo_year or "BK_BO" in facts.titles:
        return
    since_bk_bo = [career.by_year.get(later) for later in range(bk_bo_year + 1, year + 1)]
    if any(later is None for later in since_bk_bo) or len(since_bk_bo) < 5:
        return
    if year >= LAW_2022_FROM:
        qualifies = (all(later.grade in GOOD_OR_BETTER for later in since_bk_bo)
                     and sum("CSTDCS" in later.titles for later in since_bk_bo) >= 3)
    else:
        last_five = since_bk_bo[-5:]
        qualifies = (all(later.grade == "excellent" for later in last_five)
                     and sum(len(later.initiatives) for later in last_five) >= 5)
    if qualifies and rng.random() < 0.7:
        facts.titles.append("BK_TTG")
        career.last_bk_ttg_year = year


def person_history(rng: Random, *, years: list[int], profile: str, party: bool = False,
                   first_months: int = 12, discipline_rate: float = 0.0,
                   forced: dict[int, dict] | None = None) -> list[YearFacts]:
    """Yearly facts for `years` (ascending). `forced[year]` overrides grade, initiatives,
    discipline or titles (a story); the title logic then runs on the forced facts."""
    grade_probabilities, initiative_rate = PROFILES.get(profile, PROFILES["average"])
    forced = forced or {}
    career = _Career()
    history = []
    for index, year in enumerate(years):
        story = forced.get(year, {})
        facts = YearFacts(year=year, grade=story.get("grade") or _grade(rng, grade_probabilities))
        facts.months = first_months if index == 0 else 12
        if "initiatives" in story:
            facts.initiatives = list(story["initiatives"])
        elif rng.random() < initiative_rate:
            facts.initiatives.append(_initiative_level(rng, profile))
        facts.discipline = story.get("discipline", "")
        if not facts.discipline and discipline_rate and rng.random() < discipline_rate:
            facts.discipline = "reprimand" if rng.random() < 0.7 else "warning"
        if facts.discipline and facts.discipline != "under_review":
            facts.grade = "incomplete"
        career.by_year[year] = facts
        if "titles" in story:
            facts.titles = list(story["titles"])
        elif facts.grade in GOOD_OR_BETTER and facts.months >= 6 and not facts.discipline:
            _titles(rng, career, facts, story)
        if party:
            facts.party_grade = _party_grade(rng, facts.grade)
        history.append(facts)
    return history


def _titles(rng: Random, career: _Career, facts: YearFacts, story: dict) -> None:
    """LĐTT for most good years, then CSTĐCS, the higher forms, and sometimes a GK."""
    if rng.random() >= story.get("ldtt_rate", 0.93):
        return
    facts.titles.append("LDTT")
    if facts.year >= LAW_2022_FROM:
        cstdcs_possible = bool(facts.initiatives) or (facts.grade == "excellent" and rng.random() < 0.5)
    else:
        cstdcs_possible = bool(facts.initiatives)
    if cstdcs_possible and rng.random() < story.get("cstdcs_rate", 0.85):
        facts.titles.append("CSTDCS")
    _merit_forms(rng, career, facts)
    if "BK_BO" not in facts.titles and rng.random() < 0.08:
        facts.titles.append("GK")


def _party_grade(rng: Random, grade: str) -> str:
    """The party-track grade, close to the government grade of the same year."""
    if grade == "excellent":
        return "excellent" if rng.random() < 0.7 else "good"
    if grade == "good":
        return "good" if rng.random() < 0.95 else "excellent"
    return grade


def collective_titles(rng: Random, *, total: int, ldtt: int, cstdcs: int, disciplined: int,
                      grade: str) -> list[str]:
    """TTLDTT (≥ 70 % LĐTT, no warning-level discipline), TTLDXS (excellent, all completed,
    ≥ 70 % LĐTT and a CSTĐCS), CO_BO rarely on top of TTLDXS."""
    if total == 0 or grade not in GOOD_OR_BETTER or disciplined:
        return []
    if ldtt * 10 < total * 7:
        return []
    titles = ["TTLDTT"]
    if grade == "excellent" and cstdcs and rng.random() < 0.5:
        titles = ["TTLDXS"]
        if rng.random() < 0.15:
            titles.append("CO_BO")
    return titles


def unit_grade(rng: Random) -> str:
    draw = rng.random()
    return "excellent" if draw < 0.35 else "good" if draw < 0.9 else "complete"
