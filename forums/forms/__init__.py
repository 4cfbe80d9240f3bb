from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from att_portal.directory.models import DIEF_STATUSES, State
from att_portal.fields import StateMultipleChoiceField

from ..enums import Category, Distribution
from ..models import Case, PlatformItem
from ..services.shared import audience_check

SECURITY_REMINDER = _(
    "States are not expected to share information whose disclosure would harm national "
    "security, or that would prejudice ongoing or pending law-enforcement proceedings "
    "(ToR art. 13)."
)


class SharedItemForm(forms.ModelForm):
    # ToR arts. 13 and 19: "any information they deem relevant, in particular" a)-g).
    categories = forms.MultipleChoiceField(
        label=_("Categories of information (ToR art. 19), if any"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    named_states = StateMultipleChoiceField(
        label=_("States that may read it"),
        queryset=State.objects.none(),
        required=False,
        help_text=_("Only with “Only the States I name”. Your own State always sees it."),
    )
    attachment = forms.FileField(
        label=_("Attachment (PDF, PNG or JPEG)"),
        required=False,
        help_text=_("More attachments can be added on the item's page."),
    )

    def __init__(self, *args, provider_state_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.provider_state_id = provider_state_id
        self.fields["named_states"].queryset = (
            State.objects.with_current_status()
            .filter(current_status__in=DIEF_STATUSES)
            .exclude(pk=provider_state_id)
        )
        # One control for who reads it: these two choices, the States picker belonging to
        # the second (templates/forums/cases/_audience.html).
        self.fields["distribution"].widget = forms.RadioSelect(choices=Distribution.choices)
        self.fields["distribution"].label = _("Who may read it")
        if self.instance.pk:
            self.fields.pop("attachment")
            self.initial["categories"] = [c.code for c in self.instance.categories.all()]

    def clean_attachment(self):
        from ..uploads import check_attachment

        uploaded = self.cleaned_data.get("attachment")
        if not uploaded:
            return uploaded
        checked = check_attachment(uploaded)
        self.content_type, self.safe_name = checked.content_type, checked.name
        return checked.file  # what is stored is what was checked (a PDF rewritten)

    def clean(self):
        cleaned = super().clean()
        if "distribution" in cleaned and "named_states" in cleaned:
            # The service's rule, asked here too so that its refusal shows with the others.
            try:
                audience_check(
                    distribution=cleaned["distribution"],
                    named=cleaned["named_states"],
                    provider_state_id=self.provider_state_id,
                )
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def audience(self) -> dict:
        """Who will read the item as the form stands (submitted, else initial), for the
        summary shown before saving (forums/cases/_audience.html; static/js/audience.js
        follows the changes in the browser with the same sentences)."""
        each = gettext("The delegates of %(state)s")
        narrowed = self["distribution"].value() == Distribution.NAMED_STATES
        chosen = {str(pk) for pk in self["named_states"].value() or []}
        names = []
        if narrowed and chosen:
            # The field's own choices: the States it offers, in the reader's order; a
            # submitted value that is no State is simply not among them.
            names = [
                label
                for value, label in self.fields["named_states"].choices
                if str(value) in chosen
            ]
        return {
            "named_value": Distribution.NAMED_STATES.value,
            "narrowed": narrowed,
            "each": each,
            "states": [each % {"state": name} for name in names],
        }


class CaseForm(SharedItemForm):
    class Meta:
        model = Case
        fields = [
            "title",
            "summary",
            "diversion_details",
            "detection_details",
            "detection_timeliness",
            "methods_and_means",
            "actors",
            "investigation",
            "other_subject",
            "distribution",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in [
                "summary",
                "diversion_details",
                "detection_details",
                "methods_and_means",
                "actors",
            ]
        }


class PlatformItemForm(SharedItemForm):
    class Meta:
        model = PlatformItem
        fields = ["title", "summary", "information", "other_subject", "distribution"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "information": forms.Textarea(attrs={"rows": 8}),
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attachment (PDF, PNG or JPEG)"))

    def clean_file(self):
        from ..uploads import check_attachment

        checked = check_attachment(self.cleaned_data["file"])
        self.content_type, self.safe_name = checked.content_type, checked.name
        return checked.file  # what is stored is what was checked (a PDF rewritten)


class SharedItemFilter(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All categories")), *Category.choices], required=False
    )
    mine = forms.BooleanField(label=_("Shared by my State"), required=False)


class UndertakingForm(forms.Form):
    accept = forms.BooleanField(
        label=_(
            "I will keep the discussion and every item marked confidential by its provider "
            "confidential, and I will answer any challenge over a suspected unauthorised "
            "disclosure (DIEF Terms of Reference, art. 15)."
        ),
        error_messages={"required": _("Accept the undertaking to see the case.")},
    )
