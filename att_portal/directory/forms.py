from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .enums import AttStatus, OrganisationKind, RegionalGroup
from .models import User
from .selectors import country_codes_matching


class DelegateInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
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
