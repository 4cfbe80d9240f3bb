"""Document symbols: every form of DOMAIN §7 round-trips; malformed ones say what is wrong."""

import pytest

from documents.symbols import DocumentSymbol

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep",
            (10, "DIEF", 2024, ("CHAIR",), 786, "Conf.Rep", None),
        ),
        (
            "ATT/CSP9/2023/SEC/773/Conf.FinRep.Rev2",
            (9, None, 2023, ("SEC",), 773, "Conf.FinRep", 2),
        ),
        (
            "ATT/CSP9/2023/AUT-IRL-MEX/774/Conf.WP",
            (9, None, 2023, ("AUT", "IRL", "MEX"), 774, "Conf.WP", None),
        ),
        (
            "ATT/CSP11.WGETI/2025/CHAIR/808/LetterSubDocs",
            (11, "WGETI", 2025, ("CHAIR",), 808, "LetterSubDocs", None),
        ),
        ("ATT/CSP10.DIEF/2024/CHAIR/781/DrWP", (10, "DIEF", 2024, ("CHAIR",), 781, "DrWP", None)),
        ("ATT/CSP12/2026/PRES/820/Conf.Prop", (12, None, 2026, ("PRES",), 820, "Conf.Prop", None)),
        ("ATT/CSP12.MC/2026/MC/821/Conf.Rep Rev.1", (12, "MC", 2026, ("MC",), 821, "Conf.Rep", 1)),
        ("ATT/CSP12.WGTU/2026/ZAF/822/Conf.WP", (12, "WGTU", 2026, ("ZAF",), 822, "Conf.WP", None)),
    ],
)
def test_symbol_parses_into_its_parts_and_round_trips_exactly(text, parts):
    symbol = DocumentSymbol.parse(text)

    assert (
        symbol.cycle,
        symbol.body,
        symbol.year,
        symbol.authors,
        symbol.number,
        symbol.doc_type,
        symbol.revision,
    ) == parts
    assert str(symbol) == text


def test_revision_of_a_symbol_carries_the_rev_suffix():
    original = DocumentSymbol.parse("ATT/CSP9/2023/SEC/773/Conf.FinRep")

    assert str(original.revised(2)) == "ATT/CSP9/2023/SEC/773/Conf.FinRep.Rev2"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "A document symbol is required."),
        (" ATT/CSP9/2023/SEC/773/Conf.WP", "no leading or trailing spaces"),
        ("UN/CSP9/2023/SEC/773/Conf.WP", "starts with 'ATT/', not 'UN'"),
        ("ATT/CSP9/2023/SEC/773", "has six parts separated by '/'"),
        ("ATT/CSP9/2023/SEC/773/Conf.WP/extra", "has 7"),
        ("ATT/COSP9/2023/SEC/773/Conf.WP", "'COSP9' is not a cycle"),
        ("ATT/CSP9.dief/2023/SEC/773/Conf.WP", "'CSP9.dief' is not a cycle"),
        ("ATT/CSP9/23/SEC/773/Conf.WP", "'23' is not a year of four digits"),
        ("ATT/CSP9/2023/SECRETARIAT/773/Conf.WP", "'SECRETARIAT' is not an author"),
        ("ATT/CSP9/2023/AUT-XXX/773/Conf.WP", "'XXX' is not an author"),
        ("ATT/CSP9/2023/AUT-AUT/773/Conf.WP", "names a State twice"),
        ("ATT/CSP9/2023/SEC-AUT/773/Conf.WP", "SEC is an office"),
        ("ATT/CSP9/2023/SEC/07a/Conf.WP", "'07a' is not a running number"),
        ("ATT/CSP9/2023/SEC/0773/Conf.WP", "'0773' is not a running number"),
        ("ATT/CSP9/2023/SEC/773/", "'' is not a document type"),
        ("ATT/CSP9/2023/SEC/773/Conf..WP", "'Conf..WP' is not a document type"),
        ("ATT/CSP9/2023/SEC/773/Conf.WP.Rev0", "is not a document type"),
    ],
)
def test_malformed_symbol_is_refused_with_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        DocumentSymbol.parse(text)


# Every symbol the seeds write, exactly as written (seeds 000, 001, 002 and 004).
SEED_SYMBOLS = [
    ("ATT/CSP10.DIEF/2024/CHAIR/781/DrWP", None),
    ("ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep", None),
    ("ATT/CSP10.WGETI/2024/CHAIR/775/LetterSubDocs", None),
    ("ATT/CSP11.WGETI/2025/CHAIR/808/LetterSubDocs", None),
    ("ATT/CSP11.WGETI/2025/CHAIR/826/Conf.Rep/Rev.", 1),
    ("ATT/CSP11/2025/SEC/834/Conf.FinRep/Rev.", 1),
    ("ATT/CSP3.WGTR/2017/CHAIR/159/Conf.Rep", None),
    ("ATT/CSP5. WGTU/2019/CHAIR/532/Conf.Rep", None),
    ("ATT/CSP5.WGETI/2019/CHAIR/529/Conf.Rep", None),
    ("ATT/CSP6.DIEF/2020/CHAIR/632/Conf.DIEFToRs", None),
    ("ATT/CSP6/2020/SEC/635/Conf.FinRep.Rev", 1),
    ("ATT/CSP7.DIEF/2021/CHAIR/673/Conf.Rep", None),
    ("ATT/CSP7.WGETI/2021/CHAIR/675/Conf.Rep", None),
    ("ATT/CSP7/2021/SEC/681/Conf.FinRep.Rev1", 1),
    ("ATT/CSP9.MC/2023/MC/765/Conf.Prop", None),
    ("ATT/CSP9.WGETI/2023/CHAIR/767/Conf. Rep", None),
    ("ATT/CSP9.WGETI/2023/CHAIR/767/Conf.Rep", None),
    ("ATT/CSP9.WGTR/2023/CHAIR/768/Conf.Rep", None),
    ("ATT/CSP9.WGTU/2023/CHAIR/769/Conf.Rep", None),
    ("ATT/CSP9/2023/AUT-IRL-MEX/774/Conf.WP", None),
    ("ATT/CSP9/2023/PRES/766/Conf.WP.Ind", None),
    ("ATT/CSP9/2023/SEC/773/Conf.FinRep.Rev2", 2),
]


@pytest.mark.parametrize(("text", "revision"), SEED_SYMBOLS)
def test_seed_symbols_are_read_kept_and_printed_back_with_their_revision(text, revision):
    # DOMAIN §7: a revision after a slash ("…/Conf.FinRep/Rev.") and "Conf.FinRep.Rev"
    # without a number are revisions (the first); the original is the symbol without it.
    symbol = DocumentSymbol.parse(text)

    assert (str(symbol), symbol.revision) == (text, revision)
    if revision is not None:
        assert str(symbol.original()) == text[: text.rindex("Rev")].rstrip("/. ")
