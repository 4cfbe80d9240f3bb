from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import SubWorkingGroup


class CycleChoiceForm(forms.Form):
    """Which CSP cycle's sub-working groups to show (a GET form)."""

    cycle = forms.ModelChoiceField(
        label=_("CSP cycle"), queryset=None, to_field_name="number", required=False
    )

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles


class SubWorkingGroupForm(forms.ModelForm):
    class Meta:
        model = SubWorkingGroup
        fields = ["name", "facilitators", "mandate", "position"]
        widgets = {"mandate": forms.Textarea(attrs={"rows": 3})}


class MeetingTopicForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("Workplan topic"), queryset=None)
    sub_working_group = forms.ModelChoiceField(
        label=_("In the sub-working group"), queryset=None, required=False
    )

    def __init__(self, *args, topics, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics
        self.fields["topic"].label_from_instance = lambda t: f"{t.phase} — {t.title}"
        self.fields["sub_working_group"].queryset = groups
        self.fields["sub_working_group"].label_from_instance = lambda g: g.name


class MeetingTopicRemoveForm(forms.Form):
    """Nothing to fill in; carries the refusal, if any."""
