"""Published answers of the authorities, as acceptance tests.

Each test cites the page it comes from and quotes (paraphrased where long) the conclusion.
Pages were read through the stored-pages index on 2026-11-23."""
from .helpers import ask, check, person, year


def test_bnv_bkbo_2023_2024_excellent_one_initiative_each():
    """https://chinhsachonline.chinhphu.vn/tieu-chuan-de-nghi-xet-tang-bang-khen-cua-bo-nganh-77204.htm
    Bộ Nội vụ: "bà A năm 2023 được công nhận hoàn thành xuất sắc nhiệm vụ, có một sáng kiến …
    không đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở. Năm 2024 … hoàn thành xuất sắc nhiệm
    vụ, có một sáng kiến …, được tặng danh hiệu Chiến sĩ thi đua cơ sở (… xét theo tiêu chuẩn
    hoàn thành xuất sắc nhiệm vụ) thì đủ tiêu chuẩn đề nghị xét tặng Bằng khen của Bộ"."""
    s = person(year(2023, "excellent", ["LDTT"], inits=["unit"]),
               year(2024, "excellent", ["LDTT", "CSTDCS"], inits=["unit"]))
    a = ask(s, "BK_BO", 2024)
    assert a["eligible"] is True
    assert "02 sáng kiến" in check(a, "bkbo.chain")["message"] or \
        "sáng kiến" in check(a, "bkbo.chain")["message"]


def test_btdkt_cstdtq_not_in_the_year_right_after_is_refused():
    """http://banthiduakhenthuongtw.gov.vn/traloi/ce4b56cee884403a8881b5aae664941b
    CSTĐ tỉnh 2 lần liên tục (2006–2008 và 2009–2011), sáng kiến phạm vi toàn quốc; hỏi trình
    năm 2018. Trả lời: "Thời điểm trình … là năm liền kề với năm có quyết định công nhận danh
    hiệu Chiến sĩ thi đua cấp bộ … Như vậy, năm 2018 cá nhân trên không đủ điều kiện"."""
    hist = [year(y, "excellent", ["LDTT", "CSTDCS"], inits=["unit"]) for y in range(2006, 2012)]
    hist[2]["titles"].append("CSTD_BO")                       # 2008
    hist[5]["titles"].append("CSTD_BO")                       # 2011
    hist[5]["initiatives"].append({"level": "national"})
    hist += [year(y, "excellent", ["LDTT"]) for y in range(2012, 2019)]
    s = person(*hist)
    a = ask(s, "CSTD_TQ", 2018)
    assert a["eligible"] is False
    assert ask(s, "CSTD_TQ", 2011)["eligible"] is True        # the timely review year


def test_btdkt_bkttg_nd65_bkbo_then_five_excellent_years_five_initiatives():
    """http://banthiduakhenthuongtw.gov.vn/traloi/6ca1f7e08dae494f8b0b95f2e9d12906
    NĐ 65/2014 Điều 23 k1 c: "Đã được tặng Bằng khen cấp bộ …, 05 năm tiếp theo liên tục hoàn
    thành xuất sắc nhiệm vụ, trong thời gian đó có 05 sáng kiến …" — "Cá nhân … có 05 sáng
    kiến được công nhận và áp dụng có hiệu quả trong phạm vi cấp cơ sở thì có đủ điều kiện"."""
    hist = [year(2011, "excellent", awards=["BK_BO"])]
    hist += [year(y, "excellent", inits=["unit"]) for y in range(2012, 2017)]
    s = person(*hist)
    a = ask(s, "BK_TTG", 2016)
    assert a["eligible"] is True
    assert "Nghị định 65/2014/NĐ-CP, Điều 23" in check(a, "bkttg.chain")["source"]
    hist[3]["initiatives"] = []                                 # only 4 initiatives
    a = ask(person(*hist), "BK_TTG", 2016)
    assert a["eligible"] is False
    assert "Cần thêm 01 sáng kiến cấp cơ sở trong thời gian đó" in a["missing"]


def test_btdkt_cstdcs_civilian_standard_has_no_excellence_path_before_2024():
    """http://banthiduakhenthuongtw.gov.vn/traloi/460b8a748639415f8b9c28ccfe707fcd
    NĐ 91/2017 Điều 9 k3: "trong tiêu chuẩn danh hiệu Chiến sỹ thi đua cấp cơ sở không đề cập
    đến hoàn thành xuất sắc nhiệm vụ đối với … cán bộ, công chức, viên chức" — an initiative
    (or accepted, applied research) is required."""
    s = person(year(2019, "good", ["LDTT"]), year(2020, "excellent", ["LDTT"]))
    assert ask(s, "CSTDCS", 2020)["eligible"] is False
    s = person(year(2019, "good", ["LDTT"]), year(2020, "good", ["LDTT"], inits=["unit"]))
    assert ask(s, "CSTDCS", 2020)["eligible"] is True


def test_lawyer_answer_cstdcs_from_2024_excellent_or_initiative():
    """https://laodong.vn/ban-doc/tieu-chuan-chien-si-thi-dua-co-so-tu-112024-1283391.ldo
    Luật 2022: CSTĐCS = đạt tiêu chuẩn LĐTT và "Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến
    được cơ sở công nhận …"; "Trước đây, Luật … 2003 yêu cầu bắt buộc phải có sáng kiến"."""
    s = person(year(2023), year(2024, "excellent"))
    assert ask(s, "CSTDCS", 2024)["eligible"] is True
    s = person(year(2023), year(2024, "good", inits=["unit"]))
    assert ask(s, "CSTDCS", 2024)["eligible"] is True
    s = person(year(2023), year(2024, "good"))
    assert ask(s, "CSTDCS", 2024)["eligible"] is False


def test_tvpl_answer_more_than_10_months_may_be_considered():
    """https://thuvienphapluat.vn/hoi-dap-phap-luat/4F449-hd-bi-cat-hop-dong-co-duoc-xet-danh-hieu-chien-si-thi-dua-co-so.html
    NĐ 91/2017 Điều 10: "Không xét tặng … đối với các cá nhân mới tuyển dụng dưới 10 tháng" —
    "nếu bạn làm việc được trên 10 tháng thì có thể được xét tặng"."""
    assert ask(person(year(2019, "good", months_worked=11, leave_days={})), "LDTT", 2019)["eligible"] is True
    a = ask(person(year(2019, "good", months_worked=9, leave_days={})), "LDTT", 2019)
    assert a["eligible"] is False and check(a, "ldtt.tenure")["ok"] is False


def test_hoatieu_answer_maternity_leave_counts_for_ldtt():
    """https://hoatieu.vn/phap-luat/giao-vien-nghi-thai-san-co-duoc-lao-dong-tien-tien-khong-215126
    NĐ 91/2017 Điều 10 k4: "Thời gian nghỉ thai sản theo quy định được tính để bình xét tặng
    danh hiệu 'Lao động tiên tiến'": a teacher on 6 months' maternity leave may be LĐTT."""
    s = person(year(2018), year(2019, "good", months_worked=6,
                                 leave_days={"maternity": 180, "sick": 0}))
    assert ask(s, "LDTT", 2019)["eligible"] is True


def test_ninh_thuan_answer_maternity_not_counted_as_days_off_under_the_old_bar():
    """https://baoninhthuan.com.vn/news/14363p1c155/giai-dap-phap-luat.htm
    TT 02/2011/TT-BNV: "Đối tượng nữ nghỉ thai sản theo chế độ … thời gian nghỉ vẫn được tính
    để xem xét tặng danh hiệu 'Lao động tiên tiến'" — so under the 40-day bar (≤ 2016)
    maternity days are not days off."""
    s = person(year(2014), year(2015, "good", leave_days={"maternity": 120, "sick": 5}))
    assert ask(s, "LDTT", 2015)["eligible"] is True
    s = person(year(2014), year(2015, "good", leave_days={"maternity": 0, "sick": 45}))
    assert ask(s, "LDTT", 2015)["eligible"] is False


def test_lawnet_cstdtq_from_2024_two_cstdbo_and_nationwide_initiative():
    """https://lawnet.vn/thong-tin-phap-luat/khac/tieu-chuan-danh-hieu-chien-si-thi-dua-toan-quoc-tu-2024-103164.html
    Luật 2022 Điều 21: "02 lần liên tục được tặng danh hiệu chiến sĩ thi đua Bộ, ban, ngành,
    tỉnh" and "sáng kiến … có khả năng nhân rộng trong toàn quốc"."""
    hist = [year(y, "excellent", ["LDTT", "CSTDCS"]) for y in range(2020, 2026)]
    hist[2]["titles"].append("CSTD_BO")
    hist[5]["titles"].append("CSTD_BO")
    hist[4]["initiatives"] = [{"level": "national"}]
    s = person(*hist)
    a = ask(s, "CSTD_TQ", 2025)
    assert a["eligible"] is True and a["regime"] == "2022"
    hist[4]["initiatives"] = [{"level": "ministry"}]
    assert ask(person(*hist), "CSTD_TQ", 2025)["eligible"] is False
