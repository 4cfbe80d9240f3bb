"""What the benchmark opens: the key pages of each role on the seeded data, and real
sessions for the bench accounts (signed in, second factor verified)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from att_portal.directory.models import User
from documents.enums import Distribution as DocumentDistribution
from documents.models import Document
from forums.enums import Distribution
from forums.models import Case
from working_groups.guides.models import Guide

from .seed_directory import BENCH_DELEGATE, BENCH_DEVICE, BENCH_SECRETARIAT
from .seed_meetings import key_wgeti_meeting

ROLES = {"delegate": BENCH_DELEGATE, "secretariat": BENCH_SECRETARIAT}
# The reference views of bench/urls.py.
BARE, BARE_AUTH = "/bare/", "/bare-auth/"


@dataclass(frozen=True)
class Page:
    name: str
    path: str


class NotSeeded(Exception):
    """The database lacks what the benchmark opens: run `make bench-seed` first."""


def bench_user(role: str) -> User:
    user = User.objects.filter(username=ROLES[role]).first()
    if user is None:
        raise NotSeeded(f"No account {ROLES[role]}: run `make bench-seed` first.")
    return user


def _key_document() -> Document:
    """The newest public document with a file in each of the six languages."""
    document = (
        Document.objects.filter(distribution=DocumentDistribution.PUBLIC, parent__isnull=True)
        .annotate(
            languages=Count(
                "versions__language",
                filter=Q(versions__replaced_at__isnull=True, versions__withdrawn_at__isnull=True),
                distinct=True,
            )
        )
        .filter(languages=6)
        .order_by("-issued_on", "-number")
        .first()
    )
    if document is None:
        raise NotSeeded("No public document in six languages: run `make bench-seed` first.")
    return document


def key_case(delegate: User) -> Case:
    """A case another State narrowed to named States, the delegate's among them: it reaches
    the delegate through the delegation group's grant (the Secretariat sees every case)."""
    case = (
        Case.objects.filter(
            distribution=Distribution.NAMED_STATES,
            casegroupobjectpermission__group__delegation_of__pk=delegate.state_id,
        )
        .exclude(provider_state_id=delegate.state_id)
        .order_by("pk")
        .first()
    )
    if case is None:
        raise NotSeeded("No case narrowed to the bench delegate's State: run `make bench-seed`.")
    return case


def key_pages() -> list[Page]:
    """The pages measured for each role, in a fixed order (the runs shuffle them)."""
    delegate = bench_user("delegate")
    meeting = key_wgeti_meeting()
    guide = Guide.objects.order_by("pk").first()
    if meeting is None or guide is None:
        raise NotSeeded("No WGETI meeting ahead or no guide: run `make bench-seed` first.")
    return [
        Page("dashboard", reverse("dashboard")),
        Page("document search", reverse("documents:list") + "?q=report"),
        Page("portal search", reverse("search") + "?q=report"),
        Page("portal search by symbol", reverse("search") + "?q=ATT/CSP1"),
        Page("documents", reverse("documents:list")),
        Page("document", reverse("documents:detail", args=[_key_document().pk])),
        Page("DIEF cases", reverse("dief:case_list")),
        Page("case", reverse("dief:case_detail", args=[key_case(delegate).pk])),
        Page("platform items", reverse("dief:item_list")),
        Page("my deadlines", reverse("meetings:my_deadlines")),
        Page("meeting", reverse("meetings:detail", args=[meeting.pk])),
        Page("WGETI home", reverse("wgeti:home")),
        Page("guide", guide.get_absolute_url()),
    ]


def sign_in(user: User) -> str:
    """A session as the sign-in leaves it after the password and the authenticator's code:
    written by the configured session engine, read by the middleware like any other.
    Returns the session key (the value of the session cookie)."""
    engine = import_module(settings.SESSION_ENGINE)
    request = HttpRequest()
    request.META.update({"REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": "bench"})
    request.session = engine.SessionStore()
    request.user = AnonymousUser()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.get(user=user, name=BENCH_DEVICE, confirmed=True)
    otp_login(request, device)
    if request.session.get(DEVICE_ID_SESSION_KEY) != device.persistent_id:
        raise RuntimeError(f"{user} is signed in without the second factor.")
    request.session.save()
    return request.session.session_key


def sign_out(session_key: str) -> None:
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore(session_key).delete()
