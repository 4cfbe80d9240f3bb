from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import names
from .enums import AttStatus, OrganisationKind, RegionalGroup
from .models import User
from .selectors import country_codes_matching


class PersonNameField(forms.CharField):
    """A first or last name: normalised (NFC, single spaces) and checked as the directory
    checks it, with a message that says which character is wrong."""

    default_validators = [names.validate_person_name]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", names.MAX_NAME_LENGTH)
        # A name in Arabic is typed right to left, one in Latin letters left to right.
        kwargs.setdefault("widget", forms.TextInput(attrs={"dir": "auto"}))
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        return names.normalise_person_name(super().to_python(value))


class DelegateInvitationForm(forms.Form):
    first_name = PersonNameField(label=_("First name"))
    last_name = PersonNameField(label=_("Last name"))
    email = forms.EmailField(label=_("E-mail address"))
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    is_law_enforcement = forms.BooleanField(
        label=_("Law-enforcement official"),
        required=False,
        help_text=_("Law-enforcement officials are strongly encouraged to attend the DIEF."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES, initial="en"
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Another account already uses this e-mail address."))
        return email


class PersonNameForm(forms.Form):
    """The name of a person, changed by the Secretariat or their delegation's focal point."""

    first_name = PersonNameField(label=_("First name"), required=False)
    last_name = PersonNameField(label=_("Last name"), required=False)

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors and not (data.get("first_name") or data.get("last_name")):
            raise forms.ValidationError(_("Give the person's first name, last name or both."))
        return data


class StateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or code"), method="filter_name", max_length=100)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AttStatus.choices, field_name="current_status"
    )
    regional_group = django_filters.ChoiceFilter(
        label=_("Regional group"), choices=RegionalGroup.choices
    )

    def filter_name(self, queryset, name, value):
        return queryset.filter(country__in=country_codes_matching(value))


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_name", max_length=100)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)

    def filter_name(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))
