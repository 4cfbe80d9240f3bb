from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from att_portal.directory.permissions import is_dief_participant, is_secretariat
from att_portal.meetings.enums import Body
from att_portal.meetings.selectors import meetings_visible_to

from .. import selectors
from ..permissions import (
    admits_experts,
    is_challenged_expert,
    is_participating_delegate,
    may_record_releases,
)
from ..selectors.experts import proposals_awaiting_circulation
from ..selectors.invitations import expert_invitations
from ..selectors.presentations import intentions_waiting_visible_to


@admits_experts
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    participant = is_dief_participant(user)
    return render(
        request,
        "forums/home.html",
        {
            "meetings": meetings_visible_to(user, body=Body.DIEF),
            "participant": participant,
            "delegate": is_participating_delegate(user),
            "case_count": selectors.cases_visible_to(user).count() if participant else 0,
            "item_count": selectors.platform_items_visible_to(user).count() if participant else 0,
            # A non-state expert: the meeting's dates and venue, the undertaking, the case.
            "invitations": None if participant else expert_invitations(user),
            "challenged_expert": not participant and is_challenged_expert(user),
            "may_record_releases": may_record_releases(user),
            # ToR arts. 8 and 11: what waits on the Secretariat, flagged on its pages.
            "intentions": intentions_waiting_visible_to(user) if participant else None,
            "awaiting_circulation": (
                proposals_awaiting_circulation().count() if is_secretariat(user) else 0
            ),
        },
    )
