from django.urls import path

from . import letter_views, views

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
    # The letters and reports the Chairs compose.
    path("composed/", letter_views.composed_list, name="composed"),
    path("letters/new/", letter_views.letter_compose, name="letter_compose"),
    path("letters/<int:pk>/", letter_views.letter_edit, name="letter"),
    path("letters/<int:pk>/annexes/", letter_views.letter_annex_add, name="letter_annex_add"),
    path("reports/new/", letter_views.report_create, name="report_create"),
    path("reports/<int:pk>/", letter_views.report_edit, name="report"),
    path("reports/<int:pk>/sections/", letter_views.report_section_add, name="report_section_add"),
    path(
        "reports/<int:pk>/sections/<int:section_pk>/",
        letter_views.report_section_edit,
        name="report_section_edit",
    ),
    path("reports/<int:pk>/report.pdf", letter_views.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/issue/", letter_views.report_issue, name="report_issue"),
    path("agendas/<int:meeting_pk>/", views.agenda_page, name="agenda"),
    path("agendas/<int:meeting_pk>/items/", views.agenda_item_add, name="agenda_item_add"),
    path(
        "agendas/<int:meeting_pk>/items/<int:item_pk>/edit/",
        views.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "agendas/<int:meeting_pk>/items/<int:item_pk>/move/",
        views.agenda_item_move,
        name="agenda_item_move",
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
    path(
        "agendas/<int:meeting_pk>/versions/<int:number>/agenda.pdf",
        views.agenda_version_pdf,
        name="agenda_version_pdf",
    ),
]
