from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/files/", views.version_upload, name="version_upload"),
    path("<int:pk>/files/<str:language>/", views.version_download, name="version_download"),
]
