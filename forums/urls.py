"""Every DIEF page is wrapped by `dief_area` here, in one place: each area of the forum
lists its routes in its own views module."""

from django.urls import URLPattern, path

from .permissions import dief_area
from .views import (
    briefings,
    cases,
    challenges,
    contacts,
    experts,
    home,
    presentations,
    releases,
    use_requests,
)

app_name = "dief"


def _guarded(patterns: list[URLPattern]) -> list[URLPattern]:
    for pattern in patterns:
        pattern.callback = dief_area(pattern.callback)
    return patterns


urlpatterns = (
    _guarded(
        [
            path("", home.home, name="home"),
            *cases.urls,
            *presentations.urls,
            *use_requests.urls,
            *challenges.urls,
            *contacts.urls,
            *briefings.urls,
            *experts.urls,
            *releases.urls,
        ]
    )
    + releases.restricted_urls
)
