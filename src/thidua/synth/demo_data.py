"""The demo organisation: agencies, clusters and people named in the seed articles.

Named people and the agencies and clusters they belong to come from the five seed news
articles (/work/shared/seeds). Everything else (the other staff, the years after the
articles, the 2025 ward merger's exact composition) is illustrative.
"""
import datetime

YEARS = list(range(2017, 2026))

# (code, name, kind, parent code or None, short name, has legal personality)
UNITS = [
    ("TTCP", "Thanh tra Chính phủ", "ministry", None, "TTCP", True),
    ("TTCP-VP", "Văn phòng Thanh tra Chính phủ", "department", "TTCP", "VP", True),
    ("TTCP-TCCB", "Vụ Tổ chức cán bộ", "department", "TTCP", "Vụ TCCB", False),
    ("TTCP-PC", "Vụ Pháp chế", "department", "TTCP", "Vụ PC", False),
    ("TTCP-TDKT", "Ban Thi đua – Khen thưởng", "department", "TTCP", "Ban TĐKT", False),
    ("TTCP-TTTT", "Trung tâm Thông tin", "public_service_unit", "TTCP", "TTTT", True),
    ("TTCP-C1", "Cục Giải quyết khiếu nại, tố cáo và thanh tra khu vực 1", "department", "TTCP", "Cục I", True),
    ("TTCP-C1-P1", "Phòng Nghiệp vụ 1", "division", "TTCP-C1", "", False),
    ("TTCP-C2", "Cục Thanh tra phòng, chống tham nhũng", "department", "TTCP", "Cục IV", True),
    ("BTP", "Bộ Tư pháp", "ministry", None, "BTP", True),
    ("BTP-VP", "Văn phòng Bộ", "department", "BTP", "VP Bộ", True),
    ("BTP-TDKT", "Vụ Thi đua – Khen thưởng", "department", "BTP", "Vụ TĐKT", False),
    ("BTP-TT", "Thanh tra Bộ Tư pháp", "inspectorate", "BTP", "Thanh tra Bộ", False),
    ("BQP", "Bộ Quốc phòng", "ministry", None, "BQP", True),
    ("BQP-TT", "Thanh tra Bộ Quốc phòng", "inspectorate", "BQP", "", False),
    ("BKHDT", "Bộ Kế hoạch và Đầu tư", "ministry", None, "BKHĐT", True),
    ("BKHDT-TT", "Thanh tra Bộ Kế hoạch và Đầu tư", "inspectorate", "BKHDT", "", False),
    ("BCA", "Bộ Công an", "ministry", None, "BCA", True),
    ("BCA-TT", "Thanh tra Bộ Công an", "inspectorate", "BCA", "", False),
    ("BNV", "Bộ Nội vụ", "ministry", None, "BNV", True),
    ("BNV-TT", "Thanh tra Bộ Nội vụ", "inspectorate", "BNV", "", False),
    ("BTC", "Bộ Tài chính", "ministry", None, "BTC", True),
    ("BTC-TT", "Thanh tra Bộ Tài chính", "inspectorate", "BTC", "", False),
    ("NHNN", "Ngân hàng Nhà nước Việt Nam", "ministry", None, "NHNN", True),
    ("NHNN-TTGS", "Cơ quan Thanh tra, giám sát ngân hàng", "inspectorate", "NHNN", "TTGSNH", True),
    ("BNCTW", "Ban Nội chính Trung ương", "party_agency", None, "BNCTW", True),
    ("UBKTTW", "Ủy ban Kiểm tra Trung ương", "party_agency", None, "UBKTTW", True),
    ("VPTW", "Văn phòng Trung ương Đảng", "party_agency", None, "VPTW", True),
    ("BTCTW", "Ban Tổ chức Trung ương", "party_agency", None, "BTCTW", True),
    ("BTGTW", "Ban Tuyên giáo Trung ương", "party_agency", None, "BTGTW", True),
    ("BDNTW", "Ban Đối ngoại Trung ương", "party_agency", None, "BĐNTW", True),
    ("BDVTW", "Ban Dân vận Trung ương", "party_agency", None, "BDVTW", True),
    ("BKTTW", "Ban Kinh tế Trung ương", "party_agency", None, "BKTTW", True),
    ("DTP", "Tỉnh Đồng Tháp", "province", None, "Đồng Tháp", True),
    ("DTP-VPUB", "Văn phòng Ủy ban nhân dân tỉnh", "provincial_department", "DTP", "VP UBND", True),
    ("DTP-SNV", "Sở Nội vụ", "provincial_department", "DTP", "SNV", True),
    ("DTP-SNV-CCVC", "Phòng Công chức – Viên chức", "division", "DTP-SNV", "", False),
    ("DTP-SNV-TDKT", "Ban Thi đua – Khen thưởng tỉnh", "division", "DTP-SNV", "Ban TĐKT", False),
    ("DTP-STC", "Sở Tài chính", "provincial_department", "DTP", "STC", True),
    ("DTP-SGD", "Sở Giáo dục và Đào tạo", "provincial_department", "DTP", "SGDĐT", True),
    ("DTP-BTCTU", "Ban Tổ chức Tỉnh ủy", "party_agency", "DTP", "BTC Tỉnh ủy", True),
    ("DTP-CL", "Thành phố Cao Lãnh", "district", "DTP", "TP Cao Lãnh", True),
    ("DTP-CL-P1", "Phường 1", "commune", "DTP-CL", "", True),
    ("DTP-CL-P3", "Phường 3", "commune", "DTP-CL", "", True),
    ("DTP-CL-P4", "Phường 4", "commune", "DTP-CL", "", True),
    ("DTP-CL-MT", "Xã Mỹ Trà", "commune", "DTP-CL", "", True),
]

# 2025 reorganisation (illustrative composition): on 1/7/2025 the district level is removed and
# these communes merge into a new ward directly under the province.
MERGE_DATE = datetime.date(2025, 7, 1)
MERGED_COMMUNES = ["DTP-CL-P1", "DTP-CL-P3", "DTP-CL-P4", "DTP-CL-MT"]
NEW_WARD = ("DTP-PCL", "Phường Cao Lãnh")
MERGE_DECISION = "1663/NQ-UBTVQH15"
DISTRICT = "DTP-CL"

# Party organisations: (code, name, kind, parent code, unit code)
PARTY_ORGS = [
    ("DU-TTCP", "Đảng bộ Thanh tra Chính phủ", "committee", None, "TTCP"),
    ("CB-TTCP-VP", "Chi bộ Văn phòng", "cell", "DU-TTCP", "TTCP-VP"),
    ("CB-TTCP-TCCB", "Chi bộ Vụ Tổ chức cán bộ", "cell", "DU-TTCP", "TTCP-TCCB"),
    ("CB-TTCP-PC", "Chi bộ Vụ Pháp chế", "cell", "DU-TTCP", "TTCP-PC"),
    ("CB-TTCP-TDKT", "Chi bộ Ban Thi đua – Khen thưởng", "cell", "DU-TTCP", "TTCP-TDKT"),
    ("CB-TTCP-TTTT", "Chi bộ Trung tâm Thông tin", "cell", "DU-TTCP", "TTCP-TTTT"),
    ("DBBP-TTCP-C1", "Đảng bộ bộ phận Cục I", "part_committee", "DU-TTCP", "TTCP-C1"),
    ("CB-TTCP-C1-P1", "Chi bộ Phòng Nghiệp vụ 1", "cell", "DBBP-TTCP-C1", "TTCP-C1-P1"),
    ("CB-TTCP-C2", "Chi bộ Cục IV", "cell", "DU-TTCP", "TTCP-C2"),
    ("DB-BTP", "Đảng bộ Bộ Tư pháp", "committee", None, "BTP"),
    ("CB-BTP-VP", "Chi bộ Văn phòng Bộ", "cell", "DB-BTP", "BTP-VP"),
    ("CB-BTP-TDKT", "Chi bộ Vụ Thi đua – Khen thưởng", "cell", "DB-BTP", "BTP-TDKT"),
    ("CB-BTP-TT", "Chi bộ Thanh tra Bộ", "cell", "DB-BTP", "BTP-TT"),
    ("TU-DTP", "Đảng bộ tỉnh Đồng Tháp (Tỉnh ủy)", "committee", None, "DTP"),
    ("DBK-DTP", "Đảng bộ Khối các cơ quan tỉnh", "committee", "TU-DTP", None),
    ("CB-DTP-SNV", "Chi bộ Sở Nội vụ", "grassroots_cell", "DBK-DTP", "DTP-SNV"),
    ("CB-DTP-STC", "Chi bộ Sở Tài chính", "grassroots_cell", "DBK-DTP", "DTP-STC"),
    ("CB-DTP-SGD", "Chi bộ Sở Giáo dục và Đào tạo", "grassroots_cell", "DBK-DTP", "DTP-SGD"),
    ("CB-DTP-VPUB", "Chi bộ Văn phòng UBND tỉnh", "grassroots_cell", "DBK-DTP", "DTP-VPUB"),
    ("CB-DTP-BTCTU", "Chi bộ Ban Tổ chức Tỉnh ủy", "grassroots_cell", "TU-DTP", "DTP-BTCTU"),
    ("DB-DTP-CL", "Đảng bộ thành phố Cao Lãnh", "committee", "TU-DTP", "DTP-CL"),
    ("DB-DTP-CL-P1", "Đảng bộ Phường 1", "grassroots_committee", "DB-DTP-CL", "DTP-CL-P1"),
    ("DB-DTP-CL-P3", "Đảng bộ Phường 3", "grassroots_committee", "DB-DTP-CL", "DTP-CL-P3"),
    ("DB-DTP-CL-P4", "Đảng bộ Phường 4", "grassroots_committee", "DB-DTP-CL", "DTP-CL-P4"),
    ("DB-DTP-CL-MT", "Đảng bộ xã Mỹ Trà", "grassroots_committee", "DB-DTP-CL", "DTP-CL-MT"),
]
NEW_WARD_PARTY = ("DB-DTP-PCL", "Đảng bộ phường Cao Lãnh", "grassroots_committee", "TU-DTP")

KHOI_BAN_DANG = ("KTD-BANDANG", "Khối thi đua các ban đảng Trung ương", "central", None)
KHOI_BAN_DANG_MEMBERS = ["BNCTW", "UBKTTW", "VPTW", "BTCTW", "BTGTW", "BDNTW", "BDVTW", "BKTTW"]
# year -> (head, deputies). 2017 and 2018 are from the seed article; later years rotate (illustrative).
KHOI_BAN_DANG_OFFICES = {
    2017: ("BNCTW", ["BKTTW", "BTGTW"]),
    2018: ("BKTTW", ["UBKTTW", "BDVTW"]),
    2019: ("UBKTTW", ["BDVTW", "BTCTW"]),
    2020: ("BDVTW", ["BTCTW", "VPTW"]),
    2021: ("BTCTW", ["VPTW", "BTGTW"]),
    2022: ("VPTW", ["BTGTW", "BDNTW"]),
    2023: ("BTGTW", ["BDNTW", "BNCTW"]),
    2024: ("BDNTW", ["BNCTW", "BKTTW"]),
}

KHOI_II = ("KTD-II", "Khối thi đua số II (Khối nội chính và kinh tế tổng hợp)", "ministry", "TTCP")
KHOI_II_MEMBERS = ["BTP-TT", "BQP-TT", "BKHDT-TT", "BCA-TT", "BNV-TT", "BTC-TT", "NHNN-TTGS"]
# 2017: the seed article has Thanh tra Bộ Tư pháp speak for the Khối and Bộ Quốc phòng co-chair.
KHOI_II_OFFICES = {2017: ("BTP-TT", ["BQP-TT"])}

# Named people from the seeds: (key, name, gender, birth year, unit, position, staff type, leader,
# party org or None, profile)
NAMED = [
    ("dang_cong_huan", "Đặng Công Huẩn", "male", 1963, "TTCP", "Phó Tổng Thanh tra Chính phủ", "cadre", True,
     "DU-TTCP", "solid"),
    ("nguyen_thai_hong", "Nguyễn Thái Hồng", "male", 1966, "TTCP-VP", "Phó Bí thư Thường trực Đảng ủy",
     "cadre", True, "DU-TTCP", "solid"),
    ("hoang_hung", "Hoàng Hưng", "male", 1970, "TTCP-TCCB", "Phó Vụ trưởng", "civil_servant", True,
     "CB-TTCP-TCCB", "star"),
    ("nguyen_quoc_van", "Nguyễn Quốc Văn", "male", 1972, "TTCP-PC", "Phó Vụ trưởng", "civil_servant", True,
     "CB-TTCP-PC", "solid"),
    ("nguyen_duc_thang", "Nguyễn Đức Thắng", "male", 1968, "TTCP-TTTT", "Vụ trưởng, Giám đốc Trung tâm",
     "public_employee", True, "CB-TTCP-TTTT", "star"),
    ("tran_trung_thanh", "Trần Trung Thành", "male", 1975, "TTCP-TDKT", "Phó Trưởng ban", "civil_servant", True,
     "CB-TTCP-TDKT", "solid"),
    ("nguyen_khanh_ngoc", "Nguyễn Khánh Ngọc", "male", 1969, "BTP", "Thứ trưởng", "cadre", True, "DB-BTP", "solid"),
    ("do_xuan_quy", "Đỗ Xuân Quý", "male", 1974, "BTP-VP", "Phó Chánh Văn phòng Bộ", "civil_servant", True,
     "CB-BTP-VP", "star"),
    ("nguyen_anh_tuan", "Nguyễn Anh Tuấn", "male", 1976, "BTP-TDKT", "Phó Vụ trưởng", "civil_servant", True,
     "CB-BTP-TDKT", "star"),
    ("doan_van_huong", "Đoàn Văn Hường", "male", 1971, "BTP-TT", "Phó Chánh Thanh tra Bộ", "civil_servant", True,
     "CB-BTP-TT", "solid"),
    ("nguyen_lan_huong", "Nguyễn Lan Hương", "female", 1990, "BTP-TT", "Thanh tra viên", "civil_servant", False,
     None, "solid"),
    ("vo_van_dung", "Võ Văn Dũng", "male", 1960, "BNCTW", "Phó Trưởng ban Thường trực", "cadre", True, None,
     "solid"),
    ("ngo_van_tuan", "Ngô Văn Tuấn", "male", 1971, "BKTTW", "Phó Trưởng ban", "cadre", True, None, "solid"),
    ("dieu_k_re", "Điểu K’Ré", "male", 1969, "BDVTW", "Phó Trưởng ban Thường trực", "cadre", True, None, "solid"),
    ("nguyen_huy_tang", "Nguyễn Huy Tăng", "male", 1964, "BDNTW", "Phó Trưởng ban", "cadre", True, None, "solid"),
    ("phan_van_thang", "Phan Văn Thắng", "male", 1967, "DTP-BTCTU", "Trưởng Ban Tổ chức Tỉnh ủy", "cadre", True,
     "CB-DTP-BTCTU", "solid"),
]

# Demo-specific people with a story (the `canbo` login is linked to "pham_thu_ha").
STORIES = [
    # CSTĐCS 2022–2024 (BK_BO 2023), excellent 2025, unit-level initiatives only:
    # one ministry-level initiative short of Chiến sĩ thi đua cấp bộ.
    ("pham_thu_ha", "Phạm Thu Hà", "female", 1986, "TTCP-PC", "Chuyên viên chính", "civil_servant", False,
     "CB-TTCP-PC", "story_one_short"),
    # reprimanded in 2021: grade incomplete that year, the chain restarts.
    ("le_van_binh", "Lê Văn Bình", "male", 1979, "BTP-VP", "Chuyên viên", "civil_servant", False, "CB-BTP-VP",
     "story_discipline"),
    # an open disciplinary case in 2025 (freeze).
    ("trinh_quang_vinh", "Trịnh Quang Vinh", "male", 1982, "DTP-STC", "Phó Trưởng phòng", "civil_servant", True,
     "CB-DTP-STC", "story_under_review"),
    # maternity leave in 2023 (months worked 12: maternity counts as work).
    ("vo_ngoc_tram", "Võ Ngọc Trâm", "female", 1991, "TTCP-TCCB", "Chuyên viên", "civil_servant", False, None,
     "story_maternity"),
    # a commune official who moved to the province (Sở Nội vụ) after the 2025 merger, history kept.
    ("huynh_thanh_tam", "Huỳnh Thanh Tâm", "male", 1985, "DTP-CL-P3", "Chủ tịch UBND phường", "cadre", True,
     "DB-DTP-CL-P3", "solid"),
    # district staff re-posted to Sở Nội vụ when the district level was removed.
    ("nguyen_thi_kim_loan", "Nguyễn Thị Kim Loan", "female", 1983, "DTP-CL", "Trưởng phòng Nội vụ",
     "civil_servant", True, "DB-DTP-CL", "solid"),
]

# staff per unit beyond the named people (scaled by --people)
HEADCOUNT = {
    "TTCP": 3, "TTCP-VP": 8, "TTCP-TCCB": 9, "TTCP-PC": 8, "TTCP-TDKT": 5, "TTCP-TTTT": 10, "TTCP-C1": 6,
    "TTCP-C1-P1": 8, "TTCP-C2": 10,
    "BTP": 2, "BTP-VP": 10, "BTP-TDKT": 8, "BTP-TT": 9,
    "BQP-TT": 5, "BKHDT-TT": 5, "BCA-TT": 5, "BNV-TT": 5, "BTC-TT": 5, "NHNN-TTGS": 6,
    "BNCTW": 3, "UBKTTW": 3, "VPTW": 3, "BTCTW": 3, "BTGTW": 3, "BDNTW": 2, "BDVTW": 2, "BKTTW": 2,
    "DTP": 2, "DTP-VPUB": 6, "DTP-SNV": 5, "DTP-SNV-CCVC": 5, "DTP-SNV-TDKT": 4, "DTP-STC": 7, "DTP-SGD": 7,
    "DTP-BTCTU": 4, "DTP-CL": 3, "DTP-CL-P1": 5, "DTP-CL-P3": 5, "DTP-CL-P4": 5, "DTP-CL-MT": 5,
}

# Who confers titles for each root (legal-rules.md §8): head of the agency with legal personality.
AUTHORITY = {
    "TTCP": ("TTCP", "Tổng Thanh tra Chính phủ"),
    "BTP": ("BTP", "Bộ trưởng Bộ Tư pháp"),
    "BQP": ("BQP", "Bộ trưởng Bộ Quốc phòng"),
    "BKHDT": ("BKHĐT", "Bộ trưởng Bộ Kế hoạch và Đầu tư"),
    "BCA": ("BCA", "Bộ trưởng Bộ Công an"),
    "BNV": ("BNV", "Bộ trưởng Bộ Nội vụ"),
    "BTC": ("BTC", "Bộ trưởng Bộ Tài chính"),
    "NHNN": ("NHNN", "Thống đốc Ngân hàng Nhà nước Việt Nam"),
    "DTP": ("UBND", "Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp"),
}

SURNAMES = (["Nguyễn"] * 38 + ["Trần"] * 11 + ["Lê"] * 10 + ["Phạm"] * 7 + ["Hoàng"] * 5 + ["Huỳnh"] * 4
            + ["Phan"] * 4 + ["Vũ"] * 4 + ["Võ"] * 3 + ["Đặng"] * 2 + ["Bùi"] * 2 + ["Đỗ"] * 2 + ["Hồ"] * 2
            + ["Ngô", "Dương", "Lý", "Trịnh", "Đinh", "Lâm", "Mai", "Tô", "Đoàn", "Cao", "Lương", "Tạ"])
MIDDLE_NAMES_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Xuân", "Ngọc", "Anh", "Quang",
                     "Trung", "Hoàng", "Duy", "Tiến", "Thế", "Đình", "Bá"]
MIDDLE_NAMES_FEMALE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Phương", "Hồng", "Mỹ",
                       "Thùy", "Bích", "Hải", "Diệu", "Khánh"]
GIVEN_NAMES_MALE = ["Thắng", "Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Hải", "Long", "Sơn", "Hưng", "Phong", "Quân",
                    "Thành", "Trung", "Bình", "Cường", "Đạt", "Hiếu", "Khoa", "Lâm", "Phúc", "Tài", "Toàn", "Vinh",
                    "Việt", "Huy", "Khải", "Tùng", "Kiên", "Lực", "Hòa", "Nghĩa", "Quang", "Tâm", "Thái", "Đức"]
GIVEN_NAMES_FEMALE = ["Lan", "Hương", "Hà", "Linh", "Trang", "Thảo", "Hạnh", "Ngọc", "Mai", "Yến", "Nhung", "Phương",
                      "Hằng", "Hoa", "Huyền", "Loan", "Nga", "Oanh", "Quyên", "Tâm", "Thủy", "Uyên", "Vân", "Xuân",
                      "Giang", "Dung", "Hiền", "Liên", "My", "Chi", "Anh", "Thúy"]

POSITIONS_STAFF = ["Chuyên viên", "Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Chuyên viên chính",
                   "Thanh tra viên", "Thanh tra viên chính", "Cán sự", "Chuyên viên cao cấp"]
POSITIONS_LEADER = {"department": "Vụ trưởng", "division": "Trưởng phòng", "inspectorate": "Chánh Thanh tra",
                    "public_service_unit": "Giám đốc", "provincial_department": "Giám đốc Sở",
                    "party_agency": "Vụ trưởng", "commune": "Chủ tịch UBND", "district": "Trưởng phòng",
                    "ministry": "Chánh Văn phòng", "province": "Phó Chủ tịch UBND tỉnh"}
PROVINCE_CCCD = {"TTCP": "001", "BTP": "001", "BQP": "001", "BKHDT": "001", "BCA": "001", "BNV": "001",
                 "BTC": "001", "NHNN": "001", "DTP": "087"}

INITIATIVE_TOPICS = [
    "Ứng dụng phần mềm quản lý hồ sơ thanh tra", "Số hóa quy trình tiếp công dân",
    "Chuẩn hóa biểu mẫu báo cáo thi đua, khen thưởng", "Quy trình rút gọn xử lý đơn thư",
    "Cơ sở dữ liệu kết luận thanh tra", "Bộ tiêu chí chấm điểm thi đua theo khối",
    "Giải pháp theo dõi thực hiện kết luận thanh tra", "Ứng dụng chữ ký số trong văn bản nội bộ",
    "Sổ tay nghiệp vụ giải quyết khiếu nại", "Mô hình một cửa liên thông cấp phường",
    "Quy trình đánh giá cán bộ theo kết quả, sản phẩm", "Hệ thống nhắc hạn xử lý văn bản",
    "Tổng hợp số liệu thi đua bằng bảng tính dùng chung", "Giải pháp lưu trữ hồ sơ điện tử",
]
