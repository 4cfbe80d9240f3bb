"""ToR art. 17: no formal minutes and no formal report of DIEF meetings.

The one place that says so. Every place of the portal where minutes or a report of a
meeting could be produced (the document register, the agenda builder, the meeting PDF
exports, the DIEF area) asks this module and shows its message.

Documents are judged by what they are — their type and their body (and, for a document
bound to a meeting, whether that meeting is a DIEF meeting) —, never by words in their
title:

* refused: a record of a meeting's discussions (minutes, summary record, procès-verbal,
  "report of the meeting" ``MtgRep``, final report ``Conf.FinRep``) of the DIEF or of a
  DIEF meeting; and any report (``Rep``, ``Conf.Rep``) bound to a DIEF meeting: it reports
  on that meeting;
* not refused, whatever its title says: the DIEF Chair's report to the CSP on the forum's
  work (``Conf.Rep`` of the DIEF bound to no meeting, e.g.
  ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep), and the oral briefing of art. 22, which has its
  own workflow.

Agenda items have no type: an item of a DIEF agenda is judged by its title
(`check_agenda_item`).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from att_portal.meetings.enums import Body

ART_17_MESSAGE = _(
    "DIEF Terms of Reference, art. 17: no formal minutes and no formal report of DIEF "
    "meetings. The portal does not produce them."
)

# A few words of the six languages of the Treaty. Words of alphabetic scripts match as
# whole words (case-insensitive); Chinese and Arabic phrases as substrings.
_ANY = r"(?:[\w'’-]+\s+){0,4}?"
_PATTERNS = [
    # English
    r"\bminutes\b",
    r"\bsummary records?\b",
    rf"\breports?\s+(?:of|on)\s+{_ANY}(?:meetings?|sessions?)\b",
    r"\bmeeting reports?\b",
    r"\badoption\s+of\s+(?:the\s+)?(?:draft\s+)?(?:final\s+)?report\b",
    # French
    r"\bproc[èe]s[- ]verba(?:l|ux)\b",
    r"\bcomptes?[- ]rendus?\b",
    rf"\brapports?\s+(?:de|sur)\s+{_ANY}(?:réunions?|séances?|sessions?)\b",
    r"\badoption\s+du\s+(?:projet\s+de\s+)?rapport\b",
    # Spanish
    r"\bactas?\b",
    rf"\binformes?\s+(?:de|sobre)\s+{_ANY}(?:reuni[óo]n|reuniones|sesi[óo]n|sesiones)\b",
    r"\b(?:aprobaci[óo]n|adopci[óo]n)\s+del\s+(?:proyecto\s+de\s+)?informe\b",
    # Russian
    r"протокол",
    rf"(?:отч[её]т|доклад)\w*\s+о\s+{_ANY}(?:заседани|совещани|встреч)",
    r"утверждени\w*\s+(?:доклада|отч[её]та|протокола)",
    # Chinese
    r"会议记录",
    r"会议纪要",
    r"会议报告",
    r"简要记录",
    r"通过报告",
    # Arabic
    r"محضر",
    r"محاضر",
    r"تقرير\s+الاجتماع",
    r"اعتماد\s+التقرير",
]
_MINUTES = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)

# Document types (the last part of a symbol, split at its dots) that record a meeting's
# discussions, and those that are a report (of a meeting when bound to one).
_MEETING_RECORD_TYPES = {"minutes", "min", "sr", "pv", "mtgrep", "finrep"}
_REPORT_TYPES = {"rep", "report"}


def looks_like_minutes(text: str) -> bool:
    """Whether a title or text presents itself as minutes or the report of a meeting."""
    return bool(text) and _MINUTES.search(text) is not None


def _type_parts(doc_type: str) -> set[str]:
    return {part.lower() for part in re.split(r"[.\s/_-]+", doc_type or "") if part}


def is_dief_meeting(meeting) -> bool:
    return meeting is not None and meeting.body == Body.DIEF


def refuse_minutes(meeting=None) -> None:
    """Raise the art. 17 refusal."""
    raise ValidationError(ART_17_MESSAGE, code="art17")


def check_document(*, body: str, meeting, doc_type: str) -> None:
    """Refuse to register minutes or a report of a DIEF meeting (see the module's rule)."""
    parts = _type_parts(doc_type)
    if is_dief_meeting(meeting) and parts & (_MEETING_RECORD_TYPES | _REPORT_TYPES):
        refuse_minutes(meeting)
    if body == Body.DIEF and parts & _MEETING_RECORD_TYPES:
        refuse_minutes(meeting)


def check_agenda_item(*, meeting, title: str) -> None:
    """A DIEF agenda has no item adopting minutes or a report of the meeting."""
    if is_dief_meeting(meeting) and looks_like_minutes(title):
        refuse_minutes(meeting)


def minutes_refused_response(request, meeting) -> HttpResponse:
    """The page that explains art. 17 to whoever looks for minutes (status 403)."""
    return render(
        request,
        "forums/minutes_refused.html",
        {"meeting": meeting, "message": ART_17_MESSAGE},
        status=403,
    )
