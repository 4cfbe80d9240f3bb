"""Every download of DIEF material carries a watermark naming the person who downloaded
it, their State (or office) and the date and time (beyond the rule book, to deter leaks)."""

from __future__ import annotations

import functools
import io
import zlib

from .uploads import JPEG, PDF, PNG


class UnstampableFile(Exception):
    """A stored file the watermark cannot be put on: it is not served at all."""


def stamp(data: bytes, content_type: str, text: str) -> bytes:
    """`data` with the watermark `text`, in bounded time and memory (README, "Upload
    limits"), or UnstampableFile."""
    try:
        if content_type == PDF:
            return stamp_pdf(data, text)
        if content_type in (PNG, JPEG):
            return stamp_image(data, content_type, text)
    except UnstampableFile:
        raise
    except Exception as exc:  # a damaged or hostile file fails in many ways
        raise UnstampableFile(str(exc)) from exc
    raise UnstampableFile(f"No watermark for {content_type}")


# One overlay per download, a square tile placed on every page whatever its size: its
# side in points, and at most this many tiles along a page's long side.
TILE = 600
MAX_TILES = 8


def _overlay(text: str) -> bytes:
    """A transparent square page with the watermark, by WeasyPrint."""
    from django.utils.html import escape
    from weasyprint import HTML

    from documents.pdf import FONT_STACK

    lines = "".join(f"<p>{escape(text)}</p>" for _ in range(5))
    html = f"""<html><head><style>
      @page {{ size: {TILE}pt {TILE}pt; margin: 0; }}
      body {{ margin: 0; font-family: {FONT_STACK}; }}
      div {{ position: absolute; top: 15%; left: -10%; width: 120%; text-align: center;
             transform: rotate(-30deg); color: rgba(164, 22, 26, .22);
             font-size: {TILE / 28:.1f}pt; }}
      p {{ margin: {TILE / 12:.0f}pt 0; }}
    </style></head><body><div>{lines}</div></body></html>"""
    return HTML(string=html).write_pdf()


def _tiles(box) -> list[tuple[float, float, float]]:
    """Where the square tile goes on a page's visible box: (scale, x, y) of each copy,
    side by side along the long side, each as large as the short side allows."""
    left, bottom, right, top = (float(value) for value in box)
    left, right = sorted((left, right))
    bottom, top = sorted((bottom, top))
    width, height = right - left, top - bottom
    short, long = sorted((width, height))
    count = max(1, min(MAX_TILES, round(long / max(short, 1))))
    step = long / count
    side = min(step, short)
    tiles = []
    for index in range(count):
        offset = index * step + (step - side) / 2
        if width >= height:
            x, y = left + offset, bottom + (height - side) / 2
        else:
            x, y = left + (width - side) / 2, top - offset - side
        tiles.append((side / TILE, x, y))
    return tiles


def _placement(name: str, box) -> bytes:
    copies = "".join(
        f"q {scale:.6f} 0 0 {scale:.6f} {x:.3f} {y:.3f} cm {name} Do Q\n"
        for scale, x, y in _tiles(box)
    )
    return f"Q\n{copies}".encode()


def _visible_box(page):
    box = page.cropbox
    width, height = (abs(float(box[2]) - float(box[0])), abs(float(box[3]) - float(box[1])))
    return page.mediabox if min(width, height) < 3 else box


def stamp_pdf(data: bytes, text: str) -> bytes:
    """The checked, defused PDF with one WeasyPrint overlay placed on each page; the
    pages' own contents are never decompressed. A file qpdf can repair is served (files
    stored before the upload checks; `check_stored_files` reports them)."""
    from documents.sanitize import defuse_entry_points, open_checked, pikepdf, write

    pdf_module = pikepdf()
    overlay = pdf_module.open(io.BytesIO(_overlay(text)))
    with overlay, open_checked(data, strict=False) as pdf:
        defuse_entry_points(pdf)
        form = pdf.copy_foreign(overlay.pages[0].as_form_xobject())
        save_state = pdf.make_stream(b"q\n")
        placements: dict[tuple, object] = {}
        for page in pdf.pages:
            name = _form_name(page, form, pdf_module)
            box = _visible_box(page)
            key = (str(name), tuple(float(value) for value in box))
            if key not in placements:
                placements[key] = pdf.make_stream(_placement(str(name), box))
            page.contents_add(save_state, prepend=True)
            page.contents_add(placements[key])
        pdf.docinfo["/Subject"] = text
        return write(pdf)


def _form_name(page, form, pdf_module):
    """The name of the watermark in the page's resources (pages often share theirs)."""
    resources = page.obj.get("/Resources")
    xobjects = resources.get("/XObject") if resources is not None else None
    if isinstance(xobjects, pdf_module.Dictionary):
        for name, value in xobjects.items():
            if value.is_indirect and value.objgen == form.objgen:
                return pdf_module.Name(name)
    return page.add_resource(form, pdf_module.Name.XObject, prefix="Wm")


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


# Red, translucent, one line every four line heights; drawn on the decoded image itself
# (RGB) or a band at a time (other modes that keep their own), never on a full-size copy.
INK = (164, 22, 26, 90)
BAND_MODES = ("RGBA", "CMYK", "L", "LA")


def stamp_image(data: bytes, content_type: str, text: str) -> bytes:
    """The image with the watermark, in the memory of about one decoded copy of it."""
    from PIL import ImageDraw

    from .uploads import PILLOW_FORMATS, image_size, pillow

    image_size(data, content_type)  # the limits of an upload, from the header
    image_module = pillow()
    with image_module.open(io.BytesIO(data), formats=PILLOW_FORMATS[content_type]) as original:
        width, height = original.size
        original.load()
        image = original if original.mode in BAND_MODES + ("RGB",) else _converted(original)
        size = max(10, min(width, height) // 24)
        line_width = min(width, size * 2 + _line_length(text, size))
        for top in range(0, height, size * 4):
            if image.mode == "RGB":
                _draw_line(ImageDraw.Draw(image, "RGBA"), (size, top), text, size, INK)
            else:
                _stamp_band(image, (0, top, line_width, min(height, top + size * 2)), text, size)
        out = io.BytesIO()
        if content_type == PNG:
            # Fast deflate: encoding dominates, and the file was at most the upload limit.
            image.save(out, format="PNG", compress_level=1, compress_type=zlib.Z_RLE)
        else:
            image.save(out, format="JPEG", quality=90)
        return out.getvalue()


def _converted(image):
    """Palette, grey and 16-bit images in colour, keeping their transparency."""
    transparent = image.mode in ("LA", "PA", "La") or "transparency" in image.info
    return image.convert("RGBA" if transparent else "RGB")


def _line_length(text: str, size: int) -> int:
    from PIL import Image, ImageDraw

    draw = ImageDraw.Draw(Image.new("L", (1, 1)))
    return round(
        sum(draw.textlength(run, font=_font(script, size)) for script, run in script_runs(text))
    )


def _stamp_band(image, box: tuple[int, int, int, int], text: str, size: int) -> None:
    """One line of the watermark blended into a band of the image, in its own mode."""
    from PIL import Image, ImageDraw

    band = image.crop(box).convert("RGBA")
    layer = Image.new("RGBA", band.size, (0, 0, 0, 0))
    _draw_line(ImageDraw.Draw(layer), (size, 0), text, size, INK)
    stamped = Image.alpha_composite(band, layer)
    image.paste(stamped if image.mode == "RGBA" else stamped.convert(image.mode), box[:2])
