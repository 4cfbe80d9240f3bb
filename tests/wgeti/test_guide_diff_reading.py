"""A proposed revision's word diff reads for everybody: inserted and deleted words keep
their <ins> and <del>, screen readers hear where each change begins and ends (in the
reader's language, the diff's text being English), and sighted readers get a legend of
the colours beside every diff."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from working_groups.guides.diff import word_diff
from working_groups.guides.models import ProposedRevision

HIDDEN = '<span class="visually-hidden" lang="{lang}">{text}</span>'


def test_announced_diff_says_where_each_deletion_and_insertion_begins_and_ends():
    with translation.override("en"):
        diff = word_diff("see paragraph 108 here", "see paragraph 109 here", announced=True)

    en = {"lang": "en"}
    assert diff == (
        "see paragraph "
        f"<del>{HIDDEN.format(text='deleted: ', **en)}108"
        f"{HIDDEN.format(text=' end of deletion', **en)}</del>"
        f"<ins>{HIDDEN.format(text='inserted: ', **en)}109"
        f"{HIDDEN.format(text=' end of insertion', **en)}</ins>"
        " here"
    )


def test_announced_diff_escapes_the_compared_texts():
    with translation.override("en"):
        diff = word_diff("a", "a <b>", announced=True)

    assert "&lt;b&gt;" in diff
    assert "<b>" not in diff


def test_plain_diff_has_no_hidden_words():
    assert word_diff("a b", "a c") == "a <del>b</del><ins>c</ins>"


@pytest.mark.django_db
def test_revision_page_shows_a_legend_beside_the_diff_and_marks_its_english_text(
    client_for,
):
    shown = ProposedRevision.objects.get(title__startswith="Paragraph 104")

    content = client_for("ngo").get(shown.get_absolute_url()).content.decode()

    legend = re.search(r'<p class="diff-legend" aria-hidden="true">(.*?)</p>', content)
    assert legend.group(1) == (
        '<span class="diff-inserted">Inserted text</span> '
        '<span class="diff-deleted">Deleted text</span>'
    )
    assert '<p class="guide-diff" lang="en" dir="ltr">' in content
    assert content.count('class="diff-legend"') == content.count('class="guide-diff"') == 1
