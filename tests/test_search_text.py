"""What a search result shows of a long text: the part around the first word found, cut at
spaces, each word found marked, everything else escaped."""

from __future__ import annotations

import pytest

from att_portal.search_text import excerpt, search_words

pytestmark = pytest.mark.unit


def test_the_words_looked_for_are_those_with_a_letter_or_digit_at_most_eight():
    assert search_words(" Article  7(4) -- · ") == ["Article", "7(4)"]
    assert search_words(" ".join(str(n) for n in range(12))) == [str(n) for n in range(8)]


def test_a_short_text_is_shown_whole_with_each_word_found_marked_whatever_its_case():
    shown = excerpt("Brokering controls on brokers.", "BROKER controls")

    assert shown == "<mark>Broker</mark>ing <mark>controls</mark> on <mark>broker</mark>s."


def test_a_long_text_is_cut_at_spaces_around_its_first_match():
    text = " ".join(f"word{n}" for n in range(100)) + " transit " + "tail " * 50

    shown = excerpt(text, "transit", length=60)

    assert shown.startswith("…word")
    assert shown.endswith("…")
    assert "<mark>transit</mark>" in shown
    assert len(shown) < 100


def test_the_text_is_escaped_and_a_text_without_the_words_shows_its_start():
    assert excerpt("<script>x</script> & <b>", "script") == (
        "&lt;<mark>script</mark>&gt;x&lt;/<mark>script</mark>&gt; &amp; &lt;b&gt;"
    )
    assert excerpt("Nothing here " * 40, "absent", length=30) == "Nothing here Nothing here…"
