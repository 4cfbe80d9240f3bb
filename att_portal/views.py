"""Pages of the portal as a whole: dashboard, search, change history, errors."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from att_portal import access, marking, registry
from att_portal.access import Action
from att_portal.directory.enums import Role
from att_portal.directory.permissions import active_roles
from att_portal.l10n.bidi import strip_controls
from att_portal.meetings.selectors import meetings_visible_to, upcoming_meetings_for

SEARCH_LIMIT = 20


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    upcoming = list(upcoming_meetings_for(user)[:5])
    marking.note(request, upcoming, listing=True)
    return render(
        request,
        "dashboard.html",
        {
            "areas": registry.dashboard_areas(user),
            "roles": [Role(role).label for role in sorted(active_roles(user))],
            "upcoming": upcoming,
            "meeting_count": meetings_visible_to(user).count(),
        },
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the portal"),
        min_length=2,
        max_length=100,
        strip=True,
        error_messages={"min_length": _("Type at least two characters.")},
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """One search across what each app registers (meetings, the directory, the DIEF …),
    through the permission layer only: a section a person may not use is not even shown."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    results: dict[str, list] = {}
    counts: dict[str, int] = {}
    sections = []
    # A symbol or name pasted from an Arabic page carries invisible direction marks.
    query = strip_controls(form.cleaned_data["q"]).strip() if form.is_valid() else ""
    if query:
        for provider in registry.search_providers():
            queryset = provider.results(request, query)
            if queryset is None:
                continue
            counts[provider.key] = queryset.count()
            results[provider.key] = list(queryset[:SEARCH_LIMIT])
            if provider.confidential:
                marking.note(request, *results[provider.key])
            else:
                marking.note(request, results[provider.key], listing=True)
            sections.append(
                {
                    "provider": provider,
                    "items": results[provider.key],
                    "count": counts[provider.key],
                }
            )
    return render(
        request,
        "search.html",
        {
            "form": form,
            "query": request.GET.get("q", "")[:100].replace("\x00", ""),
            "results": results,
            "counts": counts,
            "sections": sections,
        },
    )


@dataclass(frozen=True)
class FieldChange:
    """One changed field of a history record: its name, as the reader calls it, and its old
    and new raw values."""

    field: str
    label: str
    old: object
    new: object

    @classmethod
    def of(cls, model, change) -> FieldChange:
        try:
            label = capfirst(model._meta.get_field(change.field).verbose_name)
        except FieldDoesNotExist:  # a field the model no longer has
            label = change.field
        return cls(field=change.field, label=label, old=change.old, new=change.new)


@login_required
def history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Who changed what and when, for those the policy lets see the object's history."""
    model = registry.history_model(kind)
    if model is None:
        raise Http404
    obj = access.get_visible_or_404(request.user, model, pk=pk)
    access.require(request.user, Action.VIEW_HISTORY, obj)
    marking.note(request, obj)
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-pk")[:200]
    )
    entries = []
    for record, older in zip(records, [*records[1:], None], strict=True):
        changes = record.diff_against(older).changes if older is not None else []
        entries.append({"record": record, "changes": [FieldChange.of(model, c) for c in changes]})
    return render(request, "history.html", {"object": obj, "entries": entries})


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
