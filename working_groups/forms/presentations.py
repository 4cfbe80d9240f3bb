from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class OfferForm(forms.Form):
    """A delegation or an organisation offers to present on one of the meeting's topics."""

    topic = forms.ModelChoiceField(label=_("Topic"), queryset=None)
    summary = forms.CharField(
        label=_("What the presentation covers"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics
        self.fields["topic"].label_from_instance = lambda t: f"{t.phase} — {t.title}"


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("confirm", _("Confirm as presenter")), ("decline", _("Do not retain"))],
        widget=forms.RadioSelect,
    )


class PublishForm(forms.Form):
    """Nothing to fill in; carries the refusal, if any."""
