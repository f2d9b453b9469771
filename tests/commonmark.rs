//! The CommonMark and GFM examples pulldown-cmark ships (extracted into
//! tests/cases/commonmark/examples.json by scripts/commonmark-corpus.py) as a
//! corpus: each goes through zinepress's reading and repair into a Document
//! and out as the EPUB's XHTML. The XHTML must carry every word of the
//! expected HTML's text and the same block structure (paragraphs, headings,
//! lists and items, quotes, code, tables and cells, definitions, rules),
//! apart from the examples in exclusions.toml, each with its reason.
//!
//! `ZINEPRESS_CORPUS_REPORT=1` prints every failure with its first
//! difference, to write or trim the exclusions; `ZINEPRESS_CORPUS_SHOW=NAME`
//! prints the expected HTML and zinepress's XHTML of one example.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use zinepress::document::{html_text, Document, Metadata};
use zinepress::normalize::normalize;
use zinepress::project::ZineEntry;
use zinepress::source::Source;

#[derive(Deserialize)]
struct Corpus {
    source: String,
    examples: Vec<Example>,
}

#[derive(Deserialize)]
struct Example {
    suite: String,
    name: String,
    markdown: String,
    html: String,
    #[allow(dead_code)]
    options: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Exclusions {
    exclude: Vec<Exclusion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Exclusion {
    reason: String,
    examples: Vec<String>,
}

/// The EPUB body zinepress makes of an example, or why it made none.
fn epub_body(markdown: &str) -> Result<String, String> {
    // A title from "zinepress.toml": a first `# heading` stays a heading, as in the expected HTML.
    let entry = ZineEntry {
        source: "example.md".into(),
        title: Some("Corpus example".into()),
        ..Default::default()
    };
    let source = Source::from_bytes(Path::new("example.md"), markdown.as_bytes(), &entry)
        .map_err(|e| e.to_string())?;
    let n = normalize(&source).map_err(|e| e.to_string())?;
    let meta = Metadata {
        title: "Corpus example".into(),
        language: "en".into(),
        slug: "example".into(),
        ..Default::default()
    };
    Ok(zinepress::epub::xhtml_body(&Document {
        meta,
        blocks: n.blocks,
        notes: n.notes,
    }))
}

/// Words as runs of letters and digits, lower case, counted.
fn words(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

/// Block elements compared; headings of any level are one kind.
const BLOCKS: [&str; 17] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "th",
    "td",
    "hr",
];
const DEFINITIONS: [&str; 3] = ["dl", "dt", "dd"];

/// The open and close tags of block elements, in order. `figure` counts as
/// the paragraph it was (an image alone in a paragraph becomes a figure).
fn skeleton(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let uncommented = without_comments(html);
    let mut rest = uncommented.as_str();
    while let Some(at) = rest.find('<') {
        rest = rest.get(at + 1..).unwrap_or_default();
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let name = match name.as_str() {
            "figure" => "p".to_string(),
            n if n.len() == 2
                && n.starts_with('h')
                && n.get(1..).unwrap_or_default().parse::<u8>().is_ok() =>
            {
                "h".to_string()
            }
            _ => name,
        };
        if BLOCKS.contains(&name.as_str()) || DEFINITIONS.contains(&name.as_str()) || name == "h" {
            // `<hr>` has no close tag in HTML and a self-closing one in XHTML: count opens only.
            if name == "hr" && closing {
                continue;
            }
            out.push(format!("{}{name}", if closing { "/" } else { "" }));
        }
    }
    out
}

/// `html` without `<!-- … -->` comments.
fn without_comments(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<!--") {
        out.push_str(rest.get(..at).unwrap_or_default());
        let after = rest.get(at + 4..).unwrap_or_default();
        // `<!-->` and `<!--->` are whole (empty) comments.
        rest = match after {
            a if a.starts_with('>') => a.get(1..).unwrap_or_default(),
            a if a.starts_with("->") => a.get(2..).unwrap_or_default(),
            a => a
                .find("-->")
                .map_or("", |end| a.get(end + 3..).unwrap_or_default()),
        };
    }
    out.push_str(rest);
    out
}

/// `html` without the elements that open with `open` (matched by nesting of `tag`).
fn without(html: &str, open: &str, tag: &str) -> String {
    split(html, open, tag).0
}

/// The elements that open with `open`, in order.
fn elements(html: &str, open: &str, tag: &str) -> String {
    split(html, open, tag).1
}

/// `html` without the elements that open with `open`, and those elements.
fn split(html: &str, open: &str, tag: &str) -> (String, String) {
    let mut out = String::new();
    let mut taken = String::new();
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        out.push_str(rest.get(..at).unwrap_or_default());
        let mut depth = 0;
        let mut i = at;
        loop {
            let next_open = rest
                .get(i..)
                .unwrap_or_default()
                .find(&format!("<{tag}"))
                .map(|k| k + i);
            let next_close = rest
                .get(i..)
                .unwrap_or_default()
                .find(&format!("</{tag}>"))
                .map(|k| k + i);
            match (next_open, next_close) {
                (Some(o), Some(c)) if o < c => {
                    depth += 1;
                    i = o + 1;
                }
                (_, Some(c)) => {
                    depth -= 1;
                    i = c + tag.len() + 3;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {
                    i = rest.len();
                    break;
                }
            }
        }
        taken.push_str(rest.get(at..i).unwrap_or_default());
        taken.push(' ');
        rest = rest.get(i..).unwrap_or_default();
    }
    out.push_str(rest);
    (out, taken)
}

/// Why an example fails, or `None` when it passes.
fn check(e: &Example) -> Option<String> {
    let body = match epub_body(&e.markdown) {
        Ok(b) => b,
        // Nothing expected, and zinepress refuses a source without text: nothing is lost.
        Err(_) if html_text(&e.html).trim().is_empty() && skeleton(&e.html).is_empty() => {
            return None
        }
        Err(why) => return Some(format!("no document: {why}")),
    };
    // Notes move to the notes file; their numbers are labels, not words.
    let expected = without(&e.html, "<div class=\"footnote-definition\"", "div");
    let expected = without(&expected, "<sup class=\"footnote-reference\"", "sup");
    let notes_text = without(
        &elements(&e.html, "<div class=\"footnote-definition\"", "div"),
        "<sup class=\"footnote-definition-label\"",
        "sup",
    );
    let notes_text = without(&notes_text, "<sup class=\"footnote-reference\"", "sup");
    let body = without(&body, "<sup class=\"noteref", "sup");
    let ours_blocks = without(&body, "<section id=\"endnotes\"", "section");
    let want = words(&(html_text(&expected) + " " + &html_text(&notes_text)));
    let got = words(&html_text(&body));
    if std::env::var("ZINEPRESS_CORPUS_SHOW").is_ok_and(|n| n == e.name) {
        eprintln!(
            "want {want:?}\ngot {got:?}\nexpected text {:?}\nnotes text {:?}",
            html_text(&expected),
            html_text(&notes_text)
        );
    }
    let missing: Vec<String> = want
        .iter()
        .filter(|(w, n)| got.get(*w).copied().unwrap_or(0) < **n)
        .map(|(w, _)| w.clone())
        .collect();
    if !missing.is_empty() {
        let mut missing = missing;
        missing.sort();
        return Some(format!("words missing: {}", missing.join(" ")));
    }
    let (a, b) = (skeleton(&expected), skeleton(&ours_blocks));
    (a != b).then(|| {
        format!(
            "structure differs:\n    expected {}\n    got      {}",
            a.join(" "),
            b.join(" ")
        )
    })
}

#[test]
fn commonmark_and_gfm_examples_keep_their_words_and_structure() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/commonmark");
    let corpus: Corpus =
        serde_json::from_str(&std::fs::read_to_string(dir.join("examples.json")).unwrap()).unwrap();
    let exclusions: Exclusions =
        toml::from_str(&std::fs::read_to_string(dir.join("exclusions.toml")).unwrap()).unwrap();
    let mut excluded: BTreeMap<&str, &str> = BTreeMap::new();
    for x in &exclusions.exclude {
        for name in &x.examples {
            assert!(
                excluded.insert(name, &x.reason).is_none(),
                "{name} is excluded twice"
            );
        }
    }
    let report = std::env::var("ZINEPRESS_CORPUS_REPORT").is_ok();
    if let Ok(name) = std::env::var("ZINEPRESS_CORPUS_SHOW") {
        for e in corpus.examples.iter().filter(|e| e.name == name) {
            eprintln!(
                "{name}\n--- markdown\n{}\n--- expected\n{}\n--- zinepress\n{:?}\n--- check\n{:?}",
                e.markdown,
                e.html,
                epub_body(&e.markdown),
                check(e)
            );
        }
    }
    let mut passed = 0;
    let mut per_suite: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut unexpected = Vec::new();
    let mut stale = Vec::new();
    for e in &corpus.examples {
        let failure = check(e);
        let entry = per_suite.entry(&e.suite).or_default();
        entry.1 += 1;
        if failure.is_none() {
            passed += 1;
            entry.0 += 1;
        }
        match (failure, excluded.get(e.name.as_str())) {
            (None, Some(_)) => stale.push(e.name.clone()),
            (Some(why), None) => {
                unexpected.push(format!("{}: {why}\n    markdown: {:?}", e.name, e.markdown))
            }
            (Some(why), Some(_)) if report => eprintln!("excluded {}: {why}", e.name),
            _ => {}
        }
    }
    let total = corpus.examples.len();
    let share = passed as f64 * 100.0 / total as f64;
    eprintln!(
        "{} examples of {}: {passed} pass ({share:.1}%), {} excluded",
        total,
        corpus.source,
        excluded.len()
    );
    for (suite, (ok, n)) in &per_suite {
        eprintln!("  {suite}: {ok}/{n}");
    }
    if report {
        for u in &unexpected {
            eprintln!("{u}");
        }
    }
    assert!(
        unexpected.is_empty(),
        "{} examples fail and are not excluded:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(
        stale.is_empty(),
        "these excluded examples pass now; take them out of exclusions.toml: {}",
        stale.join(" ")
    );
    assert!(share >= 95.0, "only {share:.1}% of the examples pass");
    assert_eq!(passed + excluded.len(), total);
}

#[test]
fn the_checks_can_fail() {
    let e = |markdown: &str, html: &str| Example {
        suite: "t".into(),
        name: "t".into(),
        markdown: markdown.into(),
        html: html.into(),
        options: vec![],
    };
    assert_eq!(
        check(&e("- a\n- b\n", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n")),
        None
    );
    assert!(check(&e(
        "- a\n- b\n",
        "<ul>\n<li>a</li>\n<li>b</li>\n<li>c</li>\n</ul>\n"
    ))
    .is_some_and(|w| w.contains("words missing: c")));
    assert!(check(&e("a\n\n- b\n", "<p>a</p>\n<p>b</p>\n"))
        .is_some_and(|w| w.contains("structure differs")));
    let html = "<p>x</p><div class=\"f\"><div>in</div></div><p>y</p>";
    assert_eq!(without(html, "<div class=\"f\"", "div"), "<p>x</p><p>y</p>");
    assert_eq!(
        elements(html, "<div class=\"f\"", "div"),
        "<div class=\"f\"><div>in</div></div> "
    );
}
