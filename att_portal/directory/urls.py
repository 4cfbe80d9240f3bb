from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("states/", views.state_list, name="state_list"),
    path("states/<str:alpha3>/", views.state_detail, name="state_detail"),
    path("states/<str:alpha3>/invite/", views.delegate_invite, name="delegate_invite"),
    path("people/<id:pk>/deactivate/", views.delegate_deactivate, name="person_deactivate"),
    path("people/<id:pk>/reactivate/", views.delegate_reactivate, name="person_reactivate"),
    path("people/<id:pk>/name/", views.person_rename, name="person_rename"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<id:pk>/", views.organisation_detail, name="organisation_detail"),
]
