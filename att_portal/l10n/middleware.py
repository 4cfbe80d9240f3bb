"""The reader's language for each request, and right-to-left pages that read in order."""

from __future__ import annotations

from django.utils import translation

from .bidi import is_rtl, isolate_html


class PreferredLanguageMiddleware:
    """A signed-in person reads the portal in the language of their profile, on every
    device; before signing in, LocaleMiddleware's choice stands (the language cookie,
    else the browser's Accept-Language). Goes after the authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "preferred_language", "") if user is not None else ""
        if user is not None and user.is_authenticated and language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class RightToLeftIsolationMiddleware:
    """In an Arabic page, each run of Latin text, numbers and symbols is isolated so that it
    reads in order ("Article 7(4)", "1.", a document symbol): see `bidi.isolate_html`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not is_rtl()
            or getattr(response, "streaming", False)
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        charset = response.charset or "utf-8"
        response.content = isolate_html(response.content.decode(charset)).encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
