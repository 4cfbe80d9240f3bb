from django.contrib import admin
from modeltranslation.admin import TranslationTabularInline

from att_portal.admin_site import (
    SecretariatAdmin,
    SecretariatPermissionsMixin,
    TranslatedSecretariatAdmin,
)

from .models import CspCycle, Invitation, Meeting, MeetingCall, MeetingSession, Participation


@admin.register(CspCycle)
class CspCycleAdmin(SecretariatAdmin):
    list_display = ["__str__", "year", "president_state", "president"]
    list_select_related = ["president_state", "president"]


class MeetingSessionInline(SecretariatPermissionsMixin, TranslationTabularInline):
    model = MeetingSession
    extra = 0


class MeetingCallInline(SecretariatPermissionsMixin, TranslationTabularInline):
    model = MeetingCall
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(TranslatedSecretariatAdmin):
    list_display = ["title", "body", "cycle", "starts_on", "ends_on", "format"]
    list_filter = ["body", "cycle", "format"]
    list_select_related = ["cycle"]
    date_hierarchy = "starts_on"
    inlines = [MeetingSessionInline, MeetingCallInline]


@admin.register(Invitation)
class InvitationAdmin(SecretariatAdmin):
    list_display = ["meeting", "state", "organisation", "sent_at", "late"]
    list_filter = ["late", "meeting__body"]
    list_select_related = ["meeting", "state", "organisation"]


@admin.register(Participation)
class ParticipationAdmin(SecretariatAdmin):
    list_display = ["meeting", "person", "sponsorship_requested", "nominated_at"]
    list_filter = ["sponsorship_requested", "meeting__body"]
    list_select_related = ["meeting", "person"]
