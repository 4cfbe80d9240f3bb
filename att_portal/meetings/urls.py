from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("my-deadlines/", views.my_deadlines, name="my_deadlines"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/invitations/", views.invitations_issue, name="invitations_issue"),
    path("<int:pk>/deadlines/<str:key>/met/", views.deadline_record, name="deadline_record"),
    path("<int:pk>/nominations/", views.nominate, name="nominate"),
    path("<int:pk>/nominations/<int:participation_pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/sessions/", views.session_add, name="session_add"),
    path("<int:pk>/<str:kind>.pdf", views.meeting_pdf, name="pdf"),
]
