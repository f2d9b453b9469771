//! Cases for the line-end hyphen decision and the repair of hyphens lost at a seam.

use super::*;

fn ev(text: &str) -> Evidence {
    Evidence::from_lines(text.lines())
}

#[test]
fn decisions_table() {
    let e = ev("the anti-colonial struggle and neoliberal times\nthey produced it");
    let cases = [
        ("pro", "duced", Decision::Join),
        ("pace-set", "ter", Decision::Join),
        ("pre", "1917", Decision::Keep),
        ("(1871", "1919)", Decision::Keep),
        ("anti", "colonial", Decision::Keep),
        ("co", "optable", Decision::Keep),
        ("neo", "liberal", Decision::Join),
        ("Pan", "African", Decision::Keep),
        ("Mus", "lims", Decision::Join),
        ("possibili", "ties", Decision::Join),
        ("IDEN", "tity", Decision::Join),
    ];
    for (l, r, d) in cases {
        assert_eq!(e.decide(l, r).decision, d, "{l}-{r}");
    }
}

#[test]
fn document_usage_counts_inflections_and_case() {
    let e = ev("it prevented that\nthe general-purpose tools of the in-group\nand PARTIES");
    assert_eq!(e.decide("pre", "vent").decision, Decision::Join);
    assert_eq!(e.decide("general", "purpose").decision, Decision::Keep);
    assert_eq!(e.decide("in", "groups").decision, Decision::Keep);
    assert_eq!(e.decide("PAR", "TIES").decision, Decision::Join);
    assert_eq!(e.decide("anti", "Trump").decision, Decision::Keep);
    assert_eq!(
        e.hyphenated_form("generalpurpose").as_deref(),
        Some("general-purpose")
    );
    assert_eq!(
        e.hyphenated_form("Generalpurpose").as_deref(),
        Some("General-purpose")
    );
    assert_eq!(e.hyphenated_form("prevented"), None);
}

#[test]
fn a_camel_case_name_written_closed_elsewhere_joins_at_its_capital() {
    let e = ev("an array of MaybeUninit<T> values\nuse MaybeUninit. Then the anti-Trump vote\nand the New-York-Times\nthe FooBar and the Foo-Bar");
    assert_eq!(
        e.decide("Maybe", "Uninit<Box<u32>>").decision,
        Decision::Join
    );
    assert_eq!(
        e.decide("Container<Maybe", "Uninit<T>>").decision,
        Decision::Join
    );
    // Not written closed anywhere, or written with its hyphen: kept.
    assert_eq!(e.decide("anti", "Trump").decision, Decision::Keep);
    assert_eq!(e.decide("Ref", "Cell").decision, Decision::Keep);
    assert_eq!(e.decide("New-York", "Times").decision, Decision::Keep);
    assert_eq!(e.decide("Foo", "Bar").decision, Decision::Keep);
}

#[test]
fn the_dictionary_decides_what_the_document_does_not() {
    let e = ev("").with_language("en");
    if e.dict.is_none() {
        return;
    }
    assert_eq!(e.decide("after", "hours").decision, Decision::Keep);
    assert_eq!(e.decide("upper-middle", "class").decision, Decision::Keep);
    assert_eq!(e.decide("pace-set", "ter").decision, Decision::Join);
    assert_eq!(e.decide("pro", "duced").decision, Decision::Join);
    assert_eq!(e.decide("MANAGE", "MENT").decision, Decision::Join);
}

#[test]
fn lost_hyphens_come_back() {
    let e = ev("enable the codegen-backend feature here");
    let (t, r) = restore(
        "the codegenbackend feature, antiTrump and nonEnglish-speaking (Generalpurpose) iPhone",
        &e,
        0..0,
    );
    assert_eq!(
        t,
        "the codegen-backend feature, anti-Trump and non-English-speaking (Generalpurpose) iPhone"
    );
    assert_eq!(r.len(), 3);
}

#[test]
fn a_break_beside_the_compound_hyphen_joins() {
    let e = ev("the message-passing style of the crate");
    assert_eq!(e.decide("mes", "sage-passing").decision, Decision::Join);
    assert_eq!(e.decide("message", "passing").decision, Decision::Keep);
}

#[test]
fn lost_hyphens_come_back_at_the_seam() {
    let e = ev("rustup is written rustup here").with_language("en");
    if e.dict.is_none() {
        return;
    }
    let line = "the twelve of them met every fortnight, on a sixweek cycle, nonquarter, 8aligned rustup and unknownrustup-style";
    let seam = 30..110;
    let (t, r) = restore(line, &e, seam);
    assert_eq!(
        t,
        "the twelve of them met every fortnight, on a six-week cycle, non-quarter, 8-aligned rustup and unknown-rustup-style"
    );
    assert_eq!(r.len(), 4);
    // Away from where the lines were joined, nothing changes.
    let (t, _) = restore(line, &e, 0..10);
    assert_eq!(t, line);
}

#[test]
fn a_compound_s_small_linking_word_comes_back_at_the_seam() {
    let e = ev("").with_language("en");
    if e.dict.is_none() {
        return;
    }
    let (t, _) = restore("to try out the work-inprogress feature", &e, 15..35);
    assert_eq!(t, "to try out the work-in-progress feature");
    // Not a word of its own: two letters lead no split there.
    let line = "to try out the inprogress feature";
    assert_eq!(restore(line, &e, 15..30).0, line);
}

#[test]
fn a_word_cut_at_the_line_end_is_left_to_the_hyphen_repair() {
    let e = ev("").with_language("en");
    if e.dict.is_none() {
        return;
    }
    let line = "those who want to try out exper\u{ad}";
    let (t, r) = restore(line, &e, 20..40);
    assert_eq!(t, line);
    assert!(r.is_empty());
    // Whole, at the seam, the same word takes its hyphen back.
    let (t, _) = restore("who want to try out a sixweek cycle", &e, 20..40);
    assert!(t.contains("six-week"), "{t}");
}

#[test]
fn a_note_number_after_the_break_s_word_is_no_part_of_it() {
    let e = ev("for example, the loop\nthe block executes each time");
    assert_eq!(e.decide("ex", "ample:11").decision, Decision::Join);
    assert_eq!(e.decide("ex", "ecutes.7").decision, Decision::Join);
    assert_eq!(e.decide("ex", "ample").decision, Decision::Join);
    // A prefix before a word the document never writes closed keeps its
    // hyphen, a number after it or not.
    assert_eq!(e.decide("ex", "partner:2").decision, Decision::Keep);
    assert_eq!(e.decide("pre", "1917:").decision, Decision::Keep);
    assert_eq!(word_part("ample:11"), "ample");
    assert_eq!(word_part(core("ample:\u{E002}11\u{E003}")), "ample");
    assert_eq!(word_part("isn't.2"), "isn't");
    assert_eq!(word_part("1917:"), "1917:");
    assert_eq!(word_part("arg=FLAG"), "arg=FLAG");
    assert_eq!(word_part("git2"), "git2");
}

#[test]
fn prefix_keep_is_weak() {
    let e = ev("");
    assert!(e.decide("co", "optable").weak);
    assert!(!e.decide("pro", "duced").weak);
}

#[test]
fn join_text() {
    assert_eq!(join("pro-", "duced", Decision::Join), "produced");
    assert_eq!(join("anti-", "colonial", Decision::Keep), "anti-colonial");
}
