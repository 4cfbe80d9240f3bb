"""`get_<field>_display()` without rebuilding the field's choices on every call.

Django's `Model._get_FIELD_display` turns the field's whole list of choices into a
hashable dictionary each time it is called; a list of fifty rows showing three labels each
paid that 150 times a page. Here each field's dictionary of labels is built once per
process for a field whose choices are a fixed list (its labels stay lazy, so each call
still reads the reader's language), and a value outside the choices still shows as
itself, as in Django.
"""

from __future__ import annotations

from functools import partialmethod

from django.apps import apps
from django.db.models import Field, Model
from django.utils.encoding import force_str

_DEFAULT = Model._get_FIELD_display


def _labels(field: Field) -> dict:
    labels = field.__dict__.get("_choice_labels")
    if labels is None:
        labels = field.__dict__["_choice_labels"] = dict(field.flatchoices)
    return labels


def _display(self: Model, field: Field):
    value = getattr(self, field.attname)
    try:
        label = _labels(field).get(value, value)
    except TypeError:  # an unhashable value (a JSON field's): Django's own way
        return _DEFAULT(self, field)
    return force_str(label, strings_only=True)


def install() -> int:
    """Gives every model's `get_<field>_display` that Django installed the cached labels;
    one that a model writes itself stays. Returns how many were replaced."""
    replaced = 0
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            # Only a fixed list: choices computed on each reading (a country field's names,
            # already in the reader's language) are read Django's way.
            if not isinstance(field.choices, (list, tuple)):
                continue
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if isinstance(method, partialmethod) and method.func is _DEFAULT:
                setattr(model, name, partialmethod(_display, field=field))
                replaced += 1
    return replaced
