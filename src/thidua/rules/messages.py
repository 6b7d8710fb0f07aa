"""Vietnamese wording of every check, by rule id.

Each entry: ok / fail / unknown message and `lack` (what the subject still lacks, for a
false answer). A value is a plain string or a function of `d`, the answer's details
(scalars: `Y` the target year, `name` the target's name, plus the rule's own details).
Constants here are what tests assert on."""
from __future__ import annotations

from . import codes as C

MSG_UNKNOWN_SUBJECT = "Không tìm thấy đối tượng có mã '{subject}' trong tài liệu"
MSG_UNKNOWN_TARGET = "Mã danh hiệu/hình thức '{target}' không có trong danh mục"
MSG_NO_REGIME = "Không có quy định áp dụng cho năm {year}"
MSG_FREEZE = "Đang bị xem xét kỷ luật, thanh tra, kiểm tra hoặc điều tra năm {Y}: chưa xét khen thưởng cho đến khi có kết luận"
MSG_PENDING_HCLD = "Chưa xác định được: cần đối chiếu Điều {article} Luật Thi đua, khen thưởng (chưa kiểm chứng nội dung tiêu chuẩn)"


def _n(x) -> str:
    return f"{int(x):02d}"


def _grade(g) -> str:
    return C.GRADE_NAMES.get(int(g), "chưa có xếp loại")


def _disc_reason(d) -> str:
    disc = int(d.get("disc", -1))
    if C.REPRIMAND <= disc <= C.DISMISSAL:
        return f" (bị kỷ luật {C.DISCIPLINE_NAMES[disc]} trong năm)"
    return ""


def _level(lv) -> str:
    return {0: "cấp cơ sở", 1: "cấp bộ", 2: "toàn quốc"}[int(lv)]


def _run_lack(title: str):
    def f(d):
        need, run, prev = int(d["need"]), int(d["run"]), int(d.get("run_prev", 0))
        if run == 0 and prev > 0:
            return (f"Năm {d['Y']} cần đạt {title} (đã có {_n(prev)} năm liên tục trước đó); "
                    f"cần thêm {_n(max(need - prev, 1))} năm liên tục đạt {title}")
        return f"Cần thêm {_n(need - run)} năm liên tục đạt {title}"
    return f


def _after_award(prior: str, grade_words: str, need_words: list[str]):
    def lack(d):
        out = []
        if int(d["last"]) == 0:
            out.append(f"Cần được tặng {prior} (khen thưởng thường xuyên) trước thời gian tính thành tích")
        start = int(d["last"]) + 1 if int(d["last"]) else None
        have = min(int(d["run"]), d["Y"] - start + 1) if start else int(d["run"])
        if have < int(d["need_run"]):
            after = f" sau năm {d['last']}" if start else ""
            out.append(f"Cần thêm {_n(int(d['need_run']) - have)} năm liên tục {grade_words}"
                       f"{after} đến năm {d['Y']}")
        for words, (need, got) in zip(need_words, d["needs"]):
            if got < need:
                out.append(f"Cần thêm {_n(need - got)} {words} trong thời gian đó")
        return out or [f"Chưa đủ tiêu chuẩn {d['name']}"]

    def ok(d):
        return (f"Đã được tặng {prior} năm {d['last']}, sau đó {_n(d['run'])} năm liên tục "
                f"{grade_words} đến năm {d['Y']}, đủ các thành tích trong thời gian đó"
                if int(d["last"]) else f"Đủ tiêu chuẩn {d['name']}")
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


def _bkbo_lack(d):
    out = []
    if d["title_path"]:
        out.append(f"Cần 02 năm liên tục đạt {CSTDCS} ({d['Y'] - 1} và {d['Y']})")
    exc = (int(d["exc_prev"]) == 2) + (int(d["exc_now"]) == 2)
    msg = (f"cần 02 năm liên tục hoàn thành xuất sắc nhiệm vụ ({d['Y'] - 1}, {d['Y']}) "
           f"với 02 sáng kiến cấp cơ sở trong thời gian đó")
    missing = []
    if exc < 2:
        missing.append(f"thêm {_n(2 - exc)} năm hoàn thành xuất sắc nhiệm vụ")
    if int(d["count"]) < 2:
        missing.append(f"thêm {_n(2 - int(d['count']))} sáng kiến cấp cơ sở")
    out.append(("Hoặc " if d["title_path"] else "Cần ") + msg[4:]
               + (": " + ", ".join(missing) if missing else ""))
    return out


MESSAGES: dict[str, dict] = {
    # -- common ---------------------------------------------------------------------------
    "common.kind": {
        "ok": lambda d: f"{d['name']} xét cho {'cá nhân' if d['target_kind'] == 0 else 'tập thể'}",
        "fail": lambda d: f"{d['name']} chỉ xét cho {'cá nhân' if d['target_kind'] == 0 else 'tập thể'}",
        "lack": lambda d: f"{d['name']} không áp dụng cho đối tượng này",
    },
    "common.freeze": {
        "ok": lambda d: f"Không có thông tin đang bị xem xét kỷ luật hoặc điều tra năm {d['Y']}",
        "unknown": lambda d: MSG_FREEZE.format(Y=d["Y"]),
    },
    "common.grade_consistency": {
        "ok": lambda d: f"Xếp loại và kỷ luật năm {d['Y']} không mâu thuẫn",
        "unknown": lambda d: (f"Năm {d['Y']} có kỷ luật{_disc_reason(d)} nhưng xếp loại từ "
                              "hoàn thành tốt nhiệm vụ trở lên: cần kiểm tra lại xếp loại"),
    },
    "common.discipline_restart": {
        "ok": lambda d: "Không có kỷ luật trong thời gian tính thành tích",
        "fail": lambda d: (f"Bị kỷ luật năm {d['disc_year']}: thành tích chỉ được tính từ khi "
                           "chấp hành xong thời gian kỷ luật"),
        "lack": lambda d: f"Cần tính lại thời gian thành tích từ sau năm {d['disc_year']}",
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
        "ok": lambda d: f"Năm {d['Y']} xếp loại {_grade(d['grade'])}",
        "fail": lambda d: f"Năm {d['Y']} xếp loại {_grade(d['grade'])}{_disc_reason(d)}",
        "unknown": lambda d: f"Chưa có xếp loại năm {d['Y']}",
        "lack": lambda d: f"Cần xếp loại hoàn thành tốt nhiệm vụ trở lên năm {d['Y']}{_disc_reason(d)}",
    },
    "ldtt.spirit": {"ok": "Tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia "
                          "phong trào thi đua: do Hội đồng thi đua, khen thưởng đánh giá"},
    "ldtt.study": {"ok": "Tích cực học tập chính trị, văn hóa, chuyên môn, nghiệp vụ: do Hội "
                         "đồng thi đua, khen thưởng đánh giá"},
    "ldtt.ethics": {"ok": "Đạo đức, lối sống lành mạnh: do Hội đồng thi đua, khen thưởng đánh giá"},
    "ldtt.tenure": {
        "ok": lambda d: ("Đã công tác từ năm trước" if d["before"] else
                         f"Thời gian công tác liên tục tại cơ quan năm {d['Y']}: {d['months']} tháng "
                         f"(tối thiểu {d['need']} tháng, kể cả thời gian hợp đồng trước khi tuyển dụng)"),
        "fail": lambda d: (f"Mới tuyển dụng: năm {d['Y']} công tác {d['months']} tháng, "
                           f"dưới {d['need']} tháng"),
        "unknown": lambda d: f"Chưa có số tháng công tác năm {d['Y']}",
        "lack": lambda d: f"Cần công tác liên tục đủ {d['need']} tháng trong năm {d['Y']}",
    },
    "ldtt.discipline": {
        "ok": lambda d: f"Không bị kỷ luật từ khiển trách trở lên năm {d['Y']}",
        "fail": lambda d: f"Bị kỷ luật năm {d['Y']}{_disc_reason(d)}",
        "unknown": lambda d: f"Chưa có thông tin kỷ luật năm {d['Y']}",
        "lack": lambda d: f"Không được bị kỷ luật từ khiển trách trở lên năm {d['Y']}",
    },
    "ldtt.leave": {
        "ok": lambda d: f"Số ngày nghỉ năm {d['Y']}: {d['days']} ngày, dưới {d['limit']} ngày làm việc",
        "fail": lambda d: (f"Nghỉ {d['days']} ngày làm việc năm {d['Y']} (từ {d['limit']} ngày trở lên; "
                           "không tính nghỉ thai sản, đi học)"),
        "unknown": lambda d: f"Chưa có số ngày nghỉ năm {d['Y']}",
        "lack": lambda d: f"Số ngày nghỉ (trừ thai sản, đi học) phải dưới {d['limit']} ngày làm việc",
    },
    "ldtt.special_time": {"ok": "Thời gian nghỉ thai sản, điều trị thương tích khi cứu người, "
                                "đi học do cơ quan cử được tính như thời gian công tác; chuyển "
                                "công tác, biệt phái: cần ý kiến của cơ quan cũ/nơi biệt phái"},
    # -- CSTĐCS --------------------------------------------------------------------------
    "cstdcs.has_ldtt": {
        "ok": lambda d: f"Đạt danh hiệu {LDTT} năm {d['Y']}",
        "fail": lambda d: f"Không đạt tiêu chuẩn {LDTT} năm {d['Y']}",
        "unknown": lambda d: f"Chưa xác định được tiêu chuẩn {LDTT} năm {d['Y']}",
        "lack": lambda d: f"Cần đạt tiêu chuẩn {LDTT} năm {d['Y']}",
    },
    "cstdcs.excellence_or_initiative": {
        "ok": lambda d: (f"Năm {d['Y']} hoàn thành xuất sắc nhiệm vụ" if int(d["grade"]) == C.EXCELLENT
                         else f"Năm {d['Y']} có {_n(d['count'])} sáng kiến được cơ sở công nhận"),
        "fail": lambda d: f"Năm {d['Y']} không hoàn thành xuất sắc nhiệm vụ và không có sáng kiến",
        "unknown": lambda d: f"Chưa đủ thông tin về xếp loại hoặc sáng kiến năm {d['Y']}",
        "lack": lambda d: (f"Cần hoàn thành xuất sắc nhiệm vụ hoặc có 01 sáng kiến (đề tài đã "
                           f"nghiệm thu) được cơ sở công nhận năm {d['Y']}"),
    },
    "cstdcs.initiative": {
        "ok": lambda d: f"Năm {d['Y']} có {_n(d['count'])} sáng kiến được cơ sở công nhận",
        "fail": lambda d: f"Năm {d['Y']} không có sáng kiến hoặc đề tài được cơ sở công nhận",
        "unknown": lambda d: f"Chưa có thông tin sáng kiến năm {d['Y']}",
        "lack": lambda d: "Cần thêm 01 sáng kiến cấp cơ sở (hoặc đề tài đã nghiệm thu, áp dụng)",
    },
    "cstdcs.cap": {"ok": "Tỷ lệ Chiến sĩ thi đua cơ sở trong đơn vị: kiểm tra theo danh sách "
                         "đơn vị (rules.quota.check_title_cap)"},
    # -- CSTĐ bộ, toàn quốc ------------------------------------------------------------------
    "cstdbo.chain": {
        "ok": lambda d: f"03 năm liên tục đạt {CSTDCS} ({d['Y'] - 2}–{d['Y']})",
        "fail": lambda d: f"Có {_n(d['run'])} năm liên tục đạt {CSTDCS} đến năm {d['Y']}",
        "unknown": lambda d: f"Chưa đủ thông tin danh hiệu các năm {d['Y'] - 2}–{d['Y']}",
        "lack": _run_lack(CSTDCS),
    },
    "cstdbo.no_reuse": {
        "ok": "Các năm Chiến sĩ thi đua cơ sở chưa được dùng cho lần Chiến sĩ thi đua cấp bộ trước",
        "fail": lambda d: (f"Đã được Chiến sĩ thi đua cấp bộ năm {d['last']}: các năm Chiến sĩ thi "
                           "đua cơ sở đã dùng không được tính lại"),
        "unknown": "Chưa đủ thông tin danh hiệu các năm trước",
        "lack": lambda d: f"Cần 03 năm Chiến sĩ thi đua cơ sở liên tục tiếp theo sau năm {d['last']}",
    },
    "cstdbo.initiative": {
        "ok": lambda d: f"Có {_n(d['count'])} sáng kiến có phạm vi ảnh hưởng {_level(d['level'])}",
        "fail": lambda d: f"Chưa có sáng kiến có phạm vi ảnh hưởng {_level(d['level'])}",
        "unknown": "Chưa có thông tin sáng kiến các năm tính thành tích",
        "lack": lambda d: f"Cần thêm {_n(d['need'] - d['count'])} sáng kiến có phạm vi ảnh hưởng {_level(d['level'])}",
    },
    "cstdbo.selection": {"ok": "Tiêu biểu xuất sắc: do Hội đồng thi đua, khen thưởng lựa chọn"},
    "cstdtq.chain": {
        "ok": lambda d: f"02 lần liên tục đạt Chiến sĩ thi đua cấp bộ ({d['Y'] - 3}, {d['Y']})",
        "fail": lambda d: (f"Chưa có 02 lần liên tục Chiến sĩ thi đua cấp bộ với lần thứ hai "
                           f"năm {d['Y']}"),
        "unknown": "Chưa đủ thông tin danh hiệu Chiến sĩ thi đua cấp bộ",
        "lack": lambda d: (f"Cần 02 lần liên tục đạt Chiến sĩ thi đua cấp bộ, lần thứ hai năm "
                           f"{d['Y']} (xét vào năm liền kề)"),
    },
    "cstdtq.initiative": {
        "ok": lambda d: f"Có {_n(d['count'])} sáng kiến có phạm vi ảnh hưởng toàn quốc",
        "fail": "Chưa có sáng kiến có phạm vi ảnh hưởng toàn quốc",
        "unknown": "Chưa có thông tin sáng kiến các năm tính thành tích",
        "lack": lambda d: f"Cần thêm {_n(d['need'] - d['count'])} sáng kiến có phạm vi ảnh hưởng toàn quốc",
    },
    "cstdtq.timing": {"ok": "Trình xét vào năm liền kề năm có quyết định công nhận Chiến sĩ thi "
                            "đua cấp bộ lần thứ hai"},
    # -- forms ------------------------------------------------------------------------
    "gk.grade": {
        "ok": lambda d: f"Năm {d['Y']} xếp loại {_grade(d['grade'])}",
        "fail": lambda d: f"Năm {d['Y']} xếp loại {_grade(d['grade'])}",
        "unknown": lambda d: f"Chưa có xếp loại năm {d['Y']}",
        "lack": lambda d: f"Cần xếp loại hoàn thành tốt nhiệm vụ trở lên năm {d['Y']}",
    },
    "gk.discipline": {
        "ok": lambda d: f"Không bị kỷ luật năm {d['Y']}",
        "fail": lambda d: f"Bị kỷ luật năm {d['Y']}{_disc_reason(d)}",
        "unknown": lambda d: f"Chưa có thông tin kỷ luật năm {d['Y']}",
        "lack": lambda d: f"Không được bị kỷ luật năm {d['Y']}",
    },
    "gk.sector": {"ok": "Tiêu chuẩn Giấy khen do Bộ, ban, ngành, tỉnh quy định; áp dụng mặc định "
                        "khi chưa có quy định của ngành"},
    "bkbo.chain": {
        "ok": lambda d: (f"02 năm liên tục đạt {CSTDCS} ({d['Y'] - 1}, {d['Y']})"
                         if d["title_path"] and d["cst_prev"] == 2 and d["cst_now"] == 2 else
                         f"02 năm liên tục hoàn thành xuất sắc nhiệm vụ ({d['Y'] - 1}, {d['Y']}) "
                         f"với {_n(d['count'])} sáng kiến cấp cơ sở"),
        "fail": lambda d: f"Chưa đủ tiêu chuẩn Bằng khen cấp bộ cho các năm {d['Y'] - 1}–{d['Y']}",
        "unknown": lambda d: f"Chưa đủ thông tin các năm {d['Y'] - 1}–{d['Y']}",
        "lack": _bkbo_lack,
    },
    "bkbo.after_prior": {
        "ok": lambda d: f"Năm {d['Y'] - 1} chưa được tặng Bằng khen cấp bộ: thành tích các năm "
                        f"{d['Y'] - 1}–{d['Y']} chưa dùng cho lần khen trước",
        "fail": lambda d: f"Đã được tặng Bằng khen cấp bộ cho thành tích năm {d['last']}: lần đề nghị "
                          f"tiếp theo tính thành tích từ năm {d['last'] + 1}",
        "unknown": lambda d: f"Chưa rõ năm {d['Y'] - 1} đã được tặng Bằng khen cấp bộ hay chưa",
        "lack": lambda d: f"Cần 02 năm liên tục đạt tiêu chuẩn sau năm {d['last']} (sớm nhất xét năm "
                          f"{d['last'] + 2})",
    },
    "bkbo.initiative_ledger": {"ok": "Sáng kiến đã dùng để đạt Chiến sĩ thi đua cơ sở (theo tiêu "
                                     "chuẩn sáng kiến) không được tính lại; mỗi sáng kiến chỉ dùng "
                                     "một lần"},
    "bkbo.exemplary": {"ok": "Các tiêu chuẩn khác (thành tích xuất sắc đột xuất, có phạm vi ảnh "
                             "hưởng): do Hội đồng thi đua, khen thưởng đánh giá"},
    "bkbo.collective_chain": {
        "ok": lambda d: f"Hoàn thành xuất sắc nhiệm vụ năm {d['Y'] - 1} và {d['Y']}",
        "fail": lambda d: f"Chưa hoàn thành xuất sắc nhiệm vụ 02 năm liên tục đến năm {d['Y']}",
        "unknown": lambda d: f"Chưa có xếp loại các năm {d['Y'] - 1}–{d['Y']}",
        "lack": lambda d: f"Cần 02 năm liên tục hoàn thành xuất sắc nhiệm vụ ({d['Y'] - 1}, {d['Y']})",
    },
    "bkttg.chain": {"ok": _bkttg_ok_2022, "fail": lambda d: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                    "unknown": "Chưa đủ thông tin các năm tính thành tích", "lack": _bkttg_lack_2022},
    "bkttg.chain_2013": {"ok": _bkttg_ok_2013, "fail": lambda d: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                         "unknown": "Chưa đủ thông tin các năm tính thành tích",
                         "lack": _bkttg_lack_2013},
    "bkttg.window": {"ok": "Thời gian tính thành tích bắt đầu sau năm đạt thành tích ghi trong "
                           "quyết định khen thưởng lần trước"},
    "bkttg.movement": {"ok": "Thành tích xuất sắc tiêu biểu trong phong trào thi đua: do Hội đồng "
                             "thi đua, khen thưởng đánh giá"},
    "bkttg.impact": {"ok": "Thành tích đột xuất hoặc có phạm vi ảnh hưởng: do Hội đồng thi đua, "
                           "khen thưởng đánh giá"},
    "bkttg.collective_chain": {"ok": _c_bkttg_ok_2022, "fail": lambda d: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                               "unknown": "Chưa đủ thông tin các năm tính thành tích",
                               "lack": _c_bkttg_lack_2022},
    "bkttg.collective_chain_2013": {"ok": _c_bkttg_ok_2013,
                                    "fail": lambda d: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                                    "unknown": "Chưa đủ thông tin các năm tính thành tích",
                                    "lack": _c_bkttg_lack_2013},
    "hcld3.chain": {"ok": _hcld3_ok, "fail": lambda d: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                    "unknown": "Chưa đủ thông tin các năm tính thành tích", "lack": _hcld3_lack},
    "hcld3.collective_chain": {"ok": _c_hcld3_ok, "fail": lambda d: "Chưa đủ tiêu chuẩn chuỗi thành tích",
                               "unknown": "Chưa đủ thông tin các năm tính thành tích",
                               "lack": _c_hcld3_lack},
    "hcld3.collective_chain_2013": {
        "ok": lambda d: f"05 năm liên tục Tập thể lao động xuất sắc ({d['Y'] - 4}–{d['Y']})",
        "fail": lambda d: f"Có {_n(d['run'])} năm liên tục Tập thể lao động xuất sắc đến năm {d['Y']}",
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
                                 "Điều 44 và Nghị định 91/2017 (chưa kiểm chứng)"},
    "hcld2.pending": {"unknown": MSG_PENDING_HCLD.format(article=43)},
    "hcld1.pending": {"unknown": MSG_PENDING_HCLD.format(article=42)},
    # -- collectives ----------------------------------------------------------------------
    "ttldtt.grade": {
        "ok": lambda d: f"Tập thể xếp loại {_grade(d['grade'])} năm {d['Y']}",
        "fail": lambda d: f"Tập thể xếp loại {_grade(d['grade'])} năm {d['Y']}",
        "unknown": lambda d: f"Chưa có xếp loại tập thể năm {d['Y']}",
        "lack": lambda d: f"Cần hoàn thành tốt nhiệm vụ trở lên năm {d['Y']}",
    },
    "ttldtt.ldtt_share": {
        "ok": lambda d: f"{d['part']}/{d['total']} thành viên đạt {LDTT} (trên 50%)",
        "fail": lambda d: f"{d['part']}/{d['total']} thành viên đạt {LDTT} (cần trên 50%)",
        "unknown": "Chưa có số thành viên đạt Lao động tiên tiến",
        "lack": lambda d: f"Cần thêm {_n(d['total'] // 2 + 1 - d['part'])} thành viên đạt {LDTT}",
    },
    "ttldtt.discipline": {
        "ok": "Không có thành viên bị kỷ luật từ cảnh cáo trở lên",
        "fail": lambda d: f"Có {d['part']} thành viên bị kỷ luật từ cảnh cáo trở lên",
        "unknown": "Chưa có số thành viên bị kỷ luật",
        "lack": "Không được có thành viên bị kỷ luật từ cảnh cáo trở lên",
    },
    "ttldtt.movement": {"ok": "Phong trào thi đua thường xuyên, thiết thực, hiệu quả: do Hội đồng "
                              "thi đua, khen thưởng đánh giá"},
    "ttldtt.unity": {"ok": "Nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách: do Hội đồng thi "
                           "đua, khen thưởng đánh giá"},
    "ttldxs.grade": {
        "ok": lambda d: f"Tập thể hoàn thành xuất sắc nhiệm vụ năm {d['Y']}",
        "fail": lambda d: f"Tập thể xếp loại {_grade(d['grade'])} năm {d['Y']}",
        "unknown": lambda d: f"Chưa có xếp loại tập thể năm {d['Y']}",
        "lack": lambda d: f"Cần hoàn thành xuất sắc nhiệm vụ năm {d['Y']}",
    },
    "ttldxs.all_complete": {
        "ok": "100% thành viên hoàn thành nhiệm vụ trở lên",
        "fail": lambda d: f"{d['part']}/{d['total']} thành viên hoàn thành nhiệm vụ trở lên",
        "unknown": "Chưa có số thành viên hoàn thành nhiệm vụ",
        "lack": lambda d: f"Cần thêm {_n(d['total'] - d['part'])} thành viên hoàn thành nhiệm vụ (100%)",
    },
    "ttldxs.ldtt_share": {
        "ok": lambda d: f"{d['part']}/{d['total']} thành viên đạt {LDTT} (từ 70%)",
        "fail": lambda d: f"{d['part']}/{d['total']} thành viên đạt {LDTT} (cần từ 70%)",
        "unknown": "Chưa có số thành viên đạt Lao động tiên tiến",
        "lack": lambda d: (f"Cần thêm {_n(max(-(-7 * d['total'] // 10) - d['part'], 1))} thành viên "
                           f"đạt {LDTT} (từ 70%)"),
    },
    "ttldxs.has_cstdcs": {
        "ok": lambda d: f"Có {d['part']} thành viên đạt {CSTDCS}",
        "fail": f"Không có thành viên đạt {CSTDCS}",
        "unknown": f"Chưa có số thành viên đạt {CSTDCS}",
        "lack": f"Cần có ít nhất 01 thành viên đạt {CSTDCS}",
    },
    "ttldxs.discipline": {
        "ok": "Không có thành viên bị kỷ luật từ cảnh cáo trở lên",
        "fail": lambda d: f"Có {d['part']} thành viên bị kỷ luật từ cảnh cáo trở lên",
        "unknown": "Chưa có số thành viên bị kỷ luật",
        "lack": "Không được có thành viên bị kỷ luật từ cảnh cáo trở lên",
    },
    "ttldxs.movement": {"ok": "Sáng tạo, vượt khó, tích cực tham gia phong trào thi đua: do Hội "
                              "đồng thi đua, khen thưởng đánh giá"},
    "ttldxs.unity": {"ok": "Nội bộ đoàn kết, gương mẫu chấp hành: do Hội đồng thi đua, khen thưởng "
                           "đánh giá"},
    "cobo.cluster_leader": {
        "ok": lambda d: f"Dẫn đầu cụm, khối thi đua năm {d['Y']}",
        "fail": lambda d: f"Xếp thứ {d['rank']} trong cụm, khối thi đua năm {d['Y']}",
        "unknown": lambda d: f"Chưa có kết quả xếp hạng cụm, khối thi đua năm {d['Y']}",
        "lack": "Cần dẫn đầu cụm, khối thi đua",
    },
    "cobo.exceeds_targets": {
        "ok": lambda d: f"Hoàn thành xuất sắc, vượt mức chỉ tiêu, nhiệm vụ năm {d['Y']}",
        "fail": lambda d: f"Xếp loại {_grade(d['grade'])} năm {d['Y']}",
        "unknown": lambda d: f"Chưa có xếp loại tập thể năm {d['Y']}",
        "lack": lambda d: f"Cần hoàn thành xuất sắc, vượt mức chỉ tiêu, nhiệm vụ năm {d['Y']}",
    },
    "cobo.unity": {"ok": "Nội bộ đoàn kết, thực hành tiết kiệm, phòng, chống tham nhũng: do Hội "
                         "đồng thi đua, khen thưởng đánh giá"},
    "cobo.new_models": {"ok": "Có nhân tố mới, mô hình mới để các tập thể khác học tập: do Hội "
                              "đồng thi đua, khen thưởng đánh giá"},
    "cocp.selection": {"ok": "Được lựa chọn trong số tập thể dẫn đầu cụm, khối; tỷ lệ tối đa kiểm "
                             "tra bằng rules.quota.check_title_cap"},
    "cocp.other_routes": {"ok": "Các trường hợp khác (dẫn đầu cụm, khối do Hội đồng Thi đua – Khen "
                                "thưởng Trung ương tổ chức; dẫn đầu phong trào thi đua từ 05 năm): "
                                "xét riêng theo hồ sơ"},
    # -- grades -------------------------------------------------------------------------
    "grade.discipline": {
        "ok": lambda d: f"Không bị kỷ luật năm {d['Y']}",
        "fail": lambda d: f"Bị kỷ luật năm {d['Y']}{_disc_reason(d)}: xếp loại không hoàn thành nhiệm vụ",
        "unknown": lambda d: f"Chưa có (hoặc đang chờ) kết luận kỷ luật năm {d['Y']}",
        "lack": "Người bị kỷ luật trong năm chỉ được xếp loại không hoàn thành nhiệm vụ",
    },
    "grade.time_worked": {
        "ok": lambda d: f"Thời gian công tác năm {d['Y']}: {d['months']} tháng",
        "fail": lambda d: (f"Thời gian công tác năm {d['Y']}: {d['months']} tháng "
                           + ("(dưới 06 tháng: không xếp loại)" if int(d["months"]) < 6
                              else "(nghỉ từ 03 đến dưới 06 tháng: tối đa hoàn thành nhiệm vụ)")),
        "unknown": lambda d: f"Chưa có số tháng công tác năm {d['Y']}",
        "lack": lambda d: ("Không xếp loại khi công tác dưới 06 tháng trong năm"
                           if int(d["months"]) < 6 else
                           "Nghỉ từ 03 đến dưới 06 tháng chỉ được xếp tối đa hoàn thành nhiệm vụ"),
    },
    "grade.cap": {"ok": "Tỷ lệ hoàn thành xuất sắc nhiệm vụ không vượt quá 20% số hoàn thành tốt "
                        "nhiệm vụ trong đơn vị, nhóm nhiệm vụ tương đồng: kiểm tra bằng "
                        "rules.quota.check_grade_cap"},
    "grade.council": {"ok": "Mức xếp loại do cấp có thẩm quyền quyết định theo tiêu chí của quy "
                            "định áp dụng"},
}
