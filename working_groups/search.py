"""WGETI's contributions in the portal's search: proposals of ad hoc issues, offers to
present national practice and written submissions — each word typed found, in any
order, in its texts or in the name of the State or organisation that sent it. Each
reaches only those who may see it where it is listed (its authors and the officers
until the Chair takes it up, confirms or publishes it), through the same selectors."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from att_portal import access, registry
from att_portal.directory.selectors import country_codes_matching
from att_portal.l10n.content import LANGUAGE_CODES, field_name
from att_portal.meetings.enums import CallKind
from att_portal.meetings.models import Meeting, MeetingCall
from att_portal.search_text import any_field, every_word

from .models import AdHocIssueProposal, MeetingTopic, PresentationOffer, WrittenSubmission
from .selectors.calls import WGETI_BODIES, proposals_visible_to


def _contributor_q(word: str) -> Q:
    """The State (by its name in the reader's language or in English, or its code) or the
    organisation (by its name or acronym) that sent it."""
    found = any_field(("organisation__name", "organisation__acronym"), word)
    codes = country_codes_matching(word)
    if codes:
        found |= Q(state__country__in=codes)
    return found


def _words(text: str, fields: tuple[str, ...]) -> Q:
    return every_word(text, lambda word: any_field(fields, word) | _contributor_q(word))


def ad_hoc_proposals_matching(request, text: str) -> QuerySet[AdHocIssueProposal]:
    fields = ("title", "memorandum", "guiding_questions", "moderator")
    return (
        proposals_visible_to(request.user)
        .prefetch_related(None)
        .filter(_words(text, fields))
        .order_by("-submitted_at", "-pk")
    )


def offers_matching(request, text: str) -> QuerySet[PresentationOffer]:
    """Offers on the topics their meeting takes up: those its page lists."""
    meetings = access.visible(request.user, Meeting).filter(body__in=WGETI_BODIES)
    topic_titles = tuple(f"topic__{field_name('title', code)}" for code in LANGUAGE_CODES)
    taken_up = MeetingTopic.objects.filter(meeting=OuterRef("meeting"), topic=OuterRef("topic"))
    return (
        access.visible(request.user, PresentationOffer)
        .filter(
            _words(text, ("summary", *topic_titles)),
            Exists(taken_up),
            meeting__in=meetings.values("pk"),
        )
        .select_related("meeting", "topic", "state", "organisation")
        .order_by("-submitted_at", "-pk")
    )


def submissions_matching(request, text: str) -> QuerySet[WrittenSubmission]:
    calls = access.visible(request.user, MeetingCall).filter(
        kind=CallKind.WRITTEN_COMMENTS, meeting__body__in=WGETI_BODIES
    )
    return (
        access.visible(request.user, WrittenSubmission)
        .filter(_words(text, ("text", "document__symbol")), call__in=calls.values("pk"))
        .select_related("call__meeting", "document", "state", "organisation")
        .order_by("-submitted_at", "-pk")
    )


def register() -> None:
    for provider in (
        registry.SearchProvider(
            key="wgeti-ad-hoc-proposals",
            position=80,
            label=_("Proposals of ad hoc issues"),
            row_template="search/_ad_hoc_proposal.html",
            results=ad_hoc_proposals_matching,
        ),
        registry.SearchProvider(
            key="wgeti-offers",
            position=82,
            label=_("Offers to present national practice"),
            row_template="search/_presentation_offer.html",
            results=offers_matching,
        ),
        registry.SearchProvider(
            key="wgeti-submissions",
            position=84,
            label=_("Written submissions to WGETI"),
            row_template="search/_written_submission.html",
            results=submissions_matching,
        ),
    ):
        registry.add_search_provider(provider)
