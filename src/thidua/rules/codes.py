"""Codes of the JSON contract (eligibility-json.md) and their integer encodings.

Every code the engine reads is listed here once; the columnar arrays store the integers.
Codes never change meaning; new codes are appended (bit positions are stable)."""
from __future__ import annotations

KIND_INDIVIDUAL, KIND_COLLECTIVE = 0, 1
KINDS = {"individual": KIND_INDIVIDUAL, "collective": KIND_COLLECTIVE}

STAFF_TYPES = {"cadre": 0, "civil_servant": 1, "public_employee": 2, "worker": 3, "armed_forces": 4}
STAFF_TYPE_NAMES = {
    "cadre": "Cán bộ",
    "civil_servant": "Công chức",
    "public_employee": "Viên chức",
    "worker": "Người lao động",
    "armed_forces": "Lực lượng vũ trang",
}
STAFF_NONE = -1

# 0 = unknown / absent; order matters (>= comparisons).
GRADE_UNKNOWN, INCOMPLETE, COMPLETE, GOOD, EXCELLENT = 0, 1, 2, 3, 4
GRADES = {"incomplete": INCOMPLETE, "complete": COMPLETE, "good": GOOD, "excellent": EXCELLENT}
GRADE_NAMES = {
    EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    GOOD: "Hoàn thành tốt nhiệm vụ",
    COMPLETE: "Hoàn thành nhiệm vụ",
    INCOMPLETE: "Không hoàn thành nhiệm vụ",
}

# discipline: -1 unknown (field absent), 0 none (null), then lightest to heaviest; 5 open case.
DISC_UNKNOWN, DISC_NONE, REPRIMAND, WARNING, DEMOTION, DISMISSAL, UNDER_REVIEW = -1, 0, 1, 2, 3, 4, 5
DISCIPLINES = {
    "reprimand": REPRIMAND,
    "warning": WARNING,
    "demotion": DEMOTION,
    "dismissal_from_post": DISMISSAL,
    "under_review": UNDER_REVIEW,
}
DISCIPLINE_NAMES = {
    REPRIMAND: "khiển trách",
    WARNING: "cảnh cáo",
    DEMOTION: "hạ bậc lương / giáng chức",
    DISMISSAL: "cách chức",
    UNDER_REVIEW: "đang bị xem xét kỷ luật",
}

INITIATIVE_LEVELS = {"unit": 0, "ministry": 1, "national": 2}
INITIATIVE_LEVEL_NAMES = {0: "cấp cơ sở", 1: "cấp bộ, ban, ngành, tỉnh", 2: "toàn quốc"}

# Leave by kind (history[].leave_days). "injury": treatment or convalescence of an injury got in
# combat or while rescuing people or property, as a medical facility concluded (appended 2026-12).
LEAVE_KINDS = ("maternity", "sick", "unpaid", "study", "other", "injury")
# Leave that counts as working time for the LĐTT tenure test (legal-rules.md §2.6): maternity
# (NĐ 91/2017 Điều 10 khoản 4), agency-sent study or training (TT 01/2024/TT-BNV Điều 1 khoản 5
# điểm b), injury treatment (NĐ 91/2017 Điều 10 khoản 2; TT 01/2024/TT-BNV Điều 1 khoản 5 điểm a).
# Ordinary sickness, unpaid and other leave do not count.
LEAVE_COUNTED_AS_WORK = ("maternity", "study", "injury")

MEMBER_FIELDS = ("total", "completed", "ldtt", "cstdcs", "disciplined")

# Titles and forms share one bit space so a code means one bit wherever it appears.
TITLES = ("LDTT", "CSTT", "CSTDCS", "CSTD_BO", "CSTD_TQ",
          "TTLDTT", "DVTT", "TTLDXS", "DVQT", "CO_BO", "CO_CP")
FORMS = ("GK", "BK_BO", "BK_TTG", "HCLD3", "HCLD2", "HCLD1")
BIT = {code: 1 << i for i, code in enumerate(TITLES + FORMS)}

NAMES = {
    "LDTT": "Lao động tiên tiến",
    "CSTT": "Chiến sĩ tiên tiến",
    "CSTDCS": "Chiến sĩ thi đua cơ sở",
    "CSTD_BO": "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
    "CSTD_TQ": "Chiến sĩ thi đua toàn quốc",
    "TTLDTT": "Tập thể lao động tiên tiến",
    "DVTT": "Đơn vị tiên tiến",
    "TTLDXS": "Tập thể lao động xuất sắc",
    "DVQT": "Đơn vị quyết thắng",
    "CO_BO": "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
    "CO_CP": "Cờ thi đua của Chính phủ",
    "GK": "Giấy khen",
    "BK_BO": "Bằng khen cấp bộ, ban, ngành, tỉnh",
    "BK_TTG": "Bằng khen của Thủ tướng Chính phủ",
    "HCLD3": "Huân chương Lao động hạng Ba",
    "HCLD2": "Huân chương Lao động hạng Nhì",
    "HCLD1": "Huân chương Lao động hạng Nhất",
    "grade:excellent": "Xếp loại Hoàn thành xuất sắc nhiệm vụ",
    "grade:good": "Xếp loại Hoàn thành tốt nhiệm vụ",
    "grade:complete": "Xếp loại Hoàn thành nhiệm vụ",
    "grade:incomplete": "Xếp loại Không hoàn thành nhiệm vụ",
}

MIN_YEAR, MAX_YEAR = 2000, 2100
