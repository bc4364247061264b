"""Text of an uploaded knowledge file: ``.txt`` and ``.md`` as UTF-8 (or Latin-1), ``.pdf`` through pypdf."""

from __future__ import annotations

import io
import logging
from pathlib import PurePath

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from atrium.plugins import Invalid

log = logging.getLogger(__name__)

EXTENSIONS = (".txt", ".md", ".pdf")
MAX_CHARACTERS = 500_000


def extract_text(filename: str, data: bytes) -> str:
    """The text of file ``filename``; 422 on ``file`` for another type, an unreadable PDF or no text."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in EXTENSIONS:
        raise Invalid(f"upload a {', '.join(EXTENSIONS)} file", field="file")
    if suffix == ".pdf":
        text = _pdf_text(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    text = text.replace("\x00", "").strip()
    if not text:
        raise Invalid("the file has no text (a scanned PDF needs OCR first)", field="file")
    if len(text) > MAX_CHARACTERS:
        raise Invalid(f"the file has more than {MAX_CHARACTERS:,} characters; split it", field="file")
    return text


def _pdf_text(data: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        log.info("unreadable PDF upload", extra={"error": type(exc).__name__})
        raise Invalid("this PDF cannot be read", field="file") from exc
