"""The mail outbox and in-portal notices: queue a message once, send it once.

Messages are rendered from ``templates/emails/<name>-subject.txt``, ``-body.txt`` and
``-body.html`` in the recipient's language. Confidential content never goes into an
e-mail: templates carry links into the portal only.

Exactly once: each message has a unique key (a database constraint), so queueing it
again is a no-op; a sender first *claims* a queued message (queued -> sending in one
UPDATE), so two workers never both send it; a claim left by a killed worker is taken
back after MAIL_CLAIM_TIMEOUT.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from att_portal.l10n.bidi import is_rtl, isolate_html, isolate_text
from att_portal.l10n.content import HTML_LANG

from .enums import MailState
from .models import Notice, OutboxMail

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    key: str
    recipient: object
    template: str
    context: dict = field(default_factory=dict)
    # A callable, so that the notice is worded in the recipient's language.
    notice_title: Callable[[], str] | None = None
    url: str = ""


def _render(message: Message) -> OutboxMail:
    recipient = message.recipient
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    context = {
        "recipient": recipient,
        "portal_url": settings.PORTAL_BASE_URL,
        "url": message.url,
        **message.context,
    }
    with translation.override(language):
        subject = " ".join(
            render_to_string(f"emails/{message.template}-subject.txt", context).split()
        )
        body_text = render_to_string(f"emails/{message.template}-body.txt", context)
        body_html = render_to_string(
            "emails/_layout.html",
            {
                "html_lang": HTML_LANG.get(language, language),
                "rtl": is_rtl(language),
                "body": render_to_string(f"emails/{message.template}-body.html", context),
            },
        )
        if is_rtl(language):
            # Latin text, numbers and links inside Arabic read in order.
            body_text, body_html = isolate_text(body_text), isolate_html(body_html)
        return OutboxMail(
            key=message.key,
            recipient=recipient,
            to_address=recipient.email,
            language=language,
            subject=subject,
            body_text=body_text,
            body_html=body_html,
        )


def messages_queue(messages: list[Message]) -> None:
    """Queue many messages in a bounded number of queries; keys already queued are skipped
    by the database itself. Notices with a title are created in the portal too."""
    if not messages:
        return
    with transaction.atomic():
        OutboxMail.objects.bulk_create([_render(m) for m in messages], ignore_conflicts=True)
        notices = []
        for m in messages:
            if m.notice_title is not None:
                with translation.override(m.recipient.preferred_language):
                    title = m.notice_title()
                notices.append(Notice(key=m.key, recipient=m.recipient, title=title, url=m.url))
        Notice.objects.bulk_create(notices, ignore_conflicts=True)
        from .tasks import send_queued_mail

        transaction.on_commit(send_queued_mail.delay)


def mail_queue(*, key: str, recipient, template: str, context: dict) -> OutboxMail:
    """Queue `template` for `recipient` under `key`; queueing the same key again is a no-op."""
    existing = OutboxMail.objects.filter(key=key).first()
    if existing is not None:
        return existing
    mail = _render(Message(key, recipient, template, context))
    try:
        with transaction.atomic():
            mail.save()
    except IntegrityError:  # queued meanwhile by someone else
        return OutboxMail.objects.get(key=key)
    from .tasks import send_mail

    transaction.on_commit(lambda: send_mail.delay(mail.pk))
    return mail


def _claim(mail_id: int) -> bool:
    stale = timezone.now() - datetime.timedelta(seconds=settings.MAIL_CLAIM_TIMEOUT)
    return bool(
        OutboxMail.objects.filter(pk=mail_id)
        .filter(Q(state=MailState.QUEUED) | Q(state=MailState.SENDING, claimed_at__lt=stale))
        .update(state=MailState.SENDING, claimed_at=timezone.now())
    )


def mail_send(*, mail_id: int) -> bool:
    """Send one queued mail. Only the caller that claims it sends it, so two workers never
    both send it. Returns whether this call sent it."""
    if not _claim(mail_id):
        return False
    mail = OutboxMail.objects.get(pk=mail_id)
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        to=[mail.to_address],
        headers={"X-ATT-Portal-Key": mail.key},
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    try:
        message.send()
    except Exception as exc:  # the SMTP server's refusal must not lose the message
        logger.warning("Mail %s could not be sent: %s", mail_id, exc)
        OutboxMail.objects.filter(pk=mail_id).update(
            state=MailState.QUEUED, attempts=mail.attempts + 1, last_error=str(exc)[:2000]
        )
        raise
    OutboxMail.objects.filter(pk=mail_id).update(
        state=MailState.SENT, sent_at=timezone.now(), attempts=mail.attempts + 1, last_error=""
    )
    return True


def mail_ids_to_send(limit: int = 500) -> list[int]:
    stale = timezone.now() - datetime.timedelta(seconds=settings.MAIL_CLAIM_TIMEOUT)
    return list(
        OutboxMail.objects.filter(
            Q(state=MailState.QUEUED) | Q(state=MailState.SENDING, claimed_at__lt=stale)
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
