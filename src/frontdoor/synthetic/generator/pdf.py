"""A one-page PDF with a few lines of text, written by hand (PDF 1.4, ISO 32000-1 §7.5): a header,
five objects (catalog, pages, page, content stream, Helvetica), a cross-reference table with each
object's byte offset, and a trailer. Small (under 1 KB) and valid: PDF readers open it, and
documents.rules recognises it by its "%PDF-" header. For synthetic documents only."""


def _escaped(line: str) -> str:
    kept = line.encode("latin-1", "replace").decode("latin-1")
    return kept.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(lines: list[str]) -> bytes:
    text = "".join(f"({_escaped(line)}) Tj T* " for line in lines)
    stream = f"BT /F1 12 Tf 16 TL 72 760 Td {text}ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
