"""The register's entry on the dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from att_portal import registry


def register() -> None:
    registry.add_dashboard_panel(
        30,
        lambda user: registry.Area(
            _("Documents"),
            _("Official documents, their language versions and agendas."),
            reverse("documents:list"),
        ),
    )
