"""Settings of the ATT Portal, read from the environment.

Without any environment the portal runs on its embedded default: SQLite and a
Celery broker on the local file system. Set DATABASE_URL and CELERY_BROKER_URL to
run on PostgreSQL and Redis.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# Demo mode seeds demo data and lets the demo accounts skip two-factor sign-in.
# It never runs with DEBUG off.
DEMO_MODE = env.bool("DEMO_MODE", default=False)
if DEMO_MODE and not DEBUG:
    raise ImproperlyConfigured(
        "DEMO_MODE requires DEBUG: demo accounts must never reach production."
    )

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-never-used-in-production")
else:
    SECRET_KEY = env.str("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # django-modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "att_portal.admin_apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "guardian",
    "simple_history",
    "django_countries",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "att_portal.directory",
    "att_portal.meetings",
    "att_portal.notifications",
    "att_portal.accounts",
    "forums",
    "working_groups",
    "working_groups.guides",
    "documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so that every response gets the Content-Security-Policy header.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "att_portal.l10n.middleware.RightToLeftIsolationMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's middleware, reading the session's device only when a gate asks.
    "att_portal.accounts.otp.OnDemandOTPMiddleware",
    "att_portal.l10n.middleware.PreferredLanguageMiddleware",
    "att_portal.accounts.middleware.TwoFactorMiddleware",
    "att_portal.marking.ConfidentialMarkingMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes goes last so that it sees the outcome of the authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "att_portal.urls"
WSGI_APPLICATION = "att_portal.wsgi.application"
ASGI_APPLICATION = "att_portal.asgi.application"

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
                "django.template.context_processors.i18n",
                "att_portal.context_processors.portal",
            ],
            "builtins": ["att_portal.template_helpers", "att_portal.l10n.template_library"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'att_portal.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, beat) share the file: wait instead of failing.
    # A transaction that read first and then writes cannot wait for another writer (SQLite
    # answers "database is locked" at once), so every transaction takes the write lock when
    # it begins and waits up to `timeout` seconds for it; with the write-ahead log, reads
    # outside transactions never wait for a writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "directory.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

# django-guardian: no anonymous object permissions; the portal denies anonymous users.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# The client's address (att_portal/accounts/client_address.py): behind this many reverse
# proxies, each appending to X-Forwarded-For, it is read from that header; with 0 the
# header is ignored (a client could write anything in it) and REMOTE_ADDR is used.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT is the number of proxies: 0 or more.")

# django-axes (att_portal/accounts/lockout.py): five failures under one user name from one
# client address lock that name from that address for an hour (elsewhere it still signs
# in); thirty failures from one address under any names (a password spray) lock the
# address. A completed password reset lifts the user name's lock.
AXES_HANDLER = "att_portal.accounts.lockout.SignInLockoutHandler"
AXES_CLIENT_IP_CALLABLE = "att_portal.accounts.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "att_portal.accounts.views.locked_out"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
SIGN_IN_ADDRESS_FAILURE_LIMIT = env.int("SIGN_IN_ADDRESS_FAILURE_LIMIT", default=30)
if SIGN_IN_ADDRESS_FAILURE_LIMIT <= AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        "SIGN_IN_ADDRESS_FAILURE_LIMIT (failures from one address under any user names) "
        "must be higher than AXES_FAILURE_LIMIT (failures under one user name)."
    )
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts during a lock neither count nor extend it: the lock ends one hour after the
# failure that set it, as the lockout page says.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "username"
# People sign in with their user name or their e-mail address: failures are counted against
# the account's user name whichever they type (att_portal/accounts/identifiers.py).
AXES_USERNAME_CALLABLE = "att_portal.accounts.identifiers.axes_username"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "ATT Portal"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Zurich"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# No MEDIA_URL is served: every file goes through a permission-checked view.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# E-mail: console in development; SMTP settings from the environment in production.
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="ATT Portal <portal@thearmstradetreaty.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail claimed by a worker that died is taken back after this many seconds.
MAIL_CLAIM_TIMEOUT = env.int("MAIL_CLAIM_TIMEOUT", default=600)
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# Celery: Redis when CELERY_BROKER_URL is set, otherwise kombu's file-system transport.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    _queue_dir = VAR_DIR / "celery" / "queue"
    for _folder in (_queue_dir, VAR_DIR / "celery" / "control"):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "send-queued-mail": {"task": "notifications.send_queued_mail", "schedule": 60.0},
    "send-deadline-reminders": {"task": "meetings.send_deadline_reminders", "schedule": 3600.0},
    "advance-expert-procedures": {"task": "forums.advance_expert_procedures", "schedule": 3600.0},
}

# The cache: Redis when CACHE_URL is set (e.g. redis://redis.internal:6379/1, a database of
# its own, not the broker's), else each process's own memory. It is never taken from
# CELERY_BROKER_URL: the broker's Redis may evict or be flushed on other terms.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Sessions are read on every request. With a shared cache they live there alone (a Redis
# restart or flush signs everybody out; give it `maxmemory-policy noeviction`). Without
# one, each process's memory is a valid cache only where one process serves the pages —
# the development server of `make run` —: a session ended or verified in one gunicorn
# worker would stay as it was in another's memory, so production then reads the database.
if CACHES["default"]["BACKEND"] != "django.core.cache.backends.locmem.LocMemCache":
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
elif DEBUG:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): everything from the portal itself, no inline script
# or style (none in the templates; HTMX's own indicator style is off, see base.html), no
# plug-ins, no framing, forms posted only here. tests/test_csp.py checks every page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Upload limits: files larger than this are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PORTAL_MAX_UPLOAD_BYTES = env.int("PORTAL_MAX_UPLOAD_BYTES", default=25 * 1024 * 1024)
# What an accepted file may hold (README, "Upload limits"). A watermarked download of the
# largest file these allow stays under 2 seconds and 300 MB (tests/forums/
# test_hostile_uploads.py measures it): not read from the environment, so that it holds.
PORTAL_MAX_PDF_PAGES = 500
PORTAL_MAX_PDF_OBJECTS = 50_000  # each read whenever the file is: about 20 µs and 1.3 KB
# Also Pillow's MAX_IMAGE_PIXELS. Not higher: re-encoding a noisy RGBA PNG costs about
# 0.15 s of CPU per megapixel, and decoding a progressive CMYK JPEG 12 bytes a pixel.
PORTAL_MAX_IMAGE_PIXELS = 10_000_000
PORTAL_MAX_PACKAGE_ENTRIES = 5_000  # files inside a DOCX, XLSX or ODT
PORTAL_MAX_UNPACKED_BYTES = 250 * 1000 * 1000  # their total size, uncompressed

# Voluntary guides are published in the six UN languages (django-modeltranslation);
# English is required and a missing translation falls back to it, marked untranslated.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
