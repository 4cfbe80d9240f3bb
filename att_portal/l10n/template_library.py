"""Template filters and tags for the six languages, available in every template
(settings: TEMPLATES builtins):

    {{ meeting.starts_on|un_date }}            17 February 2027 · 2027年2月17日 …
    {{ session.starts_at|un_datetime }}        17 February 2027, 10:00
    {{ meeting.starts_on|un_date_range:meeting.ends_on }}
    {{ document.symbol|symbol }}               one left-to-right unit, never split
    {% content meeting "title" %}              the text in the reader's language, or the
                                               English one marked as such
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _

from . import content as content_module
from .dates import un_date as _un_date
from .dates import un_date_range as _un_date_range
from .dates import un_datetime as _un_datetime
from .dates import un_time as _un_time

register = template.Library()


@register.filter
def un_date(value, language=None) -> str:
    return _un_date(value, language)


@register.filter
def un_datetime(value, language=None) -> str:
    return _un_datetime(value, language)


@register.filter
def un_time(value, language=None) -> str:
    return _un_time(value, language)


@register.filter
def un_date_range(start, end=None) -> str:
    return _un_date_range(start, end)


@register.filter
def symbol(value) -> str:
    """A document symbol: always left to right, isolated from the text around it."""
    if not value:
        return ""
    return format_html('<bdi dir="ltr" class="symbol" translate="no">{}</bdi>', value)


@register.simple_tag
def content(obj, field: str, mark: bool = True, linebreaks: bool = False):
    """`obj.<field>` in the reader's language; where it has not been written in that
    language, the English text (in an element saying it is English) and, with `mark`, a
    note that it is shown in English. `linebreaks` keeps the text's line breaks."""
    if obj is None:
        return ""
    text, translated = content_module.localized(obj, field)
    shown = linebreaksbr(text, autoescape=True) if linebreaks else conditional_escape(text)
    if translated or not text:
        return shown
    if not mark:
        return format_html('<span lang="en" dir="ltr">{}</span>', shown)
    return format_html(
        '<span lang="en" dir="ltr">{}</span> <small class="fallback-mark">{}</small>',
        shown,
        _("(in English)"),
    )


@register.filter
def other_languages(form, field_name: str) -> list:
    """The fields of `field_name`'s text in the other UN languages (a form built with
    `TranslatedFieldsForm`), for `includes/form.html` to show them together."""
    if field_name not in getattr(form, "translated_fields", ()):
        return []
    return form.language_fields(field_name)


@register.filter
def is_other_language(bound_field) -> bool:
    return hasattr(bound_field.field, "content_language")


@register.filter
def any_filled(bound_fields) -> bool:
    """Whether one of the fields has a value or an error (its group is then shown open)."""
    return any(field.value() or field.errors for field in bound_fields)
