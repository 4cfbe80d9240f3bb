"""Who enters the DIEF area (ToR arts. 6, 8 and 14)."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied

from att_portal import access, marking
from att_portal.accounts.middleware import needs_second_factor, two_factor_redirect
from att_portal.directory.permissions import is_dief_participant
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting

FORUM = Body.DIEF.value


def may_enter_dief(user) -> bool:
    """States Parties' and signatories' delegates, the Chair and the Secretariat; or a person
    holding a per-object grant on a DIEF meeting (an approved non-state expert)."""
    if is_dief_participant(user):
        return True
    return access.visible(user, Meeting.objects.filter(body=Body.DIEF)).exists()


def dief_area(view):
    """Wrap every DIEF view: deny outsiders, require a second factor, mark the page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not access.is_signed_in(request.user):
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not may_enter_dief(request.user):
            raise PermissionDenied
        if needs_second_factor(request):
            return two_factor_redirect(request)
        marking.note(request, FORUM)
        return view(request, *args, **kwargs)

    wrapped.dief_area = True
    return wrapped
