from django.db.models import QuerySet

from att_portal import access
from att_portal.directory.permissions import is_secretariat

from .models import Notice, OutboxMail


@access.register(OutboxMail)
class OutboxMailPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset if is_secretariat(user) else queryset.none()


@access.register(Notice)
class NoticePolicy(access.Policy):
    """A notice is its recipient's alone."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(recipient=user)
