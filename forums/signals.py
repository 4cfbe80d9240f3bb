"""ToR art. 11: an intention notified before the meeting is announced waits for the next
DIEF meeting. Whoever creates that meeting — the Secretariat in the portal or in the
administration — the intentions become its presentations, in the same transaction
(`att_portal.meetings` never imports the forum: it learns nothing of this)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting


@receiver(post_save, sender=Meeting, dispatch_uid="forums.intentions_attach")
def attach_waiting_intentions(sender, instance: Meeting, created: bool, raw=False, **kwargs):
    if raw or not created or instance.body != Body.DIEF:
        return
    from .services.presentations import intentions_attach

    intentions_attach(meeting=instance)
