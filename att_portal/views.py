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

# The search page shows the first rows of each section and counts no further than
# SEARCH_COUNT_LIMIT ("more than 100"): its cost does not grow with what the portal holds.
SEARCH_LIMIT = 10
SEARCH_COUNT_LIMIT = 100


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

    def clean_q(self) -> str:
        # A symbol or name pasted from an Arabic page carries invisible direction marks.
        text = strip_controls(self.cleaned_data["q"]).strip()
        if len(text) < self.fields["q"].min_length:
            raise forms.ValidationError(self.fields["q"].error_messages["min_length"])
        return text


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """One search across what each app registers (documents, meetings, the directory, the
    DIEF, the guides, WGETI …), through the permission layer only: a section a person may
    not use is not even shown. Each section shows its first SEARCH_LIMIT matches and how
    many there are, up to SEARCH_COUNT_LIMIT; sections with matches come first."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    results: dict[str, list] = {}
    counts: dict[str, int | None] = {}
    sections = []
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if query:
        for provider in registry.search_providers():
            queryset = provider.results(request, query)
            if queryset is None:
                continue
            items = list(queryset[:SEARCH_LIMIT])
            # Counted no further than the limit (the database stops there), and always
            # counted, so that the page's queries do not vary with its rows.
            found = queryset.order_by()[: SEARCH_COUNT_LIMIT + 1].count()
            count = found if found <= SEARCH_COUNT_LIMIT else None
            results[provider.key], counts[provider.key] = items, count
            if provider.confidential:
                marking.note(request, *items)
            else:
                marking.note(request, items, listing=True)
            more = count is None or count > len(items)
            sections.append(
                {
                    "provider": provider,
                    "items": items,
                    "count": count,
                    "more": more,
                    "more_url": provider.more_url(query) if more and provider.more_url else "",
                }
            )
    return render(
        request,
        "search.html",
        {
            "form": form,
            "query": request.GET.get("q", "")[:100].replace("\x00", ""),
            "searched": query,
            "results": results,
            "counts": counts,
            "sections": [s for s in sections if s["items"]],
            "empty_sections": [s for s in sections if not s["items"]],
            "shown_limit": SEARCH_LIMIT,
            "count_limit": SEARCH_COUNT_LIMIT,
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
