"""Forms of the calls for ad hoc issues: the call, a proposal with its speakers (at most
three, seed 004) and the Chair's decision."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from att_portal.directory.forms import PersonNameField
from att_portal.l10n.content import DEFAULT_LANGUAGE, TranslatedFieldsForm, in_each_language

from ..models import MAX_SPEAKERS, SubWorkingGroup
from ..services.calls import REASON_REQUIRED, SPEAKER_UNNAMED, TOO_MANY_SPEAKERS

TEXT = forms.Textarea(attrs={"rows": 4})
DATE = forms.DateInput(attrs={"type": "date"})


DEFAULT_CALL_TITLE = _("Proposals of ad hoc issues")


def _default_call_titles() -> dict[str, str]:
    """The usual title in English and in each language the catalogue translates it to."""
    texts = in_each_language(lambda: DEFAULT_CALL_TITLE)
    english = texts[DEFAULT_LANGUAGE]
    return {
        lang: text for lang, text in texts.items() if lang == DEFAULT_LANGUAGE or text != english
    }


class CallForm(TranslatedFieldsForm, forms.Form):
    """The call's title in English and, optionally, the other UN languages
    (`cleaned_data["title"]` is {language: text})."""

    translated_fields = ("title",)

    title = forms.CharField(label=_("Title"), max_length=250)
    issued_by = forms.CharField(
        label=_("Issued by"),
        max_length=200,
        required=False,
        help_text=_("As the letter names the sender, e.g. “CSP12 President” or “WGETI Chair”."),
    )
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    due_on = forms.DateField(
        label=_("Proposals due on"),
        widget=DATE,
        help_text=_("Proposals are accepted until the end of this day, Geneva time."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial_translations", {"title": _default_call_titles()})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        issued_on, due_on = cleaned.get("issued_on"), cleaned.get("due_on")
        if issued_on and due_on and due_on < issued_on:
            self.add_error("due_on", _("A call cannot be due before it is issued."))
        return cleaned


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Issue"), max_length=300)
    memorandum = forms.CharField(label=_("Explanatory memorandum"), widget=TEXT, max_length=20000)
    guiding_questions = forms.CharField(
        label=_("Guiding questions"),
        widget=TEXT,
        max_length=10000,
        required=False,
        help_text=_("If you have questions for the delegations to consider."),
    )
    moderator = forms.CharField(
        label=_("Moderator or chair"),
        max_length=300,
        required=False,
        help_text=_(
            "Who would moderate or chair the discussion, if you propose someone (e.g. "
            "“Panama”). A moderator is not one of the three speakers."
        ),
    )
    moderator_to_be_confirmed = forms.BooleanField(
        label=_("Moderator to be confirmed"), required=False
    )
    sub_working_group = forms.ModelChoiceField(
        label=_("For the sub-working group"),
        queryset=SubWorkingGroup.objects.none(),
        required=False,
    )

    def __init__(self, *args, sub_working_groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sub_working_groups is not None:
            self.fields["sub_working_group"].queryset = sub_working_groups


class SpeakerForm(forms.Form):
    name = PersonNameField(label=_("Name"), max_length=200, required=False)
    title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    affiliation = forms.CharField(label=_("Affiliation"), max_length=300, required=False)
    to_be_confirmed = forms.BooleanField(label=_("To be confirmed"), required=False)

    def clean(self):
        cleaned = super().clean()
        if "name" in self.errors:
            return cleaned  # a name given but refused: its own message says why
        if not cleaned.get("name", "").strip() and not cleaned.get("to_be_confirmed"):
            self.add_error("name", SPEAKER_UNNAMED)
        return cleaned


class BaseSpeakerFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": TOO_MANY_SPEAKERS,
    }


SpeakerFormSet = formset_factory(
    SpeakerForm,
    formset=BaseSpeakerFormSet,
    extra=MAX_SPEAKERS,
    max_num=MAX_SPEAKERS,
    validate_max=True,
)


def speakers_of(formset) -> list[dict]:
    """The speakers filled in, in order; blank rows are left out."""
    return [form.cleaned_data for form in formset.forms if form.has_changed()]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Take up the issue")), ("decline", _("Leave the issue aside"))],
        widget=forms.RadioSelect,
    )
    sub_working_group = forms.ModelChoiceField(
        label=_("Sub-working group"),
        queryset=SubWorkingGroup.objects.none(),
        required=False,
        help_text=_("The accepted issue is taken up there."),
    )
    note = forms.CharField(
        label=_("Note on the decision"),
        widget=TEXT,
        required=False,
        max_length=10000,
        help_text=_("Required when the issue is left aside: say why."),
    )

    def __init__(self, *args, sub_working_groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sub_working_groups is not None:
            self.fields["sub_working_group"].queryset = sub_working_groups

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("note", "").strip():
            self.add_error("note", REASON_REQUIRED)
        return cleaned


class SpeakerNameForm(forms.Form):
    """Name a speaker proposed "to be confirmed"."""

    name = PersonNameField(label=_("Name"), max_length=200)
    title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    affiliation = forms.CharField(label=_("Affiliation"), max_length=300, required=False)
