from django.urls import path

from . import letter_views, views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("register/", views.document_register, name="register"),
    path("register/existing/", views.document_register_existing, name="register_existing"),
    path("<id:pk>/", views.document_detail, name="detail"),
    path("<id:pk>/revise/", views.document_revise, name="revise"),
    path("<id:pk>/annexes/", views.annex_attach, name="annex_attach"),
    path(
        "<id:pk>/annexes/<id:annex_pk>/<str:action>/",
        views.annex_action,
        name="annex_action",
    ),
    path("<id:pk>/files/", views.version_upload, name="version_upload"),
    path("<id:pk>/files/<str:language>/", views.version_download, name="version_download"),
    path(
        "<id:pk>/files/<str:language>/history/",
        views.version_history,
        name="version_history",
    ),
    path(
        "<id:pk>/files/<str:language>/withdraw/",
        views.version_withdraw,
        name="version_withdraw",
    ),
    path(
        "<id:pk>/files/<str:language>/<id:version_pk>/",
        views.version_file,
        name="version_file",
    ),
    path("<id:pk>/letter.pdf", views.cover_letter_pdf, name="cover_letter_pdf"),
    # The letters and reports the Chairs compose.
    path("composed/", letter_views.composed_list, name="composed"),
    path("letters/new/", letter_views.letter_compose, name="letter_compose"),
    path("letters/<id:pk>/", letter_views.letter_edit, name="letter"),
    path("letters/<id:pk>/annexes/", letter_views.letter_annex_add, name="letter_annex_add"),
    path("reports/new/", letter_views.report_create, name="report_create"),
    path("reports/<id:pk>/", letter_views.report_edit, name="report"),
    path("reports/<id:pk>/sections/", letter_views.report_section_add, name="report_section_add"),
    path(
        "reports/<id:pk>/sections/<id:section_pk>/",
        letter_views.report_section_edit,
        name="report_section_edit",
    ),
    path("reports/<id:pk>/report.pdf", letter_views.report_pdf, name="report_pdf"),
    path("reports/<id:pk>/issue/", letter_views.report_issue, name="report_issue"),
    path("agendas/<id:meeting_pk>/", views.agenda_page, name="agenda"),
    path("agendas/<id:meeting_pk>/items/", views.agenda_item_add, name="agenda_item_add"),
    path(
        "agendas/<id:meeting_pk>/items/<id:item_pk>/edit/",
        views.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "agendas/<id:meeting_pk>/items/<id:item_pk>/move/",
        views.agenda_item_move,
        name="agenda_item_move",
    ),
    path(
        "agendas/<id:meeting_pk>/items/<id:item_pk>/<str:action>/",
        views.agenda_item_action,
        name="agenda_item_action",
    ),
    path(
        "agendas/<id:meeting_pk>/<str:action>/",
        views.agenda_transition,
        name="agenda_transition",
    ),
    path("agendas/<id:meeting_pk>/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path(
        "agendas/<id:meeting_pk>/versions/<id:number>/agenda.pdf",
        views.agenda_version_pdf,
        name="agenda_version_pdf",
    ),
]
