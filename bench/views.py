"""The two reference views of the benchmark: what any page costs before it does anything."""

from django.http import HttpRequest, HttpResponse


def bare(request: HttpRequest) -> HttpResponse:
    """Through the whole middleware, touching nothing: the floor of every page."""
    return HttpResponse(b"bare", content_type="text/plain")


def bare_auth(request: HttpRequest) -> HttpResponse:
    """Reads the signed-in person (session, user, second factor): the floor of every page
    a signed-in person opens."""
    signed_in = request.user.is_authenticated
    return HttpResponse(b"signed in" if signed_in else b"anonymous", content_type="text/plain")
