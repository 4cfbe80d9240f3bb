"""Forms of the bilateral workflows of the DIEF: operational-use discussions (ToR art. 16),
disclosure challenges (art. 15) and law-enforcement contacts (art. 20)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from att_portal import access
from att_portal.directory.forms import PersonNameField
from att_portal.fields import StateChoiceField

from ..enums import Challenger, OperationalPurpose, ProviderPosition
from ..models import Case, LawEnforcementContact, PlatformItem
from ..services.challenges import (
    challengeable_experts,
    challengeable_states,
    challenger_capacities,
)
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


class UsePositionForm(forms.Form):
    """The provider states where it stands in the discussion (art. 16); it may restate
    its position as the discussion goes on."""

    position = forms.ChoiceField(
        label=_("Your State's position"),
        choices=[
            (value, label)
            for value, label in ProviderPosition.choices
            if value != ProviderPosition.AWAITED
        ],
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Conditions or concerns"),
        widget=TEXT,
        required=False,
        max_length=10000,
        help_text=_(
            "Required when your State agrees with conditions or has concerns; leave empty "
            "otherwise."
        ),
    )

    def clean(self):
        data = super().clean()
        details = (data.get("details") or "").strip()
        position = data.get("position")
        if position == ProviderPosition.AGREES_WITH_CONDITIONS and not details:
            self.add_error("details", _("State the conditions."))
        elif position == ProviderPosition.HAS_CONCERNS and not details:
            self.add_error("details", _("State the concerns."))
        elif position == ProviderPosition.AGREES and details:
            self.add_error(
                "details",
                _(
                    "Conditions or concerns go only with an agreement with conditions or "
                    "with concerns."
                ),
            )
        return data


class ChallengeForm(forms.Form):
    capacity = forms.ChoiceField(label=_("Raised by"), choices=())
    challenged_state = StateChoiceField(label=_("Challenged State"), queryset=None, required=False)
    challenged_expert = forms.ModelChoiceField(
        label=_("Or the challenged non-state expert"),
        queryset=None,
        required=False,
        help_text=_("Experts invited under ToR art. 8 are bound by the confidentiality too."),
    )
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
        self.fields["challenged_expert"].queryset = challengeable_experts()
        self.fields["case"].queryset = access.visible(user, Case).order_by("title")
        self.fields["platform_item"].queryset = access.visible(user, PlatformItem).order_by("title")

    def clean(self):
        data = super().clean()
        if data.get("case") and data.get("platform_item"):
            raise forms.ValidationError(_("Refer to one case or one platform item, not both."))
        if bool(data.get("challenged_state")) == bool(data.get("challenged_expert")):
            raise forms.ValidationError(_("Challenge one State or one non-state expert."))
        return data


class ChallengeAnswerForm(forms.Form):
    explanation = forms.CharField(label=_("Explanation"), widget=TEXT, max_length=10000)
    disclosure_acknowledged = forms.TypedChoiceField(
        label=_("Did an unauthorised disclosure occur?"),
        choices=[
            ("yes", _("Yes: an unauthorised disclosure occurred")),
            ("no", _("No unauthorised disclosure occurred")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    remedial_measures = forms.CharField(
        label=_("Remedial measures taken"),
        widget=TEXT,
        required=False,
        max_length=10000,
        help_text=_(
            "Only when a disclosure occurred: the measures taken under your national law "
            "(ToR art. 15)."
        ),
    )


class LawEnforcementContactForm(forms.ModelForm):
    class Meta:
        model = LawEnforcementContact
        fields = ["state", "name", "position", "agency", "email", "phone", "languages", "notes"]
        field_classes = {"state": StateChoiceField, "name": PersonNameField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = contact_states()


class ContactFilterForm(forms.Form):
    state = StateChoiceField(label=_("State"), queryset=None, required=False)

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = states
