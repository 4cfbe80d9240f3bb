from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import SubmissionKind


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SubmissionKind.choices)
    document = forms.ModelChoiceField(
        label=_("On the document"),
        queryset=None,
        required=False,
        help_text=_("The working paper or guide you comment on, if it is in the portal."),
    )
    text = forms.CharField(
        label=_("Text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["document"].label_from_instance = lambda d: f"{d.symbol} — {d.title}"


class PublishForm(forms.Form):
    """Nothing to fill in; carries the refusal, if any."""
