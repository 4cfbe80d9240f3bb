from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access
from att_portal.access import Action

from . import selectors, services
from .forms import DelegateInvitationForm, OrganisationFilter, PersonNameForm, StateFilter
from .permissions import PersonAction

PAGE_SIZE = 50


def paginate(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def renamable(user, people) -> set[int]:
    """The people of a list whose name `user` may change (a link on their row)."""
    return {person.pk for person in people if access.can(user, PersonAction.RENAME, person)}


@login_required
def state_list(request: HttpRequest) -> HttpResponse:
    states = StateFilter(request.GET, queryset=selectors.states_visible_to(request.user))
    page = paginate(request, states.qs)
    return render(request, "directory/state_list.html", {"filter": states, "page": page})


@login_required
def state_detail(request: HttpRequest, alpha3: str) -> HttpResponse:
    state = selectors.state_by_alpha3(request.user, alpha3)
    members = list(selectors.delegation_members_visible_to(request.user, state))
    return render(
        request,
        "directory/state_detail.html",
        {
            "state": state,
            "status_changes": access.visible(request.user, state.status_changes.all()),
            "members": members,
            "renamable": renamable(request.user, members),
            "may_manage": access.can(request.user, Action.MANAGE_MEMBERS, state),
            "may_view_history": access.can(request.user, Action.VIEW_HISTORY, state),
        },
    )


@login_required
def delegate_invite(request: HttpRequest, alpha3: str) -> HttpResponse:
    state = selectors.state_by_alpha3(request.user, alpha3)
    if not access.can(request.user, Action.MANAGE_MEMBERS, state):
        raise PermissionDenied
    form = DelegateInvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.delegate_invite(by=request.user, state=state, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s is invited; an e-mail with a sign-in link is on its way.")
                % {"name": person},
            )
            return redirect(state)
    return render(request, "directory/delegate_invite.html", {"state": state, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def delegate_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivating a member asks first: a page says who loses access and what follows, and
    only its own form (which says `confirmed`) deactivates. Any other request shows the page
    and changes nothing."""
    person = access.get_visible_or_404(
        request.user, selectors.people_visible_to(request.user), pk=pk
    )
    access.require(request.user, Action.MANAGE_MEMBERS, person)
    back = person_page(person)
    if not person.is_active:
        messages.info(request, _("%(name)s is already deactivated.") % {"name": person})
        return redirect(back)
    if request.method == "POST" and request.POST.get("confirmed") == "yes":
        services.delegate_set_active(by=request.user, person=person, active=False)
        messages.success(request, _("%(name)s can no longer sign in.") % {"name": person})
        return redirect(back)
    return render(
        request,
        "directory/person_deactivate.html",
        {"person": person, "back": back, "roles": person.current_roles},
    )


@login_required
@require_POST
def delegate_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_visible_or_404(
        request.user, selectors.people_visible_to(request.user), pk=pk
    )
    services.delegate_set_active(by=request.user, person=person, active=True)
    if request.htmx:
        return render(
            request,
            "directory/_member_row.html",
            {
                "person": person,
                "may_manage": True,
                "renamable": renamable(request.user, [person]),
            },
        )
    messages.success(request, _("%(name)s can sign in again.") % {"name": person})
    return redirect(person_page(person))


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = OrganisationFilter(
        request.GET, queryset=selectors.organisations_visible_to(request.user)
    )
    page = paginate(request, organisations.qs)
    return render(
        request, "directory/organisation_list.html", {"filter": organisations, "page": page}
    )


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access.get_visible_or_404(
        request.user, selectors.organisations_visible_to(request.user), pk=pk
    )
    members = list(selectors.people_visible_to(request.user).filter(organisation=organisation))
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "members": members,
            "renamable": renamable(request.user, members),
            "may_view_history": access.can(request.user, Action.VIEW_HISTORY, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_rename(request: HttpRequest, pk: int) -> HttpResponse:
    """The Secretariat, or the focal point of the person's delegation, changes a name."""
    person = access.get_visible_or_404(
        request.user, selectors.people_visible_to(request.user), pk=pk
    )
    access.require(request.user, PersonAction.RENAME, person)
    form = PersonNameForm(
        request.POST if request.method == "POST" else None,
        initial={"first_name": person.first_name, "last_name": person.last_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_rename(by=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The name is now %(name)s.") % {"name": person})
            return redirect(person_page(person))
    return render(
        request,
        "directory/person_rename.html",
        {
            "person": person,
            "form": form,
            "back": person_page(person),
            "may_view_history": access.can(request.user, Action.VIEW_HISTORY, person),
        },
    )


def person_page(person) -> str:
    """Where the directory lists the person: their delegation or organisation; Secretariat
    staff are listed nowhere, so back to the form, which shows the name."""
    if person.state_id:
        return person.state.get_absolute_url()
    if person.organisation_id:
        return person.organisation.get_absolute_url()
    return reverse("directory:person_rename", args=[person.pk])
