"""Releases from confidentiality (ToR art. 14): DIEF meetings, their agendas and all
supporting documents are confidential "unless participants decide otherwise". The
Secretariat records such a decision (which meeting's participants took it, and when);
the released item or document is then restricted-area material, and everything else of
the forum stays confidential."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from att_portal.meetings.enums import Body
from documents.enums import Distribution as DocumentDistribution
from documents.models import Document

from ..models import Case, ConfidentialityRelease, PlatformItem
from ..permissions import may_record_releases


def releasable_documents():
    """The documents still confidential to the DIEF."""
    return Document.objects.filter(
        distribution=DocumentDistribution.CONFIDENTIAL, forum=Body.DIEF
    ).order_by("-issued_on", "-number")


@transaction.atomic
def confidentiality_release_record(
    *,
    by,
    meeting,
    decided_on,
    case: Case | None = None,
    platform_item: PlatformItem | None = None,
    document: Document | None = None,
    terms: str = "",
) -> ConfidentialityRelease:
    """Record the participants' decision to release one case, platform item or document;
    a released document moves to the restricted area in the register."""
    if not may_record_releases(by):
        raise PermissionDenied
    if sum(subject is not None for subject in (case, platform_item, document)) != 1:
        raise ValidationError(_("Choose one case, one platform item or one document."))
    if document is not None and not releasable_documents().filter(pk=document.pk).exists():
        raise ValidationError({"document": _("Choose a document confidential to the DIEF.")})
    release = ConfidentialityRelease(
        case=case,
        platform_item=platform_item,
        document=document,
        meeting=meeting,
        decided_on=decided_on,
        terms=terms.strip(),
        recorded_by=by,
    )
    release.full_clean()
    release._history_user = by
    release._change_reason = "Recorded by the Secretariat"
    release.save()
    if document is not None:
        document.distribution = DocumentDistribution.RESTRICTED
        document.forum = ""
        document.full_clean()
        document._history_user = by
        document._change_reason = "Released from confidentiality by the DIEF participants"
        document.save()
    return release
