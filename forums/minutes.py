"""ToR art. 17: no formal minutes and no formal report of DIEF meetings.

The one place that says so. Every place of the portal where minutes or a report of a
meeting could be produced (the document register, the agenda builder, the meeting PDF
exports, the DIEF area) asks this module and shows its message.

What is refused and what is not (the ToR are silent on the Chair's own reporting):

* minutes, summary records, procès-verbaux and reports *of a DIEF meeting* - a
  document or agenda item attached to a DIEF meeting whose type or title is minutes or
  a report, or a DIEF document (no meeting) whose title or type says it is minutes or
  the report of a meeting;
* not refused: the DIEF Chair's report to the CSP on the forum's work (e.g.
  ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep), a DIEF document with no meeting, of type
  ``Rep``/``Conf.Rep``, whose title does not present it as minutes or the report of a
  meeting; and the oral briefing of art. 22, which has its own workflow.
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

# Document types (the last part of a symbol) that are minutes or a report.
_MINUTES_TYPES = {"minutes", "min", "sr", "pv"}
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


def check_document(*, body: str, meeting, title: str, doc_type: str) -> None:
    """Refuse to register minutes or a report of a DIEF meeting (see the module's rule)."""
    if is_dief_meeting(meeting):
        refused_types = _MINUTES_TYPES | _REPORT_TYPES  # any report attached to the meeting
    elif meeting is None and body == Body.DIEF:
        refused_types = _MINUTES_TYPES  # the Chair's report to the CSP stays possible
    else:
        return
    if looks_like_minutes(title) or _type_parts(doc_type) & refused_types:
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
