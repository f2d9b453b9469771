#!/usr/bin/env python3
"""Measure one probe PDF with qpdf/poppler: fonts, subsetting, text extraction, kerning, ligatures, Form XObjects, rendering."""
import re, subprocess, sys, os
from PIL import Image

def sh(*cmd):
    r = subprocess.run(cmd, capture_output=True)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")

def objects(qdf):
    """Map object number -> raw bytes of 'N 0 obj ... endobj' in a QDF file."""
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(?ms)^(\d+) 0 obj\n(.*?)\nendobj", qdf)}

def stream_data(body):
    m = re.search(rb"(?s)stream\n(.*)\nendstream", body)
    return m.group(1) if m else b""

def tounicode(cmap):
    """Parse bfchar/bfrange of a ToUnicode CMap: code(int) -> str."""
    out = {}
    for blk in re.findall(rb"(?s)beginbfchar(.*?)endbfchar", cmap):
        for c, u in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", blk):
            out[int(c, 16)] = bytes.fromhex(u.decode()).decode("utf-16-be")
    for blk in re.findall(rb"(?s)beginbfrange(.*?)endbfrange", cmap):
        for a, b, u in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", blk):
            base = bytes.fromhex(u.decode()).decode("utf-16-be")
            for i, c in enumerate(range(int(a, 16), int(b, 16) + 1)):
                out[c] = base[:-1] + chr(ord(base[-1]) + i)
    return out

def decode_show(content, cmap):
    """Decode every Tj/TJ in a content stream into [(text_of_glyph | kern_number)]."""
    items = []
    for arr, single in re.findall(rb"\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj", content, re.S):
        for hexs, num in re.findall(rb"<([0-9A-Fa-f]*)>|(-?\d+(?:\.\d+)?)", arr or b"<" + single + b">"):
            if num:
                items.append(float(num))
            else:
                h = hexs.decode()
                items += [cmap.get(int(h[i:i + 4], 16), "?") for i in range(0, len(h), 4)]
    return items

def main(pdf, png_prefix):
    row = {"file": os.path.basename(pdf), "size": os.path.getsize(pdf)}
    row["pdffonts"] = sh("pdffonts", pdf)[1].splitlines()[2:]
    row["pdftotext"] = sh("pdftotext", pdf, "-")[1].strip().replace("\f", " | ")
    rc, out, err = sh("qpdf", "--check", pdf)
    row["qpdf_check"] = f"exit {rc}: " + " / ".join(l for l in (out + err).splitlines() if "linearized" not in l and l.strip())
    qdf_path = pdf + ".qdf"
    sh("qpdf", "--qdf", "--object-streams=disable", pdf, qdf_path)
    objs = objects(open(qdf_path, "rb").read())
    os.remove(qdf_path)
    # font program size (decompressed by QDF)
    for n, body in objs.items():
        m = re.search(rb"/FontFile[23]? (\d+) 0 R", body)
        if m:
            row["font_program_bytes"] = len(stream_data(objs[int(m.group(1))]))
        m = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if m:
            cmap = tounicode(stream_data(objs[int(m.group(1))]))
    # content streams of pages + forms: decode glyph runs
    shows, forms = [], []
    for n, body in objs.items():
        head = body.split(b"stream\n")[0]
        if b"/Subtype /Form" in head:
            forms.append(re.sub(rb"\s+", b" ", head).decode("latin-1").strip())
        if b"stream\n" in body and (b"TJ" in stream_data(body) or b"Tj" in stream_data(body)) and b"/FontFile" not in head:
            shows.append(decode_show(stream_data(body), cmap))
    if shows:
        g = shows[0]
        row["glyphs"] = " ".join(repr(x) if isinstance(x, str) else f"[{x:g}]" for x in g)
        row["ligatures"] = sorted({x for x in g if isinstance(x, str) and len(x) > 1})
        kern = {}
        for i, x in enumerate(g):
            if isinstance(x, str) and x in "AWT":
                j = i + 1
                adj = 0.0
                while j < len(g) and not isinstance(g[j], str):
                    adj += g[j]; j += 1
                if j < len(g) and x + g[j] in ("AV", "WA", "Ta"):
                    kern[x + g[j]] = adj
        row["kern_AV_WA_Ta"] = kern
    row["form_xobjects"] = forms
    # render
    sh("pdftoppm", "-png", "-r", "50", pdf, png_prefix)
    pngs = sorted(p for p in os.listdir(os.path.dirname(png_prefix) or ".") if p.startswith(os.path.basename(png_prefix)) and p.endswith(".png"))
    renders = []
    for p in pngs:
        im = Image.open(os.path.join(os.path.dirname(png_prefix), p)).convert("L")
        w, h = im.size
        px = im.load()
        quads = [0, 0, 0, 0]  # TL, TR, BL, BR non-white pixel counts
        for y in range(h):
            for x in range(w):
                if px[x, y] < 200:
                    quads[(2 if y >= h // 2 else 0) + (1 if x >= w // 2 else 0)] += 1
        renders.append(f"{p}: non-white TL/TR/BL/BR = {quads}")
    row["render"] = renders
    for k, v in row.items():
        print(f"{k}: {v}")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
