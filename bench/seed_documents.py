"""The bench's register: documents of every body and cycle under symbols the register
would give them (the next running numbers, revisions keeping their original's number,
annexes, authoring States), each with its files in one to six UN languages, some
replaced by a later version. The files share one stored placeholder PDF."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from att_portal.demo import _minimal_pdf
from att_portal.directory.models import State, User
from att_portal.l10n.content import set_translations
from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle, Meeting
from documents.enums import Distribution
from documents.models import Document, LanguageVersion, RunningNumber
from documents.services import SECRETARIAT_SERIES, unsaved_revision
from documents.symbols import DocumentSymbol

PLACEHOLDER = "documents/bench/placeholder.pdf"
# (body, doc types). DIEF documents are never minutes or meeting reports (ToR art. 17).
BODIES = (
    ("", ("Conf.WP", "Conf.Rep", "Conf.FinRep", "Conf.Prop", "Conf.PartList", "DrWP")),
    (Body.WGETI, ("Conf.WP", "DrWP", "LetterSubDocs", "MtgRep", "Conf.Rep")),
    (Body.WGETI_SWG, ("DrWP", "Conf.WP", "MtgRep")),
    (Body.DIEF, ("DrWP", "Conf.WP", "Conf.Prop", "Conf.Rep")),
    (Body.WGTR, ("Conf.WP", "MtgRep", "Conf.Rep")),
    (Body.WGTU, ("Conf.WP", "MtgRep", "DrWP")),
    (Body.MC, ("Conf.Rep", "MtgRep")),
)
WEIGHTS = (6, 5, 2, 3, 2, 2, 1)  # of 21
TITLES = {
    "Conf.WP": ("Working paper on {topic}", "Document de travail sur {topic_fr}"),
    "DrWP": ("Draft working paper on {topic}", "Projet de document de travail sur {topic_fr}"),
    "Conf.Rep": ("Report to the Conference on {topic}", "Rapport à la Conférence sur {topic_fr}"),
    "Conf.FinRep": ("Final report of the Conference", "Rapport final de la Conférence"),
    "Conf.Prop": ("Proposal on {topic}", "Proposition sur {topic_fr}"),
    "Conf.PartList": ("List of participants", "Liste des participants"),
    "LetterSubDocs": ("Chair's letter on {topic}", "Lettre de la présidence sur {topic_fr}"),
    "MtgRep": ("Report of the meeting on {topic}", "Rapport de la réunion sur {topic_fr}"),
}
TOPICS = (
    ("risk assessment", "l'évaluation des risques"),
    ("post-shipment controls", "les contrôles après expédition"),
    ("brokering", "le courtage"),
    ("end-use documentation", "les documents d'utilisation finale"),
    ("transit and trans-shipment", "le transit et le transbordement"),
    ("gender-based violence", "la violence fondée sur le genre"),
    ("national control lists", "les listes nationales de contrôle"),
    ("universalization", "l'universalisation"),
    ("reporting templates", "les modèles de rapport"),
    ("the sponsorship programme", "le programme de parrainage"),
)
# Languages of a document's files: four in ten in all six, four in ten in English only,
# two in ten in three. One document in 25 had its English file replaced.
LANGUAGE_SETS = (
    ("en", "fr", "es", "ru", "ar", "zh-hans"),
    ("en",),
    ("en", "fr", "es", "ru", "ar", "zh-hans"),
    ("en",),
    ("en", "fr", "es"),
)
REPLACED_EVERY = 25
REVISION_EVERY = 25  # one in 25 new documents is a revision of an earlier one
ANNEX_EVERY = 33


def _placeholder() -> tuple[str, int]:
    content = _minimal_pdf("ATT Portal benchmark placeholder")
    if not default_storage.exists(PLACEHOLDER):
        default_storage.save(PLACEHOLDER, ContentFile(content))
    return PLACEHOLDER, len(content)


def _body_for(index: int) -> tuple[str, tuple[str, ...]]:
    slot = index % sum(WEIGHTS)
    for (body, types), weight in zip(BODIES, WEIGHTS, strict=True):
        if slot < weight:
            return body, types
        slot -= weight
    raise AssertionError  # pragma: no cover


def _distribution(body: str, index: int) -> tuple[str, str]:
    if body == Body.DIEF:
        return (Distribution.CONFIDENTIAL, "DIEF") if index % 5 else (Distribution.PUBLIC, "")
    return (Distribution.PUBLIC, "") if index % 5 < 3 else (Distribution.RESTRICTED, "")


class Register:
    """What a new document of the register needs: its cycle, number, authors, meeting."""

    def __init__(self, today: datetime.date):
        self.cycles = list(CspCycle.objects.filter(year__lte=today.year).order_by("number"))
        self.states = list(State.objects.order_by("pk"))
        self.meetings: dict[tuple[str, int], list[int]] = {}
        for pk, body, cycle_id in Meeting.objects.values_list("pk", "body", "cycle_id"):
            self.meetings.setdefault((body, cycle_id), []).append(pk)
        highest = Document.objects.aggregate(highest=Max("number"))["highest"] or 0
        counter = RunningNumber.objects.filter(name=SECRETARIAT_SERIES).first()
        self.next_number = max(highest, counter.last if counter else 0) + 1
        self.today = today

    def take_number(self) -> int:
        number = self.next_number
        self.next_number += 1
        return number


def _original(index: int, register: Register) -> tuple[Document, list[State]]:
    body, types = _body_for(index)
    doc_type = types[(index // 21) % len(types)]
    cycle = register.cycles[index % len(register.cycles)]
    month, day = 1 + index % 12, 1 + index % 28
    issued_on = min(datetime.date(cycle.year, month, day), register.today)
    distribution, forum = _distribution(body, index)
    authors: list[State] = []
    office = ("SEC", "CHAIR", "SEC", "PRES", "SEC", "MC", "CHAIR")[index % 7]
    if index % 9 == 4 and body != Body.DIEF:  # a working paper of one to three States
        authors = sorted(
            {
                register.states[(index * k) % len(register.states)]
                for k in (1, 3, 7)[: 1 + index % 3]
            },
            key=lambda state: state.alpha3,
        )
        office = ""
    number = register.take_number()
    symbol = DocumentSymbol(
        cycle=cycle.number,
        body=body or None,
        year=issued_on.year,
        authors=tuple(s.alpha3 for s in authors) or (office,),
        number=number,
        doc_type=doc_type,
    )
    meetings = register.meetings.get((body or Body.CSP, cycle.pk), [])
    linked = meetings[index % len(meetings)] if meetings and index % 3 == 0 else None
    if body == Body.DIEF and doc_type == "Conf.Rep":
        linked = None  # the Chair's report to the CSP is bound to no meeting
    document = Document(
        symbol=str(symbol),
        number=number,
        year=issued_on.year,
        issued_on=issued_on,
        cycle=cycle,
        body=body,
        author_office=office,
        doc_type=doc_type,
        original_language="en" if index % 10 else "fr",
        distribution=distribution,
        forum=forum,
        meeting_id=linked,
    )
    en, fr = TITLES[doc_type]
    topic, topic_fr = TOPICS[index % len(TOPICS)]
    titles = {"en": en.format(topic=topic) + f" ({number})"}
    if index % 2 == 0:
        titles["fr"] = fr.format(topic_fr=topic_fr) + f" ({number})"
    if index % 5 == 0:
        titles["es"] = f"Documento {number}"
        titles["ru"] = f"Документ {number}"
        titles["ar"] = f"الوثيقة {number}"
        titles["zh-hans"] = f"文件 {number}"
    set_translations(document, "title", titles)
    return document, authors


def _revision(original: Document, revision: int, today: datetime.date) -> Document:
    """As revise_unchecked makes it: the same number, `.RevN`, the original's titles."""
    document = unsaved_revision(
        original, revision, issued_on=min(original.issued_on + datetime.timedelta(days=30), today)
    )
    for field in ("title_en", "title_fr", "title_es", "title_ru", "title_ar", "title_zh_hans"):
        setattr(document, field, getattr(original, field))
    document.__dict__["title"] = original.title_en
    return document


def _versions(documents: list[Document], by: User, index0: int) -> list[LanguageVersion]:
    name, size = _placeholder()
    now = timezone.now()
    rows = []
    for offset, document in enumerate(documents):
        index = index0 + offset
        for language in LANGUAGE_SETS[index % len(LANGUAGE_SETS)]:
            replaced = language == "en" and index % REPLACED_EVERY == 0
            common = {
                "document": document,
                "language": language,
                "file": name,
                "storage_name": name.rsplit("/", 1)[1],
                "original_name": f"{document.number}-{language}.pdf",
                "content_type": "application/pdf",
                "size": size,
                "uploaded_by": by,
            }
            if replaced:
                rows.append(LanguageVersion(number=1, replaced_at=now, **common))
            rows.append(LanguageVersion(number=2 if replaced else 1, **common))
    return rows


@transaction.atomic
def documents_seed(target: int, *, secretariat: User) -> tuple[int, int]:
    """Documents up to `target` in all; returns (documents, language versions) made."""
    missing = target - Document.objects.count()
    if missing <= 0:
        return 0, 0
    today = timezone.localdate()
    register = Register(today)
    index0 = Document.objects.count()
    revisions = missing // REVISION_EVERY
    originals, authors = [], []
    for index in range(index0, index0 + missing - revisions):
        document, states = _original(index, register)
        originals.append(document)
        authors.append(states)
    Document.objects.bulk_create(originals, batch_size=2000)
    through = Document.author_states.through
    through.objects.bulk_create(
        [
            through(document_id=document.pk, state_id=state.pk)
            for document, states in zip(originals, authors, strict=True)
            for state in states
        ],
        batch_size=5000,
    )
    step = max(1, len(originals) // max(1, revisions))
    revised = [_revision(original, 1, today) for original in originals[::step][:revisions]]
    Document.objects.bulk_create(revised, batch_size=2000)
    authors_of = {document.pk: states for document, states in zip(originals, authors, strict=True)}
    through.objects.bulk_create(
        [
            through(document_id=revision.pk, state_id=state.pk)
            for revision in revised
            for state in authors_of[revision.revises_id]
        ],
        batch_size=5000,
    )
    _annexes(originals)
    made = originals + revised
    versions = _versions(made, secretariat, index0)
    LanguageVersion.objects.bulk_create(versions, batch_size=5000)
    counter, _created = RunningNumber.objects.get_or_create(name=SECRETARIAT_SERIES)
    RunningNumber.objects.filter(pk=counter.pk).update(last=register.next_number - 1)
    return len(made), len(versions)


def _annexes(originals: list[Document]) -> None:
    """One document in 33 is an annex of the document registered before it, as
    document_attach leaves it (parent, label, position)."""
    annexes = []
    for position, index in enumerate(range(ANNEX_EVERY, len(originals), ANNEX_EVERY)):
        annex, parent = originals[index], originals[index - 1]
        if annex.forum != parent.forum or parent.parent_id:
            continue
        annex.parent = parent
        annex.annex_label = "Annex A" if position % 2 else "Annex B"
        annex.position = 1
        annexes.append(annex)
    Document.objects.bulk_update(annexes, ["parent", "annex_label", "position"], batch_size=2000)
