from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from att_portal.l10n.content import TranslatedFieldsForm


class CycleChoiceForm(forms.Form):
    """Which CSP cycle's sub-working groups to show (a GET form)."""

    cycle = forms.ModelChoiceField(
        label=_("CSP cycle"), queryset=None, to_field_name="number", required=False
    )

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles


class SubWorkingGroupForm(TranslatedFieldsForm, forms.Form):
    """The name and the mandate in English and, optionally, in the other UN languages;
    `cleaned_data["name"]` and `["mandate"]` are {language: text}."""

    translated_fields = ("name", "mandate")

    name = forms.CharField(label=_("Name"), max_length=200)
    facilitators = forms.CharField(
        label=_("Facilitators"),
        max_length=400,
        help_text=_(
            "As announced, e.g. “Ms Essate Weldemichael and Mr Edward Kawa (Sierra Leone)”."
        ),
    )
    mandate = forms.CharField(
        label=_("Mandate"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    position = forms.IntegerField(
        label=_("Order in the list"),
        min_value=0,
        max_value=32767,
        initial=0,
        help_text=_("Groups are listed by this number."),
    )


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
