"""A process that writes to the portal's database as the Celery worker does, until told to
stop: queue a mail in a transaction that reads before it writes, then claim and send it
through the outbox's own service.

    python -m tests.integration.sqlite_writer <recipient id> <stop file>

It prints "ready" after its first write and, at the end, "writes=<n>"; any error is
printed with its traceback and the exit status is 1.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path


def main(recipient_id: int, stop: Path) -> int:
    import django

    django.setup()
    from django.db import transaction

    from att_portal.notifications.models import OutboxMail
    from att_portal.notifications.services import mail_send

    writes = 0
    try:
        while not stop.exists():
            with transaction.atomic():
                # A read first: the transaction then has to upgrade to a writer, which is
                # where SQLite refuses instead of waiting unless transactions begin IMMEDIATE.
                queued = OutboxMail.objects.filter(key__startswith="writer:").count()
                mail = OutboxMail.objects.create(
                    key=f"writer:{os.getpid()}:{queued}",
                    recipient_id=recipient_id,
                    to_address="writer@example.org",
                    language="en",
                    subject="Written while the portal is busy",
                    body_text="A mail queued and sent by the writer process.",
                )
            mail_send(mail_id=mail.pk)
            writes += 1
            if writes == 1:
                print("ready", flush=True)
    except Exception:
        traceback.print_exc()
        print(f"writes={writes}", flush=True)
        return 1
    print(f"writes={writes}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), Path(sys.argv[2])))
