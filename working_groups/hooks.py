"""WGETI's entry on the dashboard and its kinds of change history."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from att_portal import registry

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
    registry.add_history_kind("wgeti-ad-hoc-proposal", AdHocIssueProposal)
    registry.add_history_kind("wgeti-offer", PresentationOffer)
    registry.add_history_kind("wgeti-submission", WrittenSubmission)
