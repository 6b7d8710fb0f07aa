"""The 400, 403, 404, 500 and CSRF failure pages are the project's, in Vietnamese, with a way back."""
import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views import defaults
from django.views.csrf import csrf_failure

from thidua.tests.test_walk import text_problems

pytestmark = pytest.mark.django_db

WAY_BACK = 'href="/"'


def _check(html: str, heading: str):
    assert heading in html
    assert WAY_BACK in html
    assert not text_problems(html), text_problems(html)


def test_404_is_vietnamese(client, personas):
    client.force_login(personas["officer_a"])
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    _check(response.content.decode(), "Không tìm thấy trang")


def test_404_of_an_object_out_of_scope_is_vietnamese(client, personas, org):
    client.force_login(personas["officer_a"])
    response = client.get(f"/don-vi/{org['VB'].code}/")
    assert response.status_code == 404
    _check(response.content.decode(), "Không tìm thấy trang")


def test_403_is_vietnamese_and_says_why(client, personas):
    client.force_login(personas["outsider"])
    response = client.get("/ca-nhan/")
    assert response.status_code == 403
    _check(response.content.decode(), "Không có quyền truy cập")


def test_403_shows_the_services_message():
    request = RequestFactory().get("/")
    response = defaults.permission_denied(request, PermissionDenied("Bạn không có quyền sửa đơn vị này."))
    html = response.content.decode()
    _check(html, "Không có quyền truy cập")
    assert "Bạn không có quyền sửa đơn vị này." in html


def test_400_and_500_are_vietnamese():
    request = RequestFactory().get("/")
    _check(defaults.bad_request(request, Exception("x")).content.decode(), "Yêu cầu không hợp lệ")
    response = defaults.server_error(request)
    assert response.status_code == 500
    _check(response.content.decode(), "Đã có lỗi hệ thống")


def test_csrf_failure_is_vietnamese(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["officer_a"])
    response = client.post("/tai-khoan/ma-api/", {"name": "x"})
    assert response.status_code == 403
    _check(response.content.decode(), "Không gửi được biểu mẫu")
    request = RequestFactory().post("/")
    _check(csrf_failure(request, reason="CSRF cookie not set.").content.decode(), "Không gửi được biểu mẫu")


def test_the_login_page_and_a_wrong_password_are_vietnamese(client, personas):
    page = client.get("/tai-khoan/dang-nhap/")
    assert page.status_code == 200 and not text_problems(page.content.decode())
    wrong = client.post("/tai-khoan/dang-nhap/", {"username": "officer_a", "password": "sai"})
    html = wrong.content.decode()
    assert "không đúng" in html and not text_problems(html), text_problems(html)
    empty = client.post("/tai-khoan/dang-nhap/", {"username": "", "password": ""}).content.decode()
    assert not text_problems(empty), text_problems(empty)


def test_bad_json_to_the_api_is_answered_in_vietnamese(client, personas):
    client.force_login(personas["admin"])
    response = client.post("/api/v1/units/", data="{không phải json", content_type="application/json")
    assert response.status_code in (400, 422)
    body = response.content.decode()
    assert "JSON" in body and not any(word in body for word in ("Cannot parse", "Invalid JSON", "Expecting"))
