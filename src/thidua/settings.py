"""thidua settings: one module, driven by environment variables (see README.md)."""
import datetime
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
env = environ.Env()

VAR_DIR = Path(env("THIDUA_VAR_DIR", default=str(PROJECT_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("THIDUA_DEBUG", default=False)
SECRET_KEY = env("THIDUA_SECRET_KEY", default="thidua-insecure-dev-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env.list("THIDUA_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("THIDUA_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "thidua.common",
    "thidua.audit",
    "thidua.organizations",
    "thidua.people",
    "thidua.records",
    "thidua.accounts",
    "thidua.jobs",
    "thidua.imports",
    "thidua.eligibility",
    "thidua.synth",
    "thidua.documents",
    "thidua.notices",
    "thidua.commendations",
    "thidua.fund",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.common.middleware.LanguageMiddleware",
    "thidua.common.middleware.NulByteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "thidua.accounts.middleware.ScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.common.middleware.RequestIdMiddleware",
    "axes.middleware.AxesMiddleware",   # last: turns a refused login into the Vietnamese lockout page
]

ROOT_URLCONF = "thidua.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.accounts.context_processors.scope",
                "thidua.notices.context_processors.badge",
            ],
        },
    },
]
WSGI_APPLICATION = "thidua.wsgi.application"
ASGI_APPLICATION = "thidua.asgi.application"

DATABASES = {
    "default": env.db_url(
        "THIDUA_DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 30, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
else:
    # a server process keeps its database connection between requests (opening one per request cost
    # PostgreSQL a new backend each time); a broken connection is noticed before it is used
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("THIDUA_DB_CONN_MAX_AGE", default=300)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# What many users read is cached under the data version (audit.versioning): per process by default;
# THIDUA_CACHE_URL (e.g. redis://127.0.0.1:6379/1) for one cache shared by the workers.
CACHES = {"default": env.cache_url("THIDUA_CACHE_URL", default="locmemcache://thidua")}
CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 2000)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

TASKS = {
    "default": {
        "BACKEND": env(
            "THIDUA_TASK_BACKEND", default="django_tasks_db.DatabaseBackend"
        )
    }
}

# a running job renews its lease every THIDUA_JOB_LEASE_SECONDS / 4; a job whose lease is older is dead
JOB_LEASE_SECONDS = env.int("THIDUA_JOB_LEASE_SECONDS", default=120)

# Excel uploads: refused above this size, or when the .xlsx inflates beyond the second limit (zip bomb)
IMPORT_MAX_UPLOAD_MB = env.int("THIDUA_IMPORT_MAX_UPLOAD_MB", default=20)
IMPORT_MAX_UNCOMPRESSED_MB = env.int("THIDUA_IMPORT_MAX_UNCOMPRESSED_MB", default=300)
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- safety (docs/ARCHITECTURE.md, "Safety") ---------------------------------------------------
# `thidua serve` and the WSGI/ASGI entry points refuse to start without THIDUA_SECRET_KEY unless
# THIDUA_DEBUG is set (thidua.common.security.check_production); tests and commands still run.
SECRET_KEY_FROM_ENV = bool(env("THIDUA_SECRET_KEY", default=""))
# Secure cookies unless debugging (browsers keep them on http://localhost); THIDUA_SECURE_COOKIES=0
# for a plain-HTTP deployment or a load test client over HTTP.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("THIDUA_SECURE_COOKIES", default=not DEBUG)
# Behind a reverse proxy that terminates HTTPS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = (("HTTP_X_FORWARDED_PROTO", "https") if env.bool("THIDUA_BEHIND_HTTPS_PROXY", default=False)
                           else None)
SECURE_SSL_REDIRECT = env.bool("THIDUA_SSL_REDIRECT", default=False)
# HSTS is sent on HTTPS requests only (SecurityMiddleware), never in debug.
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("THIDUA_HSTS_SECONDS", default=31_536_000)
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts only from our static files (htmx, Swagger UI), no
# inline script; inline styles stay allowed (style attributes of progress bars, htmx's indicator style).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name from
# one address, that pair is refused for AXES_COOLOFF_TIME, even with the right password.
AUTHENTICATION_BACKENDS = [
    "thidua.accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("THIDUA_LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("THIDUA_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "thidua.accounts.lockout.login_locked"
AXES_VERBOSE = False
# Behind reverse proxies (nginx…), the number of them: the client's address is read from X-Forwarded-For
# that many places from the right (accounts.lockout.client_ip); 0: the socket's address.
THIDUA_PROXY_COUNT = env.int("THIDUA_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "thidua.accounts.lockout.client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("THIDUA_LOG_LEVEL", default="WARNING")},
}

# E-mail (notices: the daily digest): the console by default; SMTP with THIDUA_EMAIL_URL, e.g.
# smtp+tls://user:password@mail.example.gov.vn:587 (django-environ's email_url)
vars().update(env.email_url("THIDUA_EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("THIDUA_EMAIL_FROM", default="thidua@localhost")
# the address of the site in e-mails and .ics feeds (links to /viec-can-lam/ …)
THIDUA_SITE_URL = env("THIDUA_SITE_URL", default="http://localhost:8000")
