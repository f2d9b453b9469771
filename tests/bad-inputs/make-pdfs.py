#!/usr/bin/env python3
"""The hand-made PDFs of tests/bad-inputs: one-page.pdf, nine-pages.pdf,
truncated.pdf (two thirds of one-page.pdf) and damaged.pdf (one page whose
page tree claims three). Run in this folder; encrypted.pdf is
`qpdf --encrypt secret secret 256 -- one-page.pdf encrypted.pdf`.
"""
def pdf(pages, count=None, content=b"BT /F1 24 Tf 72 700 Td (Page %d) Tj ET"):
    objs = []
    n = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n if count is None else count} >>".encode())
    font_id = 3 + 2 * n
    for i in range(n):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode())
        body = content % (i + 1)
        objs.append(b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)

one = pdf([1])
open("one-page.pdf", "wb").write(one)
open("nine-pages.pdf", "wb").write(pdf(list(range(9))))
open("truncated.pdf", "wb").write(one[: len(one) * 2 // 3])
open("damaged.pdf", "wb").write(pdf([1], count=3))
