#!/usr/bin/env python3
"""Sets a truth text with LaTeX: the latex kind of the generality corpus.

Most pamphlet PDFs that reach a distro from an amusewiki site, a university press or an
old zine archive were set by LaTeX, whose output differs from Typst's, groff's and
zinepress's own: Knuth-Plass paragraphs hyphenated by TeX's patterns, ligatures (fi, fl,
ff), paragraphs indented and not spaced (the first after a heading not indented), the title
centred in a larger size, sections in bold, notes at the page foot under a short rule with
raised marks. The page set-up is chosen per item from a hash of its id:
  paper   A5, 6×9 in (a trade book) or A4
  face    Times (mathptmx), Palatino (mathpazo), Century Schoolbook (newcent) or Latin Modern
  size    10, 11 or 12 pt (the class option)
  heads   fancy-outer: the short title in small capitals at the head's inner side and the
                       folio at its outer corner, under a rule
          centred:     the short title in italics centred at the head, the folio centred at
                       the foot
          plain:       no running head; the folio centred at the foot (LaTeX's default)
  notes   numbered, by symbols (\\fnsymbol) or by letters (\\alph), as texts.toml says
The Markdown is turned into LaTeX by pandoc (which escapes TeX's special characters); the
title, the preamble and the page set-up are our own. Characters pdflatex's fonts lack are
declared (an arrow as \\textrightarrow, ≤ as math); a text with another such character fails
to compile, with pdflatex's error, rather than losing it.
"""

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from groff_ms import short_title  # the same short title as the groff kind's heads

PAPERS = {
    "a5": "paperwidth=148mm,paperheight=210mm,top=18mm,bottom=20mm,inner=16mm,outer=18mm",
    "trade": "paperwidth=6in,paperheight=9in,top=0.75in,bottom=0.8in,inner=0.75in,outer=0.7in",
    "a4": "a4paper,top=25mm,bottom=28mm,inner=28mm,outer=30mm",
}
FACES = {"times": "\\usepackage{mathptmx}", "palatino": "\\usepackage{mathpazo}",
         "schoolbook": "\\usepackage{newcent}", "latin-modern": "\\usepackage{lmodern}"}
SIZES = ["10pt", "11pt", "12pt"]
HEADS = ["fancy-outer", "centred", "plain"]
# Characters inputenc does not know, with the LaTeX that sets them (text or math symbols).
UNICODE = {"2192": "\\textrightarrow{}", "2190": "\\textleftarrow{}", "21D2": "\\ensuremath{\\Rightarrow}",
           "2264": "\\ensuremath{\\leq}", "2265": "\\ensuremath{\\geq}", "2260": "\\ensuremath{\\neq}",
           "2212": "\\textminus{}", "2011": "-", "2010": "-", "2713": "\\ensuremath{\\surd}",
           "2248": "\\ensuremath{\\approx}", "221E": "\\ensuremath{\\infty}"}


def style(item_id):
    """(paper, face, size, heads) for an item."""
    h = int(hashlib.sha256(("latex:" + item_id).encode()).hexdigest()[:12], 16)
    return (sorted(PAPERS)[h % 3], sorted(FACES)[(h // 3) % 4], SIZES[(h // 12) % 3],
            HEADS[(h // 36) % 3])


def pandoc_latex(md):
    r = subprocess.run(["pandoc", "-f", "commonmark+footnotes", "-t", "latex", "--wrap=none"],
                       input=md, capture_output=True, text=True, check=True)
    return r.stdout


def latex_source(truth_md, item_id, numbering="1"):
    """The whole LaTeX document of a truth text."""
    paper, face, size, heads = style(item_id)
    lines = truth_md.lstrip().split("\n")
    title_md = ""
    if lines and lines[0].startswith("# "):
        title_md, truth_md = lines[0][2:].strip(), "\n".join(lines[1:])
    body = pandoc_latex(truth_md)
    title = pandoc_latex(title_md).strip() if title_md else ""
    head = pandoc_latex(short_title(title_md)).strip() if title_md else ""
    fn = {"*": "\\renewcommand{\\thefootnote}{\\fnsymbol{footnote}}\n",
          "a": "\\renewcommand{\\thefootnote}{\\alph{footnote}}\n"}.get(numbering, "")
    pagestyle = {
        "fancy-outer": ("\\usepackage{fancyhdr}\n\\pagestyle{fancy}\n\\fancyhf{}\n"
                        f"\\fancyhead[LE,RO]{{\\thepage}}\n\\fancyhead[RE,LO]{{\\textsc{{{head}}}}}\n"
                        "\\renewcommand{\\headrulewidth}{0.4pt}\n"),
        "centred": ("\\usepackage{fancyhdr}\n\\pagestyle{fancy}\n\\fancyhf{}\n"
                    f"\\fancyhead[C]{{\\itshape {head}}}\n\\fancyfoot[C]{{\\thepage}}\n"
                    "\\renewcommand{\\headrulewidth}{0pt}\n"),
        "plain": "\\pagestyle{plain}\n",
    }[heads]
    preamble = (
        f"\\documentclass[{size},twoside]{{article}}\n"
        "\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
        f"{FACES[face]}\n\\usepackage{{textcomp}}\n"
        f"\\usepackage[{PAPERS[paper]}]{{geometry}}\n"
        "\\usepackage{longtable,booktabs,array,calc}\n"
        "\\usepackage[hidelinks]{hyperref}\n\\urlstyle{same}\n"
        # A long address may break after any character, as a pamphlet's would, rather
        # than run off the page (pdftotext drops what lies outside it).
        "\\makeatletter\\g@addto@macro{\\UrlBreaks}{\\do\\a\\do\\b\\do\\c\\do\\d\\do\\e\\do\\f\\do\\g"
        "\\do\\h\\do\\i\\do\\j\\do\\k\\do\\l\\do\\m\\do\\n\\do\\o\\do\\p\\do\\q\\do\\r\\do\\s\\do\\t"
        "\\do\\u\\do\\v\\do\\w\\do\\x\\do\\y\\do\\z\\do\\0\\do\\1\\do\\2\\do\\3\\do\\4\\do\\5"
        "\\do\\6\\do\\7\\do\\8\\do\\9}\\makeatother\n"
        "\\emergencystretch=1.5em\n"
        # The article class runs a fourth-level heading into its paragraph; the truth's
        # headings stand on their own lines, so it is set as a display heading.
        "\\makeatletter\\renewcommand\\paragraph{\\@startsection{paragraph}{4}{\\z@}"
        "{3.25ex \\@plus1ex \\@minus.2ex}{1ex \\@plus.2ex}{\\normalfont\\normalsize\\bfseries}}\\makeatother\n"
        "\\providecommand{\\tightlist}{\\setlength{\\itemsep}{0pt}\\setlength{\\parskip}{0pt}}\n"
        "\\setcounter{secnumdepth}{-5}\n"
        + "".join(f"\\DeclareUnicodeCharacter{{{k}}}{{{v}}}\n" for k, v in UNICODE.items())
        + fn + pagestyle +
        "\\begin{document}\n\\thispagestyle{plain}\n"
    )
    title_block = (f"\\begin{{center}}\n{{\\LARGE\\bfseries {title}\\par}}\n\\end{{center}}\n"
                   "\\vspace{1.5em}\n") if title else ""
    return preamble + title_block + body + "\n\\end{document}\n"


def compile_latex(src, pdf_path):
    """pdflatex, twice (the second run settles the running heads); no date in the file."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1")
    with tempfile.TemporaryDirectory() as tmp:
        tex = Path(tmp) / "doc.tex"
        tex.write_text(src, encoding="utf-8")
        for _ in range(2):
            r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                               cwd=tmp, capture_output=True, env=env)
            if r.returncode != 0:
                log = (Path(tmp) / "doc.log")
                text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
                errors = [l for l in text.splitlines() if l.startswith("!")]
                raise RuntimeError(f"pdflatex failed: {' | '.join(errors[:3]) or r.stdout[-400:]}")
        Path(pdf_path).write_bytes((Path(tmp) / "doc.pdf").read_bytes())


def versions():
    r = subprocess.run(["pdflatex", "--version"], capture_output=True, text=True)
    return {"pdflatex": r.stdout.splitlines()[0].strip() if r.returncode == 0 else "missing"}
