"""Law-enforcement contacts (ToR art. 20): read by States Parties' and signatories'
delegates; entered and kept up to date by the Secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access, marking
from att_portal.access import Action
from att_portal.directory.models import State
from att_portal.directory.un_names import by_name
from att_portal.refusals import add_refusal

from ..forms.bilateral import ContactFilterForm, LawEnforcementContactForm
from ..models import LawEnforcementContact
from ..services.contacts import law_enforcement_contact_delete, law_enforcement_contact_save


def contact_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = access.visible(user, LawEnforcementContact)
    states = State.objects.filter(pk__in=visible.values("state_id")).order_by(by_name())
    filter_form = ContactFilterForm(request.GET or None, states=states)
    contacts = visible.select_related("state").order_by(by_name("state__country"), "name")
    if filter_form.is_valid() and filter_form.cleaned_data["state"]:
        contacts = contacts.filter(state=filter_form.cleaned_data["state"])
    contacts = list(contacts)
    marking.note(request, contacts)
    return render(
        request,
        "forums/contacts/list.html",
        {
            "contacts": contacts,
            "filter_form": filter_form,
            "may_change": access.can(user, Action.CHANGE, LawEnforcementContact()),
        },
    )


def _form_page(request, form, contact=None) -> HttpResponse:
    return render(
        request,
        "forums/contacts/form.html",
        {
            "form": form,
            "contact": contact,
            "may_see_history": contact is not None
            and access.can(request.user, Action.VIEW_HISTORY, contact),
        },
    )


def _save(request, form) -> HttpResponse | None:
    if not form.is_valid():
        return None
    try:
        law_enforcement_contact_save(by=request.user, contact=form.instance)
    except ValidationError as exc:
        add_refusal(form, exc)
        return None
    messages.success(request, _("The contact is saved."))
    return redirect("dief:contact_list")


@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    # Contacts reach the forum via the Secretariat (art. 20): the policy's CHANGE rule.
    if not access.can(request.user, Action.CHANGE, LawEnforcementContact()):
        raise PermissionDenied
    form = LawEnforcementContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and (response := _save(request, form)):
        return response
    return _form_page(request, form)


@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = access.get_visible_or_404(request.user, LawEnforcementContact, pk=pk)
    access.require(request.user, Action.CHANGE, contact)
    marking.note(request, contact)
    form = LawEnforcementContactForm(
        request.POST if request.method == "POST" else None, instance=contact
    )
    if request.method == "POST" and (response := _save(request, form)):
        return response
    return _form_page(request, form, contact)


@require_POST
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    contact = access.get_visible_or_404(request.user, LawEnforcementContact, pk=pk)
    access.require(request.user, Action.CHANGE, contact)
    law_enforcement_contact_delete(by=request.user, contact=contact)
    messages.success(request, _("The contact is removed."))
    return redirect("dief:contact_list")


urls = [
    path("contacts/", contact_list, name="contact_list"),
    path("contacts/new/", contact_new, name="contact_new"),
    path("contacts/<id:pk>/edit/", contact_edit, name="contact_edit"),
    path("contacts/<id:pk>/delete/", contact_delete, name="contact_delete"),
]
