"""Title and form codes stored in Award.code: the codes of eligibility-json.md, named once in
thidua.rules (codes.NAMES, and catalog.TARGETS, which says who may hold each); here only the views
of them the records need."""
from thidua.rules.catalog import TARGETS
from thidua.rules.codes import NAMES

TITLES_INDIVIDUAL = {t.code: t.name for t in TARGETS if t.category == "title" and t.kind in ("individual", "both")}
TITLES_COLLECTIVE = {t.code: t.name for t in TARGETS if t.category == "title" and t.kind in ("collective", "both")}
FORMS = {t.code: t.name for t in TARGETS if t.category == "form"}
ALL = {**TITLES_INDIVIDUAL, **TITLES_COLLECTIVE, **FORMS}


def category_of(code: str) -> str | None:
    if code in TITLES_INDIVIDUAL or code in TITLES_COLLECTIVE:
        return "title"
    if code in FORMS:
        return "form"
    return None


def allowed_for(code: str, *, collective: bool) -> bool:
    if code in FORMS:
        return True
    return code in (TITLES_COLLECTIVE if collective else TITLES_INDIVIDUAL)


def label(code: str) -> str:
    return NAMES.get(code, code)
