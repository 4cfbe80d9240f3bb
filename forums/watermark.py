"""Every download of DIEF material carries a watermark naming the person who downloaded
it, their State (or office) and the date and time (beyond the rule book, to deter leaks)."""

from __future__ import annotations

import io

from .uploads import JPEG, PDF, PNG


def stamp(data: bytes, content_type: str, text: str) -> bytes:
    if content_type == PDF:
        return stamp_pdf(data, text)
    if content_type in (PNG, JPEG):
        return stamp_image(data, content_type, text)
    raise ValueError(f"No watermark for {content_type}")


def _overlay(width: float, height: float, text: str):
    """A transparent page of the given size (points) with the watermark, by WeasyPrint."""
    from django.utils.html import escape
    from pypdf import PdfReader
    from weasyprint import HTML

    from documents.pdf import FONT_STACK

    lines = "".join(f"<p>{escape(text)}</p>" for _ in range(5))
    html = f"""<html><head><style>
      @page {{ size: {width}pt {height}pt; margin: 0; }}
      body {{ margin: 0; font-family: {FONT_STACK}; }}
      div {{ position: absolute; top: 15%; left: -10%; width: 120%; text-align: center;
             transform: rotate(-30deg); color: rgba(164, 22, 26, .22);
             font-size: {max(8, min(width, height) / 28):.1f}pt; }}
      p {{ margin: {height / 12:.0f}pt 0; }}
    </style></head><body><div>{lines}</div></body></html>"""
    return PdfReader(io.BytesIO(HTML(string=html).write_pdf())).pages[0]


def stamp_pdf(data: bytes, text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    overlays: dict[tuple[float, float], object] = {}
    for page in writer.pages:
        box = page.mediabox
        size = (round(float(box.width), 1), round(float(box.height), 1))
        if size not in overlays:
            overlays[size] = _overlay(*size, text)
        page.merge_page(overlays[size])
    writer.add_metadata({"/Subject": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stamp_image(data: bytes, content_type: str, text: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    with Image.open(io.BytesIO(data)) as original:
        image = original.convert("RGBA")
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    size = max(10, min(image.size) // 24)
    font = ImageFont.load_default(size=size)
    step = size * 4
    for y in range(0, image.size[1], step):
        draw.text((size, y), text, fill=(164, 22, 26, 90), font=font)
    stamped = Image.alpha_composite(image, layer)
    out = io.BytesIO()
    if content_type == PNG:
        stamped.save(out, format="PNG")
    else:
        stamped.convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue()
