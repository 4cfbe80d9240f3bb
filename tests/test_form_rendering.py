"""The portal's form rendering (templates/includes/form.html and field.html, the filters of
att_portal/template_helpers.py) ties every field in error to its error for screen readers:
aria-invalid, and aria-describedby naming the id of the element that shows the error."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from documents.forms import DocumentFilter
from documents.models import Document

pytestmark = pytest.mark.unit

FORM = Template('{% include "includes/form.html" %}')


class MeetingNoteForm(forms.Form):
    title = forms.CharField(label="Title", help_text="As it appears on the agenda.")
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "Open"), ("b", "Closed")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree")
    starts_on = forms.DateField(label="First day")

    def clean_starts_on(self):
        raise forms.ValidationError(["Too early.", "On a holiday."])


def rendered(form) -> str:
    return FORM.render(Context({"form": form}))


def attributes(html: str, element_id: str) -> dict[str, str]:
    """The attributes of the element with `element_id`."""
    tag = re.search(rf'<(?:input|textarea|select|fieldset)\b[^>]*\bid="{element_id}"[^>]*>', html)
    assert tag, f"no element #{element_id}"
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(0)))


def fieldset_of(html: str, legend: str) -> dict[str, str]:
    tag = re.search(rf"<fieldset\b([^>]*)>\s*<legend[^>]*>{legend}", html)
    assert tag, f"no fieldset for {legend}"
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(1)))


def error_text(html: str, error_id: str) -> list[str]:
    shown = re.search(
        rf'<div class="invalid-feedback d-block" id="{error_id}">((?:<div>[^<]*</div>)*)</div>',
        html,
    )
    assert shown, f"no error element #{error_id}"
    return re.findall(r"<div>([^<]*)</div>", shown.group(1))


def test_text_field_in_error_is_invalid_and_described_by_its_help_and_its_error():
    html = rendered(MeetingNoteForm(data={"kind": "a", "agree": "on", "starts_on": "2027-03-01"}))

    title = attributes(html, "id_title")

    assert title["aria-invalid"] == "true"
    assert title["aria-describedby"] == "id_title-help id_title-error"
    assert error_text(html, "id_title-error") == ["This field is required."]
    assert 'id="id_title-help">As it appears on the agenda.</div>' in html


def test_field_with_two_errors_shows_both_under_one_id():
    html = rendered(MeetingNoteForm(data={"title": "x", "kind": "a", "starts_on": "2027-03-01"}))

    assert attributes(html, "id_starts_on")["aria-describedby"] == "id_starts_on-error"
    assert error_text(html, "id_starts_on-error") == ["Too early.", "On a holiday."]
    assert html.count('id="id_starts_on-error"') == 1


def test_checkbox_in_error_is_invalid_and_described_by_its_error():
    html = rendered(MeetingNoteForm(data={"title": "x", "kind": "a", "starts_on": "2027-03-01"}))

    agree = attributes(html, "id_agree")

    assert agree["aria-invalid"] == "true"
    assert agree["aria-describedby"] == "id_agree-error"
    assert error_text(html, "id_agree-error") == ["This field is required."]


def test_list_of_choices_in_error_names_its_error_and_each_choice_is_invalid():
    html = rendered(MeetingNoteForm(data={"title": "x", "agree": "on", "starts_on": "2027-03-01"}))

    assert fieldset_of(html, "Kind")["aria-describedby"] == "id_kind-error"
    assert attributes(html, "id_kind_0")["aria-invalid"] == "true"
    assert attributes(html, "id_kind_1")["aria-invalid"] == "true"
    assert error_text(html, "id_kind-error") == ["This field is required."]


def test_form_in_error_says_so_at_its_top_in_an_alert():
    html = rendered(MeetingNoteForm(data={}))

    summary = re.search(r'<div class="alert alert-danger" role="alert">([^<]*)</div>', html)
    assert summary.group(1).strip() == "Please correct the errors below."


def test_valid_or_unbound_form_has_no_invalid_field_and_no_error_link():
    html = rendered(MeetingNoteForm())

    assert "aria-invalid" not in html
    assert "-error" not in html
    assert attributes(html, "id_title")["aria-describedby"] == "id_title-help"
    assert 'role="alert"' not in html


def test_each_date_of_the_document_filters_range_has_a_name_of_its_own():
    with translation.override("en"):
        form = DocumentFilter(
            data={"issued_min": "not a date"}, queryset=Document.objects.none()
        ).form
        form.is_valid()
        html = str(form["issued"].as_widget())

    assert attributes(html, "id_issued_0")["aria-label"] == "from"
    assert attributes(html, "id_issued_1")["aria-label"] == "to"
