"""A decision from draft to signed PDF in the browser, and the documents pages at 390 px."""
import pytest

from thidua.documents import services as svc
from thidua.documents.tests.helpers import decision_data, pdf_text
from thidua.e2e.helpers import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTH = 390


def test_a_decision_is_signed_and_its_pdf_carries_number_and_signer(live_server, browser_page, personas, org,
                                                                     actor_of, scope_of):
    page, base = browser_page, live_server.url
    login(page, base, "officer_a")
    page.goto(f"{base}/")
    page.click("nav.mainnav >> text=Văn bản")
    page.click("text=Soạn văn bản >> nth=-1")
    page.select_option("select[name=kind]", "decision")
    page.select_option("select[name=issuer]", "VA")
    page.fill("input[name=summary]", "Về việc tặng Bằng khen năm 2026")
    page.fill("textarea[name=articles]", "Tặng Bằng khen cho các cá nhân có tên trong danh sách.\nCó hiệu lực từ ngày ký.")
    page.fill("input[name=annex_columns]", "STT | Họ và tên | Đơn vị")
    page.fill("textarea[name=annex_rows]", "1 | Nguyễn Thị Ánh Tuyết | Phòng Tổng hợp")
    page.fill("input[name=signer_position]", "Vụ trưởng")
    page.click("text=Lưu dự thảo")
    page.wait_for_selector("#sign-button")
    page.select_option("select[name=signer]", label="leader_a")
    page.click("#sign-button")
    page.wait_for_selector("#document-number")
    number = page.inner_text("#document-number")
    assert number == "01/QĐ-VA"
    with page.expect_download() as download_info:
        page.evaluate("document.getElementById('download-pdf').setAttribute('download', '')")
        page.click("#download-pdf")
    path = download_info.value.path()
    text = pdf_text(open(path, "rb").read())
    assert "Số: 01/QĐ-VA" in text and "leader_a" in text and "Nguyễn Thị Ánh Tuyết" in text


def _width(page):
    page.wait_for_load_state("networkidle")
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_documents_pages_fit_a_phone(live_server, browser_page, personas, org, actor_of, scope_of):
    user = personas["officer_a"]
    document = svc.document_draft(actor=actor_of(user), scope=scope_of(user), kind="decision", issuer=org["VA"],
                                  summary="Về việc tặng Bằng khen năm 2026 cho các cá nhân có thành tích xuất sắc",
                                  data=decision_data(30))
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": WIDTH, "height": 844})
    login(page, base, "officer_a")
    wide = {}
    for name, url in (("list", "/van-ban/"), ("create", "/van-ban/soan/"), ("detail", f"/van-ban/{document.pk}/"),
                      ("templates", "/van-ban/mau/"), ("certificates", "/van-ban/in-bang/")):
        page.goto(f"{base}{url}")
        page.screenshot(path=f"var/e2e-390-documents-{name}.png", full_page=True)
        width = _width(page)
        if width > WIDTH:
            wide[name] = width
    assert wide == {}
