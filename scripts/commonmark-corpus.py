#!/usr/bin/env python3
"""Extracts the CommonMark and GFM examples that pulldown-cmark ships in its
tests/suite/*.rs (generated Rust files: the original Markdown and the
expected HTML as raw strings) into tests/cases/commonmark/examples.json.

Run once after changing the pulldown-cmark version:

    scripts/commonmark-corpus.py [PATH-TO-pulldown-cmark-x.y.z]

Without a path it looks for pulldown-cmark-0.13.6 in the cargo registry.
Each example keeps its suite file, test name and the options the suite
turned on for it, so exclusions can name it.
"""
import glob
import json
import os
import re
import sys

FLAGS = ["smart_punct", "metadata_blocks", "old_footnotes", "subscript", "wikilinks", "deflists"]


def crate_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    home = os.path.expanduser("~/.cargo/registry/src")
    found = sorted(glob.glob(os.path.join(home, "*", "pulldown-cmark-0.13.6")))
    if not found:
        sys.exit("pulldown-cmark-0.13.6 is not in the cargo registry; run `cargo fetch` first or give its path")
    return found[0]


def raw_string(text, start):
    """The raw string literal r#..#"..."#..# starting at `start`: (value, end)."""
    m = re.compile(r'r(#*)"').match(text, start)
    hashes = m.group(1)
    close = '"' + hashes
    end = text.index(close, m.end())
    return text[m.end():end], end + len(close)


def examples(path):
    text = open(path, encoding="utf-8").read()
    suite = os.path.splitext(os.path.basename(path))[0]
    for m in re.finditer(r"#\[test\]\s*fn (\w+)\(\) \{", text):
        body_start = m.end()
        o = text.index("let original = ", body_start) + len("let original = ")
        original, after = raw_string(text, o)
        e = text.index("let expected = ", after) + len("let expected = ")
        expected, after = raw_string(text, e)
        call = re.compile(r"test_markdown_html\(original, expected,([^)]*)\)").search(text, after)
        flags = [f.strip() == "true" for f in call.group(1).split(",")]
        yield {
            "suite": suite,
            "name": m.group(1),
            "markdown": original,
            "html": expected,
            "options": [name for name, on in zip(FLAGS, flags) if on],
        }


def main():
    root = crate_dir()
    out = []
    for path in sorted(glob.glob(os.path.join(root, "tests", "suite", "*.rs"))):
        if os.path.basename(path) == "mod.rs":
            continue
        out.extend(examples(path))
    target = os.path.join(os.path.dirname(__file__), "..", "tests", "cases", "commonmark", "examples.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump({"source": os.path.basename(root), "examples": out}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(out)} examples -> {os.path.normpath(target)}")


if __name__ == "__main__":
    main()
