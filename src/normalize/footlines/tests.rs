//! Unit tests of [`super`].
use super::*;
use crate::normalize::lines::numbered;

#[test]
fn a_run_over_note_starts_where_the_width_steps_up() {
    // Body lines of 69-74 letters above note lines of 79-83, the last short.
    assert_eq!(
        width_step(&[74, 71, 74, 70, 69, 73, 71, 83, 79, 40], true),
        7
    );
    // Note lines all about as wide: no step, the whole run.
    assert_eq!(width_step(&[85, 80, 86, 30], true), 0);
    // One line above the last wider than the rest is no step.
    assert_eq!(width_step(&[74, 71, 90, 40], true), 0);
    assert_eq!(width_step(&[80, 40], true), 0);
}

#[test]
fn a_run_over_note_among_body_lines_as_long_starts_where_the_mean_steps_up() {
    // Body lines of 70-77 letters (one of two lines joined, 130) above
    // note lines of 83 and 78, the last joined too.
    assert_eq!(width_step(&[74, 77, 130, 73, 70, 72, 83, 78, 161], true), 6);
    // Note lines that vary as much as body lines do: no step.
    assert_eq!(width_step(&[82, 78, 85, 80, 84, 40], true), 0);
    // A run set off by a blank line is not searched by the mean.
    assert_eq!(width_step(&[74, 74, 72, 220, 72, 79, 76, 30], false), 0);
    assert_eq!(width_step(&[74, 74, 72, 220, 72, 79, 76, 30], true), 5);
}

#[test]
fn a_marker_after_its_note_set_off_by_width() {
    let body = "the body line of a page goes on to the measure of about";
    let note = "A note set smaller, so that its lines are longer than the lines of the body";
    let mut p = numbered(&format!("{body}\n{body}\n{body}\n{note}\nand short.\n§"));
    attach_lone_markers(&mut p, body.len(), None);
    assert_eq!(p[3].text, format!("§ {note}"));
    assert!(p[5].blank());
    // Without the width, nothing tells the note from the body.
    let mut p = numbered(&format!("{body}\n{body}\n{body}\nA line of the body.\n§"));
    attach_lone_markers(&mut p, body.len(), None);
    assert_eq!(p[4].text, "§");
}

#[test]
fn a_marker_after_its_note_set_off_by_the_sentence_it_cuts() {
    let body = "the body line of a page goes on to the measure of about";
    let text = format!("{body}.\n{body}\nThe note, as wide as the body, ends a sentence.\nIt goes on to its end.\n§");
    let mut p = numbered(&text);
    attach_lone_markers(&mut p, body.len() + 10, Some("and the body goes on"));
    assert_eq!(
        p[2].text,
        "§ The note, as wide as the body, ends a sentence."
    );
    assert!(p[4].blank());
    // The next page starts a sentence: nothing says where the note starts.
    let mut p = numbered(&text);
    attach_lone_markers(&mut p, body.len() + 10, Some("A new sentence"));
    assert_eq!(p[4].text, "§");
}

#[test]
fn a_letter_on_its_own_line_opens_its_note() {
    let body = "the body line of a page goes on to the measure of about";
    let mut p = numbered(&format!(
        "{body}
{body}.a And on

a
The note itself.
"
    ));
    attach_lone_markers(&mut p, body.len(), None);
    assert_eq!(p[4].text, "a The note itself.");
    // Not before a line that goes on in lower case.
    let mut p = numbered(&format!(
        "{body}
a
line of the body.
"
    ));
    attach_lone_markers(&mut p, body.len(), None);
    assert_eq!(p[1].text, "a");
}

#[test]
fn a_letter_left_after_the_notes_goes_between_its_neighbours() {
    let body = "the body line of a page goes on to the measure of about";
    let a = "a Groups of tenants, claimants and strikers, and a few choirs as well.";
    let text = format!("{body}\n{a}\nThe floor is where things get trodden on, and so on.\nc One volunteer put a letter with the leaflets.\nb");
    let mut p = numbered(&text);
    attach_lone_markers(&mut p, body.len(), None);
    assert_eq!(
        p[2].text,
        "b The floor is where things get trodden on, and so on."
    );
    assert!(p[4].blank());
    // Two places where a sentence opens, neither after a short line:
    // nothing says which is the note's.
    let long = "a Groups of tenants and strikers went on and on, and a few choirs too.";
    let text = format!("{body}\n{long}\nThe floor is where things get trodden on, and so on and on, it is so.\nThe big table has a raised edge so that nothing slides off it at all.\nc One volunteer put a letter with the leaflets.\nb");
    let p = numbered(&text);
    let above: Vec<usize> = (0..5).collect();
    assert_eq!(between_notes(&p, &above, "b", body.len()), None);
    assert_eq!(between_notes(&p, &above[..2], "b", body.len()), None);
}

#[test]
fn markers_left_after_their_notes_open_them_in_order() {
    let body = "the body line of a page goes on to the measure of about";
    let notes = "For more on Clippy, see its documentation.\nTo help with editors, the community recommends rust-analyzer. It\nspeaks a protocol.";
    let mut p = numbered(&format!("{body}\n{body}\n\n{notes}\n*\n\n†"));
    attach_lone_markers(&mut p, body.len(), None);
    assert_eq!(p[3].text, "* For more on Clippy, see its documentation.");
    assert!(p[4].text.starts_with("† To help"));
    assert!(p[6].blank() && p[8].blank());
    // Markers out of their series' order are left alone.
    let mut p = numbered(&format!("{body}\n{body}\n\n{notes}\n*\n\n‡"));
    attach_lone_markers(&mut p, body.len(), None);
    assert_eq!(p[3].text, "For more on Clippy, see its documentation.");
    // Three openings for two markers, none after a short line: left.
    let notes = "For more on Clippy, see its documentation, which is long enough.\nTo help with editors, the community recommends rust-analyzer too.\nIt speaks a protocol.";
    let mut p = numbered(&format!("{body}\n{body}\n\n{notes}\n*\n\n†"));
    attach_marker_run(&mut p, body.len());
    assert_eq!(p[6].text, "*");
}

#[test]
fn lines_set_smaller_have_a_measure_of_their_own() {
    let body = "a line of the body that goes on to about here";
    let note = "a line of a note set smaller, so that it holds more letters";
    let joined = format!("{body} {body}");
    let p = numbered(&format!("{body}\n{note}\n{note}\n{note}.\n{body}"));
    let m = local_measures(&p, body.len());
    assert_eq!(
        m,
        vec![body.len(), note.len(), note.len(), note.len(), body.len()]
    );
    // One long line among the body's: two lines joined, the body's measure.
    let p = numbered(&format!("{body}\n{joined}\n{body}"));
    assert_eq!(local_measures(&p, body.len()), vec![body.len(); 3]);
    // A run of joined lines is no measure either.
    let p = numbered(&format!("{joined}\n{joined}\n{joined}"));
    assert_eq!(local_measures(&p, body.len()), vec![body.len(); 3]);
    // A note of two lines set smaller: their own measure; not without
    // the marker that opens a note, nor two lines joined after one.
    let p = numbered(&format!("{body}\n*{note}\n{note}.\n{body}"));
    let m = local_measures(&p, body.len());
    assert_eq!(
        m,
        vec![body.len(), note.len() + 1, note.len() + 1, body.len()]
    );
    let p = numbered(&format!("{body}\n{note}\n{note}.\n{body}"));
    assert_eq!(local_measures(&p, body.len()), vec![body.len(); 4]);
    let p = numbered(&format!("{body}\n*{joined}\n{body}"));
    assert_eq!(local_measures(&p, body.len()), vec![body.len(); 3]);
}

#[test]
fn a_marker_after_its_note_set_off_by_a_blank_line() {
    let body = "the body line of a page goes on to the measure of about";
    let mut p = numbered(&format!("{body}\n{body}\n\nThe note.\n*"));
    attach_lone_markers(&mut p, body.len(), None);
    assert_eq!(p[3].text, "* The note.");
}
