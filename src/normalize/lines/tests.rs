//! Unit tests of [`super`].
use super::*;

#[test]
fn a_note_reference_after_the_end_of_a_sentence() {
    assert!(ends_terminal("a void * argument:\u{E002}5\u{E003}"));
    assert!(ends_terminal("the hall.\u{E002}1\u{E003}\u{E002}2\u{E003}"));
    assert!(!ends_terminal("through the winter\u{E002}1\u{E003}"));
}

#[test]
fn a_pdf_s_lines_are_wrapped_even_where_most_end_sentences() {
    // Short paragraphs and long notes set small: by their lengths
    // alone, one paragraph per line.
    let text = "Keep minutes, but do not trust them to remember for you. Keep a book of\n\
decisions with their reasons. Write to the members who will come after you.\n\
And when someone tells the old story again, write down what they said,\n\
because one day nobody will be left who was there.\n\
A short paragraph.\n\
Another short one.\n\
10. This paper may be copied freely by any group that finds it useful, in whole or in part, with\n\
or without acknowledgement.";
    let l = numbered(text);
    assert_eq!(layout(&l), Layout::PerLine);
    assert!(matches!(wrapped_layout(&l), Layout::Wrapped { width } if width > 50));
}

#[test]
fn code_words_open_like_capitals() {
    for s in [
        "core::mem::forget can be used",
        "crates.io is the registry",
        "queue::workers=N",
        "size_of::<T>() is",
        "repr(transparent) can",
        "#[repr(transparent)] can only be used",
    ] {
        assert!(starts_code_word(s), "{s}");
    }
    for s in [
        "e.g. the hall",
        "i.e. not",
        "the hall",
        "Dependencies",
        "well-known names",
    ] {
        assert!(!starts_code_word(s), "{s}");
    }
}

#[test]
fn continuing_lines() {
    let yes = [
        (
            "and the council sends its recommen-",
            "dations) to ALL LOCAL BRANCHES",
        ),
        (
            "the meeting voted to keep the hall",
            "open through the winter",
        ),
        ("WE CALL ON ALL PAR-", "TIES TO STRIKE"),
    ];
    for (p, l) in yes {
        assert!(continues_sentence(p, l), "{p} / {l}");
    }
    let no = [
        ("the end of a sentence.", "then a caption"),
        ("the pam-", "CLR James      STEVE PYKE"),
        ("a line without its stop", "Notes on the Free School"),
        ("", "and so on"),
    ];
    for (p, l) in no {
        assert!(!continues_sentence(p, l), "{p} / {l}");
    }
    let ls = numbered(
        "the meeting voted to keep the hall
RUNNING HEAD

open through the winter
STEVE PYKE",
    );
    let mut removed = vec![(1, "head"), (3, "caption"), (4, "credit")];
    keep_continuing(&ls, &mut removed);
    assert_eq!(removed, vec![(1, "head"), (4, "credit")]);
}

#[test]
fn detects_layouts() {
    assert!(matches!(layout(&numbered(WRAPPED)), Layout::Wrapped { .. }));
    let paste = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        "x".repeat(300),
        "y".repeat(200),
        "short",
        "z".repeat(250),
        "w".repeat(180),
        "v".repeat(400)
    );
    assert_eq!(layout(&numbered(&paste)), Layout::PerLine);
}

#[test]
fn notes_the_geometry_shows_do_not_set_the_measure() {
    let body = "a line of the body set to its measure, and going on";
    let note = "a line of a note, set smaller and so longer than the body's lines, on";
    let text = format!(
        "{}{}",
        format!("{body}\n").repeat(8),
        format!("{note}\n").repeat(8)
    );
    let mut ls = numbered(&text);
    // Without the geometry, the notes' lines set the measure.
    assert_eq!(layout(&ls), Layout::Wrapped { width: note.len() });
    for l in ls.iter_mut().filter(|l| l.text == note) {
        l.foot = true;
    }
    assert_eq!(layout(&ls), Layout::Wrapped { width: body.len() });
    // Fewer lines of notes (a fifth), and the body's lines fall short
    // of the notes' measure: the text is still wrapped, at the body's.
    let text = format!(
        "{}{}",
        format!("{body}\n").repeat(24),
        format!("{note}\n").repeat(6)
    );
    assert_eq!(
        layout(&numbered(&text)),
        Layout::Wrapped { width: body.len() }
    );
    // Pasted paragraphs, each a line ending a sentence, stay one per line.
    let para = "A paragraph pasted as one line of text, which ends a sentence.";
    let text = format!(
        "{}{}",
        format!("{para}\n").repeat(24),
        format!("{note}.\n").repeat(6)
    );
    assert_eq!(layout(&numbered(&text)), Layout::PerLine);
}

#[test]
fn helpers() {
    assert!(ends_terminal("years.2"));
    assert!(ends_terminal("in a day.\u{E002}2\u{E003}"));
    assert!(!ends_terminal("the work of\u{E002}3\u{E003}"));
    assert!(ends_terminal("“collapsing.”"));
    assert!(!ends_terminal("in 2016"));
    assert!(!ends_terminal("Chicago labor organizer R. L."));
    assert!(!ends_terminal("as told by Dr."));
    assert!(ends_terminal("in the U.S."));
    assert!(ends_hyphen("pro-"));
    assert!(is_caps_leadin(
        " THERE CAN BE LITTLE DOUBT THAT WE LIVE IN DANGEROUS"
    ));
    assert!(title_like(
        "Polarized Politics: Danger from the Right, Openings for the Left"
    ));
    assert!(!title_like("the end of a sentence."));
    assert!(is_bullet("  • Learn to respect"));
}

#[test]
fn a_name_heads_the_sentence_that_names_it() {
    assert!(names_next(
        "",
        "overflow-checks",
        "The overflow-checks setting controls the flag"
    ));
    assert!(names_next("", "lto", "The lto setting controls whether"));
    // Not a sentence, not the same word, not one name, not a word that ends one.
    assert!(!names_next("", "lto", "is then the only setting"));
    assert!(!names_next("", "dev", "The release profile is used"));
    assert!(!names_next(
        "",
        "split debuginfo",
        "The split debuginfo setting"
    ));
    assert!(!names_next("", "done.", "The done. thing"));
    assert!(names_next(
        "Default profiles",
        "dev",
        "The dev profile is used"
    ));
    assert!(!names_next(
        "The members and exclude",
        "fields",
        "The members and exclude fields define"
    ));
}

#[test]
fn a_label_heads_the_line_that_repeats_it() {
    let under = "Similar to if let, while let can make awkward match sequences";
    assert!(label_named_under("", "while let", under));
    assert!(label_named_under(
        "",
        "while let patterns",
        "let patterns in a while condition allow binding new variables"
    ));
    assert!(label_named_under(
        "",
        "C-like",
        "enum can also be used as C-like enums."
    ));
    // Not repeated, not a label (a sentence's end, a clause that leads on),
    // not a lone letter, not the rest of a heading wrapped over two lines.
    assert!(!label_named_under(
        "",
        "let-else",
        "stable since: rust 1.65"
    ));
    assert!(!label_named_under("", "while let.", under));
    assert!(!label_named_under("", "while let and", under));
    assert!(!label_named_under(
        "",
        "T",
        "T is the type of the value held"
    ));
    assert!(!label_named_under(
        "The members and exclude",
        "fields",
        "The members and exclude fields define the members"
    ));
    assert!(!label_named_under(
        "",
        "a label of far too many words",
        "a label of far too many words goes on"
    ));
}
