"""The DIEF's entries on the dashboard, in the navigation, in the search and in the change
history — each only for those the forum admits (ToR arts. 6 and 14)."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from att_portal import marking, navigation, registry, stored_files
from att_portal.directory.permissions import is_dief_participant
from att_portal.l10n.content import localized
from att_portal.l10n.dates import un_date_range, un_datetime

from . import acts, models, notices, selectors
from .permissions import may_enter_dief
from .selectors.invitations import expert_invitations
from .selectors.presentations import acting_states


def _dief(user) -> registry.Area | None:
    if not may_enter_dief(user):
        return None
    details, links = _expert_invitations(user)
    return registry.Area(
        _("Diversion Information Exchange Forum"),
        _("Confidential exchanges among States Parties and signatories."),
        reverse("dief:home"),
        details=details,
        links=links,
    )


def _expert_invitations(user) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """For an admitted non-state expert, each meeting's title, dates and venue and where
    the confidentiality undertaking stands, with a link to it (ToR arts. 8, 9, 15)."""
    if is_dief_participant(user):
        return (), ()
    details: list[str] = []
    links: list[tuple[str, str]] = []
    for invitation in expert_invitations(user):
        meeting = invitation.meeting
        venue = localized(meeting, "venue")[0] if meeting.has_venue else gettext("To be announced")
        details.append(
            gettext("Invited as a non-state expert: %(meeting)s, %(dates)s, %(venue)s")
            % {
                "meeting": localized(meeting, "title")[0],
                "dates": un_date_range(meeting.starts_on, meeting.ends_on),
                "venue": venue,
            }
        )
        if meeting.is_cancelled:
            details.append(gettext("The meeting is cancelled."))
        if invitation.undertaking_accepted_at:
            details.append(
                gettext("Confidentiality undertaking accepted on %(when)s")
                % {"when": un_datetime(invitation.undertaking_accepted_at)}
            )
        else:
            details.append(gettext("Confidentiality undertaking not accepted yet"))
        links.append((gettext("Confidentiality undertaking"), invitation.undertaking_url))
    return tuple(details), tuple(links)


def _matching(selector):
    """Search DIEF material only for the forum's participants, after the second factor."""

    def results(request, text):
        user = request.user
        if not is_dief_participant(user) or marking.lacks_second_factor(request):
            return None
        return selector(user).filter(Q(title__icontains=text) | Q(summary__icontains=text))

    return results


def _attachments():
    return models.Attachment.objects.order_by("pk")


def _check_attachment_file(data: bytes) -> tuple[str, frozenset[str]]:
    from .uploads import check_attachment_content

    content_type, _cleaned, stripped = check_attachment_content(data)
    return content_type, stripped


def _describe_attachment(attachment) -> str:
    """The item it belongs to, by number only: titles are confidential."""
    if attachment.case_id:
        return f"case {attachment.case_id}"
    return f"platform item {attachment.platform_item_id}"


def register() -> None:
    notices.register()  # what their notices are about, on the notices page
    navigation.register("dief", may_enter_dief)
    stored_files.register(
        stored_files.StoredFileKind(
            key="dief-attachment",
            rows=_attachments,
            check=_check_attachment_file,
            describe=_describe_attachment,
        )
    )
    registry.add_dashboard_panel(40, _dief)
    registry.add_search_provider(
        registry.SearchProvider(
            key="cases",
            position=50,
            label=_("DIEF cases"),
            row_template="search/_dief_item.html",
            results=_matching(selectors.cases_visible_to),
            confidential=True,
        )
    )
    registry.add_search_provider(
        registry.SearchProvider(
            key="platform",
            position=60,
            label=_("DIEF information exchange platform"),
            row_template="search/_dief_item.html",
            results=_matching(selectors.platform_items_visible_to),
            confidential=True,
        )
    )
    # Each policy keeps the history as narrow as the object (ToR arts. 14-16, 22).
    for kind, model in {
        "case": models.Case,
        "platform-item": models.PlatformItem,
        "presentation": models.CasePresentation,
        "presentation-intention": models.PresentationIntention,
        "concerned-state": models.ConcernedState,
        "use-request": models.OperationalUseRequest,
        "challenge": models.DisclosureChallenge,
        "law-enforcement-contact": models.LawEnforcementContact,
        "briefing": models.Briefing,
        "briefing-position": models.BriefingPosition,
        "expert-proposal": models.ExpertProposal,
        "expert-objection": models.ExpertObjection,
        "confidentiality-release": models.ConfidentialityRelease,
    }.items():
        registry.add_history_kind(kind, model)
    # What the forum asks of each State, with its date (ToR arts. 8, 12, 22).
    registry.add_deadline_source("dief", acts.acts_for)
    registry.add_acting_states("dief", acting_states)
