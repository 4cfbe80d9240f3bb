"""The mail outbox and in-portal notices: queue a message once, deliver it at least once.

Messages are rendered from ``templates/emails/<name>-subject.txt``, ``-body.txt`` and
``-body.html`` in the recipient's language. Confidential content never goes into an
e-mail: templates carry links into the portal only.

Queued once: each message has a unique key (a database constraint), so queueing it again
is a no-op.

Delivered at least once: a sender *claims* one queued message (queued -> sending in one
UPDATE), hands it to the mail server, records it as sent, and only then claims the next, so
two live workers never both send it. Only a message whose outcome was lost in flight goes
twice: a worker killed after the server accepted it but before recording it leaves that one
message claimed, and another worker takes the claim back after MAIL_CLAIM_TIMEOUT and sends
it again; a connection broken after the server took it but before it confirmed puts it back
in the queue. No sender can tell these from a message the server never received, so the
second copy carries the same ``Message-ID`` as the first (derived from the key), by which
mail programs and many servers drop it. Each step of the SMTP conversation times out long
before MAIL_CLAIM_TIMEOUT, so a stalled server does not let a live worker's claim lapse.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import punycode

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


def _keys_queued(keys: list[str]) -> tuple[set[str], set[str]]:
    """Which of `keys` are queued already as mail, and which as notices: one query whatever
    their number. Plain SQL: for the ~20,000 keys of an hourly scan the ORM spends longer
    preparing the parameters than the query takes."""
    if not keys:
        return set(), set()
    quote = connection.ops.quote_name
    tables = [quote(model._meta.db_table) for model in (OutboxMail, Notice)]
    key = quote("key")
    # The keys as one parameter: an array on PostgreSQL, a JSON array on SQLite.
    if connection.vendor == "postgresql":
        condition, param = "= ANY(%s)", list(keys)
    else:
        condition, param = "IN (SELECT value FROM json_each(%s))", json.dumps(keys)
    # Names from the models, quoted by the backend; the keys go as a parameter.
    sql = (
        f"SELECT 0, {key} FROM {tables[0]} WHERE {key} {condition} "  # noqa: S608
        f"UNION ALL SELECT 1, {key} FROM {tables[1]} WHERE {key} {condition}"
    )
    mailed: set[str] = set()
    noticed: set[str] = set()
    with connection.cursor() as cursor:
        cursor.execute(sql, [param, param])
        for kind, found in cursor.fetchall():
            (noticed if kind else mailed).add(found)
    return mailed, noticed


def messages_queue(messages: list[Message]) -> None:
    """Queue many messages in a bounded number of queries. Only messages whose key is new
    are rendered: a scan that asks again for what an earlier run queued renders nothing.
    A key queued meanwhile by another worker is still skipped by the database itself (the
    unique key). Notices with a title are created in the portal too."""
    if not messages:
        return
    firsts: dict[str, Message] = {}
    for m in messages:
        firsts.setdefault(m.key, m)
    messages = list(firsts.values())
    mailed, noticed = _keys_queued([m.key for m in messages])
    new_mail = [m for m in messages if m.key not in mailed]
    new_notices = [m for m in messages if m.notice_title is not None and m.key not in noticed]
    if not new_mail and not new_notices:
        return
    with transaction.atomic():
        OutboxMail.objects.bulk_create([_render(m) for m in new_mail], ignore_conflicts=True)
        notices = []
        for m in new_notices:
            with translation.override(m.recipient.preferred_language):
                title = m.notice_title()
            notices.append(Notice(key=m.key, recipient=m.recipient, title=title, url=m.url))
        Notice.objects.bulk_create(notices, ignore_conflicts=True)
        if new_mail:
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


# A domain made of dot-separated atoms, as RFC 5322 allows on the right of a msg-id's "@".
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
# An SMTP conversation takes about a dozen round trips; each may take this share of the
# claim timeout, so that a stuck send gives up before its claim can be taken back.
_SMTP_STEPS_PER_CLAIM = 20


def mail_domain() -> str:
    """The portal's mail domain: that of DEFAULT_FROM_EMAIL, else the host of
    PORTAL_BASE_URL."""
    _local, at, from_domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")
    candidates = (
        from_domain if at else "",
        urlsplit(settings.PORTAL_BASE_URL).hostname or "",
    )
    for candidate in candidates:
        try:
            domain = punycode(candidate.strip().lower())
        except UnicodeError:
            continue
        if _DOT_ATOM.fullmatch(domain):
            return domain
    return "localhost"


def message_id(key: str) -> str:
    """The Message-ID of the mail queued under `key`: the same on every attempt, so that a
    copy sent again after a worker died is recognisable as the same message."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return f"<{digest}@{mail_domain()}>"


def _smtp_timeout() -> float:
    if settings.EMAIL_TIMEOUT is not None:
        return settings.EMAIL_TIMEOUT
    return max(1.0, settings.MAIL_CLAIM_TIMEOUT / _SMTP_STEPS_PER_CLAIM)


def mail_send(*, mail_id: int) -> bool:
    """Send one queued mail. Only the caller that claims it sends it, so two live workers
    never both send it. Returns whether this call sent it."""
    if not _claim(mail_id):
        return False
    mail = OutboxMail.objects.get(pk=mail_id)
    connection = get_connection(timeout=_smtp_timeout())
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        to=[mail.to_address],
        headers={"Message-ID": message_id(mail.key), "X-ATT-Portal-Key": mail.key},
        connection=connection,
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    try:
        # Opened here, so that sending does not also close: the server's goodbye failing
        # after it accepted the message must not send the message again.
        connection.open()
        message.send()
    except Exception as exc:  # the SMTP server's refusal must not lose the message
        logger.warning("Mail %s could not be sent: %s", mail_id, exc)
        OutboxMail.objects.filter(pk=mail_id).update(
            state=MailState.QUEUED, attempts=mail.attempts + 1, last_error=str(exc)[:2000]
        )
        _close_quietly(connection, mail_id)
        raise
    OutboxMail.objects.filter(pk=mail_id).update(
        state=MailState.SENT, sent_at=timezone.now(), attempts=mail.attempts + 1, last_error=""
    )
    _close_quietly(connection, mail_id)
    return True


def _close_quietly(connection, mail_id: int) -> None:
    try:
        connection.close()
    except Exception as exc:  # the outcome of the send is recorded already
        logger.info("Closing the mail connection after mail %s failed: %s", mail_id, exc)


def mail_ids_to_send(limit: int = 500) -> list[int]:
    stale = timezone.now() - datetime.timedelta(seconds=settings.MAIL_CLAIM_TIMEOUT)
    return list(
        OutboxMail.objects.filter(
            Q(state=MailState.QUEUED) | Q(state=MailState.SENDING, claimed_at__lt=stale)
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
