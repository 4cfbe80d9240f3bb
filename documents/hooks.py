"""The register's entry on the dashboard and in the search, and its files for
`check_stored_files`."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from att_portal import registry, stored_files

from . import notices


def _language_versions():
    from .models import LanguageVersion

    return LanguageVersion.objects.select_related("document").order_by("pk")


def _check_document_file(data: bytes) -> tuple[str, frozenset[str]]:
    from .uploads import check_content

    content_type, _cleaned, stripped = check_content(data)
    return content_type, stripped


def _matching(request, text):
    """The register's own search (`documents/search.py`: the symbol exact first, then the
    symbols it starts, or each word in the symbol or a title, newest first), on the
    documents the reader may see. No join: the database walks its search and list
    indexes and stops at the section's last row; the files are read for those rows only."""
    from .selectors import documents_matching, documents_visible_to

    return documents_matching(documents_visible_to(request.user).select_related(None), text)


def _register_list(text: str) -> str:
    return f"{reverse('documents:list')}?{urlencode({'q': text})}"


def _describe(version) -> str:
    return f"{version.document.symbol} ({version.language}) v{version.number}"


def _agenda_link(user, meeting) -> tuple[str, str] | None:
    """The meeting page's link to the agenda, for those whom the agenda page opens to."""
    from .permissions import agenda_opens_to

    if not agenda_opens_to(user, meeting):
        return None
    return str(_("Agenda")), reverse("documents:agenda", args=[meeting.pk])


def register() -> None:
    registry.add_meeting_link(_agenda_link)
    notices.register()  # what their notices are about, on the notices page
    registry.add_dashboard_panel(
        30,
        lambda user: registry.Area(
            _("Documents"),
            _("Official documents, their language versions and agendas."),
            reverse("documents:list"),
        ),
    )
    registry.add_search_provider(
        registry.SearchProvider(
            key="documents",
            position=5,
            label=_("Documents"),
            row_template="search/_document.html",
            results=_matching,
            more_url=_register_list,
            more_label=_("All matching documents in the register"),
        )
    )
    stored_files.register(
        stored_files.StoredFileKind(
            key="document-file",
            rows=_language_versions,
            check=_check_document_file,
            describe=_describe,
        )
    )
