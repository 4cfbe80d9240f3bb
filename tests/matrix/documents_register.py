"""Rows of the authorization matrix for the register kept from the portal: registering an
existing document under its symbol, issuing a revision, annexes in order, and the files of
each language with their history. Demo: the DIEF Chair's confidential working paper
ATT/CSP10.DIEF/2024/CHAIR/781/DrWP (its English file); the builders below add a replaced
English file to it, and a public cover letter with a confidential DIEF Annex A, a public
Annex B and a withdrawn French file. The Secretariat acts; delegations of States Parties
and signatories see what the forum admits and may not act (403); observers, organisations
and experts get nothing of a DIEF document (404)."""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse

from att_portal.directory.models import User
from documents.models import Document, LanguageVersion
from documents.services import (
    document_attach,
    document_register,
    language_version_upload,
    language_version_withdraw,
)

DIEF_PAPER = "ATT/CSP10.DIEF/2024/CHAIR/781/DrWP"
PDF = b"%PDF-1.4\n% matrix\ntrailer << >>\n%%EOF\n"


def _upload(officer, document, language, name):
    return language_version_upload(
        by=officer,
        document=document,
        language=language,
        uploaded=ContentFile(PDF, name=name),
        content_type="application/pdf",
        safe_name=name,
    )


def _cover_letter():
    """A public cover letter with a confidential DIEF annex and a public one, and a French
    file that was withdrawn; the DIEF paper's English file replaced once."""
    officer = User.objects.get(username="secretariat")
    paper = Document.objects.get(symbol=DIEF_PAPER)
    _upload(officer, paper, "en", "781-en-corrected.pdf")
    common = {"by": officer, "issued_on": datetime.date(2026, 2, 1), "author_office": "SEC"}
    cover = document_register(
        title="Cover letter (matrix)",
        cycle=paper.cycle,
        body="",
        doc_type="LetterSubDocs",
        distribution="public",
        **common,
    )
    dief_annex = document_register(
        title="Confidential annex (matrix)",
        cycle=paper.cycle,
        body="DIEF",
        doc_type="DrWP",
        distribution="confidential",
        forum="DIEF",
        **common,
    )
    public_annex = document_register(
        title="Public annex (matrix)",
        cycle=paper.cycle,
        body="",
        doc_type="Conf.WP",
        distribution="public",
        **common,
    )
    document_attach(by=officer, parent=cover, annex=dief_annex, label="Annex A")
    document_attach(by=officer, parent=cover, annex=public_annex, label="Annex B")
    _upload(officer, cover, "fr", "lettre.pdf")
    language_version_withdraw(by=officer, document=cover, language="fr", reason="Wrong draft")
    return cover


OBJECTS = {
    "reg_cover": _cover_letter,
    "reg_dief_paper": lambda: Document.objects.get(symbol=DIEF_PAPER),
    "reg_dief_annex": lambda: Document.objects.get(title_en="Confidential annex (matrix)"),
    "reg_public_annex": lambda: Document.objects.get(title_en="Public annex (matrix)"),
    "reg_dief_paper_v1": lambda: LanguageVersion.objects.get(
        document__symbol=DIEF_PAPER, language="en", number=1
    ),
    "reg_withdrawn_fr": lambda: LanguageVersion.objects.get(
        document__title_en="Cover letter (matrix)", language="fr"
    ),
}

GET_URLS = {
    "documents:register_existing": lambda d: reverse("documents:register_existing"),
    "documents:revise (DIEF working paper)": lambda d: reverse(
        "documents:revise", args=[d["reg_dief_paper"].pk]
    ),
    "documents:revise (public cover letter)": lambda d: reverse(
        "documents:revise", args=[d["reg_cover"].pk]
    ),
    "documents:detail (public cover letter with a confidential annex)": lambda d: reverse(
        "documents:detail", args=[d["reg_cover"].pk]
    ),
    "documents:version_history (DIEF working paper, English)": lambda d: reverse(
        "documents:version_history", args=[d["reg_dief_paper"].pk, "en"]
    ),
    "documents:version_history (public cover letter, French withdrawn)": lambda d: reverse(
        "documents:version_history", args=[d["reg_cover"].pk, "fr"]
    ),
    "documents:version_history (unknown language)": lambda d: reverse(
        "documents:version_history", args=[d["reg_cover"].pk, "xx"]
    ),
    "documents:version_file (DIEF working paper, replaced English version 1)": lambda d: reverse(
        "documents:version_file", args=[d["reg_dief_paper"].pk, "en", d["reg_dief_paper_v1"].pk]
    ),
    "documents:version_file (public cover letter, withdrawn French)": lambda d: reverse(
        "documents:version_file", args=[d["reg_cover"].pk, "fr", d["reg_withdrawn_fr"].pk]
    ),
    "documents:version_withdraw (DIEF working paper, English)": lambda d: reverse(
        "documents:version_withdraw", args=[d["reg_dief_paper"].pk, "en"]
    ),
}

POST_URLS = {
    "documents:register_existing (empty form)": lambda d: reverse("documents:register_existing"),
    "documents:revise (DIEF working paper, empty form)": lambda d: reverse(
        "documents:revise", args=[d["reg_dief_paper"].pk]
    ),
    "documents:annex_attach (DIEF working paper, empty form)": lambda d: reverse(
        "documents:annex_attach", args=[d["reg_dief_paper"].pk]
    ),
    "documents:annex_attach (public cover letter, empty form)": lambda d: reverse(
        "documents:annex_attach", args=[d["reg_cover"].pk]
    ),
    "documents:annex_action (public cover letter, move its DIEF Annex A down)": lambda d: reverse(
        "documents:annex_action", args=[d["reg_cover"].pk, d["reg_dief_annex"].pk, "down"]
    ),
    "documents:annex_action (public cover letter, detach its public Annex B)": lambda d: reverse(
        "documents:annex_action", args=[d["reg_cover"].pk, d["reg_public_annex"].pk, "detach"]
    ),
    "documents:annex_action (unknown annex)": lambda d: reverse(
        "documents:annex_action", args=[d["reg_cover"].pk, 999999, "up"]
    ),
    "documents:version_withdraw (DIEF working paper, English, empty form)": lambda d: reverse(
        "documents:version_withdraw", args=[d["reg_dief_paper"].pk, "en"]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]

# The Secretariat keeps the register: its forms come back with errors when empty, its
# actions redirect to the document's page.
_SECRETARIAT = {
    **dict.fromkeys(_ROWS, 200),
    "documents:version_history (unknown language)": 404,
    "documents:annex_action (public cover letter, move its DIEF Annex A down)": 302,
    "documents:annex_action (public cover letter, detach its public Annex B)": 302,
    "documents:annex_action (unknown annex)": 404,
}

# Delegates of States Parties and signatories (the DIEF Chair and the WGETI Chair
# included) read the DIEF paper, its history and its replaced file, but act on nothing; a
# withdrawn file is the Secretariat's.
_DIEF_DELEGATE = {
    **dict.fromkeys(_ROWS, 403),
    "documents:detail (public cover letter with a confidential annex)": 200,
    "documents:version_history (DIEF working paper, English)": 200,
    "documents:version_history (public cover letter, French withdrawn)": 200,
    "documents:version_history (unknown language)": 404,
    "documents:version_file (DIEF working paper, replaced English version 1)": 200,
    "documents:version_file (public cover letter, withdrawn French)": 404,
    "documents:annex_action (unknown annex)": 404,
}

# Observers, organisations and experts: nothing of a DIEF document — no page, no file,
# no history, not even its place among a public letter's annexes.
_OUTSIDER = {
    **_DIEF_DELEGATE,
    "documents:revise (DIEF working paper)": 404,
    "documents:version_history (DIEF working paper, English)": 404,
    "documents:version_file (DIEF working paper, replaced English version 1)": 404,
    "documents:version_withdraw (DIEF working paper, English)": 404,
    "documents:revise (DIEF working paper, empty form)": 404,
    "documents:annex_attach (DIEF working paper, empty form)": 404,
    "documents:annex_action (public cover letter, move its DIEF Annex A down)": 404,
    "documents:version_withdraw (DIEF working paper, English, empty form)": 404,
}

EXPECTED = {
    "secretariat": _SECRETARIAT,
    "dief-chair": _DIEF_DELEGATE,
    "wgeti-chair": _DIEF_DELEGATE,
    "delegate-sp": _DIEF_DELEGATE,
    "delegate-sig": _DIEF_DELEGATE,
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    "expert": _OUTSIDER,
}
