from django.contrib import admin
from django.urls import include, path

from . import (
    converters,  # noqa: F401 (registers <id:…> before the apps' routes are loaded)
    views,
)

handler403 = "att_portal.views.error_403"
handler404 = "att_portal.views.error_404"
handler500 = "att_portal.views.error_500"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("search/", views.search, name="search"),
    path("history/<str:kind>/<id:pk>/", views.history, name="history"),
    path("accounts/", include("att_portal.accounts.urls")),
    path("directory/", include("att_portal.directory.urls")),
    path("meetings/", include("att_portal.meetings.urls")),
    path("notices/", include("att_portal.notifications.urls")),
    path("documents/", include("documents.urls")),
    path("dief/", include("forums.urls")),
    path("wgeti/", include("working_groups.urls")),
    path("admin/", admin.site.urls),
]
