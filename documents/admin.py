from django.contrib import admin

from att_portal.admin_site import TranslatedSecretariatAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(TranslatedSecretariatAdmin):
    list_display = ["symbol", "title", "issued_on", "distribution"]
    list_filter = ["distribution", "body", "cycle"]
    search_fields = [
        "symbol",
        "title_en",
        "title_fr",
        "title_es",
        "title_ru",
        "title_ar",
        "title_zh_hans",
    ]
    list_select_related = ["cycle"]
    readonly_fields = ["symbol", "number"]

    def has_add_permission(self, request) -> bool:
        # Documents enter through the register, which assigns the number and symbol.
        return False
