from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from att_portal.directory.models import State
from att_portal.fields import StateMultipleChoiceField
from att_portal.l10n.bidi import strip_controls
from att_portal.l10n.content import TranslatedFieldsForm
from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle

from .enums import AuthorOffice, Distribution, DocumentType, UnLanguage
from .selectors import documents_matching


class DateRangeWidget(django_filters.widgets.RangeWidget):
    """The two dates of a range, each with a name of its own ("from", "to") for screen
    readers: the range's label names the pair, as the legend of their fieldset."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "date", **(attrs or {})})
        self.widgets[0].attrs["aria-label"] = pgettext_lazy("start of a date range", "from")
        self.widgets[1].attrs["aria-label"] = pgettext_lazy("end of a date range", "to")


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Words or symbol"), method="search", max_length=200)
    cycle = django_filters.ModelChoiceFilter(label=_("CSP cycle"), queryset=CspCycle.objects.all())
    body = django_filters.ChoiceFilter(label=_("Body"), choices=Body.choices)
    doc_type = django_filters.CharFilter(label=_("Type"), lookup_expr="iexact", max_length=40)
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=UnLanguage.choices, method="in_language"
    )
    issued = django_filters.DateFromToRangeFilter(
        label=_("Date of issue (from, to)"),
        field_name="issued_on",
        widget=DateRangeWidget(),
    )

    def search(self, queryset, name, value):
        return documents_matching(queryset, value)

    def in_language(self, queryset, name, value):
        """Documents that have a current file in the language (not a withdrawn one)."""
        from django.db.models import Exists, OuterRef

        from .models import LanguageVersion

        current = LanguageVersion.objects.current().filter(document=OuterRef("pk"), language=value)
        return queryset.filter(Exists(current))


class LanguageVersionForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=UnLanguage.choices)
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX or ODT)"))

    def clean_file(self):
        from .uploads import check_upload

        checked = check_upload(self.cleaned_data["file"])
        self.content_type, self.safe_name = checked.content_type, checked.name
        return checked.file  # what is stored is what was checked (a PDF rewritten)


class AgendaItemTextsForm(TranslatedFieldsForm, forms.Form):
    """An item's texts: in English and, where the Chair has them, in the other UN
    languages (also how the Chair adds or corrects a language later)."""

    translated_fields = ("title", "annotation")

    title = forms.CharField(label=_("Title"), max_length=300)
    annotation = forms.CharField(
        label=_("Annotation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    presenters = forms.CharField(label=_("Presenters"), max_length=500, required=False)


class SessionChoiceField(forms.ModelChoiceField):
    """Sessions told apart by their day and hours, not only by their (often equal) titles."""

    def label_from_instance(self, obj) -> str:
        from .agenda import session_label

        return session_label(obj)


class AgendaItemForm(AgendaItemTextsForm):
    """An item's texts, and where it goes: a new item, or one changed in place (`item`)."""

    parent = forms.ModelChoiceField(
        label=_("Parent item (for a sub-item)"), queryset=None, required=False
    )
    session = SessionChoiceField(label=_("Session"), queryset=None, required=False)

    def __init__(self, *args, agenda, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        from att_portal.meetings.models import MeetingSession

        from .models import AgendaItem

        parents = (
            AgendaItem.objects.filter(agenda=agenda, parent__isnull=True)
            if agenda.pk
            else AgendaItem.objects.none()
        )
        if item is not None:
            parents = parents.exclude(pk=item.pk)
        self.fields["parent"].queryset = parents
        self.fields["session"].queryset = MeetingSession.objects.filter(
            meeting=agenda.meeting
        ).select_related("meeting")


class DocumentRegisterForm(TranslatedFieldsForm, forms.Form):
    translated_fields = ("title",)

    title = forms.CharField(label=_("Title"), max_length=400)
    cycle = forms.ModelChoiceField(label=_("CSP cycle"), queryset=CspCycle.objects.all())
    body = forms.ChoiceField(
        label=_("Body"), choices=[("", _("Plenary")), *Body.choices], required=False
    )
    doc_type = forms.ChoiceField(label=_("Type"), choices=lambda: type_choices())
    issued_on = forms.DateField(
        label=_("Issued on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    author_office = forms.ChoiceField(
        label=_("Author"),
        required=False,
        choices=[("", _("States (below)")), *AuthorOffice.choices],
    )
    author_states = StateMultipleChoiceField(
        label=_("Authoring States"),
        required=False,
        queryset=State.objects.all(),
        help_text=_("For a paper of one or more States."),
    )
    original_language = forms.ChoiceField(
        label=_("Original language"), choices=UnLanguage.choices, initial="en"
    )
    distribution = forms.ChoiceField(label=_("Distribution"), choices=Distribution.choices)
    forum = forms.ChoiceField(
        label=_("Confidential to"),
        required=False,
        choices=[("", "—"), (Body.DIEF, Body.DIEF.label)],
    )

    def clean(self):
        data = super().clean()
        if not data.get("author_office") and not data.get("author_states"):
            raise forms.ValidationError(_("Name the author: an office or one or more States."))
        if data.get("author_office") and data.get("author_states"):
            raise forms.ValidationError(_("A document is by an office or by States, not both."))
        if data.get("distribution") == Distribution.CONFIDENTIAL and not data.get("forum"):
            self.add_error("forum", _("A confidential document names its forum."))
        return data


def type_choices() -> list[tuple[str, str]]:
    """The types of new documents, in words with the code the symbol will carry."""
    return [
        (value, _("%(type)s (%(code)s)") % {"type": label, "code": value})
        for value, label in DocumentType.choices
    ]


class DistributionFields(forms.Form):
    """Who may read the document (DIEF ToR arts. 14, 23)."""

    distribution = forms.ChoiceField(label=_("Distribution"), choices=Distribution.choices)
    forum = forms.ChoiceField(
        label=_("Confidential to"),
        required=False,
        choices=[("", "—"), (Body.DIEF, Body.DIEF.label)],
    )

    def clean(self):
        data = super().clean()
        if data.get("distribution") == Distribution.CONFIDENTIAL and not data.get("forum"):
            self.add_error("forum", _("A confidential document names its forum."))
        return data


class DocumentRegisterExistingForm(TranslatedFieldsForm, DistributionFields):
    """A document issued before the portal (or outside it), under the symbol it carries:
    the symbol gives its cycle, body, year, authors, number, type and revision."""

    translated_fields = ("title",)

    symbol = forms.CharField(
        label=_("Symbol"),
        max_length=120,
        help_text=_(
            "As printed on the document, e.g. ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep or "
            "ATT/CSP11/2025/SEC/834/Conf.FinRep/Rev."
        ),
        widget=forms.TextInput(attrs={"dir": "ltr", "spellcheck": "false"}),
    )
    title = forms.CharField(label=_("Title"), max_length=400)
    issued_on = forms.DateField(
        label=_("Issued on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    original_language = forms.ChoiceField(
        label=_("Original language"), choices=UnLanguage.choices, initial="en"
    )
    field_order = ["symbol", "title", "issued_on", "original_language", "distribution", "forum"]

    def clean_symbol(self):
        from .services import symbol_read

        text = strip_controls(self.cleaned_data["symbol"]).strip()
        try:
            self.parsed_symbol = symbol_read(text)
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["symbol"]) from exc
        return text


class DocumentReviseForm(TranslatedFieldsForm, forms.Form):
    """A revision: its issue date and title (by default the original's, in every
    language)."""

    translated_fields = ("title",)

    title = forms.CharField(label=_("Title"), max_length=400)
    issued_on = forms.DateField(
        label=_("Issued on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class AnnexAttachForm(forms.Form):
    annex = forms.CharField(
        label=_("Symbol of the annex or appendix"),
        max_length=120,
        help_text=_("A document already in the register."),
        widget=forms.TextInput(attrs={"dir": "ltr", "spellcheck": "false"}),
    )
    label = forms.CharField(
        label=_("Label"), max_length=40, help_text=_("E.g. Annex A, Appendix 3.")
    )

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = documents

    def clean_annex(self):
        text = strip_controls(self.cleaned_data["annex"]).strip()
        document = self.documents.filter(symbol=text).first() if self.documents else None
        if document is None:
            raise forms.ValidationError(
                _("No document with the symbol %(symbol)s is in the register."),
                params={"symbol": text},
            )
        return document


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the language's history."),
    )
