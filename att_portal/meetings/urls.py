from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("my-deadlines/", views.my_deadlines, name="my_deadlines"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("dief-chair/", views.dief_chair_appoint, name="dief_chair"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/convening/", views.convening_record, name="convening"),
    path("<int:pk>/invitations/", views.invitations_issue, name="invitations_issue"),
    path("<int:pk>/deadlines/<str:key>/met/", views.deadline_record, name="deadline_record"),
    path("<int:pk>/nominations/", views.nominate, name="nominate"),
    path("<int:pk>/nominations/<int:participation_pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/sessions/", views.session_add, name="session_add"),
    path("<int:pk>/sessions/<int:session_pk>/edit/", views.session_edit, name="session_edit"),
    path("<int:pk>/sessions/<int:session_pk>/delete/", views.session_delete, name="session_delete"),
    path("<int:pk>/calls/", views.call_add, name="call_add"),
    path("<int:pk>/calls/<int:call_pk>/edit/", views.call_edit, name="call_edit"),
    path("<int:pk>/calls/<int:call_pk>/delete/", views.call_delete, name="call_delete"),
    path("<int:pk>/<str:kind>.pdf", views.meeting_pdf, name="pdf"),
    path(
        "<int:pk>/nominations/<int:participation_pk>/<str:decision>/",
        views.nomination_decide,
        name="nomination_decide",
    ),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/attendance/add/", views.attendee_add, name="attendee_add"),
    path("<int:pk>/participants.<str:fmt>", views.participants_export, name="participants_export"),
    path(
        "<int:pk>/participants/document/",
        views.participants_document,
        name="participants_document",
    ),
    path("<int:pk>/messages/new/", views.message_new, name="message_new"),
    path("<int:pk>/messages/<int:message_pk>/", views.message_detail, name="message_detail"),
]
