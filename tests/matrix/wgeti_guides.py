"""Voluntary guides: every signed-in person reads the guides and the revisions and may
propose and comment; only the WGETI officers (the Chair, the Secretariat) edit the
Chair's revisions and decide; only the Secretariat incorporates. A fact sheet waits for
the CSP's decision (seed 004 ¶23): the demo's Art. 7(4) fact sheet is a draft the officers
read, and only the Secretariat records the decision that publishes it."""

from django.urls import reverse

from working_groups.demo import GUIDE_ARTS_6_7
from working_groups.guides.models import FactSheet, Guide, ProposedRevision, RevisionChange

OBJECTS = {
    "guide": lambda: Guide.objects.get(title_en=GUIDE_ARTS_6_7),
    "rev_135": lambda: ProposedRevision.objects.get(title__startswith="Paragraph 135"),
    "rev_annex_b": lambda: ProposedRevision.objects.get(title__startswith="Annex B"),
    "change_annex_b": lambda: RevisionChange.objects.get(revision__title__startswith="Annex B"),
    "fact_sheet": lambda: FactSheet.objects.get(title_en__contains="Article 7(4)"),
}

GET_URLS = {
    "wgeti:guides:list": lambda d: reverse("wgeti:guides:list"),
    "wgeti:guides:detail (Arts. 6 and 7, French)": lambda d: (
        reverse("wgeti:guides:detail", args=[d["guide"].pk]) + "?lang=fr"
    ),
    "wgeti:guides:revision_list (Arts. 6 and 7)": lambda d: reverse(
        "wgeti:guides:revision_list", args=[d["guide"].pk]
    ),
    "wgeti:guides:revision_new (Arts. 6 and 7)": lambda d: reverse(
        "wgeti:guides:revision_new", args=[d["guide"].pk]
    ),
    "wgeti:guides:incorporate (Arts. 6 and 7)": lambda d: reverse(
        "wgeti:guides:incorporate", args=[d["guide"].pk]
    ),
    "wgeti:guides:revision_detail (Annex B, proposed)": lambda d: reverse(
        "wgeti:guides:revision_detail", args=[d["rev_annex_b"].pk]
    ),
    "wgeti:guides:revision_edit (Annex B, the Chair's)": lambda d: reverse(
        "wgeti:guides:revision_edit", args=[d["rev_annex_b"].pk]
    ),
    "wgeti:guides:fact_sheet (Art. 7(4), Chinese)": lambda d: (
        reverse("wgeti:guides:fact_sheet", args=[d["fact_sheet"].pk]) + "?lang=zh-hans"
    ),
}

POST_URLS = {
    "wgeti:guides:revision_new (empty form)": lambda d: reverse(
        "wgeti:guides:revision_new", args=[d["guide"].pk]
    ),
    "wgeti:guides:incorporate (empty form)": lambda d: reverse(
        "wgeti:guides:incorporate", args=[d["guide"].pk]
    ),
    "wgeti:guides:revision_edit (Annex B, empty form)": lambda d: reverse(
        "wgeti:guides:revision_edit", args=[d["rev_annex_b"].pk]
    ),
    "wgeti:guides:change_add (Annex B, empty form)": lambda d: reverse(
        "wgeti:guides:change_add", args=[d["rev_annex_b"].pk]
    ),
    "wgeti:guides:change_remove (Annex B, empty form)": lambda d: reverse(
        "wgeti:guides:change_remove", args=[d["change_annex_b"].pk]
    ),
    "wgeti:guides:comment_add (paragraph 135, comments closed, empty form)": lambda d: reverse(
        "wgeti:guides:comment_add", args=[d["rev_135"].pk]
    ),
    "wgeti:guides:revision_transition (Annex B, empty form)": lambda d: reverse(
        "wgeti:guides:revision_transition", args=[d["rev_annex_b"].pk]
    ),
    "wgeti:guides:fact_sheet_publish (Art. 7(4), draft, empty form)": lambda d: reverse(
        "wgeti:guides:fact_sheet_publish", args=[d["fact_sheet"].pk]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]
_OFFICER_ONLY = (
    "wgeti:guides:revision_edit (Annex B, the Chair's)",
    "wgeti:guides:revision_edit (Annex B, empty form)",
    "wgeti:guides:change_add (Annex B, empty form)",
    "wgeti:guides:change_remove (Annex B, empty form)",
    "wgeti:guides:revision_transition (Annex B, empty form)",
)
_SECRETARIAT_ONLY = (
    "wgeti:guides:incorporate (Arts. 6 and 7)",
    "wgeti:guides:incorporate (empty form)",
    "wgeti:guides:fact_sheet_publish (Art. 7(4), draft, empty form)",
)
# The draft fact sheet does not exist for those who are no officers.
_DRAFT_FACT_SHEET = (
    "wgeti:guides:fact_sheet (Art. 7(4), Chinese)",
    "wgeti:guides:fact_sheet_publish (Art. 7(4), draft, empty form)",
)

_SECRETARIAT = dict.fromkeys(_ROWS, 200)
_OFFICER = {**_SECRETARIAT, **dict.fromkeys(_SECRETARIAT_ONLY, 403)}
_PARTICIPANT = {
    **_OFFICER,
    **dict.fromkeys(_OFFICER_ONLY, 403),
    **dict.fromkeys(_DRAFT_FACT_SHEET, 404),
}

EXPECTED = {
    "secretariat": _SECRETARIAT,
    "wgeti-chair": _OFFICER,
    "dief-chair": _PARTICIPANT,
    "delegate-sp": _PARTICIPANT,
    "delegate-sig": _PARTICIPANT,
    "delegate-obs": _PARTICIPANT,
    "ngo": _PARTICIPANT,
    "expert": _PARTICIPANT,
}
