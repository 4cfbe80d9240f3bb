from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("register/", views.document_register, name="register"),
    path("register/existing/", views.document_register_existing, name="register_existing"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/revise/", views.document_revise, name="revise"),
    path("<int:pk>/annexes/", views.annex_attach, name="annex_attach"),
    path(
        "<int:pk>/annexes/<int:annex_pk>/<str:action>/",
        views.annex_action,
        name="annex_action",
    ),
    path("<int:pk>/files/", views.version_upload, name="version_upload"),
    path("<int:pk>/files/<str:language>/", views.version_download, name="version_download"),
    path(
        "<int:pk>/files/<str:language>/history/",
        views.version_history,
        name="version_history",
    ),
    path(
        "<int:pk>/files/<str:language>/withdraw/",
        views.version_withdraw,
        name="version_withdraw",
    ),
    path(
        "<int:pk>/files/<str:language>/<int:version_pk>/",
        views.version_file,
        name="version_file",
    ),
    path("<int:pk>/letter.pdf", views.cover_letter_pdf, name="cover_letter_pdf"),
    path("agendas/<int:meeting_pk>/", views.agenda_page, name="agenda"),
    path("agendas/<int:meeting_pk>/items/", views.agenda_item_add, name="agenda_item_add"),
    path(
        "agendas/<int:meeting_pk>/items/<int:item_pk>/edit/",
        views.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "agendas/<int:meeting_pk>/items/<int:item_pk>/<str:action>/",
        views.agenda_item_action,
        name="agenda_item_action",
    ),
    path(
        "agendas/<int:meeting_pk>/<str:action>/",
        views.agenda_transition,
        name="agenda_transition",
    ),
    path("agendas/<int:meeting_pk>/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
]
