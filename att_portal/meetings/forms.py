from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from att_portal.l10n.content import TranslatedFieldsForm

from .enums import Body


class NominationForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Member of your delegation"), queryset=None)
    sponsorship_requested = forms.BooleanField(label=_("Requests sponsorship"), required=False)
    sponsorship_note = forms.CharField(label=_("Sponsorship note"), max_length=500, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members


class SessionForm(TranslatedFieldsForm, forms.Form):
    translated_fields = ("title",)

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.ChoiceField(
        label=_("Given to"), choices=[("", "—"), *Body.choices], required=False
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
