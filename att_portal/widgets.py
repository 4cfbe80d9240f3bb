"""Widgets shared by the apps: the State pickers.

A State picker is the browser's own <select>, which works without JavaScript; with it,
static/js/state-picker.js turns it into a searchable list (Tom Select, vendored under
static/vendor/tom-select/): type part of a State's name — its UN name in any of the six
languages, its ISO name, its two- or three-letter code or, for Chinese, its pinyin —,
arrows to move, Enter to add, Backspace to remove. The choices come in the order of the
States' names in the reader's language (att_portal.fields.StateChoiceField)."""

from __future__ import annotations

from django import forms
from django.forms import Script
from django.utils.translation import gettext

from att_portal.directory.un_names import search_terms


class _StatePickerMixin:
    """Marks the <select> for state-picker.js, gives it the words the picker shows in the
    reader's language, and each option the names it is found by."""

    class Media:
        css = {"all": ["vendor/tom-select/tom-select.bootstrap5.min.css", "css/state-picker.css"]}
        js = [
            Script("vendor/tom-select/tom-select.complete.min.js", defer=True),
            Script("js/state-picker.js", defer=True),
        ]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-state-picker": "",
                "data-placeholder": gettext("Type a State's name or code"),
                "data-no-results": gettext("No State matches."),
                "data-remove-label": gettext("Remove this State"),
            }
        )
        return context

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        state = getattr(value, "instance", None)
        country = getattr(state, "country", None)
        if country:
            option["attrs"]["data-search"] = search_terms(country.code)
        return option


class StatePicker(_StatePickerMixin, forms.Select):
    """One State."""


class StateMultiPicker(_StatePickerMixin, forms.SelectMultiple):
    """Any number of States."""
