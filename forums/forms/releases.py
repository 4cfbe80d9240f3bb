"""The Secretariat's form recording a release from confidentiality (ToR art. 14)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting

from ..models import Case, PlatformItem
from ..services.releases import releasable_documents


class ReleaseForm(forms.Form):
    case = forms.ModelChoiceField(label=_("Case"), queryset=None, required=False)
    platform_item = forms.ModelChoiceField(
        label=_("Or a platform item"), queryset=None, required=False
    )
    document = forms.ModelChoiceField(label=_("Or a document"), queryset=None, required=False)
    meeting = forms.ModelChoiceField(
        label=_("Decided by the participants of the meeting"), queryset=None
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    terms = forms.CharField(
        label=_("Terms of the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=10000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = Case.objects.filter(releases__isnull=True).order_by("title")
        self.fields["platform_item"].queryset = PlatformItem.objects.filter(
            releases__isnull=True
        ).order_by("title")
        self.fields["document"].queryset = releasable_documents()
        self.fields["meeting"].queryset = Meeting.objects.filter(body=Body.DIEF).order_by(
            "-starts_on"
        )

    def clean(self):
        data = super().clean()
        chosen = [name for name in ("case", "platform_item", "document") if data.get(name)]
        if len(chosen) != 1:
            raise forms.ValidationError(_("Choose one case, one platform item or one document."))
        return data
