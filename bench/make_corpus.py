#!/usr/bin/env python3
"""Makes the generality corpus of issues 13 and 22: truth texts typeset into PDFs of several
kinds and extracted with pdftotext, as a user would get them from a pamphlet PDF.

For each text of bench/corpus/texts.toml and each of its kinds, it writes a folder
OUT/ITEM (ITEM = TEXT.KIND) holding
  truth.md     the truth: clean CommonMark with footnotes (what the repair should give)
  doc.typ      the Typst source (Typst kinds)
  doc.pdf      the typeset PDF
  raw.txt      `pdftotext -enc UTF-8` of the PDF (default reading order, form feeds
               between pages), as the tools give it
  rawmode.txt  the same with `-raw` (content-stream order)
  layout.txt   the same with `-layout` (for reference; not scored)
  TEXT.txt     the scored input in the item's hyphen variant (see variant_text)
  info.json    pages, and the compounds whose hyphen the extraction dropped
and OUT/manifest.json listing the items with their kind, variant and set (dev/heldout).
It is incremental (an item is redone only when its inputs or this generator change) and
deterministic (same inputs, same texts).

Usage: bench/make_corpus.py [--out /work/corpus-out] [--zinepress PATH] [--jobs N]
                            [--only TEXT_OR_ITEM...] [--force]
"""

import argparse
import concurrent.futures
import glob
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import groff_ms  # noqa: E402
import latex_kind  # noqa: E402
import mdblocks  # noqa: E402
import rustdoc_md  # noqa: E402
import typst_kinds  # noqa: E402
from typst_kinds import stable_hash  # noqa: E402

CORPUS = HERE / "corpus"
GENERATOR_FILES = [Path(__file__), HERE / "md2typst.py", HERE / "mdblocks.py", HERE / "rustdoc_md.py",
                   HERE / "typst_kinds.py", HERE / "groff_ms.py"]

# The kinds. Typst kinds are described by their page set-up; fonts and sizes vary per item
# (chosen from the lists by a hash of the item id, so they are stable).
KINDS = {
    "typst-a5": "Typst, A5; title block on page 1; one-line running head (the title) from page 2; "
                "folio centred at the foot; paragraphs spaced, not indented",
    "typst-letter2": "Typst, US Letter, wide measure; two-line running head (title, then a subtitle "
                     "that is not in the text) from page 2; folio at the foot, outer corner; "
                     "paragraphs indented, not spaced",
    "typst-notes": "Typst, half-letter; real footnotes (#footnote) at the page feet, numbered or "
                   "with symbols; running head and folio; long notes that can run over a page",
    "typst-captions": "Typst, A4; floating figure boxes at page tops and bottoms with a caption line "
                      "and a credit in capitals; floating pull quotes that repeat a body sentence; "
                      "running head and folio",
    "typst-narrow": "Typst, A6, narrow measure, small type; folio and title on one header line at the "
                    "outer corners; paragraphs indented, not spaced",
    "zinepress-reading": "zinepress's own A5 reading copy of the truth Markdown (target/release/zinepress "
                         "build), covers cut (pages 2 to N-1)",
    "zinepress-booklet": "zinepress's booklet-letter pages (--proof pages, half-letter) of the truth "
                         "Markdown, covers cut (pages 2 to N-1)",
    "groff-ms": "groff -ms -Tpdf of pandoc's ms for the truth Markdown, A5 or half-letter; paragraphs "
                "indented, not spaced; title by .TL; short-title running head and folio in one of three "
                "styles; notes at the page foot by .FS/.FE (numbered, symbols or letters)",
    "latex": "pdflatex of pandoc's LaTeX for the truth Markdown: A5, 6x9 in or A4; Times, Palatino, "
             "Century Schoolbook or Latin Modern at 10-12 pt; title centred; paragraphs indented, not "
             "spaced; running head and folio in one of three styles (fancyhdr); notes at the page foot "
             "(numbered, symbols or letters)",
}

def die(msg):
    print(f"make_corpus: {msg}", file=sys.stderr)
    sys.exit(1)


def rust_doc_root():
    try:
        out = subprocess.run(["rustup", "doc", "--path"], capture_output=True, text=True, check=True).stdout.strip()
        root = Path(out).parent
    except (OSError, subprocess.CalledProcessError):
        root = Path.home() / ".rustup/toolchains/stable-x86_64-unknown-linux-gnu/share/doc/rust/html"
    if not (root / "book").is_dir():
        die(f"{root}: no Rust documentation here; install it with `rustup component add rust-docs`")
    return root



# ---------------------------------------------------------------- truth texts

def cut_words(md, max_words):
    """Cuts a Markdown text after the last whole block within max_words, never after a heading."""
    parts = md.strip().split("\n\n")
    out, n = [], 0
    for p in parts:
        w = len(mdblocks.words(p))
        if n + w > max_words and out:
            break
        out.append(p)
        n += w
    while out and out[-1].startswith("#"):
        out.pop()
    return "\n\n".join(out) + "\n"


def base_truth(spec, docroot):
    if spec["source"] == "own":
        path = CORPUS / "own" / spec["file"]
        if not path.exists():
            die(f"texts.toml: text {spec['id']}: {path} does not exist")
        return path.read_text(encoding="utf-8")
    paths = []
    for g in spec["files"]:
        found = sorted(glob.glob(str(docroot / g)))
        if not found:
            die(f"texts.toml: text {spec['id']}: no file matches {g} under {docroot}")
        paths.extend(found)
    _, md = rustdoc_md.convert_files(paths)
    return cut_words(md, spec.get("max_words", 8000))


def note_pool(cfg, docroot):
    paths = [str(docroot / p) for p in cfg.get("notes", {}).get("pool", [])]
    _, md = rustdoc_md.convert_files(paths)
    sentences = []
    for block in md.split("\n\n"):
        if block.startswith(("#", "-", ">")):
            continue
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", block):
            if 6 <= len(s.split()) <= 40 and s.endswith(".") and "*" not in s:
                sentences.append(s)
    return sentences


def add_notes(md, count, pool, seed):
    """Adds `count` footnotes to evenly spread paragraphs: a reference after a sentence,
    the note text from the pool (one note in four is long, to run over a page foot)."""
    rng = random.Random(seed)
    parts = md.strip().split("\n\n")
    body_idx = [i for i, p in enumerate(parts)
                if not p.startswith(("#", "-", ">", "[^")) and len(p.split()) >= 35]
    if not body_idx or count <= 0:
        return md
    start = len([p for p in parts if p.startswith("[^")])
    chosen = sorted({body_idx[int((k + 0.5) * len(body_idx) / count)] for k in range(min(count, len(body_idx)))})
    defs = []
    k = rng.randrange(len(pool))  # the pool is read on from here, no sentence twice
    for n, i in enumerate(chosen, start=start + 1):
        p = parts[i]
        ends = [m.end() for m in re.finditer(r"(?<![A-Z]\.[a-z])[.!?](?=\s+[A-Z])", p)]
        pos = rng.choice(ends) if ends and rng.random() < 0.6 else len(p)
        parts[i] = p[:pos] + f"[^{n}]" + p[pos:]
        length = 5 if n % 4 == 2 else rng.choice([1, 1, 2])
        text = " ".join(pool[(k + j) % len(pool)] for j in range(length))
        k += length
        defs.append(f"[^{n}]: {text}")
    body = [p for p in parts if not p.startswith("[^")]
    old_defs = [p for p in parts if p.startswith("[^")]
    return "\n\n".join(body + old_defs + defs) + "\n"


# ---------------------------------------------------------------- typesetting and extraction

def build_zinepress(binary, truth_md, work, kind):
    """Builds the truth Markdown with zinepress in an empty project; returns the PDF to extract."""
    proj = work / "zp"
    if proj.exists():
        shutil.rmtree(proj)
    (proj / "dist").mkdir(parents=True)
    (proj / "zinepress.toml").write_text("[project]\n", encoding="utf-8")
    src = proj / "text.md"
    src.write_text(truth_md, encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    cmd = [binary, "-C", str(proj), "build", str(src), "--format", "pdf", "--out", str(proj / "dist"),
           "--layout", "booklet-letter", "--proof", "--quiet", "--force"]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise RuntimeError(f"zinepress build failed: {r.stderr.strip()[:500]}")
    name = "text.pdf" if kind == "zinepress-reading" else "text.booklet-letter.pages.pdf"
    return proj / "dist" / name


def pdf_pages(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def extract(pdf, item_dir, first=None, last=None):
    """raw.txt (default reading order), rawmode.txt (-raw: content-stream order) and
    layout.txt (-layout), all with form feeds between pages."""
    rng = []
    if first:
        rng += ["-f", str(first)]
    if last:
        rng += ["-l", str(last)]
    for name, mode in (("raw.txt", []), ("rawmode.txt", ["-raw"]), ("layout.txt", ["-layout"])):
        dest = item_dir / name
        subprocess.run(["pdftotext", "-enc", "UTF-8", *mode, *rng, str(pdf), str(dest)], check=True)
        # The soft hyphens soften_capitals put into words come out where the line did not
        # break there too; a PDF's own discretionary hyphens never do, so those go.
        text = dest.read_text(encoding="utf-8")
        dest.write_text(re.sub("\u00ad(?![ \t]*\n)", "", text), encoding="utf-8")


def variant_text(item_dir, kind, variant):
    """The scored input of an item (bench/README.md, "Hyphen variants").

    soft: `pdftotext` in its default reading order, as it is. Typst maps its line-end
      hyphens to U+00AD, which pdftotext keeps at the line end; zinepress and groff map
      them to U+002D, and pdftotext then joins the two lines and drops the hyphen ("absent").
    hard: the line-end hyphen is U+002D and the line break stays. Typst kinds: the soft
      text with every U+00AD replaced by U+002D. zinepress and groff kinds: `pdftotext -raw`
      (content-stream order), which does not join hyphenated lines."""
    if variant == "soft":
        return (item_dir / "raw.txt").read_text(encoding="utf-8")
    if kind.startswith("typst-"):
        return (item_dir / "raw.txt").read_text(encoding="utf-8").replace("\u00ad", "-")
    return (item_dir / "rawmode.txt").read_text(encoding="utf-8")


def dropped_hyphens(truth_md, raw):
    """Hyphenated words of the truth that appear in the extraction only without their hyphen:
    compounds that pdftotext joined across a line end and dropped the hyphen of."""
    have = {}
    for tok in raw.split():
        w = mdblocks.norm_word(tok)
        have[w] = have.get(w, 0) + 1
    truth_words = set(mdblocks.words(truth_md))
    return [w for w in sorted(truth_words)
            if "-" in w and w.replace("-", "") in have and w.replace("-", "") not in truth_words]


def write_atomic(path, data):
    tmp = path.with_name(path.name + ".new")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def make_item(job):
    """Typesets and extracts one item; returns its manifest entry."""
    item_dir = Path(job["dir"])
    item_dir.mkdir(parents=True, exist_ok=True)
    stamp = item_dir / "stamp"
    inp = item_dir / (job["text"] + ".txt")
    if not job["force"] and stamp.exists() and stamp.read_text() == job["key"] and inp.exists():
        info = json.loads((item_dir / "info.json").read_text(encoding="utf-8"))
        return dict(job["entry"], **info, cached=True, seconds=0.0)
    t0 = time.monotonic()
    # Files the scorer reads are replaced whole (a scorer running meanwhile sees the old or
    # the new one); the PDF pages it cuts from doc.pdf are made again from the new one.
    write_atomic(item_dir / "truth.md", job["truth"].encode("utf-8"))
    (item_dir / "doc-pages.pdf").unlink(missing_ok=True)
    pdf, new_pdf = item_dir / "doc.pdf", item_dir / "doc.new.pdf"
    first = last = None
    if job["kind"].startswith("typst-"):
        src = typst_kinds.typst_source(job["kind"], job["truth"], job["id"], job["numbering"])
        (item_dir / "doc.typ").write_text(src, encoding="utf-8")
        typst_kinds.compile_typst(src, new_pdf)
    elif job["kind"] == "latex":
        src = latex_kind.latex_source(job["truth"], job["id"], job["numbering"])
        (item_dir / "doc.tex").write_text(src, encoding="utf-8")
        latex_kind.compile_latex(src, new_pdf)
    elif job["kind"] == "groff-ms":
        src = groff_ms.ms_source(job["truth"], job["id"], job["numbering"])
        (item_dir / "doc.ms").write_text(src, encoding="utf-8")
        groff_ms.compile_ms(src, new_pdf, job["id"])
    else:
        with tempfile.TemporaryDirectory(dir=item_dir) as tmp:
            built = build_zinepress(job["zinepress"], job["truth"], Path(tmp), job["kind"])
            shutil.copy(built, new_pdf)
        first, last = 2, max(2, pdf_pages(new_pdf) - 1)
    os.replace(new_pdf, pdf)
    pages = pdf_pages(pdf)
    extract(pdf, item_dir, first, last)
    text = variant_text(item_dir, job["kind"], job["variant"])
    write_atomic(inp, text.encode("utf-8"))
    info = {"pages": pages, "dropped_hyphens": dropped_hyphens(job["truth"], text)}
    (item_dir / "info.json").write_text(json.dumps(info), encoding="utf-8")
    stamp.write_text(job["key"])
    return dict(job["entry"], **info, cached=False, seconds=round(time.monotonic() - t0, 2))


# ---------------------------------------------------------------- driver

def default_zinepress():
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    return str(Path(target) / "release" / "zinepress")


GROFF_FONT = "/usr/share/ghostscript/10.00.0/Resource/Font/NimbusRoman-Regular"  # devpdf's download file names it


def ensure_tools():
    missing = shutil.which("pdftotext") is None or not Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf").exists()
    missing |= shutil.which("pandoc") is None or not Path("/usr/share/groff/current/font/devpdf/TR").exists()
    missing |= not Path(GROFF_FONT).exists()
    missing |= shutil.which("pdflatex") is None
    try:
        import typst  # noqa: F401
    except ImportError:
        missing = True
    if missing:
        subprocess.run([str(HERE / "corpus-deps")], check=True)


def tool_versions():
    import typst
    r = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
    pdftotext = (r.stderr or r.stdout).splitlines()[0].strip()
    version = getattr(typst, "__version__", None)
    if version is None:
        r = subprocess.run([sys.executable, "-m", "pip", "show", "typst"], capture_output=True, text=True)
        m = re.search(r"^Version: (\S+)", r.stdout, re.M)
        version = m.group(1) if m else "unknown"
    return {"typst": version, "pdftotext": pdftotext}


def load_config():
    with open(CORPUS / "texts.toml", "rb") as f:
        cfg = tomllib.load(f)
    heldout = set()
    for line in (CORPUS / "heldout.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            heldout.add(line)
    ids = [t["id"] for t in cfg["text"]]
    for h in heldout:
        if h not in ids:
            die(f"heldout.txt names {h}, which is not a text of texts.toml")
    for t in cfg["text"]:
        for k in t["kinds"]:
            if k not in KINDS:
                die(f"texts.toml: text {t['id']}: unknown kind {k} (known: {', '.join(KINDS)})")
    return cfg, heldout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="/work/corpus-out", help="output folder (outside the repository)")
    ap.add_argument("--zinepress", default=default_zinepress(), help="the binary for the zinepress kinds")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--only", nargs="*", help="only these texts or items")
    ap.add_argument("--force", action="store_true", help="redo items even when up to date")
    args = ap.parse_args()

    ensure_tools()
    cfg, heldout = load_config()
    docroot = rust_doc_root()
    out = Path(args.out).resolve()
    if str(out).startswith(str(ROOT) + os.sep) and "target" not in out.parts:
        die(f"--out {out} is inside the repository; write the corpus outside it")
    out.mkdir(parents=True, exist_ok=True)
    if not Path(args.zinepress).exists():
        die(f"{args.zinepress}: no zinepress binary; run `cargo build --release` or pass --zinepress PATH")

    gen_hash = stable_hash(*[p.read_bytes() for p in GENERATOR_FILES], json.dumps(tool_versions()))
    zp_hash = stable_hash(Path(args.zinepress).read_bytes())
    groff_hash = stable_hash(json.dumps(groff_ms.versions()))
    # The LaTeX kind's generator and TeX's version count only for its own items.
    latex_hash = stable_hash((HERE / "latex_kind.py").read_bytes(), json.dumps(latex_kind.versions()))
    pool = None
    jobs = []
    kind_counts = {}
    t0 = time.monotonic()
    for spec in cfg["text"]:
        # Hyphen variants alternate within each kind, so that every kind has both.
        variants = {}
        for kind in spec["kinds"]:
            kind_counts[kind] = kind_counts.get(kind, 0) + 1
            variants[kind] = spec.get("variant") or ("soft" if kind_counts[kind] % 2 else "hard")
        if args.only and spec["id"] not in args.only and not any(o.startswith(spec["id"] + ".") for o in args.only):
            continue
        base = base_truth(spec, docroot)
        if spec.get("notes"):
            if pool is None:
                pool = note_pool(cfg, docroot)
            base = add_notes(base, spec["notes"], pool, spec["id"])
        numbering = spec.get("note_numbering", "1")
        parsed = mdblocks.parse(base)
        n_words = (sum(len(mdblocks.block_words(b)[0]) for b in parsed.blocks)
                   + sum(len(mdblocks.words(" ".join(v))) for v in parsed.notes.values()))
        for kind in spec["kinds"]:
            item = f"{spec['id']}.{kind}"
            variant = variants[kind]
            if args.only and spec["id"] not in args.only and item not in args.only:
                continue
            entry = {
                "id": item, "text": spec["id"], "kind": kind, "variant": variant,
                "set": "heldout" if spec["id"] in heldout else "dev",
                "input": f"{item}/{spec['id']}.txt", "truth": f"{item}/truth.md", "pdf": f"{item}/doc.pdf",
                "words": n_words, "notes": len(parsed.notes),
            }
            key = stable_hash(gen_hash, base, kind, variant, numbering, zp_hash if kind.startswith("zinepress") else "",
                              groff_hash if kind == "groff-ms" else "", latex_hash if kind == "latex" else "")
            jobs.append({"id": item, "text": spec["id"], "kind": kind, "variant": variant, "numbering": numbering,
                         "truth": base, "dir": str(out / item), "key": key, "force": args.force,
                         "zinepress": str(Path(args.zinepress).resolve()), "entry": entry})
    entries = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool_ex:
        futs = {pool_ex.submit(make_item, j): j for j in jobs}
        for fut in concurrent.futures.as_completed(futs):
            j = futs[fut]
            try:
                e = fut.result()
            except Exception as exc:  # one failed item does not stop the others
                print(f"failed {j['id']}: {exc}", file=sys.stderr)
                continue
            entries.append(e)
            state = "cached" if e["cached"] else f"{e['seconds']:.1f}s"
            print(f"{e['id']:48} {e['words']:6d} words {e['pages']:3d} pages  {state}", file=sys.stderr)
    entries.sort(key=lambda e: e["id"])
    made = sum(1 for e in entries if not e["cached"])
    failed = len(jobs) - len(entries)
    manifest_path = out / "manifest.json"
    if args.only and manifest_path.exists():
        old = {e["id"]: e for e in json.loads(manifest_path.read_text())["items"]}
        old.update({e["id"]: e for e in entries})
        entries = sorted(old.values(), key=lambda e: e["id"])
    manifest = {
        "tools": dict(tool_versions(), **groff_ms.versions(), **latex_kind.versions()),
        "rust_docs": str(docroot),
        "kinds": KINDS,
        "items": [{k: v for k, v in e.items() if k not in ("cached", "seconds")} for e in entries],
    }
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(jobs)} items ({made} made, {len(jobs) - made - failed} up to date, {failed} failed) in {time.monotonic() - t0:.1f}s -> {out}",
          file=sys.stderr)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
