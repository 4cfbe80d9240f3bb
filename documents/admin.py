from django import forms
from django.contrib import admin

from att_portal.admin_site import TranslatedSecretariatAdmin

from .models import Document


class DocumentAdminForm(forms.ModelForm):
    """The symbol is shown, never edited; the fields it is made of (cycle, body, year,
    authors, type, revision and what it revises) are checked against it by
    `Document.clean()`, the one rule of the portal and the admin alike — including the
    authoring States, which a many-to-many field saves only after the document. (The
    admin builds the form's Meta from `DocumentAdmin`.)"""

    def _post_clean(self) -> None:
        states = self.cleaned_data.get("author_states")
        if states is not None:
            self.instance.set_pending_authors(state.alpha3 for state in states)
        super()._post_clean()


@admin.register(Document)
class DocumentAdmin(TranslatedSecretariatAdmin):
    form = DocumentAdminForm
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
