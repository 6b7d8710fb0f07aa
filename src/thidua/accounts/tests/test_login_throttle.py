"""Login throttling (django-axes): wrong passwords in a row lock the user name from that address,
even against the right password, with a Vietnamese message on the login page (issue 14, part 8)."""
import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.urls import reverse

from thidua.accounts.lockout import MSG_LOCKED

URL = "/tai-khoan/dang-nhap/"


@pytest.fixture
def user(db):
    return User.objects.create_user("canbo", password="matkhau-dung-123")


def _login(client, password, username="canbo", ip="10.0.0.7"):
    return client.post(URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, user, settings):
    for _ in range(30):
        response = _login(client, "sai-mat-khau")
        assert response.status_code in (200, 429)
    response = _login(client, "matkhau-dung-123")
    text = response.content.decode()
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    limit, minutes = settings.AXES_FAILURE_LIMIT, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert MSG_LOCKED.format(limit=limit, username="canbo", minutes=minutes) in text
    assert 'name="password"' in text   # still the login page, in Vietnamese
    # another address, or another user name, is not locked
    assert _login(client, "matkhau-dung-123", ip="10.0.0.8").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "sai-mat-khau")
    assert _login(client, "matkhau-dung-123").status_code == 429
    past = datetime.timedelta(minutes=1) + settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - past)
    response = _login(client, "matkhau-dung-123")
    assert response.status_code == 302 and response.url == reverse("home")


def test_a_few_mistakes_then_the_right_password_logs_in_and_resets(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "sai-mat-khau").status_code == 200
    assert _login(client, "matkhau-dung-123").status_code == 302
    assert not AccessAttempt.objects.exists()   # reset on success


def test_logins_without_a_request_are_not_throttled(client, user, settings):
    """The test client's login() and force_login() (used all over the suite) never meet the lock."""
    for _ in range(settings.AXES_FAILURE_LIMIT + 5):
        assert not client.login(username="canbo", password="sai-mat-khau")
    assert client.login(username="canbo", password="matkhau-dung-123")
    client.force_login(user)
    assert client.get("/").status_code == 200


def test_behind_a_proxy_the_client_address_comes_from_x_forwarded_for(client, user, settings):
    settings.THIDUA_PROXY_COUNT = 1
    proxy = "127.0.0.1"

    def through_proxy(password, forwarded):
        return client.post(URL, {"username": "canbo", "password": password}, REMOTE_ADDR=proxy,
                           HTTP_X_FORWARDED_FOR=forwarded)

    for _ in range(settings.AXES_FAILURE_LIMIT):
        through_proxy("sai-mat-khau", "10.0.0.7")
    assert through_proxy("matkhau-dung-123", "10.0.0.7").status_code == 429
    # a client cannot pick another address by writing one: the proxy's entry (the right-most) counts
    assert through_proxy("matkhau-dung-123", "10.9.9.9, 10.0.0.7").status_code == 429
    # and another client behind the same proxy is not locked out with the first
    assert through_proxy("matkhau-dung-123", "10.0.0.8").status_code == 302


def test_without_proxies_x_forwarded_for_is_ignored(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(URL, {"username": "canbo", "password": "sai"}, REMOTE_ADDR="10.0.0.7",
                    HTTP_X_FORWARDED_FOR="10.1.1.1")
    response = client.post(URL, {"username": "canbo", "password": "matkhau-dung-123"}, REMOTE_ADDR="10.0.0.7",
                           HTTP_X_FORWARDED_FOR="10.2.2.2")
    assert response.status_code == 429
