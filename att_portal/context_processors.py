from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from att_portal import marking, navigation
from att_portal.directory.permissions import is_secretariat
from att_portal.l10n.content import HTML_LANG


def _lazy(predicate, user):
    return SimpleLazyObject(lambda: predicate(user))


def portal(request) -> dict:
    user = getattr(request, "user", None)
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "portal_languages": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "html_lang": HTML_LANG.get(code, code),
            }
            for code, _name in settings.LANGUAGES
        ],
        # BCP 47 for the lang attribute: "zh-Hans", not Django's "zh-hans".
        "html_lang": HTML_LANG.get(language, language),
        **{f"nav_{key}": _lazy(shown_to, user) for key, shown_to in navigation.entries().items()},
        "nav_secretariat": _lazy(is_secretariat, user),
        # ("DIEF", "CONFIDENTIAL — DIEF"): the banner prints the marking the PDFs print.
        "confidential_markings": [
            (forum, marking.marking_text(forum))
            for forum in sorted(getattr(request, "confidential_forums", ()))
        ],
        "demo_mode": settings.DEMO_MODE,
    }
