"""Fixtures shared by the eligibility tests."""
import pytest

from thidua.records import services as history
from thidua.records.models import Award, Discipline, Initiative, YearRecord


@pytest.fixture
def chain(people, system_actor, root_scope):
    """Thắng: good/excellent 2019–2025 with LĐTT every year, CSTĐCS 2023–2025, initiatives."""
    t = people["thang"]

    def add(model, **fields):
        history.history_add(actor=system_actor, scope=root_scope, model=model, subject=t, **fields)

    for y in range(2019, 2026):
        add(YearRecord, year=y, grade="excellent" if y >= 2023 else "good", months_worked=12)
        add(Award, year=y, code="LDTT")
    for y in (2023, 2024, 2025):
        add(Award, year=y, code="CSTDCS")
        add(Initiative, year=y, title=f"Sáng kiến {y}", level="unit")
    add(Award, year=2024, code="GK", kind="thematic")
    lan = people["lan"]
    history.history_add(actor=system_actor, scope=root_scope, model=YearRecord, subject=lan, year=2025, grade="complete")
    history.history_add(actor=system_actor, scope=root_scope, model=Discipline, subject=lan, year=2025, form="reprimand")
    return t
