"""The directory's entries on the dashboard, in the search and in the change history."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from att_portal import access, registry
from att_portal.access import Action

from . import selectors
from .models import Organisation, State, User
from .permissions import is_delegate, is_secretariat


def _delegation(user) -> registry.Area | None:
    if not is_delegate(user):
        return None
    state = user.state
    if access.can(user, Action.MANAGE_MEMBERS, state):
        description = _("Invite and deactivate the members of your delegation.")
    else:
        description = _("The members of your delegation.")
    return registry.Area(_("My delegation"), description, state.get_absolute_url())


def _administration(user) -> registry.Area | None:
    if not is_secretariat(user):
        return None
    return registry.Area(
        _("Administration"),
        _("Accounts, States, meetings and audit trail."),
        reverse("admin:index"),
    )


def register() -> None:
    registry.add_dashboard_panel(60, _delegation)
    registry.add_dashboard_panel(
        70,
        lambda user: registry.Area(
            _("States"),
            _("States and their status under the Treaty."),
            reverse("directory:state_list"),
        ),
    )
    registry.add_dashboard_panel(
        80,
        lambda user: registry.Area(
            _("Organisations"),
            _("Organisations taking part in the ATT process."),
            reverse("directory:organisation_list"),
        ),
    )
    registry.add_dashboard_panel(110, _administration)
    registry.add_search_provider(
        registry.SearchProvider(
            key="states",
            position=20,
            label=_("States"),
            row_template="search/_state.html",
            results=lambda request, text: selectors.states_visible_to(request.user).filter(
                country__in=selectors.country_codes_matching(text)
            ),
        )
    )
    registry.add_search_provider(
        registry.SearchProvider(
            key="organisations",
            position=30,
            label=_("Organisations"),
            row_template="search/_organisation.html",
            results=lambda request, text: selectors.organisations_visible_to(request.user).filter(
                Q(name__icontains=text) | Q(acronym__icontains=text)
            ),
        )
    )
    registry.add_search_provider(
        registry.SearchProvider(
            key="people",
            position=40,
            label=_("People"),
            row_template="search/_person.html",
            results=lambda request, text: selectors.people_visible_to(request.user).filter(
                Q(first_name__icontains=text)
                | Q(last_name__icontains=text)
                | Q(username__icontains=text)
            ),
        )
    )
    registry.add_history_kind("state", State)
    registry.add_history_kind("organisation", Organisation)
    registry.add_history_kind("person", User)
