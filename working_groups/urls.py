from django.urls import path

from . import views

app_name = "wgeti"

urlpatterns = [
    path("", views.wgeti_home, name="home"),
]
