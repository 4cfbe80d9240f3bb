"""Forms of the voluntary guides; the services decide, the forms only parse."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from att_portal.fields import ModelMultipleChoiceField
from att_portal.meetings.models import CspCycle

from .enums import ChangeAction, RevisionState, Transition
from .models import ProposedRevision

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RevisionProposeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
    comments_due_on = forms.DateField(label=_("Comments due on"), widget=DATE)
    as_officer = forms.BooleanField(label=_("Propose it as the WGETI Chair"), required=False)

    def __init__(self, *args, officer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not officer:
            del self.fields["as_officer"]


class RevisionEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ChangeForm(forms.Form):
    action = forms.ChoiceField(label=_("Change"), choices=ChangeAction.choices)
    paragraph = forms.CharField(
        label=_("Paragraph"),
        max_length=20,
        required=False,
        help_text=_("Its number in the current edition, e.g. 104."),
    )
    new_text = forms.CharField(
        label=_("New text (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For a new annex, separate its paragraphs by a blank line."),
    )
    annex_label = forms.CharField(label=_("Annex letter"), max_length=20, required=False)
    annex_title = forms.CharField(label=_("Title of the annex"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ChangeRemoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}))


class TransitionForm(forms.Form):
    transition = forms.ChoiceField(label=_("Decision"), choices=Transition.choices)
    # The version the officer saw: deciding on a text changed meanwhile is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)
    on = forms.DateField(
        label=_("Date of the discussion or endorsement"),
        required=False,
        widget=DATE,
        help_text=_("Today if left empty."),
    )
    cycle = forms.ModelChoiceField(
        label=_("Endorsed at"),
        queryset=CspCycle.objects.order_by("-number"),
        required=False,
        help_text=_("For an endorsement: the Conference of States Parties."),
    )

    def clean(self):
        data = super().clean()
        if data.get("transition") == Transition.ENDORSE and not data.get("cycle"):
            self.add_error("cycle", _("Name the CSP that endorsed it."))
        return data


class IncorporateForm(forms.Form):
    revisions = ModelMultipleChoiceField(
        label=_("Endorsed revisions, applied in this order"),
        queryset=ProposedRevision.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    renumber = forms.BooleanField(
        label=_("Renumber the paragraphs and update the cross-references"),
        required=False,
        help_text=_(
            "Otherwise the numbers are kept and inserted paragraphs are numbered "
            "“bis”, “ter”, … after the paragraph before them."
        ),
    )
    published_on = forms.DateField(label=_("Published on"), required=False, widget=DATE)

    def __init__(self, *args, guide, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revisions"].queryset = guide.revisions.filter(
            state=RevisionState.ENDORSED
        ).order_by("endorsed_on", "pk")


class FactSheetPublishForm(forms.Form):
    """The CSP's decision the fact sheet waited for (seed 004 ¶23)."""

    decided_on = forms.DateField(label=_("Decided by the Conference on"), widget=DATE)
    decision = forms.CharField(
        label=_("Where the decision is recorded"),
        max_length=300,
        help_text=_("E.g. the symbol of the CSP's final report and its paragraph."),
    )
