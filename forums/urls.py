"""Every DIEF page is wrapped by `dief_area` here, in one place."""

from django.urls import path

from . import views
from .permissions import dief_area

app_name = "dief"

urlpatterns = [
    path("", dief_area(views.home), name="home"),
]
