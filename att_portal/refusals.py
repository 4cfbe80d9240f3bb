"""A service's refusal (ValidationError) shown on the form that asked for it: every view of
the portal that calls a service through a form uses these."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError


def add_refusal(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on its field where it names one the form has,
    otherwise above the form. Nothing was changed (services are atomic)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(_form_field(form, field), errors)
    else:
        form.add_error(None, error)


def _form_field(form, field: str) -> str | None:
    """The form's field for a model field, including a text in one language
    (`title_en` is the form's `title`, `title_fr` its `title__fr`)."""
    if field in form.fields:
        return field
    base, _sep, language = field.rpartition("_")
    if base.endswith("_zh"):  # title_zh_hans
        base, language = base[:-3], f"zh_{language}"
    for candidate in (base if language == "en" else None, f"{base}__{language}"):
        if candidate and candidate in form.fields:
            return candidate
    return None


def submitted(form, service: Callable, **arguments) -> bool:
    """Whether a bound, valid form went through `service(**arguments, **cleaned_data)`;
    a refusal (ValidationError) ends up on the form."""
    if not form.is_valid():
        return False
    try:
        service(**arguments, **form.cleaned_data)
    except ValidationError as error:
        add_refusal(form, error)
        return False
    return True
