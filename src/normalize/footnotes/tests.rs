//! Unit tests of [`super`].
use super::*;
use crate::normalize::lines::numbered;
use crate::normalize::pages;

fn run(text: &str) -> (Vec<Line>, Vec<FootNote>, Report) {
    let mut ls = numbered(text);
    let p = pages::find(&ls);
    let mut r = Report::default();
    pages::strip(&mut ls, &p, &mut r);
    let notes = extract(&mut ls, &p, &mut r);
    (ls, notes, r)
}

fn shown(ls: &[Line]) -> String {
    ls.iter()
        .filter(|l| !l.blank())
        .map(|l| {
            l.trimmed()
                .replace('\u{E002}', "[^")
                .replace('\u{E003}', "]")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn markers() {
    assert_eq!(
        note_start("1The hall"),
        Some((Marker::Number(1), "The hall"))
    );
    assert_eq!(
        note_start("12 The hall"),
        Some((Marker::Number(12), "The hall"))
    );
    assert_eq!(
        note_start("†See above"),
        Some((Marker::Symbol("†".into()), "See above"))
    );
    assert_eq!(
        note_start("** Two stars"),
        Some((Marker::Symbol("**".into()), "Two stars"))
    );
    assert_eq!(
        note_start("aThe hall"),
        Some((Marker::Letter('a'), "The hall"))
    );
    assert_eq!(
        note_start("aI was there"),
        Some((Marker::Letter('a'), "I was there"))
    );
    assert_eq!(
        note_start("b“Quoted” in"),
        Some((Marker::Letter('b'), "“Quoted” in"))
    );
    assert_eq!(
        note_start("a Each project can"),
        Some((Marker::Letter('a'), "Each project can"))
    );
    assert_eq!(
        note_start("d 212 customers gave"),
        Some((Marker::Letter('d'), "212 customers gave"))
    );
    assert_eq!(
        note_start("d212 customers gave"),
        Some((Marker::Letter('d'), "212 customers gave"))
    );
    assert_eq!(note_start("d212"), None);
    assert_eq!(note_start("b2B sales"), None);
    assert_eq!(note_start("a 212"), None);
    assert_eq!(note_start("a 12-page leaflet"), None);
    assert_eq!(note_start("a V8 engine"), None);
    assert_eq!(note_start("aXML file"), None);
    assert_eq!(note_start("2 per cent of them"), None);
    assert_eq!(note_start("1917 was"), None);
    assert_eq!(note_start("10,000 people"), None);
    assert_eq!(note_start("and then"), None);
    assert_eq!(
        find_ref("through the winter, and1 the", &Marker::Number(1), 0),
        Some((23, 24))
    );
    assert_eq!(
        find_ref("in 1917 and 21 of them", &Marker::Number(1), 0),
        None
    );
    assert_eq!(
        find_ref("at src/main.rs:2:5 in it", &Marker::Number(2), 0),
        None
    );
    assert_eq!(
        find_ref("the hall,* and", &Marker::Symbol("*".into()), 0),
        Some((9, 10))
    );
}

#[test]
fn note_texts_that_open_with_a_number_or_an_abbreviation() {
    assert_eq!(
        note_start("4 1973 was the year"),
        Some((Marker::Number(4), "1973 was the year"))
    );
    assert_eq!(
        note_start("7. 31 of the missing"),
        Some((Marker::Number(7), "31 of the missing"))
    );
    assert_eq!(
        note_start("4 cf. the choir"),
        Some((Marker::Number(4), "cf. the choir"))
    );
    assert_eq!(note_start("2 per cent of them"), None);
    assert_eq!(note_start("3 15"), None);
    assert_eq!(note_start("1. the next step"), None);
    assert_eq!(note_start("2 e"), None);
}

#[test]
fn symbol_series() {
    let sym = |s: &str| Marker::Symbol(s.into());
    assert!(continues(&sym("**"), Some(&sym("‖")), false));
    assert!(continues(&sym("††"), Some(&sym("**")), false));
    assert!(continues(&sym("*"), Some(&sym("‡‡")), false));
    assert!(!continues(&sym("**"), Some(&sym("**")), false));
    assert!(!continues(&sym("*"), Some(&sym("*")), false));
    assert_eq!(
        find_ref("telling stories.‡§ Each", &sym("§"), 19),
        Some((19, 21))
    );
    assert_eq!(find_ref("two stars ** here", &sym("*"), 0), None);
    // LaTeX's "‖" as two ASCII bars, at a note and at its reference; not
    // a logical or in code, set apart by spaces, nor three bars.
    assert_eq!(
        note_start("|| The Rust project"),
        Some((sym("‖"), "The Rust project"))
    );
    assert_eq!(note_start("|| x.is_some()"), None);
    assert_eq!(
        find_ref("the ptr module.|| In", &sym("‖"), 0),
        Some((15, 17))
    );
    assert_eq!(
        find_ref("the ptr module.‖ In", &sym("‖"), 0),
        Some((15, 18))
    );
    assert_eq!(find_ref("if a || b then", &sym("‖"), 0), None);
    assert_eq!(find_ref("a table|||| here", &sym("‖"), 0), None);
    assert_eq!(
        find_ref("and stories.34 Each", &Marker::Number(3), 0),
        Some((12, 13))
    );
    assert_eq!(
        find_ref("and stories.34 Each", &Marker::Number(4), 13),
        Some((13, 14))
    );
    assert_eq!(find_ref("in 1934 it was", &Marker::Number(3), 0), None);
}

const TWO_NOTES: &str = "Title of it\nthe meeting voted to keep the hall open through the winter, and1\n1The hall had been a union office until the late seventies.\n2Heating came from a coal stove that members took turns to feed.\n\n7\n\n\u{0c}Notes on the Free School\nthe caretaker agreed2 to stay on without pay. The first classes\n\n8\n\n\u{0c}Notes on the Free School\nwere held in the back room.\n\n9\n\n\u{0c}Notes on the Free School\nAnd the end.\n\n10\n";

#[test]
fn a_reference_needs_its_note_in_order() {
    // Note 2's reference is on the next page's first line: the note was
    // set at the foot of the page before its reference's line.
    let (ls, notes, _) = run(TWO_NOTES);
    assert_eq!(notes.len(), 2, "{notes:?}\n{}", shown(&ls));
    // Further down the next page it is not taken, nor is "2Heating"
    // without its reference.
    let far = TWO_NOTES.replace(
        "the caretaker agreed2 to stay on without pay. The first classes\n",
        "the caretaker agreed to stay\non without pay. The first\nclasses agreed2 to it\n",
    );
    let (ls, notes, _) = run(&far);
    assert_eq!(notes.len(), 0, "{notes:?}\n{}", shown(&ls));
}

#[test]
fn two_notes_on_one_page() {
    let text = TWO_NOTES
        .replace("and1\n", "and1 the heating2\n")
        .replace("agreed2", "agreed");
    let (ls, notes, r) = run(&text);
    assert_eq!(notes.len(), 2);
    assert_eq!(
        notes[1].lines[0].text,
        "Heating came from a coal stove that members took turns to feed."
    );
    assert!(
        shown(&ls).contains("winter, and[^1] the heating[^2]\nthe caretaker agreed to"),
        "{}",
        shown(&ls)
    );
    assert_eq!(r.moved.len(), 2);
}

#[test]
fn symbols_restart_on_each_page() {
    let mut text = String::from("Title\n");
    for p in 1..=3 {
        text.push_str(&format!("body of page {p}, with a mark* and another† in it, goes on\n*The first note of page {p}.\n†Ibid.\n\n{p}\n\n\u{0c}"));
    }
    text.push_str("The end.\n");
    let (ls, notes, _) = run(&text);
    assert_eq!(notes.len(), 6, "{}", shown(&ls));
    assert!(shown(&ls).contains("with a mark[^5] and another[^6] in it"));
}

#[test]
fn a_symbol_note_s_line_opening_with_a_is_no_letter_note() {
    let text = "Title\nthe type parameters.\u{2021} This may be the case if the\nfunction is called.\n\u{2021}For resources in languages other than English, and how that affects you as\na Rust developer.\n\n2\n\n\u{0c}The end.\n";
    let (ls, notes, _) = run(text);
    assert_eq!(notes.len(), 1, "{}", shown(&ls));
    assert_eq!(notes[0].lines.len(), 2);
    assert!(
        shown(&ls).contains("parameters.[^1] This"),
        "{}",
        shown(&ls)
    );
    // Letters follow letters, and a first letter may open a page's notes.
    assert!(continues(
        &Marker::Letter('b'),
        Some(&Marker::Letter('a')),
        false
    ));
    assert!(!continues(
        &Marker::Letter('a'),
        Some(&Marker::Symbol("\u{2021}".into())),
        false
    ));
    assert!(continues(
        &Marker::Letter('a'),
        Some(&Marker::Symbol("*".into())),
        true
    ));
}

#[test]
fn letters_set_apart() {
    let text = "Title\nfirst off, the struct layout.a A Vec has three\nparts, and we want\na Vec of them, which is fine.\na Each project can opt in to an edition.\n\n2\n\n\u{0c}more body text here, goes on.b And on\nto the end.\nb Editions can be incompatible.\n\n3\n\n\u{0c}The end.\n";
    let (ls, notes, _) = run(text);
    assert_eq!(notes.len(), 2, "{notes:?}\n{}", shown(&ls));
    assert_eq!(
        notes[0].lines[0].text,
        "Each project can opt in to an edition."
    );
    assert_eq!(notes[1].lines[0].text, "Editions can be incompatible.");
    assert!(
        shown(&ls).contains("layout.[^1] A Vec has three\nparts, and we want\na Vec of them, which is fine.\nmore body"),
        "{}",
        shown(&ls)
    );
}

#[test]
fn letters_set_together() {
    let l = Marker::Letter;
    // "return.cd": c is the first of two marks, d the one right after it.
    assert_eq!(find_ref("in return.cd They", &l('c'), 0), Some((10, 11)));
    assert_eq!(find_ref("in return.cd They", &l('d'), 11), Some((11, 12)));
    // Not a word glued after a full stop, nor letters out of order.
    assert_eq!(find_ref("the end.of it", &l('o'), 0), None);
    assert_eq!(find_ref("in return.ce They", &l('c'), 0), None);
    assert_eq!(find_ref("in return.ce They", &l('e'), 11), None);
    let text = "Title\nbread in return.cd The promise\nwas kept, and costly.\ncThe credit union lent.\nd 212 customers gave money.\n\n2\n\n\u{0c}The end of it all.\n";
    let (ls, notes, _) = run(text);
    assert_eq!(notes.len(), 2, "{}", shown(&ls));
    assert!(
        shown(&ls).contains("in return.[^1][^2] The promise"),
        "{}",
        shown(&ls)
    );
    // A name from code before a number opens no note out of the series:
    // "let’s" is no reference, and "s2 is created" stays in the body.
    let text = "Title\nNow let’s look at the String version, and the line\nafter which s1 is no longer valid, so that you can use\ns2 is created; it won’t work and it will never work.\n\n2\n\n\u{0c}The end of it all.\n";
    let (ls, notes, _) = run(text);
    assert_eq!(notes.len(), 0, "{}", shown(&ls));
}

#[test]
fn a_long_note_runs_over() {
    let body = "the body line of this page goes on to the measure of about";
    let note =
        "A note set smaller, so that its lines are longer than the lines of the body text, and";
    let more =
        "which runs on and on with many more words in the note text here, set smaller than the";
    let text = format!("Title\n{body} 1\n{body} 2 and1\n1{note}\n{note}\n\n1\n\n\u{0c}{body} 3\n{body} 4\n{more}\nbody.\n\n2\n\n\u{0c}{body} 5\n");
    let (ls, notes, _) = run(&text);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].lines.len(), 4, "{:?}", notes[0].lines);
    assert_eq!(shown(&ls).lines().count(), 6);
}

#[test]
fn a_note_runs_over_below_long_body_lines() {
    // The body's lines vary in length (some as long as a note's would be
    // by the median), the run-over note's are longer than all of them.
    let body = "the body line of this page goes on to the measure of about";
    let wide = "the body line of this page goes on to the measure of about it, wider one";
    let note =
        "A note set smaller, so that its lines are longer than the lines of the body text, and";
    let more =
        "which runs on and on with many more words in the note text here, set smaller than the";
    let text = format!("Title\n{body} 1\n{body} 2 and1\n1{note}\n{note}\n\n1\n\n\u{0c}{body} 3\n{wide}\n{body} 4\n{wide}\n{more}\n{more}\nbody.\n\n2\n\n\u{0c}{body} 5\n");
    let (ls, notes, _) = run(&text);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].lines.len(), 5, "{:?}", notes[0].lines);
    assert!(
        shown(&ls).contains(&format!("{body} 4\n{wide}\n{body} 5")),
        "{}",
        shown(&ls)
    );
}

#[test]
fn a_note_runs_over_where_the_geometry_shows_the_notes() {
    // Body lines as wide as the note's: only a PDF's geometry (lines set
    // smaller below the body, marked `foot`) tells the note's last lines.
    let body = "the body line of this page goes on to the measure of about it";
    let note = "A note set as wide as the body, in lines the width tells nothing";
    let text = format!("Title\n{body} 1\n{body} 2 and1\n1{note}\nat the time\n\n1\n\n\u{0c}{body} 3\n{body} 4\nof this writing, as the note goes on.\n\n2\n\n\u{0c}{body} 5\n");
    let run_foot = |foot: &[usize]| {
        let mut ls = numbered(&text);
        for l in ls.iter_mut() {
            l.foot = foot.contains(&l.no);
        }
        let p = pages::find(&ls);
        let mut r = Report::default();
        pages::strip(&mut ls, &p, &mut r);
        let notes = extract(&mut ls, &p, &mut r);
        (ls, notes)
    };
    let (ls, notes) = run_foot(&[4, 5, 11]);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].lines.len(), 3, "{:?}", notes[0].lines);
    assert!(!shown(&ls).contains("of this writing"), "{}", shown(&ls));
    // No line of the next page set as a note: the note ends on its page,
    // and the body's lines stay, however wide.
    let (ls, notes) = run_foot(&[4, 5]);
    assert_eq!(notes[0].lines.len(), 2, "{:?}", notes[0].lines);
    assert!(shown(&ls).contains(&format!("{body} 4")), "{}", shown(&ls));
}

#[test]
fn a_letter_set_apart_before_a_quotation() {
    assert_eq!(
        note_start("f \"Soon after\" has been read"),
        Some((Marker::Letter('f'), "\"Soon after\" has been read"))
    );
    assert_eq!(
        note_start("f “Soon after” has been read").map(|x| x.0),
        Some(Marker::Letter('f'))
    );
    // Not a quotation in lower case.
    assert_eq!(note_start("a \"yes\" vote"), None);
}

#[test]
fn loose_note_starts_only_where_the_series_asks() {
    let (l, n) = (Marker::Letter, Marker::Number);
    assert_eq!(
        weak_start("ba television, that is", &l('b')),
        Some("a television, that is")
    );
    assert_eq!(weak_start("b a television", &l('b')), Some("a television"));
    assert_eq!(weak_start("b", &l('b')), Some(""));
    assert_eq!(weak_start("4", &n(4)), Some(""));
    assert_eq!(weak_start("4", &n(5)), None);
    assert_eq!(weak_start("2. a television", &n(2)), Some("a television"));
    assert_eq!(weak_start("ba television", &l('c')), None);
    assert_eq!(weak_start("2. The", &n(2)), None);
    assert_eq!(weak_start("20 of them", &n(2)), None);
    // In a page: "bthat is" after note a ends a sentence, with its reference.
    let text = "Title\nthe timber from the yard.a The council\nput a roof on it.b Nobody knows why.\naThe bricks were counted.\nbthat is, the second roof.\n\n2\n\n\u{0c}The end of it all.\n";
    let (ls, notes, _) = run(text);
    assert_eq!(notes.len(), 2, "{}", shown(&ls));
    assert_eq!(notes[1].lines[0].text, "that is, the second roof.");
    // A line of note a that opens with b, its reference absent: note a's.
    let text = "Title\nthe timber from the yard.a The council\nput a roof on it. Nobody knows why.\naThe bricks were counted.\nby the caretaker, who kept the figure.\n\n2\n\n\u{0c}The end of it all.\n";
    let (ls, notes, _) = run(text);
    assert_eq!(notes.len(), 1, "{}", shown(&ls));
    assert_eq!(notes[0].lines.len(), 2);
}

#[test]
fn a_note_ends_at_a_full_stop_after_an_initial() {
    assert!(note_ends("Editions are covered in Appendix E."));
    assert!(note_ends("and the rest of it.”"));
    assert!(!note_ends("but it will provide us"));
    assert!(!note_ends("the documentation of"));
}

#[test]
fn a_number_alone_that_the_series_asks_for_opens_a_note() {
    let text = "people who work alone never read rules.2 The meeting agreed.\n2\nguillotine is also the name of a folder.";
    let ls = numbered(text);
    let idx: Vec<usize> = (0..ls.len()).collect();
    let block = find_block(&ls, &idx, &[], Some(&Marker::Number(1)), ((0, 0), 0)).expect("a block");
    assert_eq!(block.notes, vec![(Marker::Number(2), 1)]);
    // Not the number after the last note's.
    assert!(find_block(&ls, &idx, &[], Some(&Marker::Number(2)), ((0, 0), 0)).is_none());
    // Not after a line that goes on with its sentence.
    let text = "people who work alone never read rules.2 The meeting agreed that\n2\nguillotine is also the name of a folder.";
    let ls = numbered(text);
    assert!(find_block(&ls, &idx, &[], Some(&Marker::Number(1)), ((0, 0), 0)).is_none());
    // Not without its reference in the body.
    let text = "people who work alone never read rules. The meeting agreed.\n2\nguillotine is also the name of a folder.";
    let ls = numbered(text);
    assert!(find_block(&ls, &idx, &[], Some(&Marker::Number(1)), ((0, 0), 0)).is_none());
}

#[test]
fn a_weak_note_takes_its_reference_from_the_next_page() {
    let page = |second: &str| {
        format!(
            "A Title\n\nThe body of the first page has a reference here.1 And it goes\non to the end of the page, where the reader meets the notes, and\n1 The first note.\n2 a note that opens in lower case.\n\n1\n\u{c}A Title\n\n{second}\nThe second page goes on to its end.\n\n2\n\u{c}A Title\n\nThe third page.\n\n3\n"
        )
    };
    let (_, notes, _) = run(&page("rules.2 The body reads on."));
    assert_eq!(notes.len(), 2);
    assert_eq!(
        notes[1].lines[0].trimmed(),
        "a note that opens in lower case."
    );
    // No reference on the next page: the line stays with the note above.
    let (_, notes, _) = run(&page("rules. The body reads on."));
    assert_eq!(notes.len(), 1);
}

#[test]
fn a_note_in_lower_case_is_not_a_list_item_above_its_own_number() {
    let text = "the tenants.1 It bought a press.2 The list is short.\n1. a treadle press, from the old shop.\n2. a guillotine, from a stationer.\nThe order of that list is the order in which the money\n1. checked means that two members went through the book.\n2. press here means the treadle press.";
    let ls = numbered(text);
    let idx: Vec<usize> = (0..ls.len()).collect();
    let block = find_block(&ls, &idx, &[], None, ((0, 0), 0)).expect("a block");
    assert_eq!(block.start, 4);
    assert_eq!(
        block.notes,
        vec![(Marker::Number(1), 4), (Marker::Number(2), 5)]
    );
    assert!(opens_again(&ls, &idx[2..], &Marker::Number(1)));
    assert!(!opens_again(&ls, &idx[2..4], &Marker::Number(1)));
}

#[test]
fn a_lone_note_in_lower_case_after_a_sentence_is_set_wider_than_the_body() {
    let note = "1 member voted against printing them, as the count had missed the nights.";
    let text = format!("The meeting read rule 1.1 of the guide and heard the figures.\n{note}");
    let ls = numbered(&text);
    let idx: Vec<usize> = (0..ls.len()).collect();
    // Wider than the body: a note.
    let narrow = note.len() * 9 / 10;
    assert!(find_block(&ls, &idx, &[], None, ((0, 0), narrow)).is_some());
    // As wide as the body: the body's line, with its paragraph below.
    let text = format!("{text}\nnight, and the rest agreed that a second count should be made.");
    let ls = numbered(&text);
    let idx: Vec<usize> = (0..ls.len()).collect();
    assert!(find_block(&ls, &idx, &[], None, ((0, 0), note.len())).is_none());
}
