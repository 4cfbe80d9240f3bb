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
    path("<id:pk>/", views.meeting_detail, name="detail"),
    path("<id:pk>/convening/", views.convening_record, name="convening"),
    path("<id:pk>/invitations/", views.invitations_issue, name="invitations_issue"),
    path("<id:pk>/deadlines/<str:key>/met/", views.deadline_record, name="deadline_record"),
    path("<id:pk>/nominations/", views.nominate, name="nominate"),
    path("<id:pk>/nominations/<id:participation_pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<id:pk>/edit/", views.meeting_edit, name="edit"),
    path("<id:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<id:pk>/sessions/", views.session_add, name="session_add"),
    path("<id:pk>/sessions/<id:session_pk>/edit/", views.session_edit, name="session_edit"),
    path("<id:pk>/sessions/<id:session_pk>/delete/", views.session_delete, name="session_delete"),
    path("<id:pk>/calls/", views.call_add, name="call_add"),
    path("<id:pk>/calls/<id:call_pk>/edit/", views.call_edit, name="call_edit"),
    path("<id:pk>/calls/<id:call_pk>/delete/", views.call_delete, name="call_delete"),
    path("<id:pk>/<str:kind>.pdf", views.meeting_pdf, name="pdf"),
    path(
        "<id:pk>/nominations/<id:participation_pk>/<str:decision>/",
        views.nomination_decide,
        name="nomination_decide",
    ),
    path("<id:pk>/attendance/", views.attendance, name="attendance"),
    path("<id:pk>/attendance/add/", views.attendee_add, name="attendee_add"),
    path("<id:pk>/participants.<str:fmt>", views.participants_export, name="participants_export"),
    path(
        "<id:pk>/participants/document/",
        views.participants_document,
        name="participants_document",
    ),
    path("<id:pk>/messages/new/", views.message_new, name="message_new"),
    path("<id:pk>/messages/<id:message_pk>/", views.message_detail, name="message_detail"),
]
