"""Title and form codes stored in Award.code: the codes of eligibility-json.md, named once in
thidua.rules.codes (the engine's catalog); here only which subject may hold which."""
from thidua.rules.codes import FORMS as _FORMS
from thidua.rules.codes import NAMES

INDIVIDUAL_TITLES = ("LDTT", "CSTT", "CSTDCS", "CSTD_BO", "CSTD_TQ")
COLLECTIVE_TITLES = ("TTLDTT", "DVTT", "TTLDXS", "DVQT", "CO_BO", "CO_CP")
TITLES_INDIVIDUAL = {c: NAMES[c] for c in INDIVIDUAL_TITLES}
TITLES_COLLECTIVE = {c: NAMES[c] for c in COLLECTIVE_TITLES}
FORMS = {c: NAMES[c] for c in _FORMS}
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
