from django.db.models import QuerySet

from att_portal import access
from att_portal.directory.permissions import is_secretariat

from .models import OutboxMail


@access.register(OutboxMail)
class OutboxMailPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset if is_secretariat(user) else queryset.none()
