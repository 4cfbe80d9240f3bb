from django.contrib import admin

from att_portal.admin_site import SecretariatAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(SecretariatAdmin):
    list_display = ["symbol", "title", "issued_on", "distribution"]
    list_filter = ["distribution", "body", "cycle"]
    search_fields = ["symbol", "title"]
    list_select_related = ["cycle"]
    readonly_fields = ["symbol", "number"]

    def has_add_permission(self, request) -> bool:
        # Documents enter through the register, which assigns the number and symbol.
        return False
