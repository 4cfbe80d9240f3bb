"""Settings for the test suite: fast hashing, mail kept in memory, plain HTTP."""

import os

os.environ.setdefault(
    "SECRET_KEY", "test-suite-key-only-for-tests-0123456789-abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("DEMO_MODE", "false")

from .base import *  # noqa: E402,F403
from .base import DATABASES, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The integration tests give a real worker a mailbox on disk they can count.
EMAIL_BACKEND = os.environ.get(
    "TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
EMAIL_FILE_PATH = os.environ.get("TEST_EMAIL_FILE_PATH")
# The live server of the browser tests speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = VAR_DIR / "test-media"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
AXES_FAILURE_LIMIT = 3
# One process serves the test client and the live server of the browser tests: its memory
# is a valid session cache, whatever cache a developer's environment names.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a real Celery worker process can open the test database.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("TEST_SQLITE_NAME", str(VAR_DIR / "test_att_portal.sqlite3"))
    }
# Tasks queued by the code under test run in-process; the integration tests that need a
# real worker send their tasks to the broker by name (send_task ignores this setting).
CELERY_TASK_ALWAYS_EAGER = True
# Runs of the suite on one machine, and the processes of one parallel run, share the broker
# (the file-system broker's folder, or Redis): each process of the suite gets a queue of its
# own — the worker processes it starts inherit the name — so no worker takes another's
# tasks, nor a `make run` worker the suite's.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("TEST_CELERY_QUEUE") or (
    "test-" + os.environ.get("PYTEST_XDIST_WORKER", "main")
)
# Close connections after each request so that test databases can be dropped at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0
