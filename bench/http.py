"""The HTTP side of the benchmark: gunicorn as in production (DEBUG off, sync workers) on a
free local port, and wrk against it."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# As behind the TLS proxy of a deployment: SECURE_PROXY_SSL_HEADER makes the request secure.
PROXY_HEADER = ("X-Forwarded-Proto", "https")
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


class InstrumentMissing(Exception):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving the bench settings: `workers` sync workers, as `make` deploys it
    (README: gunicorn att_portal.wsgi)."""

    def __init__(self, *, workers: int, port: int | None = None):
        self.workers = workers
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
        self.process = subprocess.Popen(  # noqa: S603  (our own gunicorn, fixed arguments)
            [
                str(gunicorn),
                "att_portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                # A slow page must be measured, not killed at gunicorn's 30 s default.
                "--timeout",
                "300",
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn stopped while starting: see its output above.")
            try:
                get(self.base_url + "/bare/", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError("gunicorn did not answer within 60 seconds.")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def wait_idle(self, *, limit_s: float = 300) -> float:
        """Wait until the workers have finished what a run left queued (wrk stops at its
        deadline, the server does not): two quick answers of bare/ in a row. Returns the
        seconds waited."""
        started = time.monotonic()
        quick = 0
        while quick < 2 and time.monotonic() - started < limit_s:
            before = time.monotonic()
            try:
                get(self.base_url + "/bare/", timeout=limit_s)
            except OSError:
                time.sleep(0.5)
                continue
            quick = quick + 1 if time.monotonic() - before < 0.05 else 0
        return time.monotonic() - started


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def get(url: str, *, cookie: str | None = None, timeout: float = 120) -> tuple[int, bytes]:
    """One request as wrk sends it (no redirect followed): (status, body)."""
    request = urllib.request.Request(url, headers=dict([PROXY_HEADER]))  # noqa: S310  (http on the loopback)
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@dataclass(frozen=True)
class WrkResult:
    requests: int
    requests_per_s: float
    p50_ms: float | None
    p99_ms: float | None
    errors: int  # non-2xx/3xx answers, socket errors and timeouts


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> WrkResult:
    def found(pattern: str) -> str | None:
        match = re.search(pattern, output, re.MULTILINE)
        return match.group(1) if match else None

    # wrk pads the distribution's values with a space.
    p50, p99 = found(r"^\s+50%\s+(\S+)\s*$"), found(r"^\s+99%\s+(\S+)\s*$")
    errors = int(found(r"Non-2xx or 3xx responses: (\d+)") or 0)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return WrkResult(
        requests=int(found(r"^\s+(\d+) requests in") or 0),
        requests_per_s=float(found(r"^Requests/sec:\s+([\d.]+)") or 0.0),
        p50_ms=_ms(p50) if p50 else None,
        p99_ms=_ms(p99) if p99 else None,
        errors=errors,
    )


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise InstrumentMissing(
            "wrk is not installed: `make bench` installs it (Debian package wrk)."
        )
    return path


def wrk(url: str, *, seconds: int, connections: int, cookie: str | None) -> WrkResult:
    """wrk with two threads (this machine's cores) and its latency distribution."""
    command = [
        wrk_path(),
        "--threads",
        "2",
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "120s",
        "--latency",
        "--header",
        ": ".join(PROXY_HEADER),
    ]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    finished = subprocess.run(  # noqa: S603  (wrk, fixed arguments)
        [*command, url], capture_output=True, text=True, check=True
    )
    return parse_wrk(finished.stdout)
