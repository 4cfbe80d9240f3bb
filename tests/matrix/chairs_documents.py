"""Rows of the authorization matrix for what the Chairs compose: letters (registered as
…/LetterSubDocs, annexes added from the letter's page) and reports to the Conference.
Builders: a restricted WGETI letter of the WGETI Chair with one annex, and a draft DIEF
report of the DIEF Chair with one section. Each Chair edits their body's; the Secretariat
every one; delegates of States Parties and signatories read the letter in the register but
may not edit it (403) and get nothing of a draft report (404). Observers, organisations and
experts invited to the WGETI meeting of the letter's cycle (the demo's meeting ahead) read
it too: the documents of a WGETI meeting reach everyone invited to it (issue 14)."""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse

from att_portal.demo import _minimal_pdf
from att_portal.directory.models import User
from documents.chair_reports import chair_report_create, report_section_save
from documents.letters import letter_annex_add, letter_compose
from documents.models import ChairReport, Letter


def _letter():
    chair = User.objects.get(username="wgeti-chair")
    from att_portal.meetings.models import CspCycle

    letter = letter_compose(
        by=chair,
        cycle=CspCycle.objects.order_by("-number").first(),
        body="WGETI",
        title="Cover letter (matrix)",
        dated_on=datetime.date(2026, 2, 18),
        addressees="To: All States Parties and signatory States",
        place="Geneva",
        text="Excellency,\n\nI have the honour to write.",
        signature="The WGETI Chair",
    )
    letter_annex_add(
        by=chair,
        letter=letter,
        label="Annex A",
        title="Draft agenda notes (matrix)",
        doc_type="Conf.WP",
        language="en",
        uploaded=ContentFile(_minimal_pdf("Annex A"), name="a.pdf"),
        content_type="application/pdf",
        safe_name="a.pdf",
    )
    return letter


def _report():
    chair = User.objects.get(username="dief-chair")
    from att_portal.meetings.models import CspCycle

    report = chair_report_create(
        by=chair,
        body="DIEF",
        cycle=CspCycle.objects.order_by("-number").first(),
        title="DIEF Chair's report (matrix)",
    )
    report_section_save(by=chair, report=report, heading="Introduction", text="One.")
    return report


OBJECTS = {
    "chair_letter": _letter,
    "chair_report": _report,
    "chair_report_section": lambda: ChairReport.objects.get(
        title_en="DIEF Chair's report (matrix)"
    ).sections.get(),
}

GET_URLS = {
    "documents:composed": lambda d: reverse("documents:composed"),
    "documents:letter_compose": lambda d: reverse("documents:letter_compose"),
    "documents:letter (restricted WGETI letter)": lambda d: reverse(
        "documents:letter", args=[d["chair_letter"].pk]
    ),
    "documents:cover_letter_pdf (composed WGETI letter)": lambda d: reverse(
        "documents:cover_letter_pdf", args=[Letter.objects.get(pk=d["chair_letter"].pk).document_id]
    ),
    "documents:report_create": lambda d: reverse("documents:report_create"),
    "documents:report (draft DIEF report)": lambda d: reverse(
        "documents:report", args=[d["chair_report"].pk]
    ),
    "documents:report_pdf (draft DIEF report)": lambda d: reverse(
        "documents:report_pdf", args=[d["chair_report"].pk]
    ),
    "documents:report_section_edit (draft DIEF report)": lambda d: reverse(
        "documents:report_section_edit",
        args=[d["chair_report"].pk, d["chair_report_section"].pk],
    ),
}

POST_URLS = {
    "documents:letter (restricted WGETI letter, empty form)": lambda d: reverse(
        "documents:letter", args=[d["chair_letter"].pk]
    ),
    "documents:letter_annex_add (restricted WGETI letter, empty form)": lambda d: reverse(
        "documents:letter_annex_add", args=[d["chair_letter"].pk]
    ),
    "documents:report_section_add (draft DIEF report, empty form)": lambda d: reverse(
        "documents:report_section_add", args=[d["chair_report"].pk]
    ),
    "documents:report_issue (draft DIEF report, empty form)": lambda d: reverse(
        "documents:report_issue", args=[d["chair_report"].pk]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]

_SECRETARIAT = {
    **dict.fromkeys(_ROWS, 200),
    "documents:report_issue (draft DIEF report, empty form)": 302,  # back, with the error
}

_WGETI_CHAIR = {
    **_SECRETARIAT,
    "documents:report (draft DIEF report)": 404,
    "documents:report_pdf (draft DIEF report)": 404,
    "documents:report_section_edit (draft DIEF report)": 404,
    "documents:report_section_add (draft DIEF report, empty form)": 404,
    "documents:report_issue (draft DIEF report, empty form)": 404,
}

_DIEF_CHAIR = {
    **_SECRETARIAT,
    "documents:letter (restricted WGETI letter)": 403,
    "documents:letter (restricted WGETI letter, empty form)": 403,
    "documents:letter_annex_add (restricted WGETI letter, empty form)": 403,
}

# Delegates read the letter (and its PDF) in the register; nothing to compose or edit.
_DELEGATE = {
    **dict.fromkeys(_ROWS, 404),
    "documents:composed": 403,
    "documents:letter_compose": 403,
    "documents:report_create": 403,
    "documents:letter (restricted WGETI letter)": 403,
    "documents:letter (restricted WGETI letter, empty form)": 403,
    "documents:letter_annex_add (restricted WGETI letter, empty form)": 403,
    "documents:cover_letter_pdf (composed WGETI letter)": 200,
}


EXPECTED = {
    "secretariat": _SECRETARIAT,
    "dief-chair": _DIEF_CHAIR,
    "wgeti-chair": _WGETI_CHAIR,
    "delegate-sp": _DELEGATE,
    "delegate-sig": _DELEGATE,
    # Invited to the WGETI meeting of the letter's cycle: they read it as delegates do.
    "delegate-obs": _DELEGATE,
    "ngo": _DELEGATE,
    "expert": _DELEGATE,
}
