"""Title and form codes stored in Award.code: the codes of eligibility-json.md, named once in
thidua.rules (codes.NAMES, and catalog.TARGETS, which says who may hold each); here only the views
of them the records need."""
from thidua.rules.catalog import TARGETS
from thidua.rules.codes import NAMES

TITLES_INDIVIDUAL = {t.code: t.name for t in TARGETS if t.category == "title" and t.kind in ("individual", "both")}
TITLES_COLLECTIVE = {t.code: t.name for t in TARGETS if t.category == "title" and t.kind in ("collective", "both")}
FORMS = {t.code: t.name for t in TARGETS if t.category == "form"}
ALL = {**TITLES_INDIVIDUAL, **TITLES_COLLECTIVE, **FORMS}
CATEGORIES = {**{code: "title" for code in TITLES_INDIVIDUAL}, **{code: "title" for code in TITLES_COLLECTIVE},
              **{code: "form" for code in FORMS}}


def category_of(code: str) -> str | None:
    """"title" (danh hiệu), "form" (hình thức khen thưởng) or None (not a code)."""
    return CATEGORIES.get(code)


def allowed_for(code: str, *, collective: bool) -> bool:
    if code in FORMS:
        return True
    return code in (TITLES_COLLECTIVE if collective else TITLES_INDIVIDUAL)


def label(code: str) -> str:
    return NAMES.get(code, code)
