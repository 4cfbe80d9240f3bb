"""Files built for the upload tests, good and hostile: PDFs with pikepdf, images with
Pillow (or by hand, where Pillow would have to hold the whole image), ZIP packages with
zipfile. No binary fixture is kept in the repository."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name, String

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
# Names and action types none of which may survive in a file the portal serves.
ACTIVE_NAMES = {
    "/JavaScript",
    "/JS",
    "/OpenAction",
    "/AA",
    "/EmbeddedFiles",
    "/EmbeddedFile",
    "/EF",
    "/Launch",
    "/XFA",
    "/FileAttachment",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/Rendition",
}


def save(pdf: pikepdf.Pdf, **options) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **options)
    return out.getvalue()


def pdf_with_pages(
    sizes: list[tuple[float, float]], text: str = "Evidence", *, photo_side: int = 0
) -> bytes:
    """A PDF with one page of each size (points), each saying `text`; with `photo_side`,
    each page also shows a grey photo of its own of that many pixels a side, all noise."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    text_only = pdf.make_stream(f"BT /F1 12 Tf 10 10 Td ({text}) Tj ET".encode())
    for width, height in sizes:
        page = pdf.add_blank_page()
        page.obj.MediaBox = Array([0, 0, width, height])  # even beyond PDF's own limits
        page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
        page.obj.Contents = text_only
        if photo_side:
            photo = pdf.make_stream(
                os.urandom(photo_side * photo_side),
                Type=Name.XObject,
                Subtype=Name.Image,
                Width=photo_side,
                Height=photo_side,
                ColorSpace=Name.DeviceGray,
                BitsPerComponent=8,
            )
            page.obj.Resources.XObject = Dictionary(Im0=photo)
            page.obj.Contents = pdf.make_stream(
                f"q 100 0 0 100 20 20 cm /Im0 Do Q BT /F1 12 Tf 10 10 Td ({text}) Tj ET".encode()
            )
    return save(pdf, compress_streams=False)


def pdf_of_objects(count: int) -> bytes:
    """A one-page PDF of about `count` objects, each a small dictionary the document
    reaches (as the structure tree of a long tagged PDF is)."""
    pdf = pikepdf.open(io.BytesIO(pdf_with_pages([(595, 842)])))
    pieces = [
        pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, K=index))
        for index in range(count - len(pdf.objects))
    ]
    pdf.Root.PieceInfo = Dictionary(Portal=Dictionary(Private=Array(pieces)))
    return save(pdf)


def mixed_sizes(count: int, largest: float = 14_400) -> list[tuple[float, float]]:
    """`count` page sizes, no two alike, from postcard size up to `largest` points a side,
    portrait and landscape."""
    sizes = []
    for index in range(count):
        long = 300 + (largest - 300) * index / max(count - 1, 1)
        short = max(3.0, long / (1 + index % 7))
        sizes.append((short, long) if index % 2 else (long, short))
    return sizes


def hostile_pdf() -> bytes:
    """A two-page PDF with JavaScript run on opening, on closing and from the name tree,
    a Launch action on a link, automatic actions on a page and a form field, a bookmark
    that submits the form, then imports data, opens a remote and an embedded file and plays
    a rendition, an embedded executable (in the name tree and in a file attachment
    annotation) and an XFA form."""
    pdf = pikepdf.open(io.BytesIO(pdf_with_pages([(595, 842), (842, 595)])))
    alert = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert('opened')")))
    pdf.Root.OpenAction = alert
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(
            Names=Array(
                [
                    String("init"),
                    pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("this.print()"))),
                ]
            )
        )
    )
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(
        pdf, b"MZ\x90\x00 a Windows program", mime_type="application/octet-stream"
    )
    field = pdf.make_indirect(
        Dictionary(
            FT=Name.Tx,
            T=String("name"),
            Type=Name.Annot,
            Subtype=Name.Widget,
            Rect=Array([100, 100, 200, 120]),
            AA=Dictionary(K=Dictionary(S=Name.JavaScript, JS=String("event.rc = true"))),
        )
    )
    pdf.pages[0].obj.Annots = pdf.make_indirect(
        Array(
            [
                pdf.make_indirect(
                    Dictionary(
                        Type=Name.Annot,
                        Subtype=Name.Link,
                        Rect=Array([0, 0, 100, 100]),
                        A=Dictionary(S=Name.Launch, F=String("cmd.exe")),
                    )
                ),
                pdf.make_indirect(
                    Dictionary(
                        Type=Name.Annot,
                        Subtype=Name.FileAttachment,
                        Rect=Array([0, 0, 10, 10]),
                        FS=pdf.attachments["payload.exe"].obj,
                    )
                ),
                field,
            ]
        )
    )
    pdf.pages[1].obj.AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String("app.beep()")))
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]), XFA=pdf.make_stream(b"<xdp:xdp/>"))
    pdf.Root.AA = Dictionary(WC=Dictionary(S=Name.JavaScript, JS=String("app.beep()")))
    chain = Array(
        [
            Dictionary(S=Name.ImportData, F=String("data.fdf")),
            Dictionary(S=Name.GoToR, F=String("\\\\server\\share\\x.pdf"), D=Array([0])),
            Dictionary(S=Name.GoToE, T=Dictionary(R=Name.C, N=String("payload.exe"))),
            Dictionary(S=Name.Rendition, JS=String("app.alert(2)")),
        ]
    )
    bookmark = pdf.make_indirect(
        Dictionary(
            Title=String("Submit"),
            A=Dictionary(S=Name.SubmitForm, F=String("https://example.org/"), Next=chain),
        )
    )
    pdf.Root.Outlines = Dictionary(Type=Name.Outlines, First=bookmark, Last=bookmark, Count=1)
    bookmark.Parent = pdf.Root.Outlines
    return save(pdf)


def active_names(data: bytes) -> set[str]:
    """The names of ACTIVE_NAMES anywhere in the PDF: keys, values, action types."""
    found = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            pending = [obj]
            while pending:
                current = pending.pop()
                if isinstance(current, (pikepdf.Dictionary, pikepdf.Stream)):
                    found |= set(current.keys()) & ACTIVE_NAMES
                    children = list(current.values())
                elif isinstance(current, pikepdf.Array):
                    children = list(current)
                else:
                    continue
                for child in children:
                    if isinstance(child, pikepdf.Name) and str(child) in ACTIVE_NAMES:
                        found.add(str(child))
                    elif isinstance(child, (pikepdf.Dictionary, pikepdf.Array)) and (
                        not child.is_indirect
                    ):
                        pending.append(child)
    return found


def encrypted_pdf() -> bytes:
    pdf = pikepdf.open(io.BytesIO(pdf_with_pages([(595, 842)])))
    return save(pdf, encryption=pikepdf.Encryption(owner="owner", user="secret"))


def black_png(width: int, height: int) -> bytes:
    """An RGB PNG of the given size, every pixel black, compressed as far as zlib goes:
    a 9,500 x 9,500 one is about 260 KB, and 270 MB once decoded. Written row by row, so
    that the test never holds the image."""
    row = b"\x00" + b"\x00" * (width * 3)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def image_bytes(image, image_format: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format=image_format, **options)
    return out.getvalue()


def package(parts: dict[str, bytes | str], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def content_types(main_part: str, main_type: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{TYPES}">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/></Types>'
    )


def docx(**extra: bytes | str) -> bytes:
    return package(
        {
            "[Content_Types].xml": content_types("word/document.xml", DOCX_MAIN),
            "word/document.xml": "<w:document/>",
            **extra,
        }
    )


def xlsx() -> bytes:
    return package(
        {
            "[Content_Types].xml": content_types("xl/workbook.xml", XLSX_MAIN),
            "xl/workbook.xml": "<workbook/>",
        }
    )


def odt(**extra: bytes | str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
        for name, content in extra.items():
            archive.writestr(name, content)
    return out.getvalue()


def macro_docx() -> bytes:
    """A macro-enabled Word document (DOCM) under a .docx name."""
    return package(
        {
            "[Content_Types].xml": content_types("word/document.xml", DOCM_MAIN),
            "word/document.xml": "<w:document/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA project",
        }
    )


def zip_bomb_docx(unpacked_bytes: int) -> bytes:
    """A DOCX whose one extra part unpacks to `unpacked_bytes` of zeros (a 300 MB part
    packs into about 300 KB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types("word/document.xml", DOCX_MAIN))
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/padding.bin", "w") as part:
            block = b"\x00" * (1024 * 1024)
            for _ in range(unpacked_bytes // len(block)):
                part.write(block)
    return out.getvalue()


def understated(data: bytes, part: str, declared: int) -> bytes:
    """The package with the unpacked size of `part` given as `declared` bytes in its local
    header and in the central directory (a ZIP's sizes are only what it says)."""
    out = bytearray(data)
    name = part.encode()
    for signature, size_at, name_length_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),
        (b"PK\x01\x02", 24, 28, 46),
    ):
        start = out.find(signature)
        while start != -1:
            length = struct.unpack_from("<H", out, start + name_length_at)[0]
            if bytes(out[start + name_at : start + name_at + length]) == name:
                struct.pack_into("<I", out, start + size_at, declared)
            start = out.find(signature, start + 4)
    return bytes(out)
