"""What a keyboard user and a reader of a proposed revision see: a strong focus ring on
whatever has the focus, and insertions and deletions told apart by colour as well as by
line, with a legend."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import sign_in_as_demo
from working_groups.guides.models import ProposedRevision

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


FOCUS_STYLE = """() => {
  const style = getComputedStyle(document.activeElement);
  return [style.outlineStyle, parseFloat(style.outlineWidth), style.outlineColor];
}"""


def test_the_element_reached_by_the_keyboard_has_a_strong_focus_ring(
    page, live_server, demo_people
):
    sign_in_as_demo(page, live_server, demo_people["delegate-sp"])

    rings = []
    for _ in range(6):  # the search box, its button, the menu's links …
        page.keyboard.press("Tab")
        rings.append(page.evaluate(FOCUS_STYLE))

    assert all(style == "solid" and width >= 3 for style, width, _colour in rings), rings


def test_a_revision_colours_insertions_and_deletions_and_explains_them(
    page, live_server, demo_people
):
    # A change of a paragraph's words (the demo's flowchart revision lists steps instead).
    revision = ProposedRevision.objects.get(title__startswith="Paragraph 104")
    sign_in_as_demo(page, live_server, demo_people["delegate-sp"])

    page.goto(live_server.url + revision.get_absolute_url())

    legend = page.locator(".diff-legend").first
    assert legend.get_by_text("Inserted text").is_visible()
    assert legend.get_by_text("Deleted text").is_visible()
    style = (
        "node => [getComputedStyle(node).backgroundColor,"
        " getComputedStyle(node).textDecorationLine]"
    )
    inserted = page.locator(".guide-diff ins").first.evaluate(style)
    # The legend shows each kind as the diff draws it (this revision only adds words).
    legend_inserted = legend.locator(".diff-inserted").evaluate(style)
    legend_deleted = legend.locator(".diff-deleted").evaluate(style)
    assert inserted == legend_inserted
    assert inserted[1] == "underline"
    assert legend_deleted[1] == "line-through"
    assert inserted[0] != legend_deleted[0]
    # Coloured, not told apart by a line alone.
    assert "rgba(0, 0, 0, 0)" not in (inserted[0], legend_deleted[0])
