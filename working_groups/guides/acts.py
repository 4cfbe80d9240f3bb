"""What the voluntary guides ask of a delegation or an organisation, with its date, for
My deadlines and the calendar feed (registered in `working_groups/hooks.py` as a deadline
source): comments on a proposed revision while they are open, until the person has
commented."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.meetings.deadlines import Act
from working_groups.permissions import may_contribute

from .enums import RevisionState
from .models import ProposedRevision, RevisionComment
from .permissions import COMMENT


def _who(user) -> str:
    return str(user.state or user.organisation or user.get_full_name())


def acts_for(user, today: datetime.date) -> list[Act]:
    # The delegations and organisations comment; the WGETI officers receive the comments.
    if not may_contribute(user):
        return []
    revisions = (
        access.visible(
            user,
            ProposedRevision.objects.filter(
                state=RevisionState.PROPOSED, comments_due_on__gte=today
            ).select_related("guide"),
        )
        .annotate(
            commented=Exists(RevisionComment.objects.filter(revision=OuterRef("pk"), author=user))
        )
        .order_by("comments_due_on", "pk")
    )
    who = None
    acts = []
    for revision in revisions:
        if revision.commented or not access.can(user, COMMENT, revision):
            continue
        who = who or _who(user)
        acts.append(
            Act(
                uid=f"guide-comments-{revision.pk}",
                title=_("Comments on a proposed revision"),
                subject=_("“%(revision)s”, %(guide)s")
                % {
                    "revision": revision.title,
                    "guide": revision.guide.title,
                },
                article=_("Voluntary guide"),
                due_on=revision.comments_due_on,
                url=revision.get_absolute_url(),
                who=who,
            )
        )
    return acts
