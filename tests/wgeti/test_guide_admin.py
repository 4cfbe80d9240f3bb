"""The Secretariat translates a guide's paragraphs in the administration; the guide page in
that language then shows the translation instead of the English fallback."""

from __future__ import annotations

import pytest
from django.urls import reverse

from working_groups.guides.models import GuideBlock

pytestmark = pytest.mark.django_db


def test_secretariat_translates_a_paragraph_that_then_shows_as_translated(client_for, demo_users):
    block = GuideBlock.objects.filter(number="135", section__edition__number=1).get()
    url = reverse("admin:guides_guideblock_change", args=[block.pk])
    officer = client_for("secretariat")
    page = officer.get(url)
    assert page.status_code == 200
    assert 'name="text_es"' in page.content.decode()
    assert 'name="text_en"' not in page.content.decode()  # the endorsed English stays

    data = {f"text_{code}": "" for code in ("ar", "zh_hans", "fr", "ru", "es")}
    data["text_es"] = "135. Por último, este capítulo menciona el documento de trabajo."
    response = officer.post(url, data)

    assert response.status_code == 302
    block.refresh_from_db()
    assert block.text_es == data["text_es"]
    guide = block.section.edition.guide
    spanish = officer.get(reverse("wgeti:guides:detail", args=[guide.pk]), {"lang": "es"})
    assert data["text_es"] in spanish.content.decode()


@pytest.mark.parametrize("role", ["delegate-sp", "wgeti-chair", "ngo"])
def test_only_the_secretariat_reaches_the_guide_translations(role, client_for, demo_users):
    block = GuideBlock.objects.filter(number="135").first()

    response = client_for(role).get(reverse("admin:guides_guideblock_change", args=[block.pk]))

    assert response.status_code == 403
    assert block.text_en not in response.content.decode()
