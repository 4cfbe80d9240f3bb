from celery import shared_task

from .enums import MailState
from .models import OutboxMail
from .services import mail_send


@shared_task(
    name="notifications.send_mail",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=8,
)
def send_mail(mail_id: int) -> bool:
    return mail_send(mail_id=mail_id)


@shared_task(name="notifications.send_queued_mail", acks_late=True)
def send_queued_mail() -> int:
    """Catch up on mail whose task was lost (e.g. queued while no worker ran)."""
    sent = 0
    for mail_id in OutboxMail.objects.filter(state=MailState.QUEUED).values_list("pk", flat=True)[
        :500
    ]:
        try:
            sent += mail_send(mail_id=mail_id)
        except OSError:
            continue
    return sent
