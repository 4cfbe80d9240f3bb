"""Template filters available in every template (settings: TEMPLATES builtins)."""

import re

from django import forms, template
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
    described_by = []
    if field.help_text:
        described_by.append(f"{field.id_for_label}-help")
    if field.errors:
        described_by.append(f"{field.id_for_label}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def is_choice_list(field) -> bool:
    """Radio buttons or a list of checkboxes: rendered as a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def bootstrap_choices(field):
    """Each choice of a radio or checkbox list as a Bootstrap form-check."""
    from django.utils.html import format_html_join
    from django.utils.safestring import mark_safe

    invalid = " is-invalid" if field.errors else ""
    return format_html_join(
        "",
        '<div class="form-check"><input type="{}" name="{}" value="{}" id="{}" '
        'class="form-check-input{}"{}><label class="form-check-label" for="{}">{}</label></div>',
        (
            (
                choice.data["type"],
                choice.data["name"],
                choice.data["value"],
                choice.id_for_label,
                invalid,
                mark_safe(" checked") if choice.data["selected"] else "",
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
