"""What a page of a generated PDF draws, in the order it draws it: each run of text with
where it starts and the opacity and colour it is painted in. Enough to tell a watermark
painted over the content from one hidden beneath it, and the header from the body."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader

MM = 72 / 25.4  # points


@dataclass(frozen=True)
class Drawn:
    text: str
    x: float  # where the run starts, in points from the page's left edge
    y: float  # and from its bottom edge
    opacity: float  # of the fill (the /ca of the graphics state)
    fill: tuple[float, ...]  # the fill colour's components (RGB, or grey)


def pages(pdf: bytes) -> list:
    return list(PdfReader(io.BytesIO(pdf)).pages)


def drawn(page) -> list[Drawn]:
    """The runs of text `page` paints, in content-stream order (the later, the higher)."""
    resources = page.get("/Resources") or {}
    states = resources.get("/ExtGState") or {}
    state = {"opacity": 1.0, "fill": (0.0,)}
    saved: list[dict] = []
    runs: list[Drawn] = []

    def before(operator, operands, cm, tm):
        if operator == b"q":
            saved.append(dict(state))
        elif operator == b"Q" and saved:
            state.update(saved.pop())
        elif operator == b"gs":
            values = states[operands[0]].get_object()
            state["opacity"] = float(values.get("/ca", state["opacity"]))
        elif operator in (b"rg", b"g", b"sc", b"scn"):
            numbers = tuple(float(value) for value in operands if isinstance(value, int | float))
            if numbers:
                state["fill"] = numbers

    def text(content, cm, tm, font, size):
        if content.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append(Drawn(content, x, y, state["opacity"], state["fill"]))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return runs


def height(page) -> float:
    return float(page.mediabox.height)


def in_header(page, runs: list[Drawn], *, margin_mm: float = 28) -> list[Drawn]:
    """The runs drawn in the top margin of the page (the running header)."""
    top = height(page) - margin_mm * MM
    return [run for run in runs if run.y > top]


def joined(runs: list[Drawn]) -> str:
    return " ".join(" ".join(run.text.split()) for run in runs)
