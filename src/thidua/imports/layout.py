"""The column layout of the three Excel files (templates, imports and exports share it).

A column is matched by its folded header text, so "Ngày sinh", "NGÀY SINH" and "ngay sinh"
are the same column; extra columns are ignored, missing required columns are reported."""
from dataclasses import dataclass, field

from thidua.common.text import fold
from thidua.organizations.models import UnitKind
from thidua.people.models import Gender, StaffType
from thidua.records import codes
from thidua.records.models import AwardKind, DisciplineForm, Grade, InitiativeLevel


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    help: str
    required: bool = False
    width: int = 16
    choices: tuple[str, ...] = ()      # drop-down list in the template
    text: bool = False                 # keep as text in Excel (leading zeros)
    aliases: tuple[str, ...] = field(default=())


KINDS = ("units", "people", "history")
KIND_LABELS = {"units": "Đơn vị", "people": "Cá nhân", "history": "Lịch sử thi đua, khen thưởng"}

X_HELP = "Ghi x nếu có, để trống nếu không (ô trống nghĩa là không)."
DATE_HELP = "Ngày dạng dd/mm/yyyy (hoặc ô kiểu ngày của Excel)."

UNIT_COLUMNS = [
    Column("code", "Mã đơn vị", "Mã duy nhất, không dấu, không khoảng trắng (vd: STP_DT).", True, 16, text=True),
    Column("name", "Tên đơn vị", "Tên đầy đủ của cơ quan, đơn vị.", True, 40),
    Column("kind", "Loại đơn vị", "Chọn trong danh sách (bảng Loại đơn vị bên dưới).", True, 22,
           choices=tuple(UnitKind.labels), aliases=("Loại",)),
    Column("parent", "Mã đơn vị cấp trên", "Mã của đơn vị cấp trên: đã có trong hệ thống hoặc có trong tệp này "
           "(thứ tự dòng tùy ý). Để trống nếu là đơn vị gốc (chỉ quản trị).", False, 18, text=True),
    Column("legal", "Có tư cách pháp nhân", X_HELP, False, 12, choices=("x",)),
    Column("valid_from", "Hiệu lực từ", DATE_HELP, False, 14),
]

PEOPLE_COLUMNS = [
    Column("citizen_id", "Số CCCD", "Số căn cước công dân: đúng 12 chữ số (giữ số 0 ở đầu).", True, 15, text=True),
    Column("full_name", "Họ và tên", "Họ và tên đầy đủ, có dấu.", True, 28),
    Column("birth_date", "Ngày sinh", DATE_HELP, False, 12),
    Column("gender", "Giới tính", "Nam hoặc Nữ.", False, 9, choices=tuple(Gender.labels)),
    Column("unit", "Mã đơn vị", "Mã đơn vị đang công tác (đã có trong hệ thống).", True, 14, text=True),
    Column("staff_type", "Loại cán bộ", "Chọn trong danh sách: " + "; ".join(StaffType.labels) + ".",
           True, 16, choices=tuple(StaffType.labels)),
    Column("position", "Chức vụ", "Chức vụ hiện tại.", False, 18),
    Column("is_leader", "Lãnh đạo", "Ghi x nếu giữ chức vụ lãnh đạo, quản lý.", False, 9, choices=("x",)),
    Column("grade_group", "Nhóm nhiệm vụ", "Nhóm có chức trách, nhiệm vụ tương đồng (để tính tỷ lệ xếp loại).",
           False, 16),
    Column("start", "Công tác từ ngày", DATE_HELP + " Nếu đổi đơn vị: ngày bắt đầu ở đơn vị mới.", False, 14),
    Column("recruited_on", "Ngày tuyển dụng", DATE_HELP, False, 14),
    Column("party_card_no", "Số thẻ đảng viên", "Để trống nếu không phải đảng viên.", False, 14, text=True),
    Column("party_org", "Mã tổ chức đảng", "Mã chi bộ, đảng bộ nơi sinh hoạt (đã có trong hệ thống).", False, 14,
           text=True),
    Column("party_start", "Vào đảng từ ngày", DATE_HELP, False, 14),
]

GRADE_WORDS = {
    "excellent": ("htxsnv", "hoan thanh xuat sac nhiem vu", "hoan thanh xuat sac"),
    "good": ("httnv", "hoan thanh tot nhiem vu", "hoan thanh tot"),
    "complete": ("htnv", "hoan thanh nhiem vu"),
    "incomplete": ("khtnv", "khong hoan thanh nhiem vu", "khong hoan thanh"),
}
GRADE_CHOICES = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
GRADE_ABBR = dict(zip(GRADE_WORDS, GRADE_CHOICES))
LEVEL_WORDS = {
    "unit": ("co so", "cap co so", "don vi"),
    "ministry": ("bo", "cap bo", "tinh", "cap tinh", "bo, nganh, tinh", "cap bo, nganh, tinh"),
    "national": ("toan quoc", "quoc gia"),
}

HISTORY_COLUMNS = [
    Column("citizen_id", "Số CCCD", "Cá nhân: số CCCD 12 chữ số (người đã có trong hệ thống).", False, 15, text=True),
    Column("unit", "Mã đơn vị (tập thể)", "Tập thể: mã đơn vị. Mỗi dòng ghi Số CCCD hoặc Mã đơn vị, không ghi cả hai.",
           False, 14, text=True),
    Column("year", "Năm", "Năm đạt thành tích, xếp loại (vd: 2024).", True, 7),
    Column("grade", "Xếp loại", "HTXSNV (Hoàn thành xuất sắc nhiệm vụ), HTTNV (Hoàn thành tốt nhiệm vụ), HTNV "
           "(Hoàn thành nhiệm vụ), KHTNV (Không hoàn thành nhiệm vụ), hoặc viết đầy đủ.", False, 12, choices=GRADE_CHOICES),
    Column("party_grade", "Xếp loại Đảng", "Xếp loại đảng viên / tổ chức đảng: như cột Xếp loại.", False, 12,
           choices=GRADE_CHOICES),
    Column("months", "Số tháng công tác", "Số tháng công tác trong năm (0–12).", False, 9),
    Column("titles", "Danh hiệu", "Mã danh hiệu, nhiều mã cách nhau bởi dấu phẩy: "
           + ", ".join(f"{code} ({name})" for code, name in {**codes.TITLES_INDIVIDUAL, **codes.TITLES_COLLECTIVE}.items()),
           False, 14),
    Column("forms", "Hình thức khen thưởng", "Mã hình thức, cách nhau bởi dấu phẩy: "
           + ", ".join(f"{code} ({name})" for code, name in codes.FORMS.items()), False, 14),
    Column("award_kind", "Loại khen thưởng", "Để trống = thường xuyên. Chọn trong danh sách: "
           + "; ".join(AwardKind.labels) + ".", False, 12, choices=tuple(AwardKind.labels)),
    Column("decision_no", "Số QĐ", "Số quyết định tặng danh hiệu, hình thức khen thưởng trên dòng này.", False, 14),
    Column("decision_date", "Ngày QĐ", DATE_HELP, False, 12),
    Column("authority", "Cấp quyết định", "Cơ quan, người ký quyết định (vd: Bộ trưởng Bộ Tư pháp).", False, 20),
    Column("initiative", "Sáng kiến", "Tên sáng kiến được công nhận trong năm.", False, 30),
    Column("initiative_level", "Cấp sáng kiến", "Cơ sở, Bộ (ngành, tỉnh) hoặc Toàn quốc.",
           False, 12, choices=("Cơ sở", "Bộ", "Toàn quốc")),
    Column("discipline", "Kỷ luật", "Hình thức kỷ luật trong năm, chọn trong danh sách: "
           + "; ".join(DisciplineForm.labels) + ".", False, 14,
           choices=tuple(DisciplineForm.labels)),
    Column("total", "Tổng số", "Tập thể: tổng số thành viên trong năm.", False, 9),
    Column("completed", "HTNV trở lên", "Tập thể: số người hoàn thành nhiệm vụ trở lên.", False, 9),
    Column("ldtt", "LĐTT", "Tập thể: số người đạt Lao động tiên tiến.", False, 8),
    Column("cstdcs", "CSTĐCS", "Tập thể: số người đạt Chiến sĩ thi đua cơ sở.", False, 8),
    Column("disciplined", "Bị kỷ luật", "Tập thể: số người bị kỷ luật từ cảnh cáo trở lên.", False, 9),
    Column("cluster_rank", "Hạng trong khối", "Tập thể: thứ hạng trong khối thi đua.", False, 9),
    Column("cluster_size", "Số đơn vị trong khối", "Tập thể: số đơn vị trong khối thi đua.", False, 9),
]

COLUMNS = {"units": UNIT_COLUMNS, "people": PEOPLE_COLUMNS, "history": HISTORY_COLUMNS}
SHEET_TITLES = {"units": "Đơn vị", "people": "Cá nhân", "history": "Lịch sử"}
HELP_SHEET = "Hướng dẫn"

# What a cell may hold: (the value to write, what it means). Lists of choices are written by their
# Vietnamese label (the import also takes the internal value, for files written by older versions).
VOCABULARIES = {
    "units": [("Loại đơn vị", [(label, "") for label in UnitKind.labels])],
    "people": [("Loại cán bộ", [(label, "") for label in StaffType.labels]),
               ("Giới tính", [(label, "") for label in Gender.labels])],
    "history": [
        ("Xếp loại", [(GRADE_ABBR[grade], label) for grade, label in Grade.choices]),
        ("Danh hiệu cá nhân", list(codes.TITLES_INDIVIDUAL.items())),
        ("Danh hiệu tập thể", list(codes.TITLES_COLLECTIVE.items())),
        ("Hình thức khen thưởng", list(codes.FORMS.items())),
        ("Loại khen thưởng", [(label, "") for label in AwardKind.labels]),
        ("Cấp sáng kiến", [(label, "") for label in InitiativeLevel.labels]),
        ("Kỷ luật", [(label, "") for label in DisciplineForm.labels]),
    ],
}


def headers(kind: str) -> list[str]:
    return [column.header for column in COLUMNS[kind]]


def header_index(kind: str) -> dict[str, int]:
    """folded header (and aliases) → position of the column in the kind's layout."""
    out = {}
    for position, column in enumerate(COLUMNS[kind]):
        for name in (column.header, *column.aliases):
            out[fold(name)] = position
    return out
