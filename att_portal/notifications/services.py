"""The mail outbox: queue a message once, send it once.

Messages are rendered from ``templates/emails/<name>-subject.txt``, ``-body.txt`` and
``-body.html`` in the recipient's language. Confidential content never goes into an
e-mail: templates carry links into the portal only.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .enums import MailState
from .models import OutboxMail

logger = logging.getLogger(__name__)


def mail_queue(*, key: str, recipient, template: str, context: dict) -> OutboxMail:
    """Queue `template` for `recipient` under `key`; queueing the same key again is a no-op."""
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    context = {"recipient": recipient, "portal_url": settings.PORTAL_BASE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{template}-subject.txt", context).split())
        body_text = render_to_string(f"emails/{template}-body.txt", context)
        body_html = render_to_string(f"emails/{template}-body.html", context)
    with transaction.atomic():
        mail, created = OutboxMail.objects.get_or_create(
            key=key,
            defaults={
                "recipient": recipient,
                "to_address": recipient.email,
                "language": language,
                "subject": subject,
                "body_text": body_text,
                "body_html": body_html,
            },
        )
        if created:
            from .tasks import send_mail

            transaction.on_commit(lambda: send_mail.delay(mail.pk))
    return mail


def mail_send(*, mail_id: int) -> bool:
    """Send one queued mail. Only the caller that moves it from queued to sending sends it,
    so two workers never both send it. Returns whether this call sent it."""
    claimed = OutboxMail.objects.filter(pk=mail_id, state=MailState.QUEUED).update(
        state=MailState.SENDING
    )
    if not claimed:
        return False
    mail = OutboxMail.objects.get(pk=mail_id)
    message = EmailMultiAlternatives(
        subject=mail.subject, body=mail.body_text, to=[mail.to_address]
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
