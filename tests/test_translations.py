"""The CI gate of the six languages: every catalogue complete, nothing fuzzy, plural forms
right, placeholders as in the English, and no string in the code that the catalogues lack
(so a change ships its strings in the six languages, or fails here)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = {
    "ar": 6,  # zero, one, two, few, many, other
    "zh_Hans": 1,
    "fr": 2,
    "ru": 3,  # one, few, many
    "es": 2,
}
# What `make messages` scans: the portal's code and templates.
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
SKIPPED_FOLDERS = {".venv", "var", ".git", "locale", "node_modules", "static", "__pycache__"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{(\w*)\}")

pytestmark = pytest.mark.unit


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def entries(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_entry_of_the_catalogue_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)

    untranslated = [e.msgid for e in entries(po) if not e.translated() and "fuzzy" not in e.flags]
    fuzzy = [e.msgid for e in entries(po) if "fuzzy" in e.flags]

    assert (untranslated, fuzzy) == ([], [])


@pytest.mark.parametrize(("language", "forms"), CATALOGUES.items())
def test_plural_entries_have_every_form_of_the_language(language, forms):
    po = catalogue(language)
    declared = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    wrong = [
        e.msgid
        for e in entries(po)
        if e.msgid_plural
        and (sorted(e.msgstr_plural) != list(range(forms)) or not all(e.msgstr_plural.values()))
    ]

    assert declared == forms
    assert wrong == []


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_translation_keeps_the_placeholders_of_the_english(language):
    differing = []
    for entry in entries(catalogue(language)):
        if entry.msgid_plural:
            wanted = placeholders(entry.msgid_plural)
            for form, text in entry.msgstr_plural.items():
                if placeholders(text) != wanted:
                    differing.append((entry.msgid, form, text))
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            differing.append((entry.msgid, None, entry.msgstr))

    assert differing == []


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str | None, str]]:
    """What `makemessages` finds in the code today, extracted into a scratch catalogue."""
    root = Path(settings.BASE_DIR)
    copy = tmp_path_factory.mktemp("source")
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if set(relative.parts) & SKIPPED_FOLDERS or path.suffix not in SOURCE_SUFFIXES:
            continue
        if not path.is_file():
            continue
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy / relative)
    (copy / "locale").mkdir()
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.chdir(copy)
    try:
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command("makemessages", locale=["xx"], verbosity=0, ignore_patterns=["tests/*"])
    finally:
        monkeypatch.undo()
    scratch = polib.pofile(str(copy / "locale" / "xx" / "LC_MESSAGES" / "django.po"))
    return {key(entry) for entry in scratch if not entry.obsolete}


@pytest.mark.parametrize("language", CATALOGUES)
def test_makemessages_would_add_nothing_to_the_catalogue(language, extracted):
    in_catalogue = {key(entry) for entry in entries(catalogue(language))}

    missing = sorted(extracted - in_catalogue, key=str)
    stale = sorted(in_catalogue - extracted, key=str)

    assert (missing, stale) == ([], [])
