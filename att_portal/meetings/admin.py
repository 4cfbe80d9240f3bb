from django.contrib import admin

from att_portal.admin_site import SecretariatAdmin

from .models import CspCycle, Meeting


@admin.register(CspCycle)
class CspCycleAdmin(SecretariatAdmin):
    list_display = ["__str__", "year", "president_state", "president"]
    list_select_related = ["president_state", "president"]


@admin.register(Meeting)
class MeetingAdmin(SecretariatAdmin):
    list_display = ["title", "body", "cycle", "starts_on", "ends_on", "format"]
    list_filter = ["body", "cycle", "format"]
    list_select_related = ["cycle"]
    date_hierarchy = "starts_on"
