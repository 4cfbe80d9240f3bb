"""Matrix rows of cases, the information exchange platform and attachments."""

from django.urls import reverse

from forums.demo import AUSTRIAN_CASE, NARROWED_CASE, NARROWED_ITEM, THAI_ITEM
from forums.models import Attachment, Case, ExpertAdmission, PlatformItem
from tests.demo_objects import austrian_presentation

OBJECTS = {
    "case": lambda: Case.objects.get(title=AUSTRIAN_CASE),
    "narrowed_case": lambda: Case.objects.get(title=NARROWED_CASE),
    "thai_item": lambda: PlatformItem.objects.get(title=THAI_ITEM),
    "narrowed_item": lambda: PlatformItem.objects.get(title=NARROWED_ITEM),
    "attachment": lambda: Attachment.objects.get(case__title=AUSTRIAN_CASE),
    "admission": lambda: ExpertAdmission.objects.get(
        expert__username="expert", presentation=austrian_presentation()
    ),
}

GET_URLS = {
    "dief:case_list": lambda d: reverse("dief:case_list"),
    "dief:case_new": lambda d: reverse("dief:case_new"),
    "dief:case_detail (Austrian case, all participants)": lambda d: reverse(
        "dief:case_detail", args=[d["case"].pk]
    ),
    "dief:case_detail (Austrian case narrowed to Germany)": lambda d: reverse(
        "dief:case_detail", args=[d["narrowed_case"].pk]
    ),
    "dief:case_edit (Austrian case)": lambda d: reverse("dief:case_edit", args=[d["case"].pk]),
    "dief:case_pdf (Austrian case narrowed to Germany)": lambda d: reverse(
        "dief:case_pdf", args=[d["narrowed_case"].pk]
    ),
    "dief:item_list": lambda d: reverse("dief:item_list"),
    "dief:item_new": lambda d: reverse("dief:item_new"),
    "dief:item_detail (Thai item, all participants)": lambda d: reverse(
        "dief:item_detail", args=[d["thai_item"].pk]
    ),
    "dief:item_detail (Austrian item narrowed to Thailand)": lambda d: reverse(
        "dief:item_detail", args=[d["narrowed_item"].pk]
    ),
    "dief:item_edit (Thai item)": lambda d: reverse("dief:item_edit", args=[d["thai_item"].pk]),
    "dief:item_pdf (Thai item)": lambda d: reverse("dief:item_pdf", args=[d["thai_item"].pk]),
    "dief:attachment_download (Austrian case)": lambda d: reverse(
        "dief:attachment_download", args=[d["attachment"].pk]
    ),
    "dief:undertaking (the demo expert's admission)": lambda d: reverse(
        "dief:undertaking", args=[d["admission"].pk]
    ),
    "history (Austrian case)": lambda d: reverse("history", args=["case", d["case"].pk]),
    "history (Austrian item narrowed to Thailand)": lambda d: reverse(
        "history", args=["platform-item", d["narrowed_item"].pk]
    ),
}
POST_URLS = {
    "dief:case_attachment_upload (Austrian case, empty form)": lambda d: reverse(
        "dief:case_attachment_upload", args=[d["case"].pk]
    ),
    "dief:item_attachment_upload (Thai item, empty form)": lambda d: reverse(
        "dief:item_attachment_upload", args=[d["thai_item"].pk]
    ),
    "dief:attachment_delete (Austrian case)": lambda d: reverse(
        "dief:attachment_delete", args=[d["attachment"].pk]
    ),
}

# A participating delegate who provides none of the demo items and is named in none.
_PARTICIPANT = {
    "dief:case_list": 200,
    "dief:case_new": 200,
    "dief:case_detail (Austrian case, all participants)": 200,
    "dief:case_detail (Austrian case narrowed to Germany)": 404,
    "dief:case_edit (Austrian case)": 403,
    "dief:case_pdf (Austrian case narrowed to Germany)": 404,
    "dief:item_list": 200,
    "dief:item_new": 200,
    "dief:item_detail (Thai item, all participants)": 200,
    "dief:item_detail (Austrian item narrowed to Thailand)": 404,
    "dief:item_edit (Thai item)": 403,
    "dief:item_pdf (Thai item)": 200,
    "dief:attachment_download (Austrian case)": 200,
    "dief:undertaking (the demo expert's admission)": 404,  # the expert's own
    "history (Austrian case)": 403,
    "history (Austrian item narrowed to Thailand)": 404,
    "dief:case_attachment_upload (Austrian case, empty form)": 403,
    "dief:item_attachment_upload (Thai item, empty form)": 403,
    "dief:attachment_delete (Austrian case)": 403,
}
# Observers, organisations and experts not admitted to a presentation: the DIEF gate.
_OUTSIDER = {
    **dict.fromkeys(_PARTICIPANT, 403),
    "history (Austrian case)": 404,
    "history (Austrian item narrowed to Thailand)": 404,
}

EXPECTED = {
    "secretariat": {
        **_PARTICIPANT,
        "dief:case_new": 403,  # cases are shared by States
        "dief:item_new": 403,
        "dief:case_detail (Austrian case narrowed to Germany)": 200,  # administers the forum
        "dief:case_pdf (Austrian case narrowed to Germany)": 200,
        "dief:item_detail (Austrian item narrowed to Thailand)": 200,
        "history (Austrian case)": 200,
        "history (Austrian item narrowed to Thailand)": 200,
    },
    "dief-chair": _PARTICIPANT,
    "wgeti-chair": _PARTICIPANT,
    "delegate-sp": {
        **_PARTICIPANT,
        "dief:case_detail (Austrian case narrowed to Germany)": 200,
        "dief:case_pdf (Austrian case narrowed to Germany)": 200,
        "dief:case_edit (Austrian case)": 200,
        "dief:item_detail (Austrian item narrowed to Thailand)": 200,
        "history (Austrian case)": 200,
        "history (Austrian item narrowed to Thailand)": 200,
        "dief:case_attachment_upload (Austrian case, empty form)": 200,  # with the errors
        "dief:attachment_delete (Austrian case)": 302,
    },
    "delegate-sig": {
        **_PARTICIPANT,
        "dief:item_detail (Austrian item narrowed to Thailand)": 200,
        "history (Austrian item narrowed to Thailand)": 403,
        "dief:item_edit (Thai item)": 200,
        "dief:item_attachment_upload (Thai item, empty form)": 200,
    },
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    # Admitted to Austria's presentation at the DIEF meeting ahead, undertaking accepted: that one
    # case (and its attachment), nothing else of the forum.
    "expert": {
        **_OUTSIDER,
        "dief:case_detail (Austrian case, all participants)": 200,
        "dief:case_detail (Austrian case narrowed to Germany)": 404,
        "dief:case_pdf (Austrian case narrowed to Germany)": 404,
        "dief:item_detail (Thai item, all participants)": 404,
        "dief:item_detail (Austrian item narrowed to Thailand)": 404,
        "dief:item_pdf (Thai item)": 404,
        "dief:attachment_download (Austrian case)": 200,
        "dief:undertaking (the demo expert's admission)": 200,
        "history (Austrian case)": 403,  # sees the case, not its history
    },
}
