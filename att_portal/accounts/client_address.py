"""The network address of whoever sent a request: the one place the portal reads it.

Each reverse proxy in front of the portal appends the address it received the request from
to X-Forwarded-For. Behind N trusted proxies (settings.TRUSTED_PROXY_COUNT, the TLS proxy of
the README is one), the N-th address from the right is the one the outermost proxy saw: the
client's. Whatever stands to its left the client wrote itself and is ignored. With no
trusted proxy the header is ignored altogether: a client reaching the portal directly could
write any address in it.

django-ipware (which django-axes uses by default) counts proxies differently — the hops
listed in the header, one fewer than the proxies — and in its strict mode falls back to
REMOTE_ADDR, the proxy's own address, as soon as a client adds a header of its own: everyone
who did would share one address again. Hence this small function (AXES_CLIENT_IP_CALLABLE).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's address, normalised (e.g. "203.0.113.7"), or None if the request
    carries no valid one."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted == 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < trusted:
        # The request did not come through all the proxies (or the setting is too high):
        # nothing in the header can be trusted.
        return remote
    return _address(hops[-trusted]) or remote
