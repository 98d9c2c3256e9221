"""Sandwich PDFs, as OCR programs (ocrmypdf, ABBYY) make them: each page a scanned image,
over it an invisible text layer (text render mode 3) of what the OCR read, each glyph at
its place on the image and stretched to its width.

Made from a PDF with text: its pages rendered to images (pypdfium2), its characters and
their boxes placed invisible over them in a font of no glyphs (a Type0 font whose
character codes are the Unicode code points, as ocrmypdf's "glyphless" font). The image
has the table's rules; the page has no drawn path.
"""

from __future__ import annotations

import ctypes
import io
import zlib
from pathlib import Path

#: Ascent and descent of the invisible font (thousandths of its size).
ASCENT, DESCENT = 880, -120


def _unicode_cmap() -> bytes:
    ranges = [f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in range(256) if not 0xD8 <= h < 0xE0]
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for i in range(0, len(ranges), 100):
        part = ranges[i : i + 100]
        lines += [f"{len(part)} beginbfrange", *part, "endbfrange"]
    lines += ["endcmap CMapName currentdict /CMap defineresource pop end end"]
    return "\n".join(lines).encode()


def _glyphs(page: object, height: float) -> list[Glyph]:
    """The page's characters: (text, left, bottom, right, top) in PDF coordinates."""
    import pypdfium2.raw as c

    text = page.get_textpage()  # type: ignore[attr-defined]
    out = []
    box = c.FS_RECTF()
    for i in range(c.FPDFText_CountChars(text.raw)):
        code = c.FPDFText_GetUnicode(text.raw, i)
        if code <= 32 or code > 0xFFFF or 0xD800 <= code < 0xE000:
            continue
        if not c.FPDFText_GetLooseCharBox(text.raw, i, ctypes.byref(box)):
            continue
        out.append((chr(code), box.left, box.bottom, box.right, box.top))
    text.close()
    return out


Glyph = tuple[str, float, float, float, float]  # text, left, bottom, right, top


def _words(glyphs: list[Glyph]) -> list[Glyph]:
    """Glyphs joined into words as OCR programs write them: those of one line that
    follow one another within a fifth of their height, one box round them all."""
    out: list[Glyph] = []
    for ch, left, bottom, right, top in glyphs:
        if out:
            text, l0, b0, r0, t0 = out[-1]
            height = t0 - b0
            if abs(b0 - bottom) < 0.3 * height and 0 <= left - r0 < 0.2 * height:
                out[-1] = (text + ch, l0, min(b0, bottom), right, max(t0, top))
                continue
        out.append((ch, left, bottom, right, top))
    return out


def sandwich(source: Path, target: Path, dpi: int = 150, words: bool = False) -> Path:
    """The PDF as a scan with an invisible OCR text layer: a glyph a text object, or
    (``words``) a word a text object, stretched to the word's width (as ocrmypdf)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(source)
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(head: str, data: bytes) -> int:
        return add(f"<< {head} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")

    unicode = stream("", _unicode_cmap())
    descriptor = add(
        f"<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 {DESCENT}"
        f" 1000 {ASCENT}] /ItalicAngle 0 /Ascent {ASCENT} /Descent {DESCENT} /CapHeight"
        f" {ASCENT} /StemV 80 >>".encode()
    )
    gids = zlib.compress(b"\x00\x24" * 65536)  # every code drawn with one glyph
    glyph_map = add(
        f"<< /Length {len(gids)} /Filter /FlateDecode >>\nstream\n".encode() + gids + b"\nendstream"
    )
    cid = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont /CIDSystemInfo"
        b" << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "
        + f"{descriptor} 0 R /DW 1000 /CIDToGIDMap {glyph_map} 0 R >>".encode()
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H"
        + f" /DescendantFonts [{cid} 0 R] /ToUnicode {unicode} 0 R >>".encode()
    )
    kids = []
    pages_at = len(objects) + 1
    add(b"")  # the page tree, written below
    for page in doc:
        w, h = page.get_size()
        picture = page.render(scale=dpi / 72).to_pil().convert("RGB")
        jpeg = io.BytesIO()
        picture.save(jpeg, "JPEG", quality=80)
        image = stream(
            f"/Type /XObject /Subtype /Image /Width {picture.width} /Height {picture.height}"
            " /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
            jpeg.getvalue(),
        )
        ops = [f"q {w:.2f} 0 0 {h:.2f} 0 0 cm /Im0 Do Q", "BT 3 Tr"]
        glyphs = _glyphs(page, h)
        for text, left, bottom, right, top in _words(glyphs) if words else glyphs:
            size = max(top - bottom, 1.0)
            stretch = 100 * max(right - left, 0.1) / (size * len(text))
            codes = "".join(f"{ord(ch):04X}" for ch in text)
            ops.append(
                f"/F1 {size:.2f} Tf {stretch:.1f} Tz 1 0 0 1 {left:.2f}"
                f" {bottom - DESCENT / 1000 * size:.2f} Tm <{codes}> Tj"
            )
        ops.append("ET")
        content = stream("", "\n".join(ops).encode())
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_at} 0 R /MediaBox [0 0 {w:.2f} {h:.2f}]"
                f" /Resources << /XObject << /Im0 {image} 0 R >> /Font << /F1 {font} 0 R >> >>"
                f" /Contents {content} 0 R >>".encode()
            )
        )
    doc.close()
    objects[pages_at - 1] = (
        f"<< /Type /Pages /Count {len(kids)} /Kids [{' '.join(f'{k} 0 R' for k in kids)}] >>"
    ).encode()
    catalog = add(f"<< /Type /Catalog /Pages {pages_at} 0 R >>".encode())
    out = io.BytesIO()
    out.write(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for at in offsets:
        out.write(f"{at:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    target.write_bytes(out.getvalue())
    return target
