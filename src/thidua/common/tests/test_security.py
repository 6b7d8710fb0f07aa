"""Content-Security-Policy, Secure cookies, HSTS behind HTTPS, and no serving without a secret key
outside debug (issue 14, part 8)."""
import importlib
import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

import thidua
from thidua.common.security import MSG_NO_SECRET_KEY, check_production

TEMPLATES = Path(thidua.__file__).parent


def test_pages_send_a_content_security_policy_without_inline_scripts(client, personas):
    client.force_login(personas["admin"])
    for url in ("/tai-khoan/dang-nhap/", "/", "/ca-nhan/", "/api/docs"):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'", url
        assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


def test_no_template_has_an_inline_script_or_event_handler():
    """script-src 'self' blocks inline code: every script is a static file, no on…= attribute."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        if "/e2e/" in str(path):
            continue
        text = path.read_text()
        for match in re.finditer(r"<script\b[^>]*>", text):
            if "src=" not in match.group(0) and 'type="application/json"' not in match.group(0):
                offenders.append(f"{path}: {match.group(0)}")
        offenders += [f"{path}: {m.group(0)}" for m in re.finditer(r"\son[a-z]+\s*=", text)]
        offenders += [f"{path}: {m.group(0)}" for m in re.finditer(r"(hx-on\S*|javascript:)", text)]
    assert offenders == []


def test_cookies_are_secure_and_hsts_is_sent_over_https(client, personas, settings):
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE   # not in debug (the tests)
    response = client.post("/tai-khoan/dang-nhap/", {"username": "admin", "password": "matkhau-123"}, secure=True)
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] and response.cookies["sessionid"]["httponly"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in client.get("/tai-khoan/dang-nhap/")   # plain HTTP: no HSTS


def test_behind_an_https_proxy_the_forwarded_proto_counts(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/tai-khoan/dang-nhap/", HTTP_X_FORWARDED_PROTO="https")
    assert "max-age=" in response["Strict-Transport-Security"]


def _settings_with(monkeypatch, **env):
    for name in ("THIDUA_DEBUG", "THIDUA_SECRET_KEY", "THIDUA_SECURE_COOKIES", "THIDUA_BEHIND_HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    import thidua.settings as module

    return importlib.reload(module)


def test_settings_read_the_environment(monkeypatch):
    try:
        production = _settings_with(monkeypatch, THIDUA_BEHIND_HTTPS_PROXY="1")
        assert not production.SECRET_KEY_FROM_ENV and production.SESSION_COOKIE_SECURE
        assert production.SECURE_HSTS_SECONDS == 31_536_000
        assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
        debug = _settings_with(monkeypatch, THIDUA_DEBUG="1")
        assert not debug.SESSION_COOKIE_SECURE and debug.SECURE_HSTS_SECONDS == 0
        assert debug.SECURE_PROXY_SSL_HEADER is None
        keyed = _settings_with(monkeypatch, THIDUA_SECRET_KEY="x" * 50, THIDUA_SECURE_COOKIES="0")
        assert keyed.SECRET_KEY_FROM_ENV and keyed.SECRET_KEY == "x" * 50 and not keyed.SESSION_COOKIE_SECURE
    finally:
        monkeypatch.undo()
        import thidua.settings as module

        importlib.reload(module)


def test_serving_is_refused_without_a_secret_key_outside_debug(settings):
    settings.DEBUG, settings.SECRET_KEY_FROM_ENV = False, False
    with pytest.raises(ImproperlyConfigured, match="THIDUA_SECRET_KEY"):
        check_production()
    with pytest.raises(CommandError) as refused:
        call_command("serve", "--no-migrate")
    assert str(refused.value) == MSG_NO_SECRET_KEY
    settings.DEBUG = True
    check_production()   # make run (THIDUA_DEBUG=1)
    settings.DEBUG, settings.SECRET_KEY_FROM_ENV = False, True
    check_production()


def test_the_wsgi_entry_point_refuses_too(settings):
    settings.DEBUG, settings.SECRET_KEY_FROM_ENV = False, False
    import sys

    sys.modules.pop("thidua.wsgi", None)
    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("thidua.wsgi")
    sys.modules.pop("thidua.wsgi", None)
