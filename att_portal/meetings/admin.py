from django.contrib import admin
from modeltranslation.admin import TranslationTabularInline

from att_portal.admin_site import (
    SecretariatAdmin,
    SecretariatPermissionsMixin,
    TranslatedSecretariatAdmin,
)

from .models import (
    CspCycle,
    Invitation,
    Meeting,
    MeetingCall,
    MeetingMessage,
    MeetingSession,
    Participation,
)


@admin.register(CspCycle)
class CspCycleAdmin(SecretariatAdmin):
    list_display = ["__str__", "year", "president_state", "president"]
    list_select_related = ["president_state", "president"]


class FrozenWhenCancelled:
    """The timetable and calls of a cancelled meeting are read-only here as in the portal
    (their models' clean() refuses them too)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and not (obj and obj.is_cancelled)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and obj.is_cancelled)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.is_cancelled)


class MeetingSessionInline(
    FrozenWhenCancelled, SecretariatPermissionsMixin, TranslationTabularInline
):
    model = MeetingSession
    extra = 0


class MeetingCallInline(FrozenWhenCancelled, SecretariatPermissionsMixin, TranslationTabularInline):
    model = MeetingCall
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(TranslatedSecretariatAdmin):
    """Every rule is the model's (Meeting.clean and its parts'), as in the portal. A meeting
    is cancelled in the portal (which tells the delegations), never deleted."""

    list_display = ["title", "body", "cycle", "starts_on", "ends_on", "format", "cancelled_at"]
    list_filter = ["body", "cycle", "format"]
    list_select_related = ["cycle"]
    date_hierarchy = "starts_on"
    readonly_fields = ["cancelled_at", "cancelled_by", "cancellation_note"]
    inlines = [MeetingSessionInline, MeetingCallInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(SecretariatAdmin):
    list_display = ["meeting", "state", "organisation", "sent_at", "late"]
    list_filter = ["late", "meeting__body"]
    list_select_related = ["meeting", "state", "organisation"]


@admin.register(Participation)
class ParticipationAdmin(SecretariatAdmin):
    """Nominations are decided and attendance recorded in the portal, which records who did
    it and tells the focal point: here those fields are read-only. Participation.clean
    holds the rest (the seat limit, the invitation, nominations closed after the meeting)."""

    list_display = ["meeting", "person", "status", "attended", "sponsorship_requested"]
    list_filter = ["status", "attended", "sponsorship_requested", "meeting__body"]
    list_select_related = ["meeting", "person"]
    readonly_fields = [
        "status",
        "decided_at",
        "decided_by",
        "attended",
        "attendance_recorded_at",
        "attendance_recorded_by",
    ]


@admin.register(MeetingMessage)
class MeetingMessageAdmin(TranslatedSecretariatAdmin):
    """Messages are written in the portal, which sends them: here they are only read."""

    list_display = ["subject", "meeting", "sent_by", "sent_at", "delegations", "people"]
    list_select_related = ["meeting", "sent_by"]

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
