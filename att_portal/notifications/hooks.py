"""The notices' entry on the dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from att_portal import registry


def register() -> None:
    registry.add_dashboard_panel(
        90,
        lambda user: registry.Area(
            _("Notices"),
            _("Invitations and reminders addressed to you."),
            reverse("notifications:list"),
        ),
    )
