import pytest
from django.test import Client

from thidua.people.models import Person, Posting


@pytest.fixture
def admin_client(personas):
    c = Client()
    c.force_login(personas["admin"])
    return c


@pytest.mark.parametrize("q", ["nguyen van thang", "NGUYEN VAN THANG", "Nguyễn Văn Thắng", "van thang", "0010800"])
def test_it_finds_people_without_accents(admin_client, people, q):
    html = admin_client.get("/ca-nhan/", {"q": q}).content.decode()
    assert "Nguyễn Văn Thắng" in html and "Trần Thị Lan" not in html


def test_it_filters_by_unit_subtree_staff_type_leader_and_party(admin_client, people):
    assert "Nguyễn Văn Thắng" in admin_client.get("/ca-nhan/", {"unit": "VA"}).content.decode()
    assert "Trần Thị Lan" not in admin_client.get("/ca-nhan/", {"unit": "va"}).content.decode()
    assert "Trần Thị Lan" in admin_client.get("/ca-nhan/", {"leader": "1"}).content.decode()
    html = admin_client.get("/ca-nhan/", {"party": "1"}).content.decode()
    assert "Trần Thị Lan" in html and "Nguyễn Văn Thắng" not in html
    assert "Không tìm thấy" in admin_client.get("/ca-nhan/", {"unit": "KHONGCO"}).content.decode()


def test_the_list_uses_a_constant_number_of_queries(admin_client, people, org, system_actor, root_scope,
                                                    django_assert_max_num_queries):
    from thidua.people.services import person_create

    for i in range(30):
        person_create(actor=system_actor, scope=root_scope, citizen_id=f"0010900{i:05d}", full_name=f"Lê Văn {i}",
                      unit=org["VB"], staff_type="public_employee", start=__import__("datetime").date(2020, 1, 1))
    with django_assert_max_num_queries(8):
        admin_client.get("/ca-nhan/")


def test_it_exports_the_filtered_list_to_xlsx(admin_client, people):
    import io

    from openpyxl import load_workbook

    resp = admin_client.get("/ca-nhan/xuat-excel/", {"q": "lan"})
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.values)
    assert rows[0][0] == "Số CCCD" and [r[1] for r in rows[1:]] == ["Trần Thị Lan"]


def test_create_person_page_shows_vietnamese_errors_and_writes_nothing(admin_client, org):
    resp = admin_client.post("/ca-nhan/them/", {"citizen_id": "123", "full_name": "A", "unit_code": "VA",
                                               "staff_type": "civil_servant", "start": "01/01/2020"})
    assert resp.status_code == 400
    assert "Số CCCD phải gồm đúng 12 chữ số." in resp.content.decode()
    resp = admin_client.post("/ca-nhan/them/", {"citizen_id": "001099000001", "full_name": "A", "unit_code": "NOPE",
                                               "staff_type": "civil_servant", "start": "31/02/2020"})
    assert resp.status_code == 400
    assert Person.objects.filter(full_name="A").count() == 0


def test_transfer_page(admin_client, people):
    resp = admin_client.post(f"/ca-nhan/{people['thang'].pk}/dieu-chuyen/", {
        "t-unit_code": "VB", "t-staff_type": "civil_servant", "t-start": "15/01/2026"})
    assert resp.status_code == 302
    assert Posting.objects.filter(person=people["thang"]).count() == 2
    resp = admin_client.post(f"/ca-nhan/{people['thang'].pk}/dieu-chuyen/", {
        "t-unit_code": "VA", "t-staff_type": "civil_servant", "t-start": "01/01/2000"})
    assert resp.status_code == 400 and "Ngày bắt đầu phải sau" in resp.content.decode()


def test_history_edit_needs_a_reason_and_is_audited(admin_client, people, system_actor, root_scope):
    from thidua.audit.models import AuditEvent
    from thidua.records.models import YearRecord
    from thidua.records.services import history_add

    rec = history_add(actor=system_actor, scope=root_scope, model=YearRecord, subject=people["thang"], year=2024,
                      grade="good")
    url = f"/lich-su/yearrecord/{rec.pk}/sua/"
    resp = admin_client.post(url, {"year": 2024, "track": "government", "grade": "excellent"})
    assert resp.status_code == 400 and "Cần ghi lý do" in resp.content.decode()
    resp = admin_client.post(url, {"year": 2024, "track": "government", "grade": "excellent", "reason": "Đính chính"})
    assert resp.status_code == 302
    rec.refresh_from_db()
    assert rec.grade == "excellent"
    page = admin_client.get(f"/ca-nhan/{people['thang'].pk}/").content.decode()
    assert "Đính chính" in page
    assert AuditEvent.objects.filter(verb="yearrecord_update", reason="Đính chính").exists()


def test_unit_pages_render(admin_client, org, people):
    assert admin_client.get("/don-vi/").status_code == 200
    html = admin_client.get("/don-vi/VA/").content.decode()
    assert "Phòng Tổng hợp" in html
    assert admin_client.get("/khoi-thi-dua/K1/").status_code == 200
    assert admin_client.get("/to-chuc-dang/CBB/").status_code == 200
    assert admin_client.get("/don-vi/NOPE/").status_code == 404


def test_unit_merge_page_with_bad_code_keeps_everything(admin_client, org, people):
    resp = admin_client.post("/don-vi/VA/thao-tac/merge/", {
        "merge-other_codes": "VB, KHONGCO", "merge-new_code": "VM", "merge-new_name": "Mới", "merge-date": "01/07/2025"})
    assert resp.status_code == 400 and "KHONGCO" in resp.content.decode()
    from thidua.organizations.models import Unit

    assert not Unit.objects.filter(code="VM").exists()
    assert Unit.objects.get(code="VA").valid_to is None


def test_collective_member_counts_page(admin_client, org):
    from thidua.records.models import CollectiveStats

    url = "/don-vi/VA/so-lieu/"
    resp = admin_client.post(url, {"year": 2025, "total": 10, "completed": 12, "ldtt": 8, "cstdcs": 1, "disciplined": 0})
    assert resp.status_code == 400
    assert "số hoàn thành nhiệm vụ phải từ 0 đến tổng số 10" in resp.content.decode()
    assert not CollectiveStats.objects.exists()
    resp = admin_client.post(url, {"year": 2025, "total": 10, "completed": 10, "ldtt": 8, "cstdcs": 1,
                                   "disciplined": 0, "cluster_rank": 1, "cluster_size": 7})
    assert resp.status_code == 302
    assert CollectiveStats.objects.get(unit=org["VA"], year=2025).cluster_rank == 1
    assert "hạng 1/7" in admin_client.get("/don-vi/VA/").content.decode()
