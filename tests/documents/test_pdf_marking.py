"""Every PDF of DIEF material carries "CONFIDENTIAL — DIEF" exactly once on each page, in
its header — composed in one place (`att_portal.marking.marking_text`), in the PDF's
language — and the reader's watermark over the content of each page."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from att_portal.marking import marking_text
from tests.conftest import sign_in
from tests.factories import DiefMeetingFactory, SecretariatUserFactory, UserFactory
from tests.pdf_drawing import drawn, in_header, joined, pages

pytestmark = pytest.mark.django_db


def compact(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "CONFIDENTIAL — DIEF"),
        ("fr", "CONFIDENTIEL — DIEF"),
        ("es", "CONFIDENCIAL — DIEF"),
        ("ru", "КОНФИДЕНЦИАЛЬНО — DIEF"),
        ("zh-hans", "机密——转用信息交流论坛"),
    ],
)
def test_the_marking_names_the_forum_once(language, expected):
    with translation.override(language):
        assert marking_text("DIEF") == expected


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_each_page_of_a_dief_timetable_carries_the_marking_once_in_its_header(
    language, long_dief_timetable
):
    meeting = long_dief_timetable
    reader = UserFactory(first_name="Lena", last_name="Gruber", preferred_language=language)
    response = sign_in(Client(), reader).get(
        reverse("meetings:pdf", args=[meeting.pk, "timetable"]), {"lang": language}
    )
    with translation.override(language):
        marking = compact(marking_text("DIEF"))

    found = pages(response.content)

    assert len(found) > 1
    for page in found:
        runs = drawn(page)
        assert compact(joined(in_header(page, runs))).count(marking) == 1
        assert compact(joined(runs)).count(marking) == 1
        translucent = [i for i, run in enumerate(runs) if run.opacity < 1]
        assert "LenaGruber" in compact(joined([runs[i] for i in translucent]))
        content = [i for i, run in enumerate(runs) if "Case " in run.text]
        assert min(translucent) > max(content)


@pytest.mark.parametrize("language", ["fr", "zh-hans"])
def test_the_page_banner_and_the_participants_export_print_the_pdfs_marking(language):
    meeting = DiefMeetingFactory()
    client = sign_in(Client(), SecretariatUserFactory(preferred_language=language))

    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    export = client.get(reverse("meetings:participants_export", args=[meeting.pk, "csv"]))

    with translation.override(language):
        expected = marking_text("DIEF")
    assert page.content.decode().count(f"<strong>{expected}</strong>") == 1
    assert next(csv.reader(io.StringIO(export.content.decode("utf-8-sig")))) == [expected]
