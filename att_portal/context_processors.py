from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from att_portal.directory.permissions import is_secretariat
from forums.permissions import may_enter_dief


def portal(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "portal_languages": [
            {"code": code, "name": get_language_info(code)["name_local"]}
            for code, _name in settings.LANGUAGES
        ],
        "nav_dief": SimpleLazyObject(lambda: may_enter_dief(user)),
        "nav_secretariat": SimpleLazyObject(lambda: is_secretariat(user)),
        "confidential_forums": sorted(getattr(request, "confidential_forums", ())),
        "demo_mode": settings.DEMO_MODE,
    }
