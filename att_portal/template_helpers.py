"""Template filters available in every template (settings: TEMPLATES builtins)."""

import re

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

# Page counters a translated phrase may name, e.g. "Page {page} of {pages}".
_COUNTER = re.compile(r"\{(page|pages)\}")


@register.filter
def bootstrap_widget(field):
    """Render a form field's widget with Bootstrap's classes and its accessible links to
    help text and errors."""
    widget = field.field.widget
    css = "form-select" if isinstance(widget, forms.Select) else "form-control"
    attrs = {"class": css + (" is-invalid" if field.errors else "")}
    if field.errors:
        attrs["aria-invalid"] = "true"
    if described_by := _described_by(field):
        attrs["aria-describedby"] = described_by
    return field.as_widget(attrs=attrs)


@register.filter
def field_id(field) -> str:
    """The id a field's help and errors are named after (`<id>-help`, `<id>-error`): its
    widget's, or for a list of radio buttons or a widget of several inputs (a date range),
    which Django's labels point to none of, the field's own."""
    return field.id_for_label or field.auto_id or field.html_name


def _described_by(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field_id(field)}-help")
    if field.errors:
        ids.append(f"{field_id(field)}-error")
    return " ".join(ids)


@register.filter
def error_links(field):
    """The attributes that tie a field rendered by hand (a checkbox, or the fieldset of a
    list of choices) to its help text and errors: ` aria-describedby="…"`, and on a field
    in error ` aria-invalid="true"` (for a list of choices, each choice says so itself:
    `bootstrap_choices`)."""
    parts = []
    if described_by := _described_by(field):
        parts.append(format_html(' aria-describedby="{}"', described_by))
    if field.errors and not is_choice_list(field):
        parts.append(mark_safe(' aria-invalid="true"'))
    return mark_safe("".join(parts))  # noqa: S308 - each part is escaped above


@register.filter
def field_errors(field):
    """A field's errors in one element with the id its widget's aria-describedby names
    (one id, however many errors: ids stay unique in the page)."""
    if not field.errors:
        return ""
    return format_html(
        '<div class="invalid-feedback d-block" id="{}-error">{}</div>',
        field_id(field),
        format_html_join("", "<div>{}</div>", ((error,) for error in field.errors)),
    )


@register.filter
def is_choice_list(field) -> bool:
    """Radio buttons or a list of checkboxes: rendered as a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_multi_input(field) -> bool:
    """A field of several inputs (a date range): a fieldset whose legend names them all."""
    return isinstance(field.field.widget, forms.MultiWidget)


@register.filter
def bootstrap_choices(field):
    """Each choice of a radio or checkbox list as a Bootstrap form-check."""
    from django.utils.html import format_html_join
    from django.utils.safestring import mark_safe

    invalid = " is-invalid" if field.errors else ""
    return format_html_join(
        "",
        '<div class="form-check"><input type="{}" name="{}" value="{}" id="{}" '
        'class="form-check-input{}"{}{}><label class="form-check-label" for="{}">{}</label></div>',
        (
            (
                choice.data["type"],
                choice.data["name"],
                choice.data["value"],
                choice.id_for_label,
                invalid,
                mark_safe(" checked") if choice.data["selected"] else "",
                mark_safe(' aria-invalid="true"') if field.errors else "",
                choice.id_for_label,
                choice.choice_label,
            )
            for choice in field.subwidgets
        ),
    )


def _css_string(text: str) -> str:
    # In a <style> element HTML escaping does not apply: escape for CSS, and never let
    # "</style>" through.
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace("\n", "\\A ")
    )
    return f'"{escaped}"'


@register.filter
def css_content(text) -> str:
    """A text as the value of a CSS `content:` property (PDF page headers and footers):
    quoted and escaped for CSS, with the markers {page} and {pages} of a translated phrase
    as the page counters, so that "Page {page} of {pages}" gives
    `"Page " counter(page) " of " counter(pages)` and each language orders it its way."""
    text = str(text or "")
    parts, last = [], 0
    for match in _COUNTER.finditer(text):
        if match.start() > last:
            parts.append(_css_string(text[last : match.start()]))
        parts.append(f"counter({match.group(1)})")
        last = match.end()
    if last < len(text) or not parts:
        parts.append(_css_string(text[last:]))
    return mark_safe(" ".join(parts))  # noqa: S308 - every piece is escaped for CSS above


@register.simple_tag
def search_excerpt(obj, field: str, query: str):
    """`obj.<field>` as the reader sees it (a text written per language: in theirs, else
    the English text, in an element saying so), cut around the first word of `query` it
    contains, the words marked: a search result's context."""
    from att_portal.l10n.content import DEFAULT_LANGUAGE, field_name, localized
    from att_portal.search_text import excerpt

    if hasattr(obj, field_name(field, DEFAULT_LANGUAGE)):
        text, translated = localized(obj, field)
    else:  # a text written in one language only (a proposal's memorandum)
        text, translated = getattr(obj, field, "") or "", True
    shown = excerpt(text, query)
    if translated or not text:
        return shown
    return format_html('<span lang="en" dir="ltr">{}</span>', shown)
