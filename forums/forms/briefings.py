"""Forms of the oral briefings (ToR art. 22)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from att_portal.directory.models import State
from att_portal.fields import ModelMultipleChoiceField, StateMultipleChoiceField

from ..enums import BriefingAudience, Position
from ..models import CasePresentation


class PresentationChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: CasePresentation) -> str:
        # The case's title only where its reader may see the case; the State otherwise.
        return str(obj.case.provider_state)


class BriefingForm(forms.Form):
    audience = forms.ChoiceField(label=_("Briefing for"), choices=BriefingAudience.choices)
    text = forms.CharField(
        label=_("Text of the briefing"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        help_text=_(
            "General trends and lessons learned only. Nothing attributable to a State "
            "without its consent (ToR art. 22)."
        ),
    )
    objections_due_on = forms.DateField(
        label=_("The States may object until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "The briefing is cleared by consensus when this day has ended (Geneva time) "
            "with no objection standing (ToR art. 22)."
        ),
    )
    based_on = PresentationChoiceField(
        label=_("Presenting States whose cases it is based on"),
        queryset=CasePresentation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A State that presented a case may object to any briefing based on it."),
    )

    attributable_to = StateMultipleChoiceField(
        label=_("States to which passages are attributable"),
        queryset=State.objects.none(),
        required=False,
        help_text=_(
            "Each of them must consent explicitly to the text. The portal adds the States "
            "the text names."
        ),
    )

    def __init__(self, *args, presentations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if presentations is not None:
            self.fields["based_on"].queryset = presentations
        self.fields["attributable_to"].queryset = State.objects.all()


class PositionForm(forms.Form):
    position = forms.ChoiceField(
        label=_("Your State's position"), choices=Position.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for an objection."),
    )

    def clean(self):
        data = super().clean()
        if data.get("position") == Position.OBJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the objection."))
        return data
