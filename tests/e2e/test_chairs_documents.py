"""The Chairs' documents in a real browser, with no `/admin/` address anywhere: the WGETI
Chair composes seed 004's cover letter with Annexes A, B-1, B-2 and Appendices 1–5 and
downloads it as one PDF; the DIEF Chair drafts the report to the CSP with the Terms of
Reference in an annex and issues it in English and French under its symbol."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from pypdf import PdfReader, PdfWriter

from att_portal.directory.enums import Role
from documents.models import ChairReport, Document, Letter
from tests.e2e.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GENEVA = datetime.timezone(datetime.timedelta(hours=1))
COMPOSING = datetime.datetime(2026, 2, 18, 10, 0, tzinfo=GENEVA)
# Seed 004: the cover letter's annexes and appendices, in order, with their page counts.
SEED_004_ANNEXES = [
    ("Annex A", "Draft agenda notes: Exchange of National Implementation Practices", 1),
    ("Annex B-1", "Draft agenda notes: Current and Emerging Implementation Issues", 2),
    ("Annex B-2", "Working paper: Current and Emerging Implementation Issues", 3),
    ("Appendix 1", "Possible elements of voluntary guidance on due diligence", 2),
    ("Appendix 2", "Proposed supplementary guidance on Article 7(4)", 2),
    ("Appendix 3", "Proposed revisions of paragraphs 108 and 135", 1),
    ("Appendix 4", "Possible steps and questions on inter-agency cooperation", 1),
    ("Appendix 5", "Explanatory memoranda of the ad hoc issues", 1),
]


@pytest.fixture
def cookies_outlive_the_moved_clock(settings):
    settings.CSRF_COOKIE_AGE = None


def _pdf_of(pages: int, label: str) -> bytes:
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": label})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_wgeti_chair_composes_seed_004s_cover_letter_and_downloads_one_pdf(
    page, live_server, time_machine, cookies_outlive_the_moved_clock, tmp_path
):
    time_machine.move_to(COMPOSING)
    CspCycleFactory(number=12, year=2026)
    chair = UserFactory(username="lejeune", first_name="Philippe", last_name="Lejeune")
    RoleAssignmentFactory(user=chair, role=Role.WGETI_CHAIR)
    sign_in(page, live_server, chair.username)
    page.get_by_role("heading", name=f"Welcome, {chair.get_full_name()}").wait_for()

    page.get_by_role("link", name="Documents", exact=True).first.click()
    page.get_by_role("link", name="Letters and reports").click()
    page.get_by_role("link", name="Compose a letter").click()
    page.get_by_label("Body").select_option("WGETI")
    page.get_by_label("CSP cycle").select_option(label="CSP12")
    page.get_by_label("Title in the register (in English)").fill(
        "Cover letter of the WGETI Chair: meeting of 16-18 March 2026"
    )
    page.get_by_label("Date of the letter").fill("2026-02-18")
    page.get_by_label("Place (in English)").fill("Geneva")
    page.get_by_label("Addressees (in English)").fill(
        "To: All States Parties and signatory States\nObservers"
    )
    page.get_by_label("Text of the letter (in English)").fill(
        "Excellency,\n\nI have the honour to transmit the draft agenda notes and the working "
        "paper for the meeting of 16 to 18 March 2026.\n\nPlease accept the assurances of my "
        "highest consideration."
    )
    page.locator("summary", has_text="Text of the letter in the other UN languages").click()
    page.get_by_label("Text of the letter (Français)").fill("Excellence,\n\nJ'ai l'honneur…")
    page.get_by_label("Signature block (in English)").fill(
        "Col. Philippe LEJEUNE\nChair of the Working Group on Effective Treaty Implementation"
    )
    page.get_by_role("button", name="Register the letter").click()
    page.locator("#annexes-heading").wait_for()
    letter = Letter.objects.get()
    assert re.fullmatch(r"ATT/CSP12\.WGETI/2026/CHAIR/\d+/LetterSubDocs", letter.document.symbol)

    for label, title, pages in SEED_004_ANNEXES:
        path = tmp_path / f"{label}.pdf"
        path.write_bytes(_pdf_of(pages, label))
        form = page.locator("form", has=page.get_by_role("button", name="Add the annex"))
        form.get_by_label("Label").fill(label)
        form.get_by_label("Title (in English)").fill(title)
        form.get_by_label("File (PDF, DOCX, XLSX or ODT)").set_input_files(str(path))
        form.get_by_role("button", name="Add the annex").click()
        page.locator(".annex-row", has_text=label).first.wait_for()
    assert page.locator(".annex-row").all_inner_texts() == [
        f"{label}: {title}" for label, title, _pages in SEED_004_ANNEXES
    ]
    page.screenshot(path=str(tmp_path / "letter.png"), full_page=True)

    with page.expect_download() as download:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = ''; "
            "document.body.appendChild(a); a.click(); }",
            f"/documents/{letter.document.pk}/letter.pdf?lang=en",
        )
    reader = PdfReader(download.value.path())
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    letter_pages = 1  # the letter, its list of annexes included, fits on one page
    annex_pages = sum(pages for _label, _title, pages in SEED_004_ANNEXES)
    assert len(reader.pages) == letter_pages + len(SEED_004_ANNEXES) + annex_pages
    assert "I have the honour to transmit" in texts[0]
    assert "Col. Philippe LEJEUNE" in texts[0]
    # each annex: its heading page, then its own pages, in the letter's order
    index = letter_pages
    for label, title, pages in SEED_004_ANNEXES:
        assert label in texts[index], texts[index]
        assert title in texts[index], texts[index]
        index += 1 + pages
    assert index == len(reader.pages)
    assert "/admin/" not in page.url


def test_the_dief_chair_drafts_the_report_to_the_csp_and_issues_it_in_english_and_french(
    page, live_server, time_machine, cookies_outlive_the_moved_clock, tmp_path
):
    time_machine.move_to(datetime.datetime(2026, 4, 16, 10, 0, tzinfo=GENEVA))
    CspCycleFactory(number=12, year=2026)
    chair = UserFactory(username="dief-chair-e2e", first_name="Dief", last_name="Chair")
    RoleAssignmentFactory(user=chair, role=Role.DIEF_CHAIR)
    sign_in(page, live_server, chair.username)
    page.get_by_role("heading", name=f"Welcome, {chair.get_full_name()}").wait_for()

    page.goto(f"{live_server.url}/documents/composed/")
    page.get_by_role("link", name="Draft a report to the Conference").click()
    page.get_by_label("Body").select_option("DIEF")
    page.get_by_label("CSP cycle").select_option(label="CSP12")
    page.get_by_label("Title (in English)").fill(
        "Report of the DIEF Chair to the Twelfth Conference of States Parties"
    )
    page.locator("summary", has_text="Title in the other UN languages").click()
    page.get_by_label("Title (Français)").fill(
        "Rapport de la Présidence du DIEF à la douzième Conférence des États Parties"
    )
    page.get_by_label("Distribution").select_option("public")
    page.get_by_role("button", name="Create the draft").click()

    def add_section(heading: str, text: str, french: str = "", annex: str = "") -> None:
        form = page.locator("form", has=page.get_by_role("button", name="Add the section"))
        form.get_by_label("Annex", exact=True).fill(annex)
        form.get_by_label("Heading (in English)").fill(heading)
        form.get_by_label("Paragraphs (in English)").fill(text)
        if french:
            form.locator("summary", has_text="Paragraphs in the other UN languages").click()
            form.get_by_label("Paragraphs (Français)").fill(french)
        form.get_by_role("button", name="Add the section").click()
        page.locator(".section-row", has_text=heading).wait_for()

    add_section(
        "Introduction",
        "This report was prepared by the DIEF Chair.\n\nThe forum held its review.",
        "Le présent rapport a été établi par la Présidence.\n\nLe forum a tenu son examen.",
    )
    add_section("Conclusions", "The DIEF remains useful.")
    add_section(
        "Updated Terms of Reference of the DIEF",
        "The DIEF is a special subsidiary body.\n\nThe Secretariat supports the forum.",
        annex="Annex",
    )
    form = page.locator("form", has=page.get_by_role("button", name="Save the report"))
    form.get_by_label("Recommendations or draft decision (in English)").fill(
        "Adopt the updated DIEF Terms of Reference"
    )
    form.get_by_role("button", name="Save the report").click()
    page.get_by_role("button", name="Issue the report").wait_for()
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)

    issue = page.locator("form", has=page.get_by_role("button", name="Issue the report"))
    issue.get_by_label("Issued on").fill("2026-04-16")
    issue.get_by_label("French").check()
    issue.get_by_role("button", name="Issue the report").click()
    page.locator("code", has_text="Conf.Rep").first.wait_for()

    report = ChairReport.objects.get()
    document = Document.objects.get(pk=report.document_id)
    assert re.fullmatch(r"ATT/CSP12\.DIEF/2026/CHAIR/\d+/Conf\.Rep", document.symbol)
    assert sorted(document.versions.current().values_list("language", flat=True)) == ["en", "fr"]
    french = document.versions.current().get(language="fr")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(french.file.path).pages)
    assert "Le présent rapport a été établi par la Présidence." in text
    assert "Updated Terms of Reference of the DIEF" in text
    assert "(in English)" in text or "(en anglais)" in text
    assert "/admin/" not in page.url
