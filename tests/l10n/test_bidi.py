"""Latin text, numbers and symbols inside Arabic read in order: each run is isolated."""

import pytest

from att_portal.l10n.bidi import LRI, PDI, isolate_html, isolate_text, strip_controls

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "المادة 7(4) والفقرة 104.",
            'المادة <bdi dir="ltr">7(4)</bdi> والفقرة <bdi dir="ltr">104</bdi>.',
        ),
        (
            "1. Article 7(4) and paragraph 104",
            '<bdi dir="ltr">1. Article 7(4) and paragraph 104</bdi>',
        ),
        ("1. افتتاح الاجتماع", '<bdi dir="ltr">1.</bdi> افتتاح الاجتماع'),
        (
            "الرمز: ATT/CSP12.WGETI/2026/CHAIR/810/Agenda",
            'الرمز: <bdi dir="ltr">ATT/CSP12.WGETI/2026/CHAIR/810/Agenda</bdi>',
        ),
        ("(المادة 7)", '(المادة <bdi dir="ltr">7</bdi>)'),
        ("Côte d&#x27;Ivoire", '<bdi dir="ltr">Côte d&#x27;Ivoire</bdi>'),
        ("AT&amp;T", '<bdi dir="ltr">AT&amp;T</bdi>'),
        ("مرحبا", "مرحبا"),
    ],
)
def test_each_left_to_right_run_of_a_text_node_is_isolated(text, expected):
    assert isolate_html(text) == expected


def test_attributes_scripts_and_form_values_are_left_alone():
    html = (
        '<a href="/documents/7/" title="Doc 7">Doc 7</a><script>let a = 1;</script>'
        '<textarea name=t>Article 7(4)</textarea><input value="Article 7">'
    )

    assert isolate_html(html) == (
        '<a href="/documents/7/" title="Doc 7"><bdi dir="ltr">Doc 7</bdi></a>'
        "<script>let a = 1;</script><textarea name=t>Article 7(4)</textarea>"
        '<input value="Article 7">'
    )


def test_options_and_titles_hold_no_elements_and_get_the_unicode_isolates():
    html = "<title>ATT Portal</title><select><option>Republic of Korea</option></select>"

    assert isolate_html(html) == (
        f"<title>{LRI}ATT Portal{PDI}</title>"
        f"<select><option>{LRI}Republic of Korea{PDI}</option></select>"
    )


def test_plain_text_isolates_runs_but_leaves_links_whole_for_mail_programs():
    text = "حضرة السيد Ahmed،\n\nhttp://127.0.0.1:8000/dief/cases/1/\n\nالمادة 7(4)"

    assert isolate_text(text) == (
        f"حضرة السيد {LRI}Ahmed{PDI}،\n\nhttp://127.0.0.1:8000/dief/cases/1/\n\n"
        f"المادة {LRI}7(4){PDI}"
    )


def test_a_symbol_pasted_from_an_arabic_page_is_found_without_its_marks():
    assert strip_controls(f"{LRI}ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep{PDI}") == (
        "ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep"
    )
