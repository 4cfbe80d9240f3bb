"""WGETI's entry on the dashboard, its sections of the search (the guides too) and its kinds
of change history."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from att_portal import registry

from . import search
from .guides import acts as guide_acts
from .guides import search as guide_search
from .models import AdHocIssueProposal, PresentationOffer, WrittenSubmission


def register() -> None:
    registry.add_dashboard_panel(
        50,
        lambda user: registry.Area(
            _("WGETI"),
            _("Working Group on Effective Treaty Implementation."),
            reverse("wgeti:home"),
        ),
    )
    # Search sections: the guides and their paragraphs, proposed revisions, contributions.
    guide_search.register()
    search.register()
    registry.add_history_kind("wgeti-ad-hoc-proposal", AdHocIssueProposal)
    registry.add_history_kind("wgeti-offer", PresentationOffer)
    registry.add_history_kind("wgeti-submission", WrittenSubmission)
    # Comments on proposed revisions of the voluntary guides, while they are open.
    registry.add_deadline_source("guides", guide_acts.acts_for)
