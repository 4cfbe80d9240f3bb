"""Forms of the letters and reports the Chairs compose (texts in English, the other UN
languages optional)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from att_portal.l10n.content import TranslatedFieldsForm
from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle

from .enums import AuthorOffice, Distribution, DocumentType, ReportConclusion, UnLanguage
from .forms import LanguageVersionForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COMPOSING_BODIES = [(Body.DIEF, Body.DIEF.label), (Body.WGETI, Body.WGETI.label)]


class LetterForm(TranslatedFieldsForm, forms.Form):
    translated_fields = ("title", "addressees", "place", "text", "signature")

    title = forms.CharField(label=_("Title in the register"), max_length=400)
    dated_on = forms.DateField(label=_("Date of the letter"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=120, help_text=_("E.g. Geneva."))
    addressees = forms.CharField(
        label=_("Addressees"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. To: All States Parties and signatory States."),
    )
    text = forms.CharField(
        label=_("Text of the letter"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Separate paragraphs with an empty line."),
    )
    signature = forms.CharField(
        label=_("Signature block"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Name and office, one per line."),
    )


class LetterComposeForm(LetterForm):
    """A new letter: also its body, cycle and distribution (fixed once registered)."""

    field_order = ["body", "cycle", "distribution", "author_office"]

    body = forms.ChoiceField(label=_("Body"), choices=COMPOSING_BODIES)
    cycle = forms.ModelChoiceField(label=_("CSP cycle"), queryset=CspCycle.objects.all())
    distribution = forms.ChoiceField(
        label=_("Distribution"),
        choices=[c for c in Distribution.choices if c[0] != Distribution.CONFIDENTIAL],
        initial=Distribution.RESTRICTED,
        help_text=_("A DIEF letter is always confidential to the DIEF."),
    )
    author_office = forms.ChoiceField(
        label=_("Written by"),
        choices=[(AuthorOffice.CHAIR, _("the Chair")), (AuthorOffice.SEC, _("the Secretariat"))],
    )

    def __init__(self, *args, bodies: list[str], secretariat: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [c for c in COMPOSING_BODIES if c[0] in bodies]
        if not secretariat:
            del self.fields["author_office"]


class LetterAnnexForm(TranslatedFieldsForm, LanguageVersionForm):
    """A new annex of the letter: registered, attached under its label, with its file."""

    translated_fields = ("title",)
    field_order = ["label", "title", "doc_type", "language", "file"]

    label = forms.CharField(
        label=_("Label"), max_length=40, help_text=_("E.g. Annex A, Annex B-1, Appendix 3.")
    )
    title = forms.CharField(label=_("Title"), max_length=400)
    doc_type = forms.ChoiceField(
        label=_("Type"),
        choices=[(c, label) for c, label in DocumentType.choices if c != DocumentType.AGENDA],
        initial=DocumentType.CONF_WP,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = UnLanguage.EN


class ChairReportCreateForm(TranslatedFieldsForm, forms.Form):
    translated_fields = ("title",)

    body = forms.ChoiceField(label=_("Body"), choices=COMPOSING_BODIES)
    cycle = forms.ModelChoiceField(label=_("CSP cycle"), queryset=CspCycle.objects.all())
    title = forms.CharField(label=_("Title"), max_length=400)
    distribution = forms.ChoiceField(
        label=_("Distribution"), choices=Distribution.choices, initial=Distribution.RESTRICTED
    )

    def __init__(self, *args, bodies: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [c for c in COMPOSING_BODIES if c[0] in bodies]


class ChairReportForm(TranslatedFieldsForm, forms.Form):
    translated_fields = ("title", "recommendations")

    title = forms.CharField(label=_("Title"), max_length=400)
    distribution = forms.ChoiceField(label=_("Distribution"), choices=Distribution.choices)
    conclusion = forms.ChoiceField(
        label=_("The report ends with"), choices=ReportConclusion.choices
    )
    recommendations = forms.CharField(
        label=_("Recommendations or draft decision"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line; the PDF numbers them 1), 2), …"),
    )


class ReportSectionForm(TranslatedFieldsForm, forms.Form):
    translated_fields = ("heading", "text")

    annex_label = forms.CharField(
        label=_("Annex"),
        max_length=40,
        required=False,
        help_text=_("Leave empty for a section of the report; e.g. Annex for an annex."),
    )
    heading = forms.CharField(label=_("Heading"), max_length=300)
    text = forms.CharField(
        label=_("Paragraphs"),
        max_length=100000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Separate paragraphs with an empty line; the report's paragraphs are numbered "
            "on across its sections, an annex's from 1."
        ),
    )


class ReportIssueForm(forms.Form):
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    languages = forms.MultipleChoiceField(
        label=_("Languages of the PDF"),
        choices=UnLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[UnLanguage.EN],
        help_text=_(
            "English is always issued; a language without its own text shows the English, "
            "marked as such."
        ),
    )
