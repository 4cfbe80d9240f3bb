"""WGETI pages: every area lists its routes in its own views module; all need a sign-in."""

from django.contrib.auth.decorators import login_required
from django.urls import URLPattern, include, path

from .views import calls, home, presentations, submissions, workplan

app_name = "wgeti"


def _signed_in(patterns: list[URLPattern]) -> list[URLPattern]:
    for pattern in patterns:
        pattern.callback = login_required(pattern.callback)
    return patterns


urlpatterns = [
    *_signed_in(
        [
            path("", home.wgeti_home, name="home"),
            *workplan.urls,
            *calls.urls,
            *presentations.urls,
            *submissions.urls,
        ]
    ),
    path("guides/", include("working_groups.guides.urls")),
]
