from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle

from .enums import UnLanguage
from .selectors import documents_matching


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Words or symbol"), method="search", max_length=200)
    cycle = django_filters.ModelChoiceFilter(label=_("CSP cycle"), queryset=CspCycle.objects.all())
    body = django_filters.ChoiceFilter(label=_("Body"), choices=Body.choices)
    doc_type = django_filters.CharFilter(label=_("Type"), lookup_expr="iexact", max_length=40)
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=UnLanguage.choices,
        field_name="versions__language",
        distinct=True,
    )
    issued = django_filters.DateFromToRangeFilter(
        label=_("Issued between"),
        field_name="issued_on",
        widget=django_filters.widgets.RangeWidget(attrs={"type": "date"}),
    )

    def search(self, queryset, name, value):
        return documents_matching(queryset, value)


class LanguageVersionForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=UnLanguage.choices)
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX or ODT)"))

    def clean_file(self):
        from .uploads import check_upload

        uploaded = self.cleaned_data["file"]
        self.content_type, self.safe_name = check_upload(uploaded)
        return uploaded
