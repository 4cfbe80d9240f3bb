"""The Secretariat enters the guides' translations here (django-modeltranslation shows one
field per UN language). The English text of a published edition stays as endorsed."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from att_portal.admin_site import SecretariatPermissionsMixin

from .enums import EditionState
from .models import Guide, GuideBlock, GuideSection


class TranslationsOnly(SecretariatPermissionsMixin, TranslationAdmin):
    """Guides grow through editions and revisions; here only their texts are translated."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Guide)
class GuideAdmin(TranslationsOnly):
    list_display = ["title"]


@admin.register(GuideSection)
class GuideSectionAdmin(TranslationsOnly):
    list_display = ["__str__", "edition", "kind", "position"]
    list_filter = ["edition__guide", "edition"]
    list_select_related = ["edition__guide"]
    readonly_fields = ["edition", "kind", "position"]


@admin.register(GuideBlock)
class GuideBlockAdmin(TranslationsOnly):
    list_display = ["__str__", "section", "kind"]
    list_filter = ["section__edition__guide", "section__edition", "kind"]
    list_select_related = ["section__edition__guide"]
    search_fields = ["number", "text_en"]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["section", "kind", "number", "key", "position"]
        if obj is not None and obj.section.edition.state == EditionState.PUBLISHED:
            fixed.append("text_en")
        return fixed
