from __future__ import annotations

import base64
import datetime
from urllib.parse import urlencode

import segno
from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from att_portal import access
from att_portal.directory.enums import Affiliation
from att_portal.directory.permissions import PersonAction

from . import identifiers, lockout
from .forms import (
    LanguageForm,
    NamedProfileForm,
    PortalPasswordResetForm,
    ProfileForm,
    SignInForm,
    TokenForm,
)


def safe_next(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    # A path of this site only: redirect() reads anything else ("0", "home") as the name
    # of a view.
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def set_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=60 * 60 * 24 * 365,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        return set_language_cookie(response, form.get_user().preferred_language)


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PortalPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever completes the reset holds the account's mailbox: the lock goes at once.
        lockout.lift_lock(username=form.user.get_username())
        return response


def duration_text(delta: datetime.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes % 60:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = minutes // 60
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def typed_identifier(request: HttpRequest) -> str:
    typed = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    return identifiers.normalise(typed) if isinstance(typed, str) else ""


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What a locked sign-in gets instead (AXES_LOCKOUT_CALLABLE): which lock, for how long,
    and what lifts it."""
    return render(
        request,
        "registration/locked_out.html",
        {
            # What the person typed: the lock is their account's, but a page answering an
            # e-mail address with the user name behind it would tell strangers that name.
            "username": typed_identifier(request)
            or get_client_username(request, credentials)
            or "",
            "address_locked": lockout.address_is_locked(request),
            "duration": duration_text(get_cool_off(request)),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the code of the person's authenticator app."""
    device = confirmed_device(request.user)
    next_url = safe_next(request, reverse("dashboard"))
    if device is None:
        return redirect(f"{reverse('accounts:two_factor_setup')}?{urlencode({'next': next_url})}")
    form = TokenForm(request.POST if request.method == "POST" else None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(next_url)
    return render(request, "registration/two_factor.html", {"form": form, "next": next_url})


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Pair an authenticator app: show the key as a QR code, confirm it with one code."""
    next_url = safe_next(request, reverse("dashboard"))
    if confirmed_device(request.user) is not None:
        return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': next_url})}")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = TokenForm(request.POST if request.method == "POST" else None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Two-factor sign-in is set up."))
        return redirect(next_url)
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    key_base32 = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "registration/two_factor_setup.html",
        {"form": form, "qr_svg": qr_svg, "key": key_base32, "next": next_url},
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST)
    next_url = safe_next(request, reverse("dashboard"))
    if not form.is_valid():
        messages.error(request, _("Choose one of the six languages of the United Nations."))
        return redirect(next_url)
    language = form.cleaned_data["language"]
    if request.user.is_authenticated and request.user.preferred_language != language:
        request.user.preferred_language = language
        request.user._change_reason = "Language chosen in the portal"
        request.user.save(update_fields=["preferred_language"])
    return set_language_cookie(redirect(next_url), language)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    may_rename = access.can(request.user, PersonAction.RENAME, request.user)
    form_class = NamedProfileForm if may_rename else ProfileForm
    form = form_class(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance._change_reason = "Profile edited by its owner"
        user = form.save()
        messages.success(request, _("Your profile is saved."))
        return set_language_cookie(redirect("accounts:profile"), user.preferred_language)
    return render(
        request,
        "registration/profile.html",
        {"form": form, "name_changed_by": None if may_rename else name_changed_by(request.user)},
    )


def name_changed_by(user) -> str:
    """Who changes the name of someone who may not change it themselves."""
    if user.affiliation == Affiliation.DELEGATION:
        return _("Your delegation's focal point or the ATT Secretariat changes your name.")
    return _("The ATT Secretariat changes your name.")
