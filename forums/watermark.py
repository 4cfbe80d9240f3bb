"""Every download of DIEF material carries a watermark naming the person who downloaded
it, their State (or office) and the date and time (beyond the rule book, to deter leaks)."""

from __future__ import annotations

import functools
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


# The fonts of the PDFs (Debian's fonts-noto-core and fonts-noto-cjk): a name or a State
# in Arabic or Chinese must be as legible in the watermark of an image as in a PDF.
FONT_FILES = {
    "latin": ("NotoSans-Regular.ttf",),
    "arabic": ("NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf"),
    "cjk": ("NotoSansCJK-Regular.ttc",),
}
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")


def _script(char: str) -> str | None:
    """The script a character needs a font for; None for spaces, which join their run."""
    code = ord(char)
    if char.isspace():
        return None
    if 0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return "arabic"
    if (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2FFFF
    ):
        return "cjk"
    return "latin"


def script_runs(text: str) -> list[tuple[str, str]]:
    """`text` cut into runs of one script each, e.g. a Latin name, an Arabic State name
    and the time: [("latin", "Ines Moreau · "), ("arabic", "النمسا"), ("latin", " · …")].
    A space between two runs of one script stays in the run."""
    runs: list[list[str]] = []
    for index, char in enumerate(text):
        script = _script(char)
        if script is None:
            following = next((_script(c) for c in text[index + 1 :] if not c.isspace()), None)
            script = runs[-1][0] if runs and runs[-1][0] == following else "latin"
        if runs and runs[-1][0] == script:
            runs[-1][1] += char
        else:
            runs.append([script, char])
    return [(script, run) for script, run in runs]


@functools.cache
def _font_path(script: str) -> str | None:
    import os

    wanted = FONT_FILES[script]
    for root in FONT_DIRS:
        for folder, _dirs, files in os.walk(root):
            for name in wanted:
                if name in files:
                    return os.path.join(folder, name)
    return None


@functools.cache
def _font(script: str, size: int):
    from PIL import ImageFont

    path = _font_path(script)
    if path is None:
        return ImageFont.load_default(size=size)
    if path.endswith(".ttc"):
        # The collection holds the Japanese, Korean, Chinese … faces: take Simplified Chinese.
        for index in range(10):
            try:
                font = ImageFont.truetype(path, size, index=index)
            except OSError:
                break
            if font.getname()[0].endswith(" SC"):
                return font
    return ImageFont.truetype(path, size)


def _draw_line(draw, position: tuple[int, int], text: str, size: int, fill) -> None:
    from PIL import features

    x, y = position
    shaping = features.check("raqm")
    for script, run in script_runs(text):
        font = _font(script, size)
        options = {"direction": "rtl"} if script == "arabic" and shaping else {}
        # On one baseline, whatever the font's ascent.
        draw.text((x, y + size), run, fill=fill, font=font, anchor="ls", **options)
        x += draw.textlength(run, font=font, **options)


def stamp_image(data: bytes, content_type: str, text: str) -> bytes:
    from PIL import Image, ImageDraw

    with Image.open(io.BytesIO(data)) as original:
        image = original.convert("RGBA")
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    size = max(10, min(image.size) // 24)
    step = size * 4
    for y in range(0, image.size[1], step):
        _draw_line(draw, (size, y), text, size, (164, 22, 26, 90))
    stamped = Image.alpha_composite(image, layer)
    out = io.BytesIO()
    if content_type == PNG:
        stamped.save(out, format="PNG")
    else:
        stamped.convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue()
