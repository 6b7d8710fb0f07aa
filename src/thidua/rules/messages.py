"""Vietnamese wording of every check, by rule id.

Each entry: ok / fail / unknown message and `lack` (what the subject still lacks, for a
false answer). A value is a plain string or a function of `details`, the answer's details
(scalars: `Y` the target year, `name` the target's name, plus the rule's own details).
Constants here are what tests assert on."""
from __future__ import annotations

from . import codes

MSG_UNKNOWN_SUBJECT = "Không tìm thấy đối tượng có mã '{subject}' trong tài liệu"
MSG_UNKNOWN_TARGET = "Mã danh hiệu/hình thức '{target}' không có trong danh mục"
MSG_NO_REGIME = "Không có quy định áp dụng cho năm {year}"
MSG_FREEZE = "Đang bị xem xét kỷ luật, thanh tra, kiểm tra hoặc điều tra năm {Y}: chưa xét khen thưởng cho đến khi có kết luận"
MSG_PENDING_HCLD = "Chưa xác định được: cần đối chiếu Điều {article} Luật Thi đua, khen thưởng (chưa kiểm chứng nội dung tiêu chuẩn)"


def _two_digits(number) -> str:
    return f"{int(number):02d}"


def _grade(grade) -> str:
    return codes.GRADE_NAMES.get(int(grade), "chưa có xếp loại")


def _disc_reason(details) -> str:
    disc = int(details.get("disc", -1))
    if codes.REPRIMAND <= disc <= codes.DISMISSAL:
        return f" (bị kỷ luật {codes.DISCIPLINE_NAMES[disc]} trong năm)"
    return ""


def _level(level) -> str:
    return {0: "cấp cơ sở", 1: "cấp bộ", 2: "toàn quốc"}[int(level)]


def _run_lack(title: str):
    def lack(details):
        need, run, run_before = int(details["need"]), int(details["run"]), int(details.get("run_prev", 0))
        if run == 0 and run_before > 0:
            return (f"Năm {details['Y']} cần đạt {title} (đã có {_two_digits(run_before)} năm liên tục trước đó); "
                    f"cần thêm {_two_digits(max(need - run_before, 1))} năm liên tục đạt {title}")
        return f"Cần thêm {_two_digits(need - run)} năm liên tục đạt {title}"
    return lack


def _after_award(prior: str, grade_words: str, need_words: list[str]):
    """ok / lack wording of an after-award chain (checks.after_award_run): details `last` (most
    recent known prior award, 0 none), `run` (consecutive years meeting the grade up to Y),
    `need_run`, `needs` ((need, counted after `last`) per counted item)."""
    def lack(details):
        out = []
        year, last, run, need_run = details["Y"], int(details["last"]), int(details["run"]), int(details["need_run"])
        if last == 0:
            out.append(f"Cần được tặng {prior} (khen thưởng thường xuyên) trước thời gian tính thành tích")
        elif run < year - last:
            out.append(f"Các năm sau khi được tặng {prior} năm {last} không liên tục {grade_words} đến năm "
                       f"{year}: cần được tặng {prior} lần tiếp theo rồi tính lại")
        have = run if last == 0 else year - last
        if have < need_run and (last == 0 or run >= year - last):
            after = f" sau năm {last}" if last else ""
            out.append(f"Cần thêm {_two_digits(need_run - have)} năm liên tục {grade_words}"
                       f"{after} đến năm {year}")
        for words, (need, got) in zip(need_words, details["needs"]):
            if got < need:
                out.append(f"Cần thêm {_two_digits(need - got)} {words} trong thời gian đó")
        return out or [f"Chưa đủ tiêu chuẩn {details['name']}"]

    def ok(details):
        last = int(details["last"])
        return (f"Đã được tặng {prior} năm {last}, sau đó {_two_digits(details['Y'] - last)} năm liên tục "
                f"{grade_words} đến năm {details['Y']}, đủ các thành tích trong thời gian đó"
                if last else f"Đủ tiêu chuẩn {details['name']}")
    return ok, lack


LDTT = "Lao động tiên tiến"
CSTDCS = "Chiến sĩ thi đua cơ sở"

_bkttg_ok_2022, _bkttg_lack_2022 = _after_award("Bằng khen cấp bộ, ban, ngành, tỉnh",
                                                "hoàn thành tốt nhiệm vụ trở lên",
                                                ["lần Chiến sĩ thi đua cơ sở"])
_bkttg_ok_2013, _bkttg_lack_2013 = _after_award("Bằng khen cấp bộ, ban, ngành, tỉnh",
                                                "hoàn thành xuất sắc nhiệm vụ",
                                                ["sáng kiến cấp cơ sở"])
_hcld3_ok, _hcld3_lack = _after_award("Bằng khen của Thủ tướng Chính phủ",
                                      "hoàn thành tốt nhiệm vụ trở lên",
                                      ["năm hoàn thành xuất sắc nhiệm vụ",
                                       "lần Chiến sĩ thi đua cơ sở"])
_c_bkttg_ok_2022, _c_bkttg_lack_2022 = _after_award(
    "Bằng khen cấp bộ, ban, ngành, tỉnh", "hoàn thành tốt nhiệm vụ trở lên",
    ["lần Tập thể lao động xuất sắc hoặc Cờ thi đua cấp bộ"])
_c_bkttg_ok_2013, _c_bkttg_lack_2013 = _after_award(
    "Bằng khen cấp bộ, ban, ngành, tỉnh", "hoàn thành xuất sắc nhiệm vụ",
    ["Cờ thi đua cấp bộ, ban, ngành, tỉnh"])
_c_hcld3_ok, _c_hcld3_lack = _after_award(
    "Bằng khen của Thủ tướng Chính phủ", "hoàn thành tốt nhiệm vụ trở lên",
    ["lần Tập thể lao động xuất sắc", "Cờ thi đua cấp bộ hoặc Cờ thi đua của Chính phủ"])


def _counted_time(details) -> str:
    """"10 tháng (08 tháng làm việc, 02 tháng nghỉ thai sản, đi học, điều trị thương tích)"."""
    text = f"{details['counted']} tháng"
    if int(details["leave_months"]) > 0:
        text += (f" ({_two_digits(max(int(details['months']), 0))} tháng làm việc, "
                 f"{_two_digits(details['leave_months'])} tháng nghỉ thai sản, đi học, điều trị thương tích)")
    return text

# the minimum every reading of the unconfirmed HCLĐ criteria shares (catalog._hcld_pending)
_PENDING_FAIL = ("Chưa đạt điều kiện tối thiểu: đã được tặng {prior}, sau đó từ 05 năm liên tục hoàn "
                 "thành tốt nhiệm vụ trở lên đến năm xét")
_, _hcld3_prior_lack = _after_award("Bằng khen của Thủ tướng Chính phủ",
                                                  "hoàn thành tốt nhiệm vụ trở lên", [])
_, _hcld2_prior_lack = _after_award("Huân chương Lao động hạng Ba",
                                                  "hoàn thành tốt nhiệm vụ trở lên", [])
_, _hcld1_prior_lack = _after_award("Huân chương Lao động hạng Nhì",
                                                  "hoàn thành tốt nhiệm vụ trở lên", [])


def _bkbo_lack(details):
    out = []
    if details["title_path"]:
        both = int(details["cst_prev"]) == 2 and int(details["cst_now"]) == 2
        if both and details["consumed"]:
            out.append(f"02 năm {CSTDCS} ({details['Y'] - 1}, {details['Y']}) đạt theo tiêu chuẩn có sáng kiến: "
                       f"cần thêm {_two_digits(max(2 - int(details['count']), 1))} sáng kiến cấp cơ sở ngoài các "
                       "sáng kiến đã dùng để đạt danh hiệu (Công văn 1168/BNV-BTĐKT)")
        else:
            out.append(f"Cần 02 năm liên tục đạt {CSTDCS} ({details['Y'] - 1} và {details['Y']})")
    exc = (int(details["exc_prev"]) == 2) + (int(details["exc_now"]) == 2)
    msg = (f"cần 02 năm liên tục hoàn thành xuất sắc nhiệm vụ ({details['Y'] - 1}, {details['Y']}) "
           f"với 02 sáng kiến cấp cơ sở trong thời gian đó")
    missing = []
    if exc < 2:
        missing.append(f"thêm {_two_digits(2 - exc)} năm hoàn thành xuất sắc nhiệm vụ")
    if int(details["count"]) < 2:
        missing.append(f"thêm {_two_digits(2 - int(details['count']))} sáng kiến cấp cơ sở")
    out.append(("Hoặc " if details["title_path"] else "Cần ") + msg[4:]
               + (": " + ", ".join(missing) if missing else ""))
    return out


MESSAGES: dict[str, dict] = {
    # -- common ---------------------------------------------------------------------------
    "common.kind": {
        "ok": lambda details: f"{details['name']} xét cho {'cá nhân' if details['target_kind'] == 0 else 'tập thể'}",
        "fail": lambda details: f"{details['name']} chỉ xét cho {'cá nhân' if details['target_kind'] == 0 else 'tập thể'}",
        "lack": lambda details: f"{details['name']} không áp dụng cho đối tượng này",
    },
    "common.freeze": {
        "ok": lambda details: f"Không có thông tin đang bị xem xét kỷ luật hoặc điều tra năm {details['Y']}",
        "unknown": lambda details: MSG_FREEZE.format(Y=details["Y"]),
    },
    "common.grade_consistency": {
        "ok": lambda details: f"Xếp loại và kỷ luật năm {details['Y']} không mâu thuẫn",
        "unknown": lambda details: (f"Năm {details['Y']} có kỷ luật{_disc_reason(details)} nhưng xếp loại từ "
                              "hoàn thành tốt nhiệm vụ trở lên: cần kiểm tra lại xếp loại"),
    },
    "common.discipline_restart": {
        "ok": lambda details: "Không có kỷ luật trong thời gian tính thành tích",
        "fail": lambda details: (f"Bị kỷ luật năm {details['disc_year']}: thành tích chỉ được tính từ khi "
                           "chấp hành xong thời gian kỷ luật"),
        "lack": lambda details: f"Cần tính lại thời gian thành tích từ sau năm {details['disc_year']}",
    },
    "common.no_thematic_basis": {
        "ok": "Khen thưởng làm căn cứ phải là khen thưởng thường xuyên (công trạng), không phải "
              "khen thưởng đột xuất hoặc theo chuyên đề",
    },
    "common.registration": {
        "ok": "Cần có đăng ký thi đua đầu năm (dữ liệu đầu vào không có trường đăng ký; "
              "kiểm tra theo hồ sơ)",
    },
    # -- LĐTT ----------------------------------------------------------------------------
    "ldtt.grade": {
        "ok": lambda details: f"Năm {details['Y']} xếp loại {_grade(details['grade'])}",
        "fail": lambda details: f"Năm {details['Y']} xếp loại {_grade(details['grade'])}{_disc_reason(details)}",
        "unknown": lambda details: f"Chưa có xếp loại năm {details['Y']}",
        "lack": lambda details: f"Cần xếp loại hoàn thành tốt nhiệm vụ trở lên năm {details['Y']}{_disc_reason(details)}",
    },
    "ldtt.spirit": {"ok": "Tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia "
                          "phong trào thi đua: do Hội đồng thi đua, khen thưởng đánh giá"},
    "ldtt.study": {"ok": "Tích cực học tập chính trị, văn hóa, chuyên môn, nghiệp vụ: do Hội "
                         "đồng thi đua, khen thưởng đánh giá"},
    "ldtt.ethics": {"ok": "Đạo đức, lối sống lành mạnh: do Hội đồng thi đua, khen thưởng đánh giá"},
    "ldtt.tenure": {
        "ok": lambda details: (
            f"Đã công tác từ năm {details['Y'] - 1}" if details["before"] else
            f"Chuyển công tác đến trong năm {details['Y']} (không phải mới tuyển dụng)" if details["transferred"]
            else f"Thời gian công tác được tính năm {details['Y']}: {_counted_time(details)} (tối thiểu "
                 f"{details['need']} tháng, kể cả thời gian hợp đồng trước khi tuyển dụng)"),
        "fail": lambda details: (f"Mới tuyển dụng: năm {details['Y']} thời gian công tác được tính "
                                 f"{_counted_time(details)}, dưới {details['need']} tháng"),
        "unknown": lambda details: (f"Chưa có số tháng công tác năm {details['Y']}" if int(details["months"]) < 0
                                    else f"Chưa có số ngày nghỉ năm {details['Y']} (nghỉ thai sản, đi học, điều "
                                         "trị thương tích được tính là thời gian công tác)"),
        "lack": lambda details: (f"Cần thời gian công tác được tính đủ {details['need']} tháng trong năm "
                                 f"{details['Y']}"),
    },
    "ldtt.discipline": {
        "ok": lambda details: f"Không bị kỷ luật từ khiển trách trở lên năm {details['Y']}",
        "fail": lambda details: f"Bị kỷ luật năm {details['Y']}{_disc_reason(details)}",
        "unknown": lambda details: f"Chưa có thông tin kỷ luật năm {details['Y']}",
        "lack": lambda details: f"Không được bị kỷ luật từ khiển trách trở lên năm {details['Y']}",
    },
    "ldtt.leave": {
        "ok": lambda details: f"Số ngày nghỉ năm {details['Y']}: {details['days']} ngày, dưới {details['limit']} ngày làm việc",
        "fail": lambda details: (f"Nghỉ {details['days']} ngày làm việc năm {details['Y']} (từ {details['limit']} ngày trở lên; "
                           "không tính nghỉ thai sản, đi học)"),
        "unknown": lambda details: f"Chưa có số ngày nghỉ năm {details['Y']}",
        "lack": lambda details: f"Số ngày nghỉ (trừ thai sản, đi học) phải dưới {details['limit']} ngày làm việc",
    },
    "ldtt.special_time": {"ok": "Thời gian nghỉ thai sản, điều trị thương tích khi chiến đấu, cứu người, "
                                "cứu tài sản, đi học do cơ quan cử được tính như thời gian công tác "
                                "(nghỉ ốm đau thông thường thì không); chuyển công tác, biệt phái: cần ý "
                                "kiến của cơ quan cũ/nơi biệt phái"},
    # -- CSTĐCS --------------------------------------------------------------------------
    "cstdcs.has_ldtt": {
        "ok": lambda details: f"Đạt danh hiệu {LDTT} năm {details['Y']}",
        "fail": lambda details: f"Không đạt tiêu chuẩn {LDTT} năm {details['Y']}",
        "unknown": lambda details: f"Chưa xác định được tiêu chuẩn {LDTT} năm {details['Y']}",
        "lack": lambda details: f"Cần đạt tiêu chuẩn {LDTT} năm {details['Y']}",
    },
    "cstdcs.excellence_or_initiative": {
        "ok": lambda details: (f"Năm {details['Y']} hoàn thành xuất sắc nhiệm vụ" if int(details["grade"]) == codes.EXCELLENT
                         else f"Năm {details['Y']} có {_two_digits(details['count'])} sáng kiến được cơ sở công nhận"),
        "fail": lambda details: f"Năm {details['Y']} không hoàn thành xuất sắc nhiệm vụ và không có sáng kiến",
        "unknown": lambda details: f"Chưa đủ thông tin về xếp loại hoặc sáng kiến năm {details['Y']}",
        "lack": lambda details: (f"Cần hoàn thành xuất sắc nhiệm vụ hoặc có 01 sáng kiến (đề tài đã "
                           f"nghiệm thu) được cơ sở công nhận năm {details['Y']}"),
    },
    "cstdcs.initiative": {
        "ok": lambda details: f"Năm {details['Y']} có {_two_digits(details['count'])} sáng kiến được cơ sở công nhận",
        "fail": lambda details: f"Năm {details['Y']} không có sáng kiến hoặc đề tài được cơ sở công nhận",
        "unknown": lambda details: f"Chưa có thông tin sáng kiến năm {details['Y']}",
        "lack": lambda details: "Cần thêm 01 sáng kiến cấp cơ sở (hoặc đề tài đã nghiệm thu, áp dụng)",
    },
    "cstdcs.cap": {"ok": "Tỷ lệ Chiến sĩ thi đua cơ sở trong đơn vị: kiểm tra theo danh sách "
                         "đơn vị (trang Kiểm tra tỷ lệ tối đa của đơn vị)"},
    # -- CSTĐ bộ, toàn quốc ------------------------------------------------------------------
    "cstdbo.chain": {
        "ok": lambda details: f"03 năm liên tục đạt {CSTDCS} ({details['Y'] - 2}–{details['Y']})",
        "fail": lambda details: f"Có {_two_digits(details['run'])} năm liên tục đạt {CSTDCS} đến năm {details['Y']}",
        "unknown": lambda details: f"Chưa đủ thông tin danh hiệu các năm {details['Y'] - 2}–{details['Y']}",
        "lack": _run_lack(CSTDCS),
    },
    "cstdbo.no_reuse": {
        "ok": "Các năm Chiến sĩ thi đua cơ sở chưa được dùng cho lần Chiến sĩ thi đua cấp bộ trước",
        "fail": lambda details: (f"Đã được Chiến sĩ thi đua cấp bộ năm {details['last']}: các năm Chiến sĩ thi "
                           "đua cơ sở đã dùng không được tính lại"),
        "unknown": "Chưa đủ thông tin danh hiệu các năm trước",
        "lack": lambda details: f"Cần 03 năm Chiến sĩ thi đua cơ sở liên tục tiếp theo sau năm {details['last']}",
    },
    "cstdbo.initiative": {
        "ok": lambda details: f"Có {_two_digits(details['count'])} sáng kiến có phạm vi ảnh hưởng {_level(details['level'])}",
        "fail": lambda details: f"Chưa có sáng kiến có phạm vi ảnh hưởng {_level(details['level'])}",
        "unknown": "Chưa có thông tin sáng kiến các năm tính thành tích",
        "lack": lambda details: f"Cần thêm {_two_digits(details['need'] - details['count'])} sáng kiến có phạm vi ảnh hưởng {_level(details['level'])}",
    },
    "cstdbo.selection": {"ok": "Tiêu biểu xuất sắc: do Hội đồng thi đua, khen thưởng lựa chọn"},
    "cstdtq.chain": {
        "ok": lambda details: f"02 lần liên tục đạt Chiến sĩ thi đua cấp bộ ({details['Y'] - 3}, {details['Y']})",
        "fail": lambda details: (f"Chưa có 02 lần liên tục Chiến sĩ thi đua cấp bộ với lần thứ hai "
                           f"năm {details['Y']}"),
        "unknown": "Chưa đủ thông tin danh hiệu Chiến sĩ thi đua cấp bộ",
        "lack": lambda details: (f"Cần 02 lần liên tục đạt Chiến sĩ thi đua cấp bộ, lần thứ hai năm "
                           f"{details['Y']} (xét vào năm liền kề)"),
    },
    "cstdtq.initiative": {
        "ok": lambda details: f"Có {_two_digits(details['count'])} sáng kiến có phạm vi ảnh hưởng toàn quốc",
        "fail": "Chưa có sáng kiến có phạm vi ảnh hưởng toàn quốc",
        "unknown": "Chưa có thông tin sáng kiến các năm tính thành tích",
        "lack": lambda details: f"Cần thêm {_two_digits(details['need'] - details['count'])} sáng kiến có phạm vi ảnh hưởng toàn quốc",
    },
    "cstdtq.timing": {"ok": "Trình xét vào năm liền kề năm có quyết định công nhận Chiến sĩ thi "
                            "đua cấp bộ lần thứ hai"},
    # -- forms ------------------------------------------------------------------------
    "gk.grade": {
        "ok": lambda details: f"Năm {details['Y']} xếp loại {_grade(details['grade'])}",
        "fail": lambda details: f"Năm {details['Y']} xếp loại {_grade(details['grade'])}",
        "unknown": lambda details: f"Chưa có xếp loại năm {details['Y']}",
        "lack": lambda details: f"Cần xếp loại hoàn thành tốt nhiệm vụ trở lên năm {details['Y']}",
    },
    "gk.discipline": {
        "ok": lambda details: f"Không bị kỷ luật năm {details['Y']}",
        "fail": lambda details: f"Bị kỷ luật năm {details['Y']}{_disc_reason(details)}",
        "unknown": lambda details: f"Chưa có thông tin kỷ luật năm {details['Y']}",
        "lack": lambda details: f"Không được bị kỷ luật năm {details['Y']}",
    },
    "gk.sector": {"ok": "Tiêu chuẩn Giấy khen do Bộ, ban, ngành, tỉnh quy định; áp dụng mặc định "
                        "khi chưa có quy định của ngành"},
    "bkbo.chain": {
        "ok": lambda details: (f"02 năm liên tục đạt {CSTDCS} ({details['Y'] - 1}, {details['Y']})"
                         if details["title_path"] and details["cst_prev"] == 2 and details["cst_now"] == 2 else
                         f"02 năm liên tục hoàn thành xuất sắc nhiệm vụ ({details['Y'] - 1}, {details['Y']}) "
                         f"với {_two_digits(details['count'])} sáng kiến cấp cơ sở"),
        "fail": lambda details: f"Chưa đủ tiêu chuẩn Bằng khen cấp bộ cho các năm {details['Y'] - 1}–{details['Y']}",
        "unknown": lambda details: f"Chưa đủ thông tin các năm {details['Y'] - 1}–{details['Y']}",
        "lack": _bkbo_lack,
    },
    "bkbo.after_prior": {
        "ok": lambda details: f"Năm {details['Y'] - 1} chưa được tặng Bằng khen cấp bộ: thành tích các năm "
                        f"{details['Y'] - 1}–{details['Y']} chưa dùng cho lần khen trước",
        "fail": lambda details: f"Đã được tặng Bằng khen cấp bộ cho thành tích năm {details['last']}: lần đề nghị "
                          f"tiếp theo tính thành tích từ năm {details['last'] + 1}",
        "unknown": lambda details: f"Chưa rõ năm {details['Y'] - 1} đã được tặng Bằng khen cấp bộ hay chưa",
        "lack": lambda details: f"Cần 02 năm liên tục đạt tiêu chuẩn sau năm {details['last']} (sớm nhất xét năm "
                          f"{details['last'] + 2})",
    },
    "bkbo.initiative_ledger": {"ok": "Sáng kiến đã dùng để đạt Chiến sĩ thi đua cơ sở (theo tiêu "
                                     "chuẩn sáng kiến) không được tính lại, kể cả khi xét theo 02 lần "
                                     "Chiến sĩ thi đua cơ sở: khi đó cần thêm 02 sáng kiến khác; mỗi "
                                     "sáng kiến chỉ dùng một lần"},
    "bkbo.same_kind": {"ok": "02 sáng kiến hoặc 02 đề tài: 01 sáng kiến và 01 đề tài không được tính là "
                             "02 (dữ liệu không phân biệt sáng kiến với đề tài; kiểm tra theo hồ sơ)"},
    "bkbo.exemplary": {"ok": "Các tiêu chuẩn khác (thành tích xuất sắc đột xuất, có phạm vi ảnh "
                             "hưởng): do Hội đồng thi đua, khen thưởng đánh giá"},
    "bkbo.collective_chain": {
        "ok": lambda details: f"Hoàn thành xuất sắc nhiệm vụ năm {details['Y'] - 1} và {details['Y']}",
        "fail": lambda details: f"Chưa hoàn thành xuất sắc nhiệm vụ 02 năm liên tục đến năm {details['Y']}",
        "unknown": lambda details: f"Chưa có xếp loại các năm {details['Y'] - 1}–{details['Y']}",
        "lack": lambda details: f"Cần 02 năm liên tục hoàn thành xuất sắc nhiệm vụ ({details['Y'] - 1}, {details['Y']})",
    },
    "bkttg.chain": {"ok": _bkttg_ok_2022, "fail": lambda details: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                    "unknown": "Chưa đủ thông tin các năm tính thành tích", "lack": _bkttg_lack_2022},
    "bkttg.chain_2013": {"ok": _bkttg_ok_2013, "fail": lambda details: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                         "unknown": "Chưa đủ thông tin các năm tính thành tích",
                         "lack": _bkttg_lack_2013},
    "bkttg.window": {"ok": "Thời gian tính thành tích bắt đầu sau năm đạt thành tích ghi trong "
                           "quyết định khen thưởng lần trước"},
    "bkttg.movement": {"ok": "Thành tích xuất sắc tiêu biểu trong phong trào thi đua: do Hội đồng "
                             "thi đua, khen thưởng đánh giá"},
    "bkttg.impact": {"ok": "Thành tích đột xuất hoặc có phạm vi ảnh hưởng: do Hội đồng thi đua, "
                           "khen thưởng đánh giá"},
    "bkttg.collective_chain": {"ok": _c_bkttg_ok_2022, "fail": lambda details: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                               "unknown": "Chưa đủ thông tin các năm tính thành tích",
                               "lack": _c_bkttg_lack_2022},
    "bkttg.collective_chain_2013": {"ok": _c_bkttg_ok_2013,
                                    "fail": lambda details: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                                    "unknown": "Chưa đủ thông tin các năm tính thành tích",
                                    "lack": _c_bkttg_lack_2013},
    "hcld3.chain": {"ok": _hcld3_ok, "fail": lambda details: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                    "unknown": "Chưa đủ thông tin các năm tính thành tích", "lack": _hcld3_lack},
    "hcld3.collective_chain": {"ok": _c_hcld3_ok, "fail": lambda details: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                               "unknown": "Chưa đủ thông tin các năm tính thành tích",
                               "lack": _c_hcld3_lack},
    "hcld3.collective_chain_2013": {
        "ok": lambda details: f"05 năm liên tục Tập thể lao động xuất sắc ({details['Y'] - 4}–{details['Y']})",
        "fail": lambda details: f"Có {_two_digits(details['run'])} năm liên tục Tập thể lao động xuất sắc đến năm {details['Y']}",
        "unknown": "Chưa đủ thông tin danh hiệu các năm tính thành tích",
        "lack": _run_lack("Tập thể lao động xuất sắc"),
    },
    "hcld3.collective_flag_2013": {
        "ok": "Có Cờ thi đua cấp bộ hoặc Bằng khen của Thủ tướng Chính phủ trong thời gian đó",
        "fail": "Không có Cờ thi đua cấp bộ hoặc Bằng khen của Thủ tướng Chính phủ trong thời gian đó",
        "unknown": "Chưa đủ thông tin khen thưởng các năm tính thành tích",
        "lack": "Cần 01 Cờ thi đua cấp bộ hoặc 01 Bằng khen của Thủ tướng Chính phủ trong 05 năm đó",
    },
    "hcld3.other": {"ok": "Các tiêu chuẩn khác (thành tích đặc biệt, thời gian công tác): do Hội "
                          "đồng thi đua, khen thưởng đánh giá"},
    "hcld3.pending": {"unknown": "Chưa xác định được: cần đối chiếu Luật Thi đua, khen thưởng 2003 "
                                 "Điều 44 và Nghị định 91/2017 (chưa kiểm chứng)",
                      "fail": lambda details: _PENDING_FAIL.format(prior="Bằng khen của Thủ tướng Chính phủ"),
                      "lack": _hcld3_prior_lack},
    "hcld2.pending": {"unknown": MSG_PENDING_HCLD.format(article=43),
                      "fail": lambda details: _PENDING_FAIL.format(prior="Huân chương Lao động hạng Ba"),
                      "lack": _hcld2_prior_lack},
    "hcld1.pending": {"unknown": MSG_PENDING_HCLD.format(article=42),
                      "fail": lambda details: _PENDING_FAIL.format(prior="Huân chương Lao động hạng Nhì"),
                      "lack": _hcld1_prior_lack},
    # -- collectives ----------------------------------------------------------------------
    "ttldtt.grade": {
        "ok": lambda details: f"Tập thể xếp loại {_grade(details['grade'])} năm {details['Y']}",
        "fail": lambda details: f"Tập thể xếp loại {_grade(details['grade'])} năm {details['Y']}",
        "unknown": lambda details: f"Chưa có xếp loại tập thể năm {details['Y']}",
        "lack": lambda details: f"Cần hoàn thành tốt nhiệm vụ trở lên năm {details['Y']}",
    },
    "ttldtt.ldtt_share": {
        "ok": lambda details: f"{details['part']}/{details['total']} thành viên đạt {LDTT} (trên 50%)",
        "fail": lambda details: f"{details['part']}/{details['total']} thành viên đạt {LDTT} (cần trên 50%)",
        "unknown": "Chưa có số thành viên đạt Lao động tiên tiến",
        "lack": lambda details: f"Cần thêm {_two_digits(details['total'] // 2 + 1 - details['part'])} thành viên đạt {LDTT}",
    },
    "ttldtt.discipline": {
        "ok": "Không có thành viên bị kỷ luật từ cảnh cáo trở lên",
        "fail": lambda details: f"Có {details['part']} thành viên bị kỷ luật từ cảnh cáo trở lên",
        "unknown": "Chưa có số thành viên bị kỷ luật",
        "lack": "Không được có thành viên bị kỷ luật từ cảnh cáo trở lên",
    },
    "ttldtt.movement": {"ok": "Phong trào thi đua thường xuyên, thiết thực, hiệu quả: do Hội đồng "
                              "thi đua, khen thưởng đánh giá"},
    "ttldtt.unity": {"ok": "Nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách: do Hội đồng thi "
                           "đua, khen thưởng đánh giá"},
    "ttldxs.grade": {
        "ok": lambda details: f"Tập thể hoàn thành xuất sắc nhiệm vụ năm {details['Y']}",
        "fail": lambda details: f"Tập thể xếp loại {_grade(details['grade'])} năm {details['Y']}",
        "unknown": lambda details: f"Chưa có xếp loại tập thể năm {details['Y']}",
        "lack": lambda details: f"Cần hoàn thành xuất sắc nhiệm vụ năm {details['Y']}",
    },
    "ttldxs.all_complete": {
        "ok": "100% thành viên hoàn thành nhiệm vụ trở lên",
        "fail": lambda details: f"{details['part']}/{details['total']} thành viên hoàn thành nhiệm vụ trở lên",
        "unknown": "Chưa có số thành viên hoàn thành nhiệm vụ",
        "lack": lambda details: f"Cần thêm {_two_digits(details['total'] - details['part'])} thành viên hoàn thành nhiệm vụ (100%)",
    },
    "ttldxs.ldtt_share": {
        "ok": lambda details: f"{details['part']}/{details['total']} thành viên đạt {LDTT} (từ 70%)",
        "fail": lambda details: f"{details['part']}/{details['total']} thành viên đạt {LDTT} (cần từ 70%)",
        "unknown": "Chưa có số thành viên đạt Lao động tiên tiến",
        "lack": lambda details: (f"Cần thêm {_two_digits(max(-(-7 * details['total'] // 10) - details['part'], 1))} thành viên "
                           f"đạt {LDTT} (từ 70%)"),
    },
    "ttldxs.has_cstdcs": {
        "ok": lambda details: f"Có {details['part']} thành viên đạt {CSTDCS}",
        "fail": f"Không có thành viên đạt {CSTDCS}",
        "unknown": f"Chưa có số thành viên đạt {CSTDCS}",
        "lack": f"Cần có ít nhất 01 thành viên đạt {CSTDCS}",
    },
    "ttldxs.discipline": {
        "ok": "Không có thành viên bị kỷ luật từ cảnh cáo trở lên",
        "fail": lambda details: f"Có {details['part']} thành viên bị kỷ luật từ cảnh cáo trở lên",
        "unknown": "Chưa có số thành viên bị kỷ luật",
        "lack": "Không được có thành viên bị kỷ luật từ cảnh cáo trở lên",
    },
    "ttldxs.movement": {"ok": "Sáng tạo, vượt khó, tích cực tham gia phong trào thi đua: do Hội "
                              "đồng thi đua, khen thưởng đánh giá"},
    "ttldxs.unity": {"ok": "Nội bộ đoàn kết, gương mẫu chấp hành: do Hội đồng thi đua, khen thưởng "
                           "đánh giá"},
    "cobo.cluster_leader": {
        "ok": lambda details: f"Dẫn đầu cụm, khối thi đua năm {details['Y']}",
        "fail": lambda details: f"Xếp thứ {details['rank']} trong cụm, khối thi đua năm {details['Y']}",
        "unknown": lambda details: f"Chưa có kết quả xếp hạng cụm, khối thi đua năm {details['Y']}",
        "lack": "Cần dẫn đầu cụm, khối thi đua",
    },
    "cobo.exceeds_targets": {
        "ok": lambda details: f"Hoàn thành xuất sắc, vượt mức chỉ tiêu, nhiệm vụ năm {details['Y']}",
        "fail": lambda details: f"Xếp loại {_grade(details['grade'])} năm {details['Y']}",
        "unknown": lambda details: f"Chưa có xếp loại tập thể năm {details['Y']}",
        "lack": lambda details: f"Cần hoàn thành xuất sắc, vượt mức chỉ tiêu, nhiệm vụ năm {details['Y']}",
    },
    "cobo.unity": {"ok": "Nội bộ đoàn kết, thực hành tiết kiệm, phòng, chống tham nhũng: do Hội "
                         "đồng thi đua, khen thưởng đánh giá"},
    "cobo.new_models": {"ok": "Có nhân tố mới, mô hình mới để các tập thể khác học tập: do Hội "
                              "đồng thi đua, khen thưởng đánh giá"},
    "cocp.selection": {"ok": "Được lựa chọn trong số tập thể dẫn đầu cụm, khối; tỷ lệ tối đa kiểm "
                             "tra trên trang Kiểm tra tỷ lệ tối đa"},
    "cocp.other_routes": {"ok": "Các trường hợp khác (dẫn đầu cụm, khối do Hội đồng Thi đua – Khen "
                                "thưởng Trung ương tổ chức; dẫn đầu phong trào thi đua từ 05 năm): "
                                "xét riêng theo hồ sơ"},
    # -- grades -------------------------------------------------------------------------
    "grade.discipline": {
        "ok": lambda details: f"Không bị kỷ luật năm {details['Y']}",
        "fail": lambda details: f"Bị kỷ luật năm {details['Y']}{_disc_reason(details)}: xếp loại không hoàn thành nhiệm vụ",
        "unknown": lambda details: f"Chưa có (hoặc đang chờ) kết luận kỷ luật năm {details['Y']}",
        "lack": "Người bị kỷ luật trong năm chỉ được xếp loại không hoàn thành nhiệm vụ",
    },
    "grade.time_worked": {
        "ok": lambda details: f"Thời gian công tác năm {details['Y']}: {details['months']} tháng",
        "fail": lambda details: (f"Thời gian công tác năm {details['Y']}: {details['months']} tháng "
                           + ("(dưới 06 tháng: không xếp loại)" if int(details["months"]) < 6
                              else "(nghỉ từ 03 đến dưới 06 tháng: tối đa hoàn thành nhiệm vụ)")),
        "unknown": lambda details: f"Chưa có số tháng công tác năm {details['Y']}",
        "lack": lambda details: ("Không xếp loại khi công tác dưới 06 tháng trong năm"
                           if int(details["months"]) < 6 else
                           "Nghỉ từ 03 đến dưới 06 tháng chỉ được xếp tối đa hoàn thành nhiệm vụ"),
    },
    "grade.cap": {"ok": "Tỷ lệ hoàn thành xuất sắc nhiệm vụ không vượt quá 20% số hoàn thành tốt "
                        "nhiệm vụ trong đơn vị, nhóm nhiệm vụ tương đồng: kiểm tra trên "
                        "trang Kiểm tra tỷ lệ tối đa"},
    "grade.council": {"ok": "Mức xếp loại do cấp có thẩm quyền quyết định theo tiêu chí của quy "
                            "định áp dụng"},
}
