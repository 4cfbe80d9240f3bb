"""Cases and platform items: sharing, narrowing to named States, attachments with
watermarked downloads, the access log, the expert's one case, and status changes."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from att_portal.demo import _minimal_pdf
from att_portal.directory.enums import Affiliation, AttStatus, StatusInstrument
from att_portal.directory.models import StateStatusChange, User
from forums.enums import AccessKind, Distribution, Marking
from forums.models import AccessRecord, Attachment, Case, PlatformItem
from forums.services.shared import shared_item_save
from forums.watermark import _font, script_runs
from tests.conftest import sign_in
from tests.factories import (
    DiefMeetingFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import (
    CaseFactory,
    CasePresentationFactory,
    ExpertAdmissionFactory,
    PlatformItemFactory,
)

pytestmark = pytest.mark.django_db

CASE_FORM = {
    "title": "Rifles diverted in transit",
    "summary": "Forty rifles left a transit warehouse.",
    "diversion_details": "Paperwork changed in transit.",
    "detection_details": "Found by customs at the next border.",
    "detection_timeliness": "in_transit",
    "methods_and_means": "Forged bills of lading.",
    "actors": "",
    "investigation": "ongoing",
    "marking": "confidential",
    "distribution": "all",
    "categories": ["b", "e"],
}


@pytest.fixture
def people():
    party, other_party, signatory = (
        StateFactory(status=AttStatus.STATE_PARTY),
        StateFactory(status=AttStatus.STATE_PARTY),
        StateFactory(status=AttStatus.SIGNATORY),
    )
    return {
        "provider": UserFactory(state=party),
        "colleague": UserFactory(state=party),
        "named": UserFactory(state=other_party),
        "signatory": UserFactory(state=signatory),
        "observer": UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY)),
        "ngo": OrganisationUserFactory(),
        "secretariat": SecretariatUserFactory(),
        "chair": RoleAssignmentFactory(
            role="dief_chair", user=UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
        ).user,
    }


def client(user) -> Client:
    return sign_in(Client(), user)


def narrowed_case(people) -> Case:
    case = CaseFactory.build(provider=people["provider"], distribution=Distribution.NAMED_STATES)
    return shared_item_save(
        by=people["provider"], item=case, categories=["c"], named=[people["named"].state]
    )


def test_delegate_records_a_case_that_every_participant_then_sees(people):
    response = client(people["provider"]).post(reverse("dief:case_new"), CASE_FORM)

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dief:case_detail", args=[case.pk])
    assert case.provider_state == people["provider"].state
    assert sorted(c.code for c in case.categories.all()) == ["b", "e"]
    for role in ("named", "signatory", "secretariat", "chair", "colleague"):
        page = client(people[role]).get(reverse("dief:case_list"))
        assert [item.title for item in page.context["page"]] == [CASE_FORM["title"]], role


@pytest.mark.parametrize("role", ["observer", "ngo"])
def test_observers_and_organisations_get_nothing_of_the_cases(role, people):
    case = CaseFactory(provider=people["provider"])
    visitor = client(people[role])

    for url in (
        reverse("dief:case_list"),
        reverse("dief:case_detail", args=[case.pk]),
        reverse("dief:case_pdf", args=[case.pk]),
        reverse("dief:item_list"),
        reverse("dief:case_new"),
    ):
        assert visitor.get(url).status_code == 403, url
    assert AccessRecord.objects.count() == 0


def test_anonymous_visitor_is_sent_to_sign_in(people):
    case = CaseFactory(provider=people["provider"])

    response = Client().get(reverse("dief:case_detail", args=[case.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_item_narrowed_to_named_states_is_invisible_to_everyone_else(people):
    case = narrowed_case(people)
    shared = CaseFactory(provider=people["provider"], title="Shared with all")
    shared.categories.set([])

    seen = {
        role: {c.title for c in client(people[role]).get(reverse("dief:case_list")).context["page"]}
        for role in ("provider", "colleague", "named", "signatory", "chair", "secretariat")
    }

    both = {case.title, "Shared with all"}
    assert seen == {
        "provider": both,
        "colleague": both,
        "named": both,
        "signatory": {"Shared with all"},
        "chair": {"Shared with all"},
        "secretariat": both,
    }
    outsider = client(people["signatory"])
    assert outsider.get(reverse("dief:case_detail", args=[case.pk])).status_code == 404
    assert outsider.get(reverse("dief:case_pdf", args=[case.pk])).status_code == 404
    assert outsider.get(reverse("history", args=["case", case.pk])).status_code == 404
    search = outsider.get(reverse("dief:case_list"), {"q": case.title})
    assert search.context["page"].paginator.count == 0
    assert f">{case.title}</a>" not in search.content.decode()


def test_a_new_delegate_of_a_named_state_sees_the_item_at_once(people):
    case = narrowed_case(people)
    newcomer = UserFactory(state=people["named"].state)

    assert client(newcomer).get(reverse("dief:case_detail", args=[case.pk])).status_code == 200


def test_a_delegate_who_moves_to_another_state_loses_the_named_item(people):
    case = narrowed_case(people)
    mover = people["named"]
    mover.state = people["signatory"].state
    mover.save()

    assert client(mover).get(reverse("dief:case_detail", args=[case.pk])).status_code == 404


def test_narrowing_without_naming_a_state_is_refused_and_saves_nothing(people):
    data = {**CASE_FORM, "distribution": "named"}

    response = client(people["provider"]).post(reverse("dief:case_new"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["named_states"] == [
        "Name at least one State, or share with all DIEF participants."
    ]
    assert Case.objects.count() == 0


def test_art19_a_case_may_have_no_category_and_a_free_subject(people):
    data = {key: value for key, value in CASE_FORM.items() if key != "categories"}
    data["other_subject"] = "Misuse of a humanitarian exemption"

    response = client(people["provider"]).post(reverse("dief:case_new"), data)

    case = Case.objects.get()
    assert response.status_code == 302
    assert (list(case.categories.all()), case.other_subject) == (
        [],
        "Misuse of a humanitarian exemption",
    )
    page = client(people["named"]).get(reverse("dief:case_detail", args=[case.pk]))
    assert b"Misuse of a humanitarian exemption" in page.content


def test_art13_a_platform_item_may_have_a_free_subject_besides_categories(people):
    response = client(people["provider"]).post(
        reverse("dief:item_new"),
        {
            "title": "Ammunition lots",
            "summary": "s",
            "information": "i",
            "distribution": "all",
            "categories": ["d"],
            "other_subject": "Ammunition marking",
        },
    )

    item = PlatformItem.objects.get()
    assert response.status_code == 302
    assert ([c.code for c in item.categories.all()], item.other_subject) == (
        ["d"],
        "Ammunition marking",
    )
    found = client(people["named"]).get(reverse("dief:item_list"), {"q": "marking"})
    assert [i.title for i in found.context["page"]] == ["Ammunition lots"]


def test_art19_the_model_accepts_an_item_without_a_category(people):
    case = CaseFactory.build(provider=people["provider"])

    saved = shared_item_save(by=people["provider"], item=case, categories=[])

    assert Case._meta.get_field("categories").blank is True
    assert saved.categories.count() == 0


def test_art16_no_marking_forbids_sharing_with_national_authorities(people):
    response = client(people["provider"]).get(reverse("dief:case_new"))

    assert Marking.values == ["confidential"]
    assert "marking" not in response.context["form"].fields
    assert b"national authorities" in response.content


def test_only_the_providing_state_edits_its_case(people):
    case = CaseFactory(provider=people["provider"])
    edit = reverse("dief:case_edit", args=[case.pk])

    assert client(people["named"]).post(edit, {**CASE_FORM, "title": "Taken"}).status_code == 403
    assert client(people["secretariat"]).get(edit).status_code == 403
    response = client(people["colleague"]).post(edit, {**CASE_FORM, "title": "Renamed"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Renamed"


def test_signatory_that_withdraws_loses_the_cases_on_the_next_request(people):
    case = CaseFactory(provider=people["provider"])
    visitor = client(people["signatory"])
    assert visitor.get(reverse("dief:case_detail", args=[case.pk])).status_code == 200

    StateStatusChange.objects.create(
        state=people["signatory"].state,
        status=AttStatus.NON_SIGNATORY,
        instrument=StatusInstrument.SIGNATURE_WITHDRAWN,
        instrument_date=datetime.date.today(),
        effective_on=datetime.date.today(),
    )

    assert visitor.get(reverse("dief:case_detail", args=[case.pk])).status_code == 403
    assert visitor.get(reverse("dief:case_list")).status_code == 403


def test_platform_form_reminds_of_national_security_and_ongoing_proceedings(people):
    response = client(people["provider"]).get(reverse("dief:item_new"))

    assert "national security" in response.content.decode()
    assert "ongoing or pending law-enforcement proceedings" in response.content.decode()


def test_platform_item_is_shared_with_named_states_only(people):
    data = {
        "title": "Route through a port",
        "summary": "A pattern.",
        "information": "Details.",
        "marking": "confidential",
        "distribution": "named",
        "named_states": [people["named"].state.pk],
        "categories": ["b"],
    }

    response = client(people["provider"]).post(reverse("dief:item_new"), data)

    item = PlatformItem.objects.get()
    assert response.status_code == 302
    assert client(people["named"]).get(item.get_absolute_url()).status_code == 200
    assert client(people["signatory"]).get(item.get_absolute_url()).status_code == 404


# -- Attachments --------------------------------------------------------------------------


def media_files() -> set[Path]:
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def upload(user, case, name, content, content_type="application/octet-stream"):
    return client(user).post(
        reverse("dief:case_attachment_upload", args=[case.pk]),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "report.pdf",
            b"MZ\x90\x00 this is a Windows program",
            "DIEF attachments must be PDF, PNG or JPEG files; this file is none of them.",
        ),
        (
            "notes.docx",
            b"PK\x03\x04 a word file",
            "DIEF attachments must be PDF, PNG or JPEG files; this file is none of them.",
        ),
        ("photo.png", b"\x89PNG\r\n\x1a\n broken", "The image is damaged and cannot be read."),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_rejected_upload_leaves_nothing_behind(name, content, message, people, media_root):
    # A media folder of the test's own: other tests running in parallel store files too.
    case = CaseFactory(provider=people["provider"])

    response = upload(people["provider"], case, name, content, "application/pdf")

    assert response.status_code == 200
    assert response.context["upload_form"].errors["file"] == [message]
    assert Attachment.objects.count() == 0
    assert media_files() == set()


def test_upload_over_the_size_limit_is_refused(people, settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 1_000_000
    case = CaseFactory(provider=people["provider"])

    response = upload(people["provider"], case, "big.pdf", b"%PDF-1.4\n" + b"0" * 1_200_000)

    assert response.context["upload_form"].errors["file"] == [
        "The file is 1.2 MB; the limit is 1 MB."
    ]
    assert Attachment.objects.count() == 0


def test_file_name_is_sanitised_and_the_stored_name_says_nothing(people):
    case = CaseFactory(provider=people["provider"])

    upload(people["provider"], case, "../../etc/Bericht über <Waffen>.exe.pdf", _minimal_pdf("x"))

    attachment = Attachment.objects.get()
    assert attachment.original_name == "Bericht_über_Waffen.exe.pdf"
    assert attachment.file.name == f"dief/{attachment.storage_name}"
    assert attachment.content_type == "application/pdf"


def test_only_the_provider_may_attach(people):
    case = CaseFactory(provider=people["provider"])

    assert upload(people["named"], case, "x.pdf", _minimal_pdf("x")).status_code == 403
    assert Attachment.objects.count() == 0


def test_pdf_download_carries_a_watermark_with_name_state_and_time(people):
    case = CaseFactory(provider=people["provider"])
    upload(people["provider"], case, "evidence.pdf", _minimal_pdf("Evidence"))
    attachment = Attachment.objects.get()
    reader = people["named"]
    reader.first_name, reader.last_name = "Ines", "Moreau"
    reader.save()

    response = client(reader).get(reverse("dief:attachment_download", args=[attachment.pk]))

    data = b"".join(response.streaming_content)
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert response["Content-Disposition"] == 'attachment; filename="evidence.pdf"'
    assert "Evidence" in text
    assert f"Ines Moreau ({reader.username}) · {reader.state}" in text
    assert "no-store" in response["Cache-Control"]


def test_image_download_is_watermarked(people):
    case = CaseFactory(provider=people["provider"])
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(buffer, format="PNG")
    upload(people["provider"], case, "photo.png", buffer.getvalue())
    attachment = Attachment.objects.get()

    response = client(people["named"]).get(
        reverse("dief:attachment_download", args=[attachment.pk])
    )

    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        colours = {colour for _count, colour in image.convert("RGB").getcolors(100_000)}
    assert response["Content-Type"] == "image/png"
    assert colours != {(255, 255, 255)}


def test_image_watermark_writes_each_script_in_a_font_that_has_it():
    text = "Ines Moreau · النمسا · 2027-02-17 10:00"

    assert script_runs(text) == [
        ("latin", "Ines Moreau · "),
        ("arabic", "النمسا"),
        ("latin", " · 2027-02-17 10:00"),
    ]
    assert script_runs("王伟 · 大韩民国") == [
        ("cjk", "王伟"),
        ("latin", " · "),
        ("cjk", "大韩民国"),
    ]
    assert [_font(script, 20).getname()[0] for script in ("latin", "arabic", "cjk")] == [
        "Noto Sans",
        "Noto Sans Arabic",
        "Noto Sans CJK SC",
    ]


def test_attachment_of_a_narrowed_case_is_not_served_to_others(people):
    case = narrowed_case(people)
    upload(people["provider"], case, "x.pdf", _minimal_pdf("x"))
    url = reverse("dief:attachment_download", args=[Attachment.objects.get().pk])

    assert client(people["signatory"]).get(url).status_code == 404
    assert client(people["named"]).get(url).status_code == 200


def test_provider_deletes_an_attachment_and_its_file(people, django_capture_on_commit_callbacks):
    case = CaseFactory(provider=people["provider"])
    upload(people["provider"], case, "x.pdf", _minimal_pdf("x"))
    attachment = Attachment.objects.get()
    stored = Path(attachment.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        client(people["provider"]).post(reverse("dief:attachment_delete", args=[attachment.pk]))

    assert Attachment.objects.count() == 0
    assert not stored.exists()


# -- Access log and PDF -------------------------------------------------------------------


def test_provider_sees_who_in_which_state_opened_and_downloaded_its_case(people):
    case = CaseFactory(provider=people["provider"])
    upload(people["provider"], case, "x.pdf", _minimal_pdf("x"))
    reader = client(people["named"])
    reader.get(case.get_absolute_url())
    reader.get(reverse("dief:attachment_download", args=[Attachment.objects.get().pk]))
    reader.get(reverse("dief:case_pdf", args=[case.pk]))

    log = client(people["colleague"]).get(case.get_absolute_url()).context["access_log"]

    # By default without the openings by the provider's own delegation (the colleague's).
    assert [(r.person, r.affiliation_label, r.kind) for r in log.records] == [
        (people["named"], str(people["named"].state), AccessKind.PDF),
        (people["named"], str(people["named"].state), AccessKind.DOWNLOAD),
        (people["named"], str(people["named"].state), AccessKind.VIEW),
    ]
    assert (log.by_others, log.by_provider) == (3, 1)
    other = client(people["named"]).get(case.get_absolute_url())
    assert other.context["access_log"] is None
    assert "Who opened it" not in other.content.decode()


def test_access_log_names_the_state_in_the_language_of_whoever_reads_it(people):
    case = CaseFactory(provider=people["provider"])
    reader = UserFactory(
        state=StateFactory(country="AT", status=AttStatus.STATE_PARTY), preferred_language="fr"
    )
    client(reader).get(case.get_absolute_url())
    client(people["secretariat"]).get(case.get_absolute_url())

    records = {r.person: r for r in AccessRecord.objects.all()}
    reader_record, secretariat_record = records[reader], records[people["secretariat"]]
    assert (reader_record.affiliation_label, secretariat_record.affiliation_label) == (
        "Austria",
        "ATT Secretariat",
    )
    with translation.override("fr"):
        assert (reader_record.affiliation, secretariat_record.affiliation) == (
            "Autriche",
            str(Affiliation.SECRETARIAT.label),
        )
    log = client(people["colleague"]).get(case.get_absolute_url()).content.decode()
    assert "<td>Austria</td>" in log
    assert "<td>ATT Secretariat</td>" in log


def test_access_log_names_each_reader_with_their_username_even_if_the_name_is_blank(people):
    """Two readers, one with a name of zero-width spaces stored before names were checked:
    the provider sees who each is (the directory's name and the username)."""
    case = CaseFactory(provider=people["provider"])
    named, signatory = people["named"], people["signatory"]
    User.objects.filter(pk=named.pk).update(first_name="Ines", last_name="Moreau")
    User.objects.filter(pk=signatory.pk).update(first_name="\u200b", last_name="\u200b")
    client(named).get(case.get_absolute_url())
    client(signatory).get(case.get_absolute_url())

    log = client(people["colleague"]).get(case.get_absolute_url()).content.decode()

    assert (
        f'<td><bdi>Ines Moreau</bdi> <span class="text-body-secondary">(<bdi>{named.username}'
        "</bdi>)</span>\n</td>"
    ) in log
    assert f"<td><bdi>{signatory.username}</bdi>\n</td>" in log


def test_case_pdf_is_marked_and_watermarked_for_the_reader(people):
    case = CaseFactory(provider=people["provider"], title="Watermarked case")

    response = client(people["named"]).get(reverse("dief:case_pdf", args=[case.pk]))

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert response["Content-Type"] == "application/pdf"
    assert "Watermarked case" in text
    assert "CONFIDENTIAL" in text
    assert str(people["named"].state) in text


def test_case_history_is_for_the_provider_and_the_secretariat(people):
    case = CaseFactory(provider=people["provider"])
    url = reverse("history", args=["case", case.pk])

    assert client(people["colleague"]).get(url).status_code == 200
    assert client(people["secretariat"]).get(url).status_code == 200
    assert client(people["named"]).get(url).status_code == 403
    assert client(people["observer"]).get(url).status_code == 404


# -- Non-state experts --------------------------------------------------------------------


@pytest.fixture
def expert_setup(people):
    presentation = CasePresentationFactory(
        case=CaseFactory(provider=people["provider"]),
        meeting=DiefMeetingFactory(
            starts_on=datetime.date(2099, 2, 17), ends_on=datetime.date(2099, 2, 18)
        ),
    )
    admission = ExpertAdmissionFactory(presentation=presentation)
    other = CaseFactory(provider=people["provider"], title="Another case")
    return admission, other


def test_expert_sees_the_case_only_after_accepting_the_undertaking(expert_setup):
    admission, _other = expert_setup
    expert = client(admission.expert)
    case_url = reverse("dief:case_detail", args=[admission.presentation.case_id])

    assert expert.get(case_url).status_code == 404
    refused = expert.post(reverse("dief:undertaking", args=[admission.pk]), {})
    assert refused.context["form"].errors["accept"] == ["Accept the undertaking to see the case."]
    accepted = expert.post(reverse("dief:undertaking", args=[admission.pk]), {"accept": "on"})

    assert accepted["Location"] == case_url
    assert expert.get(case_url).status_code == 200


def test_expert_sees_their_one_case_and_nothing_else(expert_setup):
    admission, other = expert_setup
    admission.undertaking_accepted_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    admission.save()
    expert = client(admission.expert)

    assert expert.get(reverse("dief:case_detail", args=[other.pk])).status_code == 404
    for name in ("dief:case_list", "dief:item_list", "dief:case_new", "dief:item_new"):
        assert expert.get(reverse(name)).status_code == 403, name
    home = expert.get(reverse("dief:home"))
    assert home.status_code == 200
    assert home.context["case_count"] == 0


def test_expert_access_ends_when_the_meeting_ends(expert_setup, time_machine):
    admission, _other = expert_setup
    admission.undertaking_accepted_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    admission.save()
    url = reverse("dief:case_detail", args=[admission.presentation.case_id])
    assert client(admission.expert).get(url).status_code == 200

    time_machine.move_to(datetime.datetime(2099, 2, 19, 9, tzinfo=datetime.UTC))

    assert client(admission.expert).get(url).status_code == 403


def test_delegation_group_follows_the_delegate(people):
    case = narrowed_case(people)
    group = people["named"].state.delegation_group

    assert set(group.user_set.all()) == {people["named"]}
    person = people["named"]
    person.affiliation, person.state, person.organisation = (
        Affiliation.ORGANISATION,
        None,
        OrganisationUserFactory().organisation,
    )
    person.save()
    assert set(group.user_set.all()) == set()
    assert case.pk


# -- Query counts -------------------------------------------------------------------------


def grow(people, model_factory, count: int) -> None:
    """`count` items of `count` new States, each narrowed to the reader's State and another."""
    reader_state, other = people["named"].state, people["signatory"].state
    for _n in range(count):
        provider = UserFactory()
        item = model_factory.build(provider=provider, distribution=Distribution.NAMED_STATES)
        shared_item_save(by=provider, item=item, categories=["a", "b"], named=[reader_state, other])


def count_queries(user, url) -> int:
    visitor = client(user)
    visitor.get(url)  # warm the session and the user's caches
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["dief:case_list", "dief:item_list"])
def test_list_pages_keep_a_fixed_number_of_queries_as_items_states_and_grants_grow(name, people):
    from tests.factories.forums import PlatformItemFactory

    factory = CaseFactory if name == "dief:case_list" else PlatformItemFactory
    url = reverse(name)
    grow(people, factory, 1)
    one = count_queries(people["named"], url)
    grow(people, factory, 199)
    many = count_queries(people["named"], url)

    page = client(people["named"]).get(url).context["page"]
    assert page.paginator.count == 200
    assert many == one


@pytest.mark.parametrize(
    ("role", "cases"),
    [
        ("provider", {"Rifles in transit", "Narrowed rifles"}),
        ("named", {"Rifles in transit", "Narrowed rifles"}),
        ("signatory", {"Rifles in transit"}),
        ("observer", None),
        ("ngo", None),
    ],
)
def test_portal_search_finds_only_the_cases_the_reader_may_see(role, cases, people):
    CaseFactory(provider=people["provider"], title="Rifles in transit")
    case = narrowed_case(people)
    case.title = "Narrowed rifles"
    case.save()

    response = client(people[role]).get(reverse("search"), {"q": "rifles"})

    if cases is None:
        assert "cases" not in response.context["results"]
        assert "Rifles in transit" not in response.content.decode()
        assert "Narrowed rifles" not in response.content.decode()
    else:
        assert {c.title for c in response.context["results"]["cases"]} == cases
        assert response.context["counts"]["cases"] == len(cases)
        assert "no-store" in response["Cache-Control"]


def test_provider_changes_the_named_states_and_widens_to_all(people):
    case = narrowed_case(people)
    provider = client(people["provider"])
    page = provider.get(case.get_absolute_url())
    assert page.context["named_states"] == [people["named"].state]
    edit = reverse("dief:case_edit", args=[case.pk])
    form = {**CASE_FORM, "title": case.title}

    provider.post(
        edit, {**form, "distribution": "named", "named_states": [people["signatory"].state.pk]}
    )
    assert client(people["named"]).get(case.get_absolute_url()).status_code == 404
    assert client(people["signatory"]).get(case.get_absolute_url()).status_code == 200

    provider.post(edit, form)
    case.refresh_from_db()
    assert case.distribution == Distribution.ALL_PARTICIPANTS
    assert client(people["named"]).get(case.get_absolute_url()).status_code == 200
    from guardian.models import GroupObjectPermission

    from forums.models import CaseGroupObjectPermission

    assert CaseGroupObjectPermission.objects.count() == 0
    assert GroupObjectPermission.objects.count() == 0


@pytest.mark.parametrize(("language", "label"), [("zh-hans", "转用详情"), ("ar", "تفاصيل التسريب")])
def test_case_pdf_renders_in_chinese_and_arabic(language, label, people):
    case = CaseFactory(provider=people["provider"])
    people["named"].preferred_language = language
    people["named"].save(update_fields=["preferred_language"])
    reader = client(people["named"])

    response = reader.get(reverse("dief:case_pdf", args=[case.pk]))

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert label in text


def test_art16_items_marked_not_to_be_shared_with_national_authorities_become_confidential(
    people,
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("forums.migrations.0005_no_marking_against_national_authorities")
    case = CaseFactory(provider=people["provider"])
    item = PlatformItemFactory(provider=people["provider"])
    Case.objects.filter(pk=case.pk).update(marking="strictly_confidential")
    PlatformItem.objects.filter(pk=item.pk).update(marking="strictly_confidential")

    migration.to_confidential(apps, None)

    case.refresh_from_db()
    item.refresh_from_db()
    assert (case.marking, item.marking) == ("confidential", "confidential")
