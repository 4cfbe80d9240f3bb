"""The portal's URLs plus the two reference views, under the bench settings only."""

from django.urls import include, path

from att_portal.urls import handler403, handler404, handler500  # noqa: F401

from . import views

urlpatterns = [
    path("bare/", views.bare, name="bench_bare"),
    path("bare-auth/", views.bare_auth, name="bench_bare_auth"),
    path("", include("att_portal.urls")),
]
