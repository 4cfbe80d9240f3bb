"""Texts that people write — meeting titles and venues, sessions, calls, agenda items,
document titles — in the six UN languages, with one mechanism: django-modeltranslation
gives each such field a column per language (`title_en`, `title_fr`, …).

English is required; a language left empty falls back to English, and the page or PDF
marks the fallback as such (`localized()` says whether the text is really in the
language asked for). The plain column (`title`) keeps the English text, so that exports,
history and search see one stable value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import TranslationOptions, translator
from modeltranslation.utils import build_localized_fieldname

DEFAULT_LANGUAGE = "en"
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
# The other five, in the order the portal offers them.
OTHER_LANGUAGES = tuple(code for code in LANGUAGE_CODES if code != DEFAULT_LANGUAGE)
# The language's own name, shown beside its field whatever the reader's language.
AUTONYMS = {
    "ar": "العربية",
    "zh-hans": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
HTML_LANG = {"zh-hans": "zh-Hans"}

Translations = Mapping[str, str]


def register_content(model, fields: tuple[str, ...], *, history: bool = True) -> None:
    """Give `model`'s `fields` a column per UN language, English required.

    With `history`, the model's django-simple-history copy is made afterwards, so that it
    keeps every language's text too (the model itself declares no HistoricalRecords)."""
    options = type(
        f"{model.__name__}Translation",
        (TranslationOptions,),
        {"fields": fields, "required_languages": (DEFAULT_LANGUAGE,)},
    )
    translator.register(model, options)
    _english_constructor(model)
    if history:
        import simple_history

        simple_history.register(model, app=model._meta.app_config.name)


def _english_constructor(model) -> None:
    """`Model(title=…)` means the English text, whatever language the code runs in
    (modeltranslation would take the active language: a French reader's request, or a
    task, would then leave the required English empty)."""
    translated_init = model.__init__

    def __init__(self, *args, **kwargs):
        if not kwargs:  # rows loaded from the database: nothing to interpret
            translated_init(self, *args)
            return
        with translation.override(DEFAULT_LANGUAGE):
            translated_init(self, *args, **kwargs)

    model.__init__ = __init__


def field_name(field: str, language: str) -> str:
    return build_localized_fieldname(field, language)


def normal_language(language: str | None) -> str:
    code = (language or translation.get_language() or DEFAULT_LANGUAGE).lower()
    if code.startswith("zh"):
        return "zh-hans"
    return code if code in LANGUAGE_CODES else DEFAULT_LANGUAGE


def localized(obj, field: str, language: str | None = None) -> tuple[str, bool]:
    """(the text in `language` — else in English —, whether it is really in `language`)."""
    language = normal_language(language)
    text = getattr(obj, field_name(field, language), None) or ""
    if text:
        return text, True
    english = getattr(obj, field_name(field, DEFAULT_LANGUAGE), None) or ""
    return english, language == DEFAULT_LANGUAGE or not english


def in_any_language(fields: tuple[str, ...], text: str):
    """A filter: texts written per UN language match in whichever language contains `text`."""
    from django.db.models import Q

    condition = Q()
    for field in fields:
        for language in LANGUAGE_CODES:
            condition |= Q(**{f"{field_name(field, language)}__icontains": text})
    return condition


def translations_of(obj, field: str) -> dict[str, str]:
    """Every language's text of `field`, empty ones left out."""
    texts = {}
    for language in LANGUAGE_CODES:
        text = getattr(obj, field_name(field, language), None)
        if text:
            texts[language] = text
    return texts


def set_translations(obj, field: str, value: str | Translations) -> None:
    """Store `value` — one English text, or a text per language — in `obj.<field>_<lang>`;
    languages not given are left empty (they fall back to English)."""
    texts = {DEFAULT_LANGUAGE: value} if isinstance(value, str) else dict(value)
    unknown = set(texts) - set(LANGUAGE_CODES)
    if unknown:
        raise ValueError(f"Not UN languages: {sorted(unknown)}")
    for language in LANGUAGE_CODES:
        text = (texts.get(language) or "").strip()
        setattr(obj, field_name(field, language), text or None)
    # The plain column keeps the English text whatever language the writer reads.
    obj.__dict__[field] = (texts.get(DEFAULT_LANGUAGE) or "").strip()


def english(value: str | Translations) -> str:
    return value if isinstance(value, str) else (value.get(DEFAULT_LANGUAGE) or "")


def in_each_language(make) -> dict[str, str]:
    """A text the portal itself writes (e.g. "Annotated draft agenda: <meeting>") in each UN
    language: `make()` is called with each language active."""
    texts = {}
    for language in LANGUAGE_CODES:
        with translation.override(language):
            texts[language] = str(make())
    return texts


class EnglishOriginal:
    """Model mixin: the plain column of each translated field holds the English text,
    whichever language the person who saves reads (modeltranslation would store theirs)."""

    def save(self, *args, **kwargs):
        with translation.override(DEFAULT_LANGUAGE):
            super().save(*args, **kwargs)


class TranslatedFieldsForm:
    """Form mixin: each field named in `translated_fields` is the English text (required if
    the field is) and gets a field per other UN language after it (optional). After
    validation, `cleaned_data[field]` is a dict {language: text} for the services."""

    translated_fields: tuple[str, ...] = ()

    def __init__(
        self, *args, initial_translations: Mapping[str, Translations] | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        initial_translations = initial_translations or {}
        ordered = {}
        for name, form_field in self.fields.items():
            ordered[name] = form_field
            if name not in self.translated_fields:
                continue
            label = form_field.label
            form_field.base_label = label
            form_field.label = _("%(field)s (in English)") % {"field": label}
            form_field.widget.attrs.update({"lang": "en", "dir": "ltr"})
            known = initial_translations.get(name, {})
            if known.get(DEFAULT_LANGUAGE):
                self.initial.setdefault(name, known[DEFAULT_LANGUAGE])
            for language in OTHER_LANGUAGES:
                key = self.language_field_name(name, language)
                ordered[key] = self._language_field(form_field, label, language)
                if known.get(language):
                    self.initial.setdefault(key, known[language])
        self.fields = ordered

    @staticmethod
    def language_field_name(name: str, language: str) -> str:
        return f"{name}__{language.replace('-', '_')}"

    @staticmethod
    def _language_field(base: forms.Field, label, language: str) -> forms.Field:
        attrs = {k: v for k, v in base.widget.attrs.items() if k not in ("lang", "dir")}
        attrs.update(
            {"lang": HTML_LANG.get(language, language), "dir": "rtl" if language == "ar" else "ltr"}
        )
        other = base.__class__(
            label=f"{label} ({AUTONYMS[language]})",
            required=False,
            max_length=getattr(base, "max_length", None),
            widget=base.widget.__class__(attrs=attrs),
        )
        other.content_language = language
        return other

    def language_fields(self, name: str) -> list:
        return [self[self.language_field_name(name, lang)] for lang in OTHER_LANGUAGES]

    def clean(self):
        cleaned = super().clean()
        for name in self.translated_fields:
            if name not in self.fields:
                continue
            texts = {DEFAULT_LANGUAGE: cleaned.get(name) or ""}
            for language in OTHER_LANGUAGES:
                text = cleaned.pop(self.language_field_name(name, language), "") or ""
                if text.strip():
                    texts[language] = text.strip()
            cleaned[name] = texts
        return cleaned


def require_english(obj, fields: Iterable[str]) -> None:
    """The model's own rule, for the portal, the admin and the services alike."""
    errors = {}
    for field in fields:
        if not (getattr(obj, field_name(field, DEFAULT_LANGUAGE), None) or "").strip():
            errors[field_name(field, DEFAULT_LANGUAGE)] = _("The English text is required.")
    if errors:
        raise ValidationError(errors)
