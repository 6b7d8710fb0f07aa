"""Codes of titles and forms stored in Award.code (eligibility-json.md §Codes)."""

TITLES_INDIVIDUAL = {
    "LDTT": "Lao động tiên tiến",
    "CSTT": "Chiến sĩ tiên tiến",
    "CSTDCS": "Chiến sĩ thi đua cơ sở",
    "CSTD_BO": "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
    "CSTD_TQ": "Chiến sĩ thi đua toàn quốc",
}
TITLES_COLLECTIVE = {
    "TTLDTT": "Tập thể lao động tiên tiến",
    "DVTT": "Đơn vị tiên tiến",
    "TTLDXS": "Tập thể lao động xuất sắc",
    "DVQT": "Đơn vị quyết thắng",
    "CO_BO": "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
    "CO_CP": "Cờ thi đua của Chính phủ",
}
FORMS = {
    "GK": "Giấy khen",
    "BK_BO": "Bằng khen cấp bộ, ban, ngành, tỉnh",
    "BK_TTG": "Bằng khen của Thủ tướng Chính phủ",
    "HCLD3": "Huân chương Lao động hạng Ba",
    "HCLD2": "Huân chương Lao động hạng Nhì",
    "HCLD1": "Huân chương Lao động hạng Nhất",
}
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
    return ALL.get(code, code)
