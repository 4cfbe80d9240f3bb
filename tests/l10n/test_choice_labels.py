"""Choice labels read from a dictionary built once per field (att_portal/l10n/choices.py)."""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils import translation

from att_portal.l10n import choices
from documents.models import LanguageVersion


def fields_with_choices():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            if field.choices:
                yield model, field


def test_every_label_is_the_one_django_would_show_in_every_language():
    compared = 0
    for language in ("en", "ar", "zh-hans", "fr", "ru", "es"):
        with translation.override(language):
            for model, field in fields_with_choices():
                instance = model()
                for value, _label in field.flatchoices:
                    setattr(instance, field.attname, value)
                    shown = getattr(instance, f"get_{field.name}_display")()
                    assert shown == Model._get_FIELD_display(instance, field)
                    compared += 1
    assert compared > 600


def test_every_display_method_django_installed_reads_the_cached_labels():
    for model, field in fields_with_choices():
        owner = next(c for c in model.__mro__ if f"get_{field.name}_display" in c.__dict__)
        method = owner.__dict__[f"get_{field.name}_display"]
        if isinstance(method, partialmethod) and isinstance(field.choices, list | tuple):
            assert method.func is choices._display, (model, field.name)


def test_a_label_follows_the_readers_language_and_an_unknown_value_shows_as_itself():
    version = LanguageVersion(language="fr")
    with translation.override("ru"):
        assert version.get_language_display() == "Французский"
    with translation.override("es"):
        assert version.get_language_display() == "Francés"
    version.language = "xx"
    assert version.get_language_display() == "xx"
