"""Settings of the benchmark: the production settings (DEBUG off, the security settings
as deployed) with two more views, `bare/` and `bare-auth/` (bench/urls.py), which exist
only here, never in the portal's own URLs.

The requests come as through the TLS proxy of a deployment (`X-Forwarded-Proto: https`),
so that nothing is relaxed for plain HTTP."""

import os

# Production-like whatever the shell says: demo mode needs DEBUG, so both are off.
os.environ["DEBUG"] = "false"
os.environ["DEMO_MODE"] = "false"
# Only warnings: the measured requests would otherwise log each sign-in.
os.environ.setdefault("LOG_LEVEL", "WARNING")
# A bench database holds made-up data only; a deployment's key is never needed here.
os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-by-a-deployment-5f0c2a9e")

from att_portal.settings.base import *  # noqa: F403
from att_portal.settings.base import ALLOWED_HOSTS, VAR_DIR

ROOT_URLCONF = "bench.urls"
# gunicorn is reached on the loopback; the in-process client calls itself "testserver".
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "127.0.0.1", "localhost", "testserver"]
# collectstatic for the benchmark's server goes beside its results, not into a
# deployment's STATIC_ROOT.
STATIC_ROOT = VAR_DIR / "bench" / "static"
# The bench sends no mail: what seeding queues (the services' notices and e-mails to the
# made-up people, on commit) goes to a broker in memory that no worker reads, not to the
# broker of a `make run` worker. The measured beat tasks run in a transaction rolled back.
CELERY_BROKER_URL = "memory://localhost/"
