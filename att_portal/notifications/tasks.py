from celery import shared_task

from .services import mail_ids_to_send, mail_send


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
    """Send what is queued, and catch up on mail whose task was lost or whose worker died.

    Each mail is claimed just before it is sent, never the batch in advance: a worker
    killed here leaves at most the one mail it was sending to be sent again."""
    sent = 0
    for mail_id in mail_ids_to_send():
        try:
            sent += mail_send(mail_id=mail_id)
        except OSError:
            continue
    return sent
