"""Two-factor sign-in for the people who must use it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from att_portal.directory.permissions import requires_two_factor

# Pages a signed-in person must reach before the second factor is checked.
EXEMPT_URL_NAMES = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor",
        "accounts:two_factor_setup",
        "accounts:set_language",
    }
)
# Areas that nobody enters without a second factor.
TWO_FACTOR_NAMESPACES = frozenset({"admin"})


def skips_two_factor(user) -> bool:
    """Demo accounts skip two-factor sign-in, and only in demo mode (never with DEBUG off)."""
    return bool(settings.DEMO_MODE and settings.DEBUG and user.is_demo_account)


def two_factor_redirect(request):
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('accounts:two_factor')}?{query}")


def needs_second_factor(request) -> bool:
    user = request.user
    return user.is_authenticated and not user.is_verified() and not skips_two_factor(user)


class TwoFactorMiddleware:
    """Secretariat staff verify a second factor before any page; everybody does before
    the admin. The DIEF area asks for it through its own decorator (forums.access)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name in EXEMPT_URL_NAMES:
            return None
        # Asked only where the gate applies: elsewhere the device is never looked up.
        if not (requires_two_factor(request.user) or match.namespace in TWO_FACTOR_NAMESPACES):
            return None
        if needs_second_factor(request):
            return two_factor_redirect(request)
        return None
