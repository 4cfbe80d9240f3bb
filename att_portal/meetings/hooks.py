"""The meetings' entries on the dashboard, in the search and in the change history."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from att_portal import registry

from . import notices
from .models import CspCycle, Meeting
from .search import meetings_matching
from .selectors import meetings_visible_to


def register() -> None:
    notices.register()  # what their notices are about, on the notices page
    registry.add_dashboard_panel(
        10,
        lambda user: registry.Area(
            _("Meetings"),
            _("Meetings you are invited to or may follow."),
            reverse("meetings:list"),
        ),
    )
    registry.add_dashboard_panel(
        20,
        lambda user: registry.Area(
            _("My deadlines"),
            _("What you or your delegation must do, and by when."),
            reverse("meetings:my_deadlines"),
        ),
    )
    registry.add_dashboard_panel(
        100,
        lambda user: registry.Area(
            _("Calendar"),
            _("Your meetings and deadlines in your own calendar."),
            reverse("meetings:calendar_settings"),
        ),
    )
    registry.add_search_provider(
        registry.SearchProvider(
            key="meetings",
            position=10,
            label=_("Meetings"),
            row_template="search/_meeting.html",
            results=lambda request, text: meetings_matching(
                meetings_visible_to(request.user), text
            ),
        )
    )
    registry.add_history_kind("meeting", Meeting)
    registry.add_history_kind("cycle", CspCycle)
