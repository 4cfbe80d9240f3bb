"""Uploaded PDFs are parsed in full and defused before they are stored: a file that does
not parse, is encrypted, has too many or too large pages is refused; JavaScript, automatic
and external actions, embedded files and XFA forms are taken out. What is stored is the
rewritten file, so what readers get is what was checked.

The same checks run on every watermarked download of DIEF material and in
`manage.py check_stored_files`, for files stored before them."""

from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# ISO 32000-1, annex C: a page is at least 3 and at most 14,400 units (200 inches) on a side.
MIN_PAGE_SIDE = 3
MAX_PAGE_SIDE = 14_400
# What qpdf may decompress to read one stream (object streams, cross-reference streams):
# a few kilobytes of a crafted PDF otherwise inflate to gigabytes while it is opened.
MAX_DECODED_STREAM_BYTES = 64 * 1024 * 1024

# Actions that run code, open or send files, or reach outside the document.
ACTIONS_REMOVED = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/ImportData",
        "/SubmitForm",
        "/GoToE",
        "/GoToR",
        "/RichMediaExecute",
        "/Rendition",
        "/Sound",
        "/Movie",
    }
)
ANNOTATIONS_REMOVED = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Sound", "/Movie"})
# Keys whose values are (or hold) code, automatic actions, embedded files or XFA forms;
# each with what the command reports when it finds one.
KEYS_REMOVED = {
    "/OpenAction": "open action",
    "/AA": "automatic actions",
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/EmbeddedFiles": "embedded files",
    "/EF": "embedded files",
    "/AF": "embedded files",
    "/XFA": "XFA form",
}
URI_SCHEMES_REMOVED = ("javascript:", "vbscript:", "file:", "data:")
# Where an action is found: a link's or an outline item's, the next in a chain, a page's.
ACTION_KEYS = frozenset({"/A", "/Next", "/PA"})
ANNOTATION_KEYS_REMOVED = frozenset(
    {"/FS", "/A", "/RichMediaContent", "/RichMediaSettings", "/Sound", "/Movie"}
)


@dataclass(frozen=True)
class CleanPdf:
    data: bytes
    pages: int
    stripped: frozenset[str]  # what was taken out, e.g. {"JavaScript", "embedded files"}


@functools.cache
def pikepdf():
    """pikepdf, with qpdf's limits on decompression set once for the process."""
    import pikepdf as module

    limit = MAX_DECODED_STREAM_BYTES
    module.settings.set_qpdf_limits(
        flate_max_memory=limit,
        run_length_max_memory=limit,
        png_max_memory=limit,
        tiff_max_memory=limit,
        dct_max_memory=limit,
        doc_max_warnings=1000,
    )
    return module


def damaged() -> ValidationError:
    return ValidationError(
        _(
            "This PDF is damaged, or is not a PDF at all, and cannot be read. Export or "
            "save it again as a PDF and upload the new file."
        ),
        code="pdf_damaged",
    )


def open_checked(data: bytes, *, strict: bool = True):
    """The parsed PDF, or ValidationError: unreadable, damaged (`strict`: qpdf had to
    repair its cross-reference table, as for a file cut short), encrypted, of more objects
    or pages than the limits, or with a page outside PDF's own size limits."""
    pdf_module = pikepdf()
    try:
        pdf = pdf_module.open(io.BytesIO(data))
    except pdf_module.PasswordError as exc:
        raise _encrypted() from exc
    except Exception as exc:  # qpdf reports a damaged file in many ways
        raise damaged() from exc
    try:
        if strict and pdf.get_warnings():
            logger.info("PDF refused as damaged: %s", pdf.get_warnings()[:5])
            raise damaged()
        if pdf.is_encrypted:
            raise _encrypted()
        _check_objects(pdf)
        _check_pages(pdf)
    except ValidationError:
        pdf.close()
        raise
    except Exception as exc:
        pdf.close()
        raise damaged() from exc
    return pdf


def _encrypted() -> ValidationError:
    return ValidationError(
        _(
            "This PDF is password-protected or encrypted. Upload a copy without a password "
            "or encryption."
        ),
        code="pdf_encrypted",
    )


def _check_objects(pdf) -> None:
    """Every object costs memory whenever the file is read (about 1.3 KB each): their
    number as the file declares it (qpdf warns, so `strict` refuses, when it lies)."""
    count = int(pdf.trailer.get("/Size", 1)) - 1  # object 0 is never one
    limit = settings.PORTAL_MAX_PDF_OBJECTS
    if count > limit:
        raise ValidationError(
            _(
                "This PDF is made of %(count)s objects; the limit is %(limit)s. Export it "
                "again, in smaller parts."
            )
            % {"count": count, "limit": limit},
            code="pdf_objects",
        )


def _check_pages(pdf) -> None:
    limit = settings.PORTAL_MAX_PDF_PAGES
    count = len(pdf.pages)
    if count == 0:
        raise ValidationError(_("This PDF has no pages."), code="pdf_empty")
    if count > limit:
        raise ValidationError(
            _("This PDF has %(pages)s pages; the limit is %(limit)s pages.")
            % {"pages": count, "limit": limit},
            code="pdf_pages",
        )
    for number, page in enumerate(pdf.pages, start=1):
        width, height = page_size(page)
        if not (
            MIN_PAGE_SIDE <= width <= MAX_PAGE_SIDE and MIN_PAGE_SIDE <= height <= MAX_PAGE_SIDE
        ):
            raise ValidationError(
                _(
                    "Page %(page)s of this PDF is %(width)s × %(height)s points. A page may "
                    "be at most 14,400 points (200 inches) and at least 3 points on a side, "
                    "PDF's own limits."
                )
                % {"page": number, "width": round(width), "height": round(height)},
                code="pdf_page_size",
            )


def page_size(page) -> tuple[float, float]:
    """Width and height of the page's media box, in points (times its /UserUnit)."""
    left, bottom, right, top = (float(value) for value in page.mediabox)
    unit = float(page.obj.get("/UserUnit", 1))
    return abs(right - left) * unit, abs(top - bottom) * unit


def defuse(pdf) -> frozenset[str]:
    """Take out of `pdf` whatever runs code, acts by itself, reaches outside the document or
    carries other files; return what was found."""
    found: set[str] = set()
    for obj in pdf.objects:
        _defuse(obj, found)
    return frozenset(found | _drop_removed_annotations(pdf))


def _drop_removed_annotations(pdf) -> set[str]:
    """Take file attachment and media annotations off the pages."""
    pdf_module = pikepdf()
    found = set()
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if annotations is None:
            continue
        if not isinstance(annotations, pdf_module.Array):
            del page.obj["/Annots"]
            continue
        kept = [a for a in annotations if not _removed_annotation(a)]
        if len(kept) != len(annotations):
            found.add("attachments and media")
            page.obj["/Annots"] = pdf_module.Array(kept)
    return found


def defuse_entry_points(pdf) -> frozenset[str]:
    """`defuse` of the places a viewer acts from — the catalog, its names and form, the
    pages, their annotations, the form fields and the outline — without reading every
    object: for each download of a file `defuse` has already been through at upload."""
    pdf_module = pikepdf()
    found: set[str] = set()
    root = pdf.Root
    entry_points = [root, root.get("/Names"), root.get("/AcroForm")]
    for page in pdf.pages:
        entry_points.append(page.obj)
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, pdf_module.Array):
            entry_points.extend(annotations)
    form = root.get("/AcroForm")
    if isinstance(form, pdf_module.Dictionary):
        entry_points.extend(_tree(form.get("/Fields"), "/Kids", pdf_module))
    outlines = root.get("/Outlines")
    if isinstance(outlines, pdf_module.Dictionary):
        entry_points.extend(_outline_items(outlines, pdf_module))
    for entry in entry_points:
        if isinstance(entry, pdf_module.Dictionary):
            _defuse_dictionary(entry, dict(entry.items()), found, pdf_module)
    return frozenset(found | _drop_removed_annotations(pdf))


def _tree(nodes, children_key: str, pdf_module, limit: int = 100_000) -> list:
    """The dictionaries of a tree of arrays (form fields and their kids), each once."""
    seen, found, pending = set(), [], list(nodes) if isinstance(nodes, pdf_module.Array) else []
    while pending and len(found) < limit:
        node = pending.pop()
        if not isinstance(node, pdf_module.Dictionary):
            continue
        key = node.objgen if node.is_indirect else id(node)
        if key in seen:
            continue
        seen.add(key)
        found.append(node)
        kids = node.get(children_key)
        if isinstance(kids, pdf_module.Array):
            pending.extend(kids)
    return found


def _outline_items(outlines, pdf_module, limit: int = 100_000) -> list:
    """Every item of the outline (bookmarks), each once, whatever loops it has."""
    seen, found, pending = set(), [], [outlines.get("/First")]
    while pending and len(found) < limit:
        item = pending.pop()
        if not isinstance(item, pdf_module.Dictionary) or item.objgen in seen:
            continue
        seen.add(item.objgen)
        found.append(item)
        pending.extend([item.get("/Next"), item.get("/First")])
    return found


def _removed_annotation(annotation) -> bool:
    pdf_module = pikepdf()
    return (
        isinstance(annotation, pdf_module.Dictionary)
        and str(annotation.get("/Subtype", "")) in ANNOTATIONS_REMOVED
    )


def _defuse(obj, found: set[str]) -> None:
    """Defuse one object and the direct objects inside it (indirect ones get their turn).
    Each dictionary is read once (`items()`): a long PDF has a hundred thousand of them."""
    pdf_module = pikepdf()
    containers = (pdf_module.Dictionary, pdf_module.Array)
    pending = [obj]
    while pending:
        current = pending.pop()
        if isinstance(current, (pdf_module.Dictionary, pdf_module.Stream)):
            items = dict(current.items())
            _defuse_dictionary(current, items, found, pdf_module)
            children = items.values()
        elif isinstance(current, pdf_module.Array):
            children = list(current)
        else:
            continue
        pending.extend(
            child for child in children if isinstance(child, containers) and not child.is_indirect
        )


def _defuse_dictionary(dictionary, items: dict, found: set[str], pdf_module) -> None:
    for key in KEYS_REMOVED.keys() & items.keys():
        del dictionary[key]
        found.add(KEYS_REMOVED[key])
    if _is_removed_action(items):
        for key in items:
            if key in dictionary:
                del dictionary[key]
        found.add("actions")
        return
    if str(items.get("/Type", "")) == "/EmbeddedFile" and isinstance(dictionary, pdf_module.Stream):
        dictionary.write(b"")
        found.add("embedded files")
    if str(items.get("/Subtype", "")) in ANNOTATIONS_REMOVED:
        for key in ANNOTATION_KEYS_REMOVED & items.keys():
            del dictionary[key]
        found.add("attachments and media")
    for key in ACTION_KEYS & items.keys():
        value = items[key]
        if isinstance(value, pdf_module.Array):
            kept = [action for action in value if not _is_removed_action(action)]
            if len(kept) != len(value):
                dictionary[key] = pdf_module.Array(kept)
                found.add("actions")
        elif _is_removed_action(value):
            if key in dictionary:
                del dictionary[key]
            found.add("actions")


def _is_removed_action(value) -> bool:
    """Whether `value` (a PDF dictionary, or the items of one) is an action that runs code,
    opens or sends files, or reaches outside the document."""
    pdf_module = pikepdf()
    if not isinstance(value, (dict, pdf_module.Dictionary)):
        return False
    kind = str(value.get("/S", ""))
    if kind in ACTIONS_REMOVED:
        return True
    if kind == "/URI":
        uri = value.get("/URI")
        text = bytes(uri).decode("latin-1") if isinstance(uri, pdf_module.String) else ""
        return "".join(text.split()).lower().startswith(URI_SCHEMES_REMOVED)
    return False


def write(pdf) -> bytes:
    """The PDF rewritten by qpdf: only what the document reaches, nothing appended, no
    earlier revisions; streams are copied as they are, never decompressed."""
    pdf_module = pikepdf()
    out = io.BytesIO()
    pdf.save(
        out,
        compress_streams=False,
        stream_decode_level=pdf_module.StreamDecodeLevel.none,
        fix_metadata_version=False,
        deterministic_id=True,
    )
    return out.getvalue()


def clean_pdf(data: bytes) -> CleanPdf:
    """The checked and defused PDF, or ValidationError. The rewritten file is read again
    before it is accepted: what is stored is what was checked."""
    with open_checked(data) as pdf:
        try:
            stripped = defuse(pdf)
            cleaned = write(pdf)
        except Exception as exc:
            logger.info("PDF refused while rewriting it", exc_info=True)
            raise damaged() from exc
    with open_checked(cleaned) as pdf:
        pages = len(pdf.pages)
    return CleanPdf(cleaned, pages, stripped)
