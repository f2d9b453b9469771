//! Cases for page furniture: running heads over several lines (the title kept), page numbers with chapter titles, folios glued to words, page breaks from page numbers.

use super::*;
use crate::normalize::lines::numbered;

fn body(ls: &[Line]) -> Vec<&str> {
    ls.iter()
        .filter(|l| !l.blank())
        .map(|l| l.trimmed())
        .collect()
}

fn page(head: &[&str], body: &[&str], folio: u32) -> String {
    let mut s = String::from("\u{0c}");
    for h in head {
        s.push_str(h);
        s.push('\n');
    }
    for b in body {
        s.push_str(b);
        s.push('\n');
    }
    s.push_str(&format!("\n{folio}\n\n"));
    s
}

#[test]
fn multi_line_heads_go_and_the_title_stays() {
    let head = [
        "Notes on the Free School",
        "A history of the hall and of the people who kept it open all win-",
    ];
    let mut text = String::from(
        "Notes on the Free School\nThe first page starts here and runs on\nto its end\n\n1\n\n",
    );
    for p in 2..=5 {
        text.push_str(&page(
            &head,
            &[
                &format!("body line of page {p} that goes on"),
                "and ends here",
            ],
            p,
        ));
    }
    let mut ls = numbered(&text);
    let pages = find(&ls);
    assert_eq!(pages.breaks.len(), 4);
    let mut r = Report::default();
    strip(&mut ls, &pages, &mut r);
    let b = body(&ls);
    assert_eq!(b[0], "Notes on the Free School");
    assert_eq!(b.iter().filter(|l| l.starts_with("Notes")).count(), 1);
    assert!(!b.iter().any(|l| l.contains("win-")), "{b:?}");
    assert_eq!(
        r.removed
            .iter()
            .filter(|x| x.class == "running head removed")
            .count(),
        8
    );
    assert_eq!(
        r.removed
            .iter()
            .filter(|x| x.class == "page number removed")
            .count(),
        5
    );
    assert!(
        ls.iter()
            .find(|l| l.trimmed() == "body line of page 3 that goes on")
            .unwrap()
            .page_break
    );
}

#[test]
fn heads_with_page_numbers_and_chapter_titles() {
    // "7  Free School" / "Free School  8": the number follows the pages.
    let mut text = String::from("Title\nfirst page text\n");
    for p in 2..=6 {
        let head = if p % 2 == 0 {
            format!("{p}   Free School")
        } else {
            format!("Free School   {p}")
        };
        text.push_str(&format!("\u{0c}{head}\nbody of page {p} goes on here\n"));
    }
    let mut ls = numbered(&text);
    let pages = find(&ls);
    let mut r = Report::default();
    strip(&mut ls, &pages, &mut r);
    assert_eq!(body(&ls).len(), 7, "{:?}", body(&ls));
    // Chapter headings that open pages now and then are not heads.
    let mut text = String::from("Title\n");
    for c in 1..=4 {
        text.push_str(&format!("\u{0c}Chapter {c}\nbody of chapter {c}\n\u{0c}more of chapter {c}\n\u{0c}and more of it\n"));
    }
    let mut ls = numbered(&text);
    let pages = find(&ls);
    strip(&mut ls, &pages, &mut Report::default());
    assert_eq!(
        body(&ls)
            .iter()
            .filter(|l| l.starts_with("Chapter"))
            .count(),
        4
    );
}

#[test]
fn glued_folios_fit_the_sequence() {
    let mut text = String::new();
    for p in 1..=4 {
        let end = if p == 3 {
            format!("to the barricades{p}")
        } else {
            format!("the page ends here\n\n{p}\n")
        };
        text.push_str(&format!(
            "\u{0c}body of page {p} with a note1 in it\n{end}\n"
        ));
    }
    let mut ls = numbered(&text);
    let pages = find(&ls);
    let mut r = Report::default();
    strip(&mut ls, &pages, &mut r);
    let b = body(&ls);
    assert!(b.contains(&"to the barricades"), "{b:?}");
    assert!(b.contains(&"body of page 3 with a note1 in it"));
    assert_eq!(glued_number("barricades7"), Some(7));
    assert_eq!(glued_number("in 1917"), None);
}

#[test]
fn page_numbers_alone_make_breaks() {
    let ls = numbered("one\ntwo\n\n1\n\nthree\n\n2\n\nfour");
    let p = find(&ls);
    assert_eq!(
        p.breaks,
        vec![Break { end: 3, start: 4 }, Break { end: 7, start: 8 }]
    );
    assert_eq!(p.ranges(ls.len()), vec![(0, 3), (4, 7), (8, 10)]);
}

#[test]
fn a_title_joins_the_heading_lines_set_under_it() {
    let text = "A Call to the Tenants of the Northern\nDistricts from the Joint Committee of\nTenants' Associations\n\nThis call was adopted.";
    let mut ls = numbered(text);
    let mut r = Report::default();
    join_title(&mut ls, &[0, 1], &mut r);
    assert_eq!(body(&ls)[1], "Tenants' Associations");
    let mut ls = numbered(text);
    for l in &mut ls[..3] {
        l.heading = true;
    }
    join_title(&mut ls, &[0, 1], &mut r);
    assert_eq!(
        body(&ls),
        [
            "A Call to the Tenants of the Northern Districts from the Joint Committee of Tenants' Associations",
            "This call was adopted."
        ]
    );
}

#[test]
fn a_heading_repeated_by_a_running_head_may_carry_a_reference() {
    assert_eq!(without_reference("The first year6"), "The first year");
    assert_eq!(without_reference("The first year"), "The first year");
    // A number set apart stays.
    assert_eq!(without_reference("Chapter 12"), "Chapter 12");
    assert_eq!(without_reference("Route 128"), "Route 128");
}

#[test]
fn a_heading_the_geometry_sets_at_page_tops_is_no_running_head() {
    let mut text = String::from("Generics\nThe first page starts here\nand ends\n\n1\n\n");
    for p in 2..=5 {
        text.push_str(&page(
            &["Generics", "See also:"],
            &[&format!("structs of page {p}"), "and more"],
            p,
        ));
    }
    let see_also = |ls: &[Line]| body(ls).iter().filter(|l| **l == "See also:").count();
    // Without geometry the repeated line under the head is a head too.
    let mut ls = numbered(&text);
    let pages = find(&ls);
    strip(&mut ls, &pages, &mut Report::default());
    assert_eq!(see_also(&ls), 0);
    // Set as a heading by the PDF's geometry, it is the body's.
    let mut ls = numbered(&text);
    for l in ls.iter_mut().filter(|l| l.trimmed() == "See also:") {
        l.heading = true;
    }
    let pages = find(&ls);
    strip(&mut ls, &pages, &mut Report::default());
    assert_eq!(see_also(&ls), 4, "{:?}", body(&ls));
    assert_eq!(body(&ls).iter().filter(|l| **l == "Generics").count(), 1);
}

#[test]
fn a_label_at_page_tops_that_the_body_and_the_last_page_s_foot_repeat_stays() {
    let mut text = String::from("Flow of Control\nThe first page starts here\nand ends\n\n1\n\n");
    text.push_str(&page(
        &[
            "Flow of Control",
            "Second edition, revised",
            "",
            "See also:",
        ],
        &[
            "Iterator",
            "",
            "if/else",
            "Branching is similar.",
            "",
            "See also:",
            "enum and the RFC",
            "",
            "let-else",
            "It binds a name.",
            "Or it diverges.",
            "It ends here.",
        ],
        2,
    ));
    text.push_str(&page(
        &[
            "Flow of Control",
            "Second edition, revised",
            "",
            "See also:",
        ],
        &[
            "option and match",
            "",
            "loop",
            "Rust provides a loop.",
            "",
            "See also:",
            "enum",
        ],
        3,
    ));
    text.push('\u{0c}');
    let see_also = |ls: &[Line]| body(ls).iter().filter(|l| **l == "See also:").count();
    let mut ls = numbered(&text);
    let pages = find(&ls);
    strip(&mut ls, &pages, &mut Report::default());
    assert_eq!(see_also(&ls), 4, "{:?}", body(&ls));
    assert!(body(&ls).contains(&"Iterator"), "{:?}", body(&ls));
    assert_eq!(
        body(&ls)
            .iter()
            .filter(|l| **l == "Flow of Control")
            .count(),
        1
    );
    // Where the label stands only at the page tops, it is the head's.
    let mut text = String::from("Flow of Control\nThe first page starts here\nand ends\n\n1\n\n");
    for p in 2..=3 {
        text.push_str(&page(
            &["Flow of Control", "See also:"],
            &[
                "Iterator",
                "",
                "if/else",
                "Branching is similar.",
                "It ends here.",
            ],
            p,
        ));
    }
    text.push('\u{0c}');
    let mut ls = numbered(&text);
    let pages = find(&ls);
    strip(&mut ls, &pages, &mut Report::default());
    assert_eq!(see_also(&ls), 0, "{:?}", body(&ls));
}

#[test]
fn a_section_head_over_its_own_heading_goes_after_an_open_line() {
    // "use" heads the last page and the page sets the heading "use" under
    // it; the line before the break ("casting") has no stop, but the head
    // is no rest of it.
    let text = "Custom Types\n\nThe first page.\n\n1\n\n\u{0c}constants\n\nRust has types:\n\nconstants\nRust has two types.\n\n2\n\n\u{0c}Custom Types\n\nTo learn more.\n\nSee also:\ncasting\n\n3\n\n\u{0c}use\n\nuse\nThe use declaration avoids typing.\n\n4\n\n\u{0c}";
    let mut ls = numbered(text);
    let pages = find(&ls);
    strip(&mut ls, &pages, &mut Report::default());
    let b = body(&ls);
    assert_eq!(b.iter().filter(|l| **l == "use").count(), 1, "{b:?}");
    assert_eq!(b.iter().filter(|l| **l == "constants").count(), 1, "{b:?}");
    // A head that the page does not repeat (named once before, on the
    // first page), after a line without a stop, goes on with it.
    let text = "Custom Types\n\nuse\n\nThe first page.\n\n1\n\n\u{0c}constants\n\nRust has types:\n\nconstants\nRust has two types.\n\n2\n\n\u{0c}Custom Types\n\nTo learn more.\n\nSee also:\ncasting\n\n3\n\n\u{0c}use\n\nThe use declaration avoids typing.\n\n4\n\n\u{0c}";
    let mut ls = numbered(text);
    let pages = find(&ls);
    strip(&mut ls, &pages, &mut Report::default());
    let b = body(&ls);
    assert_eq!(b.iter().filter(|l| **l == "use").count(), 2, "{b:?}");
}
