"""Make sure PostgreSQL and Redis answer on 127.0.0.1 before CI runs the suite.

`python -m tests.services ensure` starts them if they are installed but stopped, and
exits non-zero if either still cannot be reached: CI must never quietly fall back to
the embedded default.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import time
from urllib.parse import urlparse

START_COMMANDS = {
    "PostgreSQL": lambda: [
        ["pg_ctlcluster", "--skip-systemctl-redirect", os.path.basename(version), "main", "start"]
        for version in sorted(glob.glob("/etc/postgresql/*"))
    ],
    "Redis": lambda: (
        [
            [
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "--port",
                "6379",
                "--save",
                "",
                "--appendonly",
                "no",
            ]
        ]
        if shutil.which("redis-server")
        else []
    ),
}


def reachable(host: str, port: int, timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def ensure(name: str, url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or default_port
    if reachable(host, port):
        return True
    print(f"{name} does not answer on {host}:{port}; trying to start it.", file=sys.stderr)
    for command in START_COMMANDS[name]():
        if shutil.which(command[0]):
            subprocess.run(command, check=False)  # noqa: S603  (fixed commands, no shell)
    for _attempt in range(30):
        if reachable(host, port):
            return True
        time.sleep(1)
    print(f"{name} is unreachable on {host}:{port}.", file=sys.stderr)
    return False


def main() -> int:
    database = os.environ.get("DATABASE_URL", "")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    ok = True
    if not database.startswith(("postgres://", "postgresql://")):
        print("CI needs DATABASE_URL pointing at PostgreSQL.", file=sys.stderr)
        ok = False
    elif not ensure("PostgreSQL", database, 5432):
        ok = False
    if not broker.startswith("redis://"):
        print("CI needs CELERY_BROKER_URL pointing at Redis.", file=sys.stderr)
        ok = False
    elif not ensure("Redis", broker, 6379):
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:] != ["ensure"]:
        sys.exit("usage: python -m tests.services ensure")
    sys.exit(main())
