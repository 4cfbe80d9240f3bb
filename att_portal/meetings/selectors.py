from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from att_portal import access

from .models import Meeting


def meetings_visible_to(user, *, body: str | None = None) -> QuerySet[Meeting]:
    meetings = access.visible(user, Meeting.objects.with_related())
    if body:
        meetings = meetings.filter(body=body)
    return meetings


def upcoming_meetings_for(user, *, today: datetime.date | None = None) -> QuerySet[Meeting]:
    today = today or timezone.localdate()
    return meetings_visible_to(user).filter(ends_on__gte=today).order_by("starts_on")
