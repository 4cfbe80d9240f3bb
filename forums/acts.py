"""What the DIEF asks of a delegate's State, with its date, for My deadlines and the
calendar feed (registered in `hooks.py` as a deadline source).

Each act is read through the permission layer and concerns only the States that must or
may act: the presenting State notifies the States its case concerns and may propose
experts (ToR arts. 8, 12), a concerned State replies (art. 12), any other State Party may
object to a circulated expert while the silence procedure runs (art. 8), and
the States that took part in a meeting take a position on the Chair's briefing (art. 22).
A fixed number of queries, whatever the number of cases, proposals or briefings.
"""

from __future__ import annotations

import datetime
import functools

from django.db.models import Count, Exists, Min, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from att_portal import access
from att_portal.directory.enums import AttStatus
from att_portal.directory.permissions import state_status
from att_portal.meetings.deadlines import Act
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting
from att_portal.meetings.rules import DIEF_RULES, SILENCE_PROCEDURE_DAYS

from .deadlines import silence_procedure_end
from .models import (
    Briefing,
    BriefingPosition,
    CasePresentation,
    ConcernedState,
    ExpertObjection,
    ExpertProposal,
)
from .permissions import is_participating_delegate

RULES = {rule.key: rule for rule in DIEF_RULES}
NOTICE = RULES["concerned_state_notice"]
REPLY = RULES["concerned_state_reply"]
EXPERTS = RULES["expert_proposals"]
# The presenting State's acts, the one due closest to the meeting first.
FIRST_OF_THE_PRESENTER = min(NOTICE, EXPERTS, key=lambda rule: rule.days_before)


def _ahead(rule, today: datetime.date) -> datetime.date:
    """The first day of meetings whose `rule` deadline is today or later."""
    return today + datetime.timedelta(days=rule.days_before)


def _case_subject(presentation: CasePresentation) -> str:
    # The meeting has a column of its own on the page.
    return _("Case “%(case)s”") % {"case": presentation.case.title}


def acts_for(user, today: datetime.date) -> list[Act]:
    if not is_participating_delegate(user):
        return []
    # Every act here is the reader's State's, and the DIEF's (a date and "confidential"
    # in the calendar feed).
    dief_act = functools.partial(Act, who=str(user.state), confidential_forum=Body.DIEF)
    acts: list[Act] = []
    presentations = access.visible(
        user,
        CasePresentation.objects.filter(
            case__provider_state_id=user.state_id,
            withdrawn_at__isnull=True,
            meeting__cancelled_at__isnull=True,
            meeting__starts_on__gte=_ahead(FIRST_OF_THE_PRESENTER, today),
        ).select_related("case", "meeting"),
    ).order_by("meeting__starts_on", "pk")
    for presentation in presentations:
        url = reverse("dief:presentation_detail", args=[presentation.pk])
        for rule, title, act_url in (
            (NOTICE, _("Notify the States your case concerns"), url),
            (
                EXPERTS,
                _("Propose non-state experts, if you wish"),
                reverse("dief:expert_proposal_new", args=[presentation.pk]),
            ),
        ):
            due_on = rule.due_on(presentation.meeting.starts_on)
            if due_on >= today:
                acts.append(
                    dief_act(
                        uid=f"dief-{rule.key}-{presentation.pk}",
                        title=title,
                        subject=_case_subject(presentation),
                        article=rule.article,
                        due_on=due_on,
                        url=act_url,
                        meeting=presentation.meeting,
                    )
                )
    notices = access.visible(
        user,
        ConcernedState.objects.filter(
            state_id=user.state_id,
            presentation__withdrawn_at__isnull=True,
            presentation__meeting__cancelled_at__isnull=True,
            presentation__meeting__starts_on__gte=_ahead(REPLY, today),
        ).select_related("presentation__meeting", "presentation__case__provider_state"),
    ).order_by("presentation__meeting__starts_on", "pk")
    for notice in notices:
        presentation = notice.presentation
        acts.append(
            dief_act(
                uid=f"dief-{REPLY.key}-{notice.pk}",
                title=_("Reply to the notice of %(state)s")
                % {"state": presentation.case.provider_state},
                subject="",
                article=REPLY.article,
                due_on=REPLY.due_on(presentation.meeting.starts_on),
                url=reverse("dief:concerned_reply", args=[presentation.pk]),
                meeting=presentation.meeting,
                completed_on=timezone.localdate(notice.replied_at) if notice.replied_at else None,
            )
        )
    # Circulated on D, the silence procedure ends at the end of D + 5 (art. 8): proposals
    # circulated since today − 5 are still open to objections.
    since = timezone.make_aware(
        datetime.datetime.combine(
            today - datetime.timedelta(days=SILENCE_PROCEDURE_DAYS), datetime.time.min
        )
    )
    # Counted per meeting in SQL: at the volume of a busy forum, hundreds of proposals may
    # be in their silence procedure at once, and each meeting makes one line.
    per_meeting = []
    if state_status(user) == AttStatus.STATE_PARTY:  # only States Parties object (art. 8)
        per_meeting = list(
            access.visible(
                user,
                ExpertProposal.objects.filter(circulated_at__gte=since, decision="").exclude(
                    proposing_state_id=user.state_id
                ),
            )
            .exclude(
                Exists(
                    ExpertObjection.objects.filter(proposal=OuterRef("pk"), state_id=user.state_id)
                )
            )
            .order_by()
            .values("presentation__meeting_id")
            .annotate(
                count=Count("pk"),
                first_circulated_at=Min("circulated_at"),
                # Where the meeting has one proposal open: that proposal.
                proposal_pk=Min("pk"),
                expert_name=Min("expert_name"),
            )
        )
    meetings = Meeting.objects.in_bulk([row["presentation__meeting_id"] for row in per_meeting])
    for row in sorted(per_meeting, key=lambda row: row["first_circulated_at"]):
        # Circulated on D, open until the end of D + 5: since `since`, never before today.
        due_on = silence_procedure_end(timezone.localdate(row["first_circulated_at"]))
        if row["count"] == 1:
            uid, subject = f"dief-expert-objection-{row['proposal_pk']}", row["expert_name"]
            url = reverse("dief:expert_proposal_detail", args=[row["proposal_pk"]])
        else:
            # Several at once: one line for the meeting, the soonest end first, leading to
            # the list of proposals (a line each would bury the other deadlines).
            uid = f"dief-expert-objections-{row['presentation__meeting_id']}"
            url = reverse("dief:expert_proposal_list")
            subject = ngettext(
                "%(counter)s proposed expert in the silence procedure",
                "%(counter)s proposed experts in the silence procedure",
                row["count"],
            ) % {"counter": row["count"]}
        acts.append(
            dief_act(
                uid=uid,
                title=_("Object to the proposed expert, if you have reasons"),
                subject=subject,
                article=EXPERTS.article,
                due_on=due_on,
                url=url,
                meeting=meetings[row["presentation__meeting_id"]],
            )
        )
    briefings = (
        access.visible(
            user, Briefing.objects.filter(objections_due_on__gte=today).select_related("meeting")
        )
        .annotate(
            answered_at=Subquery(
                BriefingPosition.objects.filter(
                    briefing=OuterRef("pk"), state_id=user.state_id, revision=OuterRef("revision")
                ).values("recorded_at")[:1]
            )
        )
        .order_by("objections_due_on", "pk")
    )
    for briefing in briefings:
        acts.append(
            dief_act(
                uid=f"dief-briefing-position-{briefing.pk}",
                title=_("Agree or object to the Chair's briefing"),
                subject=str(briefing),
                article=_("ToR art. 22"),
                due_on=briefing.objections_due_on,
                url=reverse("dief:briefing_detail", args=[briefing.pk]),
                meeting=briefing.meeting,
                completed_on=(
                    timezone.localdate(briefing.answered_at) if briefing.answered_at else None
                ),
            )
        )
    return acts
