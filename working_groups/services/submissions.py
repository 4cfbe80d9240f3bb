"""Written submissions (seed 004: written comments were due on 5 March 2026; Appendix 1
invites comments before *and after* the meeting): delegations and organisations send
written comments or text proposals on a working paper or a guide. The call is due at the
end of its day (Geneva time); after that the form stays open and a submission is marked
as sent after the meeting. The Chair and the Secretariat see them, and the Chair
publishes them as they decide."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.directory.models import User
from att_portal.l10n.dates import un_date
from att_portal.meetings.enums import CallKind
from att_portal.meetings.models import MeetingCall
from documents.models import Document

from ..models import WrittenSubmission
from .presentations import _contributor
from .workplan import WGETI_BODIES, _officer_only, _wgeti_meeting


def wgeti_documents(user) -> QuerySet[Document]:
    """The WGETI documents a submission may comment on: never a DIEF document."""
    return access.visible(user, Document).filter(body__in=WGETI_BODIES, forum="")


def submissions_open(call: MeetingCall) -> bool:
    """Before the due date: a call due on D is due at the end of D, Geneva time. After it,
    submissions are still accepted, as comments after the meeting (Appendix 1)."""
    return timezone.localdate() <= call.due_on


@transaction.atomic
def written_submission_submit(
    *,
    by: User,
    call: MeetingCall,
    kind: str,
    text: str,
    document: Document | None = None,
) -> WrittenSubmission:
    contributor = _contributor(by)
    if call.kind != CallKind.WRITTEN_COMMENTS:
        raise ValidationError(_("This call does not ask for written submissions."))
    _wgeti_meeting(call.meeting)
    if document is not None and not wgeti_documents(by).filter(pk=document.pk).exists():
        raise ValidationError(
            {"document": _("Comment on a WGETI working paper or guide that you may read.")}
        )
    submission = WrittenSubmission(
        call=call, kind=kind, text=text, document=document, submitted_by=by, **contributor
    )
    submission.full_clean()
    submission._history_user = by
    submission._change_reason = (
        "Written submission sent" if submissions_open(call) else "Sent after the meeting"
    )
    submission.save()
    return submission


@transaction.atomic
def written_submission_publish(*, by: User, submission: WrittenSubmission) -> None:
    _officer_only(by)
    WrittenSubmission.objects.select_for_update().filter(pk=submission.pk).first()
    submission.refresh_from_db()
    if submission.published_at is not None:
        raise ValidationError(
            _("This submission was already published on %(date)s.")
            % {"date": un_date(submission.published_at)}
        )
    submission.published_at = timezone.now()
    submission.published_by = by
    submission.full_clean()
    submission._history_user = by
    submission._change_reason = "Published by the Chair"
    submission.save()
