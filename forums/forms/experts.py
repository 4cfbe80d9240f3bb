"""Forms of the non-state expert procedure (ToR art. 8)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from att_portal.directory.forms import PersonNameField

from ..enums import ProceduralDecision

TEXT = forms.Textarea(attrs={"rows": 4})


class ProposalForm(forms.Form):
    expert_name = PersonNameField(label=_("Name of the expert"), max_length=200)
    expert_email = forms.EmailField(
        label=_("E-mail of the expert"),
        help_text=_("If the expert is approved, their account is opened with this address."),
    )
    expert_affiliation = forms.CharField(label=_("Affiliation"), max_length=300)
    expertise = forms.CharField(
        label=_("Expertise"),
        widget=TEXT,
        max_length=10000,
        help_text=_("In investigating, prosecuting, identifying or handling diversion cases."),
    )
    purpose = forms.CharField(
        label=_("Purpose of the participation"), widget=TEXT, max_length=10000
    )


class ObjectionForm(forms.Form):
    # ToR art. 8 asks for no reasons: they are welcome, not required.
    reasons = forms.CharField(
        label=_("Reasons of the objection (optional)"),
        widget=TEXT,
        max_length=10000,
        required=False,
        help_text=_(
            "Your objection opens a consultation with the proposing State; only the two "
            "States and the Secretariat see it."
        ),
    )


class ConsultationMessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=TEXT, max_length=10000)


class CirculateForm(forms.Form):
    """No fields: the Secretariat's button; it carries the refusals of the service."""


class WithdrawObjectionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("My State withdraws its objection to this expert"),
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Procedural decision of the States Parties participating in the meeting"),
        choices=ProceduralDecision.choices,
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )
