"""What a file is, from its content, never its name (pure: no Django).

Sources: issue 16 §2; OWASP File Upload Cheat Sheet (validate the file type from its content, not
the extension or the Content-Type header; limit the size; refuse empty files); the formats' own
signatures: PDF 1.7 (ISO 32000-1 §7.5.2, "%PDF-"), PNG (RFC 2083 §3.1), JPEG (JFIF, SOI marker
FF D8 FF), Office Open XML (ECMA-376 Part 2: a ZIP with [Content_Types].xml; a Word document has
word/document.xml) and OpenDocument (ODF 1.2 Part 3 §3.3: a ZIP whose first entry, "mimetype",
stored uncompressed, names the type).

Invariants: `detect` reads at most the head of the file, and a ZIP's directory; anything it does not
recognise is None (refused), including executables ("MZ", ELF), scripts and HTML whatever their name.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    name: str


PDF = FileType("application/pdf", "pdf", "PDF")
PNG = FileType("image/png", "png", "PNG image")
JPEG = FileType("image/jpeg", "jpg", "JPEG image")
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word document"
)
ODT = FileType("application/vnd.oasis.opendocument.text", "odt", "OpenDocument text")
ACCEPTED = (PDF, DOCX, ODT, PNG, JPEG)
ACCEPTED_WORDS = "a PDF, a Word document (.docx), an OpenDocument text (.odt), or a PNG or JPEG image"

_SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))


def detect(content: BinaryIO) -> FileType | None:
    """The accepted type the content is, or None. `content` must be seekable; it is left at 0."""
    content.seek(0)
    head = content.read(16)
    content.seek(0)
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return kind
    if head.startswith(ZIP_MAGIC):
        zipped = _zip_type(content)
        content.seek(0)
        return zipped
    return None


def _zip_type(content: BinaryIO) -> FileType | None:
    try:
        with zipfile.ZipFile(content) as archive:
            names = archive.namelist()
            if names[:1] == ["mimetype"] and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, KeyError, EOFError, ValueError):
        return None
    return None


def upload_problems(*, size: int, limit: int, kind: FileType | None) -> str | None:
    """Why a file is refused (empty, too large, not an accepted type), or None."""
    if size <= 0:
        return "The selected file is empty"
    if size > limit:
        return f"The selected file must be smaller than {describe_size(limit)}"
    if kind is None:
        return f"The selected file must be {ACCEPTED_WORDS}"
    return None


def describe_size(size: int) -> str:
    """'20 MB', '512 KB', '900 bytes' (binary megabytes, as the limit is set)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    if size >= 1024:
        return f"{size / 1024:g} KB"
    return f"{size} bytes"


def clean_name(name: str) -> str:
    """The uploaded file's own name without any folder, control characters or markup characters,
    at most 255 characters: kept to show, never used to store or serve the file."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(c for c in base if c.isprintable() and c not in "<>\"'")
    return kept.strip()[:255] or "unnamed"
