//! Cases for the Muse inline reader: emphasis, code spans, breaks, links and images, note references, stray tags, multibyte text.

use super::*;
use Inline::*;

fn t(s: &str) -> Inline {
    Text(s.into())
}

fn run(text: &str) -> (Vec<Inline>, Vec<(usize, String)>) {
    let mut notes = Notes::default();
    notes.define(false, 1);
    notes.define(true, 2);
    let mut warnings = Vec::new();
    let out = parse(
        text,
        Scope::Body,
        &mut Sink {
            notes: &mut notes,
            warnings: &mut warnings,
            line: 7,
        },
    );
    (out, warnings)
}

fn ok(text: &str) -> Vec<Inline> {
    let (out, w) = run(text);
    assert!(w.is_empty(), "{text}: {w:?}");
    out
}

#[test]
fn emphasis_by_asterisks() {
    assert_eq!(
        ok("*em* **strong** ***both***"),
        vec![
            Emph(vec![t("em")]),
            t(" "),
            Strong(vec![t("strong")]),
            t(" "),
            Emph(vec![Strong(vec![t("both")])])
        ]
    );
    assert_eq!(
        ok("a *nested **strong** one*"),
        vec![
            t("a "),
            Emph(vec![t("nested "), Strong(vec![t("strong")]), t(" one")])
        ]
    );
    assert_eq!(ok("*across\nlines*"), vec![Emph(vec![t("across lines")])]);
    assert_eq!(
        ok("(*yes*), l'*oui*"),
        vec![
            t("("),
            Emph(vec![t("yes")]),
            t("), l'"),
            Emph(vec![t("oui")])
        ]
    );
}

#[test]
fn unmatched_asterisks_stay() {
    assert_eq!(ok("5 * 3 and a*b*c"), vec![t("5 * 3 and a*b*c")]);
    assert_eq!(ok("*open only"), vec![t("*open only")]);
    assert_eq!(ok("**strong* mismatch"), vec![t("**strong* mismatch")]);
    assert_eq!(ok("****four****"), vec![t("****four****")]);
}

#[test]
fn code_spans_and_tags() {
    assert_eq!(
        ok("run =ls -l= now"),
        vec![t("run "), Code("ls -l".into()), t(" now")]
    );
    assert_eq!(ok("a = b and x=y"), vec![t("a = b and x=y")]);
    assert_eq!(ok("<code>*a* = b</code>"), vec![Code("*a* = b".into())]);
    assert_eq!(
        ok("<em>e</em><strong>s</strong><sup>2</sup><sub>i</sub><del>x</del><sc>nato</sc>"),
        vec![
            Emph(vec![t("e")]),
            Strong(vec![t("s")]),
            Superscript(vec![t("2")]),
            Subscript(vec![t("i")]),
            Strike(vec![t("x")]),
            SmallCaps(vec![t("nato")])
        ]
    );
    assert_eq!(
        ok("<verbatim>*not* [[x]] =y=</verbatim>"),
        vec![t("*not* [[x]] =y=")]
    );
    assert_eq!(ok("1 < 2 > 0 <html>"), vec![t("1 < 2 > 0 <html>")]);
    assert_eq!(ok("<[fr]>oui</[fr]>"), vec![t("oui")]);
}

#[test]
fn breaks_and_nbsp() {
    assert_eq!(
        ok("one <br>\ntwo<br/>three"),
        vec![t("one "), LineBreak, t("two"), LineBreak, t("three")]
    );
    assert_eq!(ok("p.~~12"), vec![t("p.\u{a0}12")]);
}

#[test]
fn links_and_images() {
    assert_eq!(
        ok("[[https://a.org][the *site*]]"),
        vec![Inline::link(
            "https://a.org",
            vec![t("the "), Emph(vec![t("site")])]
        )]
    );
    assert_eq!(
        ok("[[https://a.org]]"),
        vec![Inline::link("https://a.org", vec![t("https://a.org")])]
    );
    assert_eq!(
        ok("[[#top][up]]"),
        vec![Inline::link("#top", vec![t("up")])]
    );
    assert_eq!(
        ok("[[logo.png 50 r][Our logo]]"),
        vec![Image {
            src: "logo.png".into(),
            alt: "Our logo".into(),
            title: None
        }]
    );
    assert_eq!(
        ok("[[https://x.org/a.png]]")[0],
        Inline::link("https://x.org/a.png", vec![t("https://x.org/a.png")])
    );
    assert_eq!(ok("[[not closed"), vec![t("[[not closed")]);
}

#[test]
fn note_references_need_a_note() {
    let (out, w) = run("a [1] b {2} c [3] d {4}");
    assert_eq!(
        out,
        vec![t("a "), NoteRef(0), t(" b "), NoteRef(1), t(" c [3] d {4}")]
    );
    assert_eq!(w.len(), 2);
    assert!(w[0].1.contains("[3]") && w[0].0 == 7, "{w:?}");
    let mut notes = Notes::default();
    notes.define(false, 1);
    notes.define(true, 1);
    let mut warnings = Vec::new();
    let out = parse(
        "[1] {1}",
        Scope::Note,
        &mut Sink {
            notes: &mut notes,
            warnings: &mut warnings,
            line: 1,
        },
    );
    assert_eq!(
        out,
        vec![t("[1] "), NoteRef(0)],
        "a note's [1] is text; its {{1}} is a secondary note"
    );
    assert!(warnings.is_empty());
}

#[test]
fn stray_tags_are_left_out_with_a_warning() {
    let (out, w) = run("a </em> b <strong>c");
    assert_eq!(out, vec![t("a  b c")]);
    assert_eq!(w.len(), 2, "{w:?}");
    let (out, w) = run("<em>a *b</em> c*");
    assert_eq!(out, vec![Emph(vec![t("a *b")]), t(" c*")]);
    assert!(w.is_empty());
}

#[test]
fn multibyte_text_survives() {
    assert_eq!(
        ok("— «*ça*» ~~ ünd"),
        vec![t("— «"), Emph(vec![t("ça")]), t("» \u{a0} ünd")]
    );
}
