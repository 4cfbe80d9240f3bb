"""UN-style document symbols of the ATT process.

    ATT/CSP{cycle}[.{BODY}]/{year}/{AUTHOR}/{number}/{type}[revision]

e.g. ``ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep``, ``ATT/CSP9/2023/SEC/773/Conf.FinRep.Rev2``,
``ATT/CSP9/2023/AUT-IRL-MEX/774/Conf.WP``. ``DocumentSymbol.parse(text)`` splits a symbol
into its parts and ``str()`` gives the text back unchanged; a malformed symbol raises
``ValueError`` saying what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django_countries import countries

# Authors that are offices rather than States (DOMAIN §7).
OFFICE_AUTHORS = frozenset({"SEC", "CHAIR", "PRES", "MC"})

_CYCLE = re.compile(r"^CSP(?P<cycle>[1-9]\d*)(?:\.(?P<body>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*))?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_NUMBER = re.compile(r"^[1-9]\d*$")
_TYPE = re.compile(
    r"^(?P<type>[A-Za-z][A-Za-z]*(?:\.[A-Za-z][A-Za-z]*)*?)"
    r"(?P<revision>(?:\.Rev|\sRev\.)(?P<revision_number>[1-9]\d*))?$"
)


@dataclass(frozen=True)
class DocumentSymbol:
    cycle: int
    body: str | None
    year: int
    authors: tuple[str, ...]
    number: int
    doc_type: str
    revision_text: str = ""

    @property
    def revision(self) -> int | None:
        match = re.search(r"(\d+)$", self.revision_text)
        return int(match.group(1)) if match else None

    @property
    def author(self) -> str:
        return "-".join(self.authors)

    def __str__(self) -> str:
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

    @classmethod
    def parse(cls, text: str) -> DocumentSymbol:
        if not isinstance(text, str) or not text:
            raise ValueError("A document symbol is required.")
        if text != text.strip():
            raise ValueError("A document symbol has no leading or trailing spaces.")
        parts = text.split("/")
        if parts[0] != "ATT":
            raise ValueError(f"A document symbol starts with 'ATT/', not {parts[0]!r}.")
        if len(parts) != 6:
            raise ValueError(
                "A document symbol has six parts separated by '/': "
                f"ATT/CSPn[.BODY]/year/AUTHOR/number/type; {text!r} has {len(parts)}."
            )
        _att, cycle_part, year_part, author_part, number_part, type_part = parts
        cycle = _CYCLE.match(cycle_part)
        if not cycle:
            raise ValueError(
                f"{cycle_part!r} is not a cycle: expected 'CSP' and its number, optionally "
                "followed by '.' and the body (e.g. 'CSP10' or 'CSP10.DIEF')."
            )
        if not _YEAR.match(year_part):
            raise ValueError(f"{year_part!r} is not a year of four digits.")
        authors = tuple(author_part.split("-"))
        for author in authors:
            if author in OFFICE_AUTHORS:
                if len(authors) > 1:
                    raise ValueError(
                        f"{author} is an office and cannot be a joint author with States."
                    )
                continue
            if not re.fullmatch(r"[A-Z]{3}", author) or not countries.alpha2(author):
                raise ValueError(
                    f"{author!r} is not an author: use SEC, CHAIR, PRES, MC or ISO 3166 "
                    "alpha-3 codes of States joined by '-'."
                )
        if len(set(authors)) != len(authors):
            raise ValueError(f"{author_part!r} names a State twice.")
        if not _NUMBER.match(number_part):
            raise ValueError(f"{number_part!r} is not a running number.")
        doc_type = _TYPE.match(type_part)
        if not doc_type:
            raise ValueError(
                f"{type_part!r} is not a document type such as 'Conf.Rep', 'DrWP' or "
                "'Conf.FinRep.Rev2'."
            )
        return cls(
            cycle=int(cycle.group("cycle")),
            body=cycle.group("body"),
            year=int(year_part),
            authors=authors,
            number=int(number_part),
            doc_type=doc_type.group("type"),
            revision_text=doc_type.group("revision") or "",
        )
