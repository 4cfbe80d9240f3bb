from django.contrib import admin

from att_portal.admin_site import SecretariatPermissionsMixin

from .models import OutboxMail


@admin.register(OutboxMail)
class OutboxMailAdmin(SecretariatPermissionsMixin, admin.ModelAdmin):
    list_display = ["to_address", "subject", "state", "created_at", "sent_at"]
    list_filter = ["state"]
    readonly_fields = [f.name for f in OutboxMail._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
