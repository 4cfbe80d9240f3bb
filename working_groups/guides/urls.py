"""Voluntary guides; every page needs a sign-in."""

from django.contrib.auth.decorators import login_required
from django.urls import URLPattern

from . import views

app_name = "guides"


def _signed_in(patterns: list[URLPattern]) -> list[URLPattern]:
    for pattern in patterns:
        pattern.callback = login_required(pattern.callback)
    return patterns


urlpatterns = _signed_in([*views.urls])
