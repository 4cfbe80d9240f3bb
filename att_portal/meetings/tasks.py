from celery import shared_task

from .reminders import reminders_queue


@shared_task(name="meetings.send_deadline_reminders", acks_late=True)
def send_deadline_reminders() -> int:
    """Beat runs this every hour; each run queues only what no earlier run queued."""
    return reminders_queue()
