import datetime

import pytest

from thidua.audit.models import AuditEvent
from thidua.common.errors import MSG_FORBIDDEN
from thidua.imports import reader
from thidua.imports import units as unit_import
from thidua.imports.exports import export_bytes
from thidua.imports.services import import_file
from thidua.imports.tests.helpers import person, xlsx
from thidua.organizations.models import Unit
from thidua.people import validators as people_rules
from thidua.people.models import PartyMembership, Person, Posting
from thidua.records import validators as history_rules
from thidua.records.models import Award, CollectiveStats, Initiative, YearRecord

date = datetime.date


def run(kind, data, actor, scope, dry_run=False):
    return import_file(actor=actor, scope=scope, kind=kind, source=data, dry_run=dry_run)


def counts():
    return (Unit.objects.count(), Person.objects.count(), Posting.objects.count(), YearRecord.objects.count(),
            Award.objects.count(), AuditEvent.objects.count())


UNITS = [
    {"code": "SO_TP", "name": "Sở Tư pháp", "kind": "provincial_department", "parent": "TINH", "legal": "x",
     "valid_from": "01/07/2025"},
    {"code": "TINH", "name": "Tỉnh Đồng Tháp", "kind": "Tỉnh, thành phố", "legal": "x"},
    {"code": "P_TDKT", "name": "Phòng Thi đua", "kind": "division", "parent": "SO_TP"},
]


def test_it_imports_units_with_parents_anywhere_in_the_file(db, system_actor, root_scope):
    result = run("units", xlsx("units", UNITS), system_actor, root_scope)
    assert result.ok and result.written and (result.created, result.updated, result.unchanged) == (3, 0, 0)
    tinh, so, phong = (Unit.objects.get(code=code) for code in ("TINH", "SO_TP", "P_TDKT"))
    assert so.parent == tinh and phong.parent == so
    assert phong.path == f"/{tinh.pk}/{so.pk}/{phong.pk}/" and phong.depth == 2
    assert so.valid_from == date(2025, 7, 1) and so.has_legal_personality and not phong.has_legal_personality
    assert tinh.name_folded == "tinh dong thap"
    assert AuditEvent.objects.filter(object_type="organizations.unit", subject=f"organizations.unit:{so.pk}").count() == 1
    again = run("units", xlsx("units", UNITS), system_actor, root_scope)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert AuditEvent.objects.count() == 3


def test_it_reports_unit_file_errors_and_writes_nothing(db, system_actor, root_scope):
    rows = UNITS + [{"code": "SO_TP", "name": "Trùng", "kind": "division", "parent": "TINH"},
                    {"code": "X1", "name": "Mồ côi", "kind": "division", "parent": "KHONG_CO"},
                    {"code": "X2", "name": "Sai ngày", "kind": "division", "parent": "TINH", "valid_from": "31/02/2024"},
                    {"code": "C1", "name": "Vòng", "kind": "division", "parent": "C2"},
                    {"code": "C2", "name": "Vòng", "kind": "division", "parent": "C1"}]
    result = run("units", xlsx("units", rows), system_actor, root_scope)
    text = [str(error) for error in result.errors]
    assert "Dòng 5, cột Mã đơn vị (SO_TP): " + unit_import.MSG_REPEATED.format(row=2) in text
    assert "Dòng 6, cột Mã đơn vị cấp trên (KHONG_CO): " + unit_import.MSG_PARENT_UNKNOWN in text
    assert "Dòng 7, cột Hiệu lực từ (31/02/2024): " + reader.MSG_DATE in text
    assert "Dòng 8, cột Mã đơn vị cấp trên (C2): " + unit_import.MSG_CYCLE in text
    assert not result.written and Unit.objects.count() == 0 and AuditEvent.objects.count() == 0


@pytest.mark.parametrize("data, message", [
    (b"", reader.MSG_EMPTY_FILE),
    ("Số CCCD,Họ và tên\n001,An\n".encode(), reader.MSG_NOT_XLSX),
    (b"PK\x03\x04broken zip", reader.MSG_NOT_XLSX),
])
def test_it_refuses_empty_and_non_xlsx_files(db, system_actor, root_scope, data, message):
    result = run("people", data, system_actor, root_scope)
    assert [str(error) for error in result.errors] == [message] and not result.written


def test_it_names_missing_columns(org, system_actor, root_scope):
    data = xlsx("people", [person("001090000011", "An", "VA")], headers=["Số CCCD", "Họ tên", "Đơn vị"])
    result = run("people", data, system_actor, root_scope)
    text = [str(error) for error in result.errors]
    assert "Dòng 1, cột Họ và tên: thiếu cột bắt buộc “Họ và tên”" in text
    assert "Dòng 1, cột Mã đơn vị: thiếu cột bắt buộc “Mã đơn vị”" in text
    assert Person.objects.count() == 0


def test_it_imports_people_and_reimport_is_a_no_op(org, system_actor, root_scope):
    rows = [person("001090000011", "Lê Văn An", "VA", birth_date=datetime.datetime(1990, 2, 3), gender="Nam",
                   position="Chuyên viên", start="01/01/2020", party_org="CBA", party_card_no="93000111",
                   party_start="02/09/2015"),
            person("001090000012", "Phạm Thị Bình", "PA1", birth_date="15/06/1992", gender="Nữ", is_leader="x",
                   staff_type="public_employee", grade_group="Chuyên viên")]
    data = xlsx("people", rows)
    result = run("people", data, system_actor, root_scope)
    assert result.ok and result.written and result.created == 2
    person_an = Person.objects.get(citizen_id="001090000011")
    assert person_an.unit == org["VA"] and person_an.unit_path == org["VA"].path and person_an.position == "Chuyên viên"
    assert person_an.birth_date == date(1990, 2, 3) and person_an.gender == "male" and person_an.name_folded == "le van an"
    assert person_an.is_party_member and person_an.party_org == org["CBA"] and person_an.party_path == org["CBA"].path
    assert person_an.party_card_no == "93000111"
    assert PartyMembership.objects.get(person=person_an).start == date(2015, 9, 2)
    binh = Person.objects.get(citizen_id="001090000012")
    assert binh.is_leader and binh.staff_type == "public_employee"
    assert Posting.objects.get(person=binh).grade_group == "Chuyên viên"
    # one event per created person, with its posting and party membership
    [event] = AuditEvent.objects.filter(subject=f"people.person:{person_an.pk}")
    assert (event.action, event.object_type, event.object_id) == ("create", "people.person", str(person_an.pk))
    assert event.after["posting"]["unit_id"] == org["VA"].pk and event.after["party_membership"]["card_no"] == "93000111"
    before = counts()
    again = run("people", data, system_actor, root_scope)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert counts() == before


def test_it_lists_bad_people_rows_and_writes_nothing(org, people, system_actor, root_scope):
    rows = [person("001090000011", "Đúng", "VA"),
            person("0010900000", "CCCD ngắn", "VA"),
            person("001090000013", "Sai ngày sinh", "VA", birth_date="32/13/1990"),
            person("001090000014", "Không có đơn vị", "KHONG_CO"),
            person("001090000011", "Trùng", "VA"),
            person("001090000015", "Loại sai", "VA", staff_type="phi công"),
            person("001090000016", "Thẻ trùng", "VA", party_card_no="93000001")]
    before = counts()
    result = run("people", xlsx("people", rows), system_actor, root_scope)
    text = [str(error) for error in result.errors]
    assert "Dòng 3, cột Số CCCD (0010900000): " + people_rules.MSG_CCCD_FORMAT in text
    assert "Dòng 4, cột Ngày sinh (32/13/1990): " + reader.MSG_DATE in text
    assert "Dòng 5, cột Mã đơn vị (KHONG_CO): " + people_rules.MSG_UNIT_UNKNOWN in text
    assert "Dòng 6, cột Số CCCD (001090000011): Số CCCD 001090000011 trùng với dòng 2." in text
    assert "Dòng 7, cột Loại cán bộ (phi công): " + people_rules.MSG_STAFF_TYPE in text
    assert "Dòng 8, cột Số thẻ đảng viên (93000001): " + people_rules.MSG_CARD_TAKEN in text
    assert result.error_count == 6 and not result.written and counts() == before


def test_it_transfers_a_person_via_import(org, people, system_actor, root_scope):
    data = xlsx("people", [person("001080000001", "Nguyễn Văn Thắng", "VB", start="01/02/2026",
                                  position="Phó Vụ trưởng", is_leader="x")])
    result = run("people", data, system_actor, root_scope)
    assert result.ok and result.written
    assert Person.objects.filter(citizen_id="001080000001").count() == 1
    thang = Person.objects.get(citizen_id="001080000001")
    postings = list(Posting.objects.filter(person=thang).order_by("start"))
    assert [(posting.unit.code, posting.end) for posting in postings] == [("PA1", date(2026, 1, 31)), ("VB", None)]
    assert thang.unit == org["VB"] and thang.unit_path == org["VB"].path and thang.is_leader
    assert run("people", data, system_actor, root_scope).unchanged == 1
    assert Posting.objects.filter(person=thang).count() == 2


def test_it_refuses_rows_outside_the_officers_scope(org, people, personas, actor_of, scope_of):
    officer = personas["personnel_a"]
    data = xlsx("people", [person("001090000021", "Trong phạm vi", "PA1"), person("001090000022", "Ngoài", "VB")])
    result = run("people", data, actor_of(officer), scope_of(officer))
    assert [str(error) for error in result.errors] == ["Dòng 3, cột Mã đơn vị (VB): " + MSG_FORBIDDEN]
    assert not Person.objects.filter(citizen_id="001090000021").exists()
    ok = run("people", xlsx("people", [person("001090000021", "Trong phạm vi", "PA1")]), actor_of(officer),
             scope_of(officer))
    assert ok.written and AuditEvent.objects.filter(actor=officer).count() == 1
    hist_rows = [{"citizen_id": "001085000002", "year": 2024, "grade": "HTXSNV"}]
    result = run("history", xlsx("history", hist_rows), actor_of(officer), scope_of(officer))
    assert [(error.column, error.message) for error in result.errors] == [("Số CCCD", MSG_FORBIDDEN)]
    units = run("units", xlsx("units", [{"code": "PX", "name": "Phòng X", "kind": "division", "parent": "VB"}]),
                actor_of(officer), scope_of(officer))
    assert [str(error) for error in units.errors] == ["Dòng 2, cột Mã đơn vị cấp trên (VB): " + MSG_FORBIDDEN]


HISTORY = [
    {"citizen_id": "001080000001", "year": 2023, "grade": "HTXSNV", "months": 12, "titles": "LĐTT, CSTĐCS",
     "forms": "GK", "decision_no": "12/QĐ-BTP", "decision_date": "20/01/2024", "authority": "Bộ trưởng",
     "initiative": "Số hóa hồ sơ thi đua", "initiative_level": "Cơ sở"},
    {"citizen_id": "001080000001", "year": 2024, "grade": "Hoàn thành tốt nhiệm vụ", "titles": "LDTT"},
    {"citizen_id": "001085000002", "year": 2024, "grade": "excellent", "party_grade": "HTTNV", "discipline": "Khiển trách"},
    {"unit": "VA", "year": 2024, "grade": "HTXSNV", "titles": "TTLDXS", "total": 20, "completed": 19, "ldtt": 15,
     "cstdcs": 3, "disciplined": 0, "cluster_rank": 1, "cluster_size": 2},
]


def test_it_imports_history_and_reimport_is_a_no_op(people, org, system_actor, root_scope):
    data = xlsx("history", HISTORY)
    result = run("history", data, system_actor, root_scope)
    assert result.ok and result.written and result.created == 4
    thang = people["thang"]
    assert YearRecord.objects.get(person=thang, year=2023).grade == "excellent"
    assert set(Award.objects.filter(person=thang, year=2023).values_list("code", flat=True)) == {"LDTT", "CSTDCS", "GK"}
    gk = Award.objects.get(person=thang, code="GK")
    assert gk.category == "form" and gk.decision_date == date(2024, 1, 20) and gk.decision_no == "12/QĐ-BTP"
    assert Initiative.objects.get(person=thang).level == "unit"
    assert YearRecord.objects.get(person=people["lan"], year=2024, track="party").grade == "good"
    assert CollectiveStats.objects.get(unit=org["VA"], year=2024).ldtt == 15
    assert Award.objects.get(unit=org["VA"]).code == "TTLDXS"
    # one audit event per subject for the facts it created, shown on the person's page
    events = AuditEvent.objects.filter(verb="import_history")
    assert sorted(event.subject for event in events) == sorted(
        [f"people.person:{thang.pk}", f"people.person:{people['lan'].pk}", f"organizations.unit:{org['VA'].pk}"])
    event = events.get(subject=f"people.person:{thang.pk}")
    assert (event.action, event.object_type, event.object_id, event.reason) == ("create", "people.person", str(thang.pk), "")
    facts = event.after["facts"]
    assert {(fact["type"], fact["year"], fact.get("code") or fact.get("grade") or fact.get("title")) for fact in facts} == {
        ("grade", 2023, "excellent"), ("award", 2023, "LDTT"), ("award", 2023, "CSTDCS"), ("award", 2023, "GK"),
        ("initiative", 2023, "Số hóa hồ sơ thi đua"), ("grade", 2024, "good"), ("award", 2024, "LDTT")}
    assert Award.objects.get(person=thang, year=2024).pk in {fact["id"] for fact in facts}
    from thidua.audit.selectors import audit_for_object
    assert event in audit_for_object(thang)
    n_audit = AuditEvent.objects.count()
    again = run("history", data, system_actor, root_scope)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert AuditEvent.objects.count() == n_audit


def test_it_reports_bad_history_rows(people, org, system_actor, root_scope):
    rows = [{"citizen_id": "001080000001", "year": 1800, "grade": "HTXSNV"},
            {"citizen_id": "009999999999", "year": 2024, "grade": "HTXSNV"},
            {"citizen_id": "001080000001", "year": 2024, "grade": "Giỏi"},
            {"citizen_id": "001080000001", "year": 2024, "titles": "XYZ"},
            {"citizen_id": "001080000001", "year": 2024, "titles": "TTLDXS"},
            {"citizen_id": "001080000001", "unit": "VA", "year": 2024},
            {"citizen_id": "001080000001", "year": 2022, "grade": "HTNV"},
            {"citizen_id": "001080000001", "year": 2022, "grade": "HTTNV"}]
    result = run("history", xlsx("history", rows), system_actor, root_scope)
    text = [str(error) for error in result.errors]
    assert "Dòng 2, cột Năm (1800): " + history_rules.year_message() in text
    assert "Dòng 3, cột Số CCCD (009999999999): " + history_rules.MSG_PERSON_UNKNOWN in text
    assert "Dòng 4, cột Xếp loại (Giỏi): " + history_rules.MSG_GRADE in text
    assert "Dòng 5, cột Danh hiệu (XYZ): " + history_rules.MSG_CODE.format(code="XYZ") in text
    assert "Dòng 6, cột Danh hiệu (TTLDXS): " + history_rules.MSG_CODE_SUBJECT.format(code="TTLDXS", who="cá nhân") in text
    assert "Dòng 7, cột Số CCCD (001080000001): " + history_rules.MSG_SUBJECT_BOTH in text
    assert "Dòng 9, cột Xếp loại (HTTNV): Xếp loại năm 2022 đã có ở dòng 8." in text
    assert not result.written and YearRecord.objects.count() == 0


def test_it_round_trips_exports(people, org, system_actor, root_scope):
    run("history", xlsx("history", HISTORY), system_actor, root_scope)
    before = counts()
    for kind in ("units", "people", "history"):
        data = export_bytes(kind, root_scope)
        result = run(kind, data, system_actor, root_scope)
        assert result.ok, (kind, [str(error) for error in result.errors])
        assert result.created == 0 and result.updated == 0 and result.unchanged > 0, kind
    assert counts() == before


def test_it_previews_without_writing(org, system_actor, root_scope):
    result = run("people", xlsx("people", [person("001090000011", "An", "VA")]), system_actor, root_scope, dry_run=True)
    assert result.ok and result.created == 1 and not result.written and Person.objects.count() == 0


def test_history_audit_is_one_event_per_subject_even_across_chunks(people, org, system_actor, root_scope, monkeypatch):
    from thidua.imports import services
    monkeypatch.setattr(services, "CHUNK", 2)
    thang, lan = people["thang"], people["lan"]
    rows = [{"citizen_id": "001080000001", "year": y, "grade": "HTTNV"} for y in (2020, 2021, 2022)] + [
        {"citizen_id": "001085000002", "year": 2024, "grade": "HTNV"},
        {"citizen_id": "001080000001", "year": 2023, "grade": "HTNV", "titles": "LDTT"},   # not contiguous
        {"citizen_id": "001085000002", "year": 2023, "grade": "HTNV"}]
    result = run("history", xlsx("history", rows), system_actor, root_scope)
    assert result.ok and result.written
    events = AuditEvent.objects.filter(verb="import_history")
    assert sorted(event.subject for event in events) == sorted([f"people.person:{thang.pk}", f"people.person:{lan.pk}"])
    assert len(events.get(subject=f"people.person:{thang.pk}").after["facts"]) == 5


def test_a_bad_row_in_a_later_chunk_leaves_nothing_written(people, org, system_actor, root_scope, monkeypatch):
    """Chunks are written while the next ones are read (PostgreSQL): a bad row near the end still
    rolls back the chunks written before it."""
    from thidua.imports import services
    monkeypatch.setattr(services, "CHUNK", 2)
    before = counts()
    rows = [{"citizen_id": "001080000001", "year": y, "grade": "HTTNV", "titles": "LDTT"} for y in range(2015, 2022)]
    rows.append({"citizen_id": "001085000002", "year": 2024, "grade": "Giỏi"})
    result = run("history", xlsx("history", rows), system_actor, root_scope)
    assert [str(error) for error in result.errors] == ["Dòng 9, cột Xếp loại (Giỏi): " + history_rules.MSG_GRADE]
    assert not result.written and counts() == before
    people_rows = [person(f"0010900001{i:02d}", f"Người {i}", "VA") for i in range(7)] + [person("12", "Sai", "VA")]
    result = run("people", xlsx("people", people_rows), system_actor, root_scope)
    assert result.error_count == 1 and not result.written and counts() == before
    ok = run("people", xlsx("people", people_rows[:7]), system_actor, root_scope)
    assert ok.written and Person.objects.filter(citizen_id__startswith="0010900001").count() == 7
