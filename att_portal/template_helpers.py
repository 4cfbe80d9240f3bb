"""Template filters available in every template (settings: TEMPLATES builtins)."""

from django import forms, template

register = template.Library()


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
