"""Letters the Chairs and the Secretariat compose in the portal (e.g. the WGETI Chair's cover
letter, seed 004): registered as ``LetterSubDocs`` when composed, with their annexes — each a
document of the register — in order."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.directory.models import User
from att_portal.l10n.content import Translations, set_translations
from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle

from . import services
from .enums import AuthorOffice, Distribution, DocumentType
from .models import Document, Letter
from .permissions import bodies_chaired, may_compose

LETTER_TEXTS = ("addressees", "place", "body", "signature")


def letter_distribution(body: str, distribution: str) -> tuple[str, str]:
    """(distribution, forum): everything of the DIEF is confidential to it (ToR art. 14)."""
    if body == Body.DIEF:
        return Distribution.CONFIDENTIAL, Body.DIEF
    if distribution == Distribution.CONFIDENTIAL:
        raise ValidationError({"distribution": _("Only DIEF letters are confidential to a forum.")})
    return distribution, ""


def _author_of(by: User, body: str, author_office: str) -> str:
    """A Chair writes as the Chair; the Secretariat as itself or for the Chair."""
    from att_portal.directory.permissions import is_secretariat

    if not is_secretariat(by):
        return AuthorOffice.CHAIR
    return author_office or AuthorOffice.SEC


def _save(letter: Letter, *, by: User, reason: str) -> None:
    letter.full_clean()
    letter._history_user = by
    letter._change_reason = reason
    letter.save()


@transaction.atomic
def letter_compose(
    *,
    by: User,
    cycle: CspCycle,
    body: str,
    title: str | Translations,
    dated_on: datetime.date,
    addressees: str | Translations,
    place: str | Translations,
    text: str | Translations,
    signature: str | Translations,
    distribution: str = Distribution.RESTRICTED,
    author_office: str = "",
) -> Letter:
    """Compose a letter: it is registered at once (``…/LetterSubDocs``, dated the day of the
    letter) so that annexes can be attached to it and its symbol printed on it."""
    if not may_compose(by, body):
        raise PermissionDenied
    distribution, forum = letter_distribution(body, distribution)
    document = services.register_unchecked(
        by=by,
        title=title,
        cycle=cycle,
        body=body,
        doc_type=DocumentType.LETTER_SUB_DOCS,
        issued_on=dated_on,
        distribution=distribution,
        author_office=_author_of(by, body, author_office),
        forum=forum,
    )
    letter = Letter(document=document, dated_on=dated_on, created_by=by)
    for field, value in zip(LETTER_TEXTS, (addressees, place, text, signature), strict=True):
        set_translations(letter, field, value)
    _save(letter, by=by, reason="Composed")
    return letter


@transaction.atomic
def letter_update(
    *,
    by: User,
    letter: Letter,
    title: str | Translations,
    dated_on: datetime.date,
    addressees: str | Translations,
    place: str | Translations,
    text: str | Translations,
    signature: str | Translations,
) -> Letter:
    """Change the letter's texts and date; its symbol stays (the year it was registered)."""
    access.require(by, access.Action.CHANGE, letter)
    document = letter.document
    set_translations(document, "title", title)
    document.full_clean()
    document._history_user = by
    document._change_reason = "Letter edited"
    document.save()
    letter.dated_on = dated_on
    for field, value in zip(LETTER_TEXTS, (addressees, place, text, signature), strict=True):
        set_translations(letter, field, value)
    _save(letter, by=by, reason="Edited")
    return letter


@transaction.atomic
def letter_annex_add(
    *,
    by: User,
    letter: Letter,
    label: str,
    title: str | Translations,
    doc_type: str,
    language: str,
    uploaded,
    content_type: str,
    safe_name: str,
) -> Document:
    """Register a new annex of the letter (the letter's cycle, body, author and distribution),
    attach it after the others under its label and store its file."""
    parent = letter.document
    access.require(by, access.Action.CHANGE, parent)
    annex = services.register_unchecked(
        by=by,
        title=title,
        cycle=parent.cycle,
        body=parent.body,
        doc_type=doc_type,
        issued_on=letter.dated_on,
        distribution=parent.distribution,
        author_office=parent.author_office or AuthorOffice.SEC,
        forum=parent.forum,
    )
    services.document_attach(by=by, parent=parent, annex=annex, label=label)
    services.language_version_upload(
        by=by,
        document=annex,
        language=language,
        uploaded=uploaded,
        content_type=content_type,
        safe_name=safe_name,
    )
    return annex


def letters_editable_by(user) -> QuerySet:
    """The letters the person may edit: every letter for the Secretariat, their body's
    letters written as the Chair for a Chair."""
    from att_portal.directory.permissions import is_secretariat

    letters = access.visible(user, Letter).select_related("document")
    if not is_secretariat(user):
        letters = letters.filter(
            document__author_office=AuthorOffice.CHAIR, document__body__in=bodies_chaired(user)
        )
    return letters.order_by("-dated_on", "-pk")
