"""A filter of the people list that names nothing says so, in Vietnamese, instead of showing
nobody (or everybody) silently; every problem at once."""
import pytest
from django.test import Client


@pytest.fixture
def admin_client(personas):
    c = Client()
    c.force_login(personas["admin"])
    return c


def test_an_unknown_unit_is_named(admin_client, people):
    html = admin_client.get("/ca-nhan/", {"unit": "XYZ"}).content.decode()
    assert "Không tìm thấy đơn vị XYZ" in html and "Nguyễn Văn Thắng" not in html
    html = admin_client.get("/ca-nhan/", {"unit": "pa1"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="filter-errors"' not in html and "Nguyễn Văn Thắng" in html


def test_every_bad_filter_at_once(admin_client, people):
    html = admin_client.get("/ca-nhan/", {"unit": "XYZ", "party_org": "QQ", "staff_type": "pilot",
                                          "leader": "maybe", "party": "2"}).content.decode()
    for text in ("Không tìm thấy đơn vị XYZ", "Không tìm thấy tổ chức đảng QQ", "Không có loại cán bộ “pilot”",
                 "Giá trị “maybe” không hợp lệ", "Giá trị “2” không hợp lệ"):
        assert text in html


def test_a_unit_outside_the_scope_is_not_found_either(personas, people):
    c = Client()
    c.force_login(personas["officer_a"])
    html = c.get("/ca-nhan/", {"unit": "VB"}).content.decode()
    assert "Không tìm thấy đơn vị VB" in html and "Trần Thị Lan" not in html
