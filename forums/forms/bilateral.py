"""Forms of the bilateral workflows of the DIEF: operational-use requests (ToR art. 16),
disclosure challenges (art. 15) and law-enforcement contacts (art. 20)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from att_portal import access
from att_portal.fields import StateChoiceField

from ..enums import Challenger, OperationalPurpose, OperationalUseDecision
from ..models import Case, LawEnforcementContact, PlatformItem
from ..services.challenges import challengeable_states, challenger_capacities
from ..services.contacts import contact_states

TEXT = forms.Textarea(attrs={"rows": 4})


class UseRequestForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=OperationalPurpose.choices)
    description = forms.CharField(
        label=_("Intended use"),
        widget=TEXT,
        max_length=10000,
        help_text=_("Which information you would like to use, for what, and with whom."),
    )


class UseMessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=TEXT, max_length=10000)


class UseDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (value, label)
            for value, label in OperationalUseDecision.choices
            if value != OperationalUseDecision.PENDING
        ],
        widget=forms.RadioSelect,
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        widget=TEXT,
        required=False,
        max_length=10000,
        help_text=_("Required when you agree with conditions; leave empty otherwise."),
    )

    def clean(self):
        data = super().clean()
        conditions = (data.get("conditions") or "").strip()
        decision = data.get("decision")
        if decision == OperationalUseDecision.AGREED_WITH_CONDITIONS and not conditions:
            self.add_error("conditions", _("State the conditions of the agreement."))
        elif decision and decision != OperationalUseDecision.AGREED_WITH_CONDITIONS and conditions:
            self.add_error("conditions", _("Conditions go only with an agreement with conditions."))
        return data


class ChallengeForm(forms.Form):
    capacity = forms.ChoiceField(label=_("Raised by"), choices=())
    challenged_state = StateChoiceField(label=_("Challenged State"), queryset=None)
    description = forms.CharField(
        label=_("The suspected disclosure"),
        widget=TEXT,
        max_length=10000,
        help_text=_("What was disclosed, when and where, as far as you know."),
    )
    case = forms.ModelChoiceField(label=_("Case concerned"), queryset=None, required=False)
    platform_item = forms.ModelChoiceField(
        label=_("Platform item concerned"), queryset=None, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        capacities = challenger_capacities(user)
        labels = dict(Challenger.choices)
        self.fields["capacity"].choices = [(c, labels[c]) for c in capacities]
        if len(capacities) <= 1:
            # Nothing to choose: the capacity follows from who raises the challenge.
            del self.fields["capacity"]
        self.fields["challenged_state"].queryset = challengeable_states()
        self.fields["case"].queryset = access.visible(user, Case).order_by("title")
        self.fields["platform_item"].queryset = access.visible(user, PlatformItem).order_by("title")

    def clean(self):
        data = super().clean()
        if data.get("case") and data.get("platform_item"):
            raise forms.ValidationError(_("Refer to one case or one platform item, not both."))
        return data


class ChallengeAnswerForm(forms.Form):
    explanation = forms.CharField(label=_("Explanation"), widget=TEXT, max_length=10000)
    remedial_measures = forms.CharField(
        label=_("Remedial measures taken"),
        widget=TEXT,
        max_length=10000,
        help_text=_("The measures taken under your national law (ToR art. 15)."),
    )


class LawEnforcementContactForm(forms.ModelForm):
    class Meta:
        model = LawEnforcementContact
        fields = ["state", "name", "position", "agency", "email", "phone", "languages", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = contact_states()


class ContactFilterForm(forms.Form):
    state = StateChoiceField(label=_("State"), queryset=None, required=False)

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = states
