"""The portal's Celery application: reminders, deadlines and the mail outbox."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "att_portal.settings.base")

app = Celery("att_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="att_portal.ping")
def ping() -> str:
    """Answer 'pong': lets an operator (and the tests) see that a worker is consuming."""
    return "pong"
