"""UN-style document symbols of the ATT process.

    ATT/CSP{cycle}[.{BODY}]/{year}/{AUTHOR}/{number}/{type}[revision]

e.g. ``ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep``, ``ATT/CSP9/2023/SEC/773/Conf.FinRep.Rev2``,
``ATT/CSP9/2023/AUT-IRL-MEX/774/Conf.WP``. ``DocumentSymbol.parse(text)`` splits a symbol
into its parts and ``str()`` gives the text back unchanged; a malformed symbol raises
``ValueError`` saying, in the reader's language, which part is wrong.

Every form the seeds write is read and printed back exactly as written (DOMAIN §7):
the revision as ``.Rev2``, `` Rev.1``, ``.Rev`` or after a slash (``…/Conf.FinRep/Rev.``;
a revision written without its number is the first), and the stray space the seeds leave
after a dot (``CSP5. WGTU``, ``Conf. Rep``). The parts themselves are normalised (body
``WGTU``, type ``Conf.Rep``), so that the register compares a symbol with its fields and
not only with a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _
from django_countries import countries

# Authors that are offices rather than States (DOMAIN §7).
OFFICE_AUTHORS = frozenset({"SEC", "CHAIR", "PRES", "MC"})

# Numbers are bounded (a CSP cycle, a running number, a revision) so that no symbol asks the
# database for a number larger than its columns hold.
_CYCLE = re.compile(r"^CSP(?P<cycle>[1-9]\d{0,2})(?:\. ?(?P<body>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*))?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_NUMBER = re.compile(r"^[1-9]\d{0,8}$")
_TYPE = re.compile(
    r"^(?P<type>[A-Za-z][A-Za-z]*(?:\. ?[A-Za-z][A-Za-z]*)*?)"
    r"(?P<revision>\.Rev(?P<dot_number>[1-9]\d{0,2})?|\sRev\.(?P<space_number>[1-9]\d{0,2}))?$"
)
# A revision written as a seventh part, after a slash: "…/Conf.Rep/Rev." or "…/Rev.2".
_SLASH_REVISION = re.compile(r"^Rev\.(?P<number>[1-9]\d{0,2})?$")


@dataclass(frozen=True)
class DocumentSymbol:
    cycle: int
    body: str | None
    year: int
    authors: tuple[str, ...]
    number: int
    doc_type: str
    revision_text: str = ""  # the revision as written: ".Rev2", " Rev.1", "/Rev.", ".Rev"
    # The text as written, where it differs from the parts put together (see the module).
    written: str = field(default="", compare=False, repr=False)

    @property
    def revision(self) -> int | None:
        if not self.revision_text:
            return None
        match = re.search(r"(\d+)\.?$", self.revision_text)
        return int(match.group(1)) if match else 1

    @property
    def author(self) -> str:
        return "-".join(self.authors)

    def __str__(self) -> str:
        if self.written:
            return self.written
        body = f".{self.body}" if self.body else ""
        return (
            f"ATT/CSP{self.cycle}{body}/{self.year}/{self.author}/{self.number}/"
            f"{self.doc_type}{self.revision_text}"
        )

    def revised(self, revision: int) -> DocumentSymbol:
        """The symbol of a revision of this document (``….Rev{n}``)."""
        return DocumentSymbol(
            self.cycle,
            self.body,
            self.year,
            self.authors,
            self.number,
            self.doc_type,
            f".Rev{revision}",
        )

    def original(self) -> DocumentSymbol:
        """The symbol of the document this one revises (itself when it is no revision)."""
        return DocumentSymbol(
            self.cycle, self.body, self.year, self.authors, self.number, self.doc_type
        )

    def same_document_as(self, other: DocumentSymbol) -> bool:
        """Whether `other` is this document or one of its revisions (the year may differ
        only in the way it is written)."""
        return (self.cycle, self.body, self.authors, self.number, self.doc_type) == (
            other.cycle,
            other.body,
            other.authors,
            other.number,
            other.doc_type,
        )

    @classmethod
    def parse(cls, text: str) -> DocumentSymbol:
        if not isinstance(text, str) or not text:
            raise ValueError(_("A document symbol is required."))
        if text != text.strip():
            raise ValueError(_("A document symbol has no leading or trailing spaces."))
        parts = text.split("/")
        if parts[0] != "ATT":
            raise ValueError(
                _("A document symbol starts with 'ATT/', not '%(start)s'.") % {"start": parts[0]}
            )
        slash_revision = None
        if len(parts) == 7:
            slash_revision = _SLASH_REVISION.match(parts[6])
        if len(parts) == 7 and parts[6].startswith("Rev") and not slash_revision:
            raise ValueError(
                _("'%(part)s' is not a revision such as 'Rev.' or 'Rev.2'.") % {"part": parts[6]}
            )
        if len(parts) != 6 and not slash_revision:
            raise ValueError(
                _(
                    "A document symbol has six parts separated by '/': "
                    "ATT/CSPn[.BODY]/year/AUTHOR/number/type; '%(symbol)s' has %(count)s."
                )
                % {"symbol": text, "count": len(parts)}
            )
        _att, cycle_part, year_part, author_part, number_part, type_part = parts[:6]
        cycle = _CYCLE.match(cycle_part)
        if not cycle:
            raise ValueError(
                _(
                    "'%(part)s' is not a cycle: expected 'CSP' and its number, optionally "
                    "followed by '.' and the body (e.g. 'CSP10' or 'CSP10.DIEF')."
                )
                % {"part": cycle_part}
            )
        if not _YEAR.match(year_part):
            raise ValueError(_("'%(part)s' is not a year of four digits.") % {"part": year_part})
        authors = tuple(author_part.split("-"))
        for author in authors:
            if author in OFFICE_AUTHORS:
                if len(authors) > 1:
                    raise ValueError(
                        _("%(office)s is an office and cannot be a joint author with States.")
                        % {"office": author}
                    )
                continue
            if not re.fullmatch(r"[A-Z]{3}", author) or not countries.alpha2(author):
                raise ValueError(
                    _(
                        "'%(part)s' is not an author: use SEC, CHAIR, PRES, MC or ISO 3166 "
                        "alpha-3 codes of States joined by '-'."
                    )
                    % {"part": author}
                )
        if len(set(authors)) != len(authors):
            raise ValueError(_("'%(part)s' names a State twice.") % {"part": author_part})
        if not _NUMBER.match(number_part):
            raise ValueError(_("'%(part)s' is not a running number.") % {"part": number_part})
        doc_type = _TYPE.match(type_part)
        if not doc_type or (slash_revision and doc_type.group("revision")):
            raise ValueError(
                _(
                    "'%(part)s' is not a document type such as 'Conf.Rep', 'DrWP' or "
                    "'Conf.FinRep.Rev2'."
                )
                % {"part": type_part}
            )
        revision_text = doc_type.group("revision") or ""
        if slash_revision:
            revision_text = f"/{parts[6]}"
        symbol = cls(
            cycle=int(cycle.group("cycle")),
            body=cycle.group("body"),
            year=int(year_part),
            authors=authors,
            number=int(number_part),
            doc_type=doc_type.group("type").replace(". ", "."),
            revision_text=revision_text,
        )
        if str(symbol) != text:  # a stray space after a dot, kept as written
            symbol = replace(symbol, written=text)
        return symbol
