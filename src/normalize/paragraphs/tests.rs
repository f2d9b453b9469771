//! Unit tests of [`super`].
use super::items::{capitalised_word, opens_with_function_word};
use super::*;
use crate::normalize::lines::{numbered, WRAPPED};

fn texts(paras: &[Para]) -> Vec<String> {
    paras
        .iter()
        .map(|p| {
            p.lines
                .iter()
                .map(|l| l.trimmed())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn groups_wrapped_paragraphs() {
    let l = numbered(WRAPPED);
    let p = group(&l, super::super::lines::layout(&l));
    assert_eq!(p.len(), 3, "{:#?}", texts(&p));
    assert!(texts(&p)[1].contains("which continues here"));
}

#[test]
fn a_full_line_runs_on_across_a_page_break_into_a_capital() {
    let text = "When the tenants launched a rent strike, the teachers at Queen Victoria\nthe teachers of the neighbourhood school came out and joined them on the\nline, and then the parents followed them too, and then everyone at Queen\n\n22\n\nVictoria Public School came out in solidarity with the strike as well.\n";
    let mut lines = numbered(text);
    // The page number is furniture, blanked before grouping.
    lines[4] = Line::new(5, "");
    let paras = group(&lines, Layout::Wrapped { width: 72 });
    assert_eq!(paras.len(), 1, "{paras:?}");
}

#[test]
fn a_line_the_geometry_shows_full_runs_on_past_the_end_of_a_sentence() {
    let text = "The press came to the hall in a van borrowed from the bakery on a\n\
wet Sunday, and it stood in the back room for a week or so, unused.\n\
A crowd of six had carried it in through the side door, and nobody knew\n\
how to ink it until the printer from the docks came round to show them.\n";
    let mut l = numbered(text);
    let layout = Layout::Wrapped { width: 72 };
    assert_eq!(group(&l, layout).len(), 2);
    l[1].runs_on = true;
    assert_eq!(group(&l, layout).len(), 1);
}

#[test]
fn a_line_the_geometry_shows_ending_its_paragraph_ends_it_before_lower_case() {
    let text = "The committee met on the first Monday of each month in the back room,\n\
and at each meeting a new chair was chosen by lot from those present,\n\
as in this example,\n\
\n\
naive as it may sound, the lot was drawn from a hat by the youngest of\n\
the members present, who read the name out loud to everyone there.\n";
    let mut l = numbered(text);
    let layout = Layout::Wrapped { width: 72 };
    assert_eq!(group(&l, layout).len(), 1);
    l[2].ends = true;
    assert_eq!(group(&l, layout).len(), 2);
    // Without the blank line the page's layout puts there, too.
    let mut tight = numbered(&text.replacen("\n\n", "\n", 1));
    tight[2].ends = true;
    assert_eq!(group(&tight, layout).len(), 2);
}

#[test]
fn a_line_the_geometry_shows_set_large_is_a_paragraph_of_its_own() {
    let text = "The keywords are listed in full, with their uses, in Appendix A.\n\
\n\
Variables and Mutability\n\
\n\
As mentioned before, variables are immutable by default, which is one of\n\
the many nudges the language gives you.\n\
Continuous Integration\n\
\n\
Getting Started\n\
repr(packed) forces the type to have an alignment of at most one byte.\n";
    let mut l = numbered(text);
    for i in [2, 6, 8] {
        l[i].heading = true;
    }
    let paras = group(&l, Layout::Wrapped { width: 72 });
    let t = texts(&paras);
    assert_eq!(t.len(), 6, "{t:#?}");
    assert_eq!(t[1], "Variables and Mutability");
    assert!(t[5].starts_with("repr(packed) forces"), "{t:#?}");
}

#[test]
fn heading_lines_the_geometry_sets_one_under_the_other_are_one_heading() {
    let text = "A Call to the Tenants of the\n\
Northern Districts from the\n\
Joint Committee of Tenants'\n\
Associations\n\
\n\
This call was adopted by the delegates' meeting of the joint committee.\n";
    // (Heading lines with space between stay apart: the case above.)
    let mut l = numbered(text);
    for line in &mut l[..4] {
        line.heading = true;
    }
    let paras = group(&l, Layout::Wrapped { width: 72 });
    let t = texts(&paras);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert!(t[0].ends_with("Tenants' Associations"), "{t:#?}");
    // Short lines that open with capitals, but set large: no verse.
    assert_eq!(paras[0].kind, ParaKind::Prose);
    // The same lines set as the body are.
    let t = numbered(text);
    assert_eq!(
        group(&t, Layout::Wrapped { width: 72 })[0].kind,
        ParaKind::Verse
    );
}

#[test]
fn a_heading_the_geometry_shows_ends_a_run_of_short_lines() {
    let text = "are relative to your package\n\
root\n\
Example:\n\
\n\
MSRV: Requires 1.64+\n\
\n\
The dependencies table\n\
\n\
The workspace.dependencies table is where you define dependencies to be\n\
inherited by members of a workspace, as the next lines say at length.";
    let mut l = numbered(text);
    // The heading's kind, and whether it stands alone.
    let heading = |l: &[Line]| {
        group(l, Layout::Wrapped { width: 72 })
            .iter()
            .find(|p| p.lines.iter().any(|x| x.text == "The dependencies table"))
            .map(|p| (p.kind, p.lines.len()))
    };
    assert_eq!(heading(&l).map(|h| h.0), Some(ParaKind::Fragments));
    l[6].heading = true;
    assert_eq!(heading(&l), Some((ParaKind::Prose, 1)));
}

#[test]
fn a_title_the_geometry_sets_large_over_three_lines_is_no_verse() {
    // (Without a colon: a block with a line ending in one is no verse.)
    let text = "The Carver Street Tool Library\n\
A Report to Members after\n\
Five Years\n\
\n\
This report was asked for by the members' meeting in March, when it became\n\
clear that almost nobody who now borrows from the library knows how it\n\
began, who pays for it or why the rules are what they are, and so on.";
    let mut l = numbered(text);
    let first = |l: &[Line]| group(l, Layout::Wrapped { width: 72 })[0].kind;
    assert_eq!(first(&l), ParaKind::Verse);
    for line in &mut l[..3] {
        line.heading = true;
    }
    assert_eq!(first(&l), ParaKind::Prose);
}

#[test]
fn a_pull_quote_the_geometry_sets_apart_joins_neither_side() {
    // Across the page break the paragraph goes on ("must be" / "exhaustive.");
    // the pull quote set large between them is a paragraph of its own.
    let text = "This catch-all pattern meets the requirement that match must be\n\
\u{c}\n\
This example also meets the exhaustiveness requirement because\n\
we are explicitly ignoring all other values in the last arm.\n\
\n\
exhaustive. Note that we have to put the catch-all arm last because the\n\
patterns are evaluated in order.";
    let mut l = numbered(text);
    let t = texts(&group(&l, Layout::Wrapped { width: 72 }));
    assert!(t[0].contains("must be This example"), "{t:#?}");
    for line in &mut l[2..4] {
        line.apart = true;
    }
    let t = texts(&group(&l, Layout::Wrapped { width: 72 }));
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(
        t[1].starts_with("This example") && t[1].ends_with("last arm."),
        "{t:#?}"
    );
}

const DENSE: &str = "Why Aliasing Matters\n\
So why should we care about aliasing? It matters for the compiler a lot.\n\
Consider this simple function, which takes two references and adds one\n\
to each of them in turn.\n\
A short paragraph without a stop\n\
Another paragraph starts here and runs on to the end of the measure so\n\
that it wraps.\n\
Some questions work for almost anything, and we list them here for you:\n\
(a) Who wrote this, when, and for whom? What were they trying to get\n\
their readers to do, and did they manage it?\n\
(b) What does the text take for granted?\n\
WE CALL ON ALL PARTIES TO STRIKE TOGETHER AGAINST THE BANKERS AND THEIR\n\
GOVERNMENTS, WITHOUT DELAY AND WITHOUT EXCEPTION, SO THAT WE MAY WIN.\n\
The end of the text comes after the capitals, in a paragraph of its own.";

#[test]
fn dense_text_breaks_where_lines_stop_short() {
    let l = numbered(DENSE);
    let p = group(&l, Layout::Wrapped { width: 74 });
    let t = texts(&p);
    assert_eq!(t.len(), 9, "{t:#?}");
    assert_eq!(t[0], "Why Aliasing Matters");
    assert_eq!(t[2], "A short paragraph without a stop");
    assert!(t[3].starts_with("Another paragraph"));
    assert!(t[5].starts_with("(a) Who wrote") && t[5].ends_with("manage it?"));
    assert!(t[7].starts_with("WE CALL") && t[7].ends_with("WE MAY WIN."));
}

#[test]
fn a_heading_after_a_bulleted_item() {
    let text = "In this chapter we cover the tools that come with the language and show\n\
how they work together, with examples that you can run on your machine:\n\
• The thread API, which runs code on several threads at the same time\n\
• The Sync and Send traits, which extend the guarantees of the language\n\
to user-defined types as well as to the types of the standard library\n\
Using Threads to Run Code\n\
In most current operating systems, the code of a program is run in a\n\
process, and the operating system manages several processes at once.";
    let t = texts(&group(&numbered(text), Layout::Wrapped { width: 74 }));
    assert_eq!(t.len(), 5, "{t:#?}");
    assert_eq!(t[3], "Using Threads to Run Code");
    // Not after an item's line that leads on ("of the").
    let text = text.replace(
        "as well as to the types of the standard library",
        "as well as to the types in the library of the",
    );
    let t = texts(&group(&numbered(&text), Layout::Wrapped { width: 74 }));
    assert!(
        t[2].ends_with("library of the Using Threads to Run Code"),
        "{t:#?}"
    );
}

#[test]
fn a_line_ending_in_an_article_runs_on() {
    assert!(ends_dangling("as described in the section called How the"));
    assert!(!ends_dangling("What It Is For"));
}

#[test]
fn capital_lines() {
    assert!(is_caps_line("TRICTS"));
    assert!(is_caps_line("A CALL TO THE WORKERS OF THE NORTHERN DIS-"));
    assert!(!is_caps_line("NDP"));
    assert!(!is_caps_line("The NDP"));
}

#[test]
fn a_one_line_item_that_ends_a_sentence_ends_before_a_new_one() {
    let text =
        "The vector keeps three promises to its users, which the rest of this section keeps:\n\
• We are Send and Sync whenever the values it holds are Send and Sync.\n\
• Our pointer is never null, so an empty vector costs nothing more at all.\n\
We can keep all of these promises in stable Rust. To do this, instead of\n\
using the unstable wrapper we will use another wrapper around raw pointers.\n";
    let l = numbered(text);
    let p = group(&l, super::super::lines::layout(&l));
    assert_eq!(texts(&p).len(), 4, "{:#?}", texts(&p));
    assert!(texts(&p)[3].starts_with("We can keep"));
}

#[test]
fn an_item_goes_on_into_a_name_or_after_a_comma() {
    // "Rust" is a name, not a word that opens sentences; "Periods" follows
    // a comma. Both lines go on their items.
    let text = "Every target, whatever its tier, has to meet a few rules that the team\n\
keeps in one place, so that nobody has to look for them when a proposal\n\
comes in. The rules are short on purpose: each of them was written after\n\
a target caused trouble that a rule would have prevented. They are these:\n\
• All code added to the repository must be licensed under the standard\n\
Rust licence, as the rest of the project is, with no exception at all.\n\
• Target names may use letters, numbers, dashes and underscores, but\n\
Periods are known to cause trouble in the build system and are avoided.\n";
    let l = numbered(text);
    let p = group(&l, super::super::lines::layout(&l));
    assert_eq!(texts(&p).len(), 3, "{:#?}", texts(&p));
}

#[test]
fn words_that_open_sentences() {
    assert!(opens_with_function_word("In this chapter, we cover"));
    assert!(opens_with_function_word("We can implement"));
    assert!(!opens_with_function_word("Rust license (MIT)"));
    assert!(!opens_with_function_word("Interfaces are"));
    assert!(capitalised_word("Decompression is similar"));
    assert!(!capitalised_word("NDP members"));
    assert!(!capitalised_word("2 targets"));
}

#[test]
fn the_short_end_of_an_open_sentence_is_prose_not_a_fragment() {
    let text = "If you do not see this information, check that the compiler is in your PATH\n\
as follows.\n\
In CMD, use:\n\
echo %PATH%\n\
In PowerShell:\n";
    let l = numbered(text);
    let kinds = mark_kinds(&l, Layout::Wrapped { width: 76 });
    assert_eq!(kinds[1], ParaKind::Prose);
    assert_eq!(kinds[2], ParaKind::Fragments);
    let p = group(&l, Layout::Wrapped { width: 76 });
    assert!(
        texts(&p)[0].ends_with("in your PATH as follows."),
        "{:#?}",
        texts(&p)
    );
}

#[test]
fn short_lines_after_a_finished_sentence_are_fragments() {
    let text = "Letters for the committee can be left at the shop or sent by post to:\n\
the print shop\n\
twelve mill lane\n\
leeds\n";
    let l = numbered(text);
    let kinds = mark_kinds(&l, Layout::Wrapped { width: 72 });
    assert_eq!(kinds[1], ParaKind::Fragments);
}

#[test]
fn a_clause_ending_in_a_colon_goes_on_into_an_article() {
    let text = "Every group loses what it knew when the people who knew it leave, and\n\
the minutes rarely say why. The groups tried three ways:\n\
a decisions book, an annual letter and a habit of telling stories aloud.\n\
Each works for some things and not for others, as the next part shows.\n";
    let paras = group(&numbered(text), Layout::Wrapped { width: 72 });
    assert_eq!(paras.len(), 1, "{:#?}", texts(&paras));
    // Before a verb the example the colon introduced was left out: a new paragraph.
    let text = "Every group loses what it knew when the people who knew it leave, and\n\
the minutes rarely say why. A new scope, for example:\n\
is a block that, in this case, evaluates to four and is bound to y here.\n\
Each works for some things and not for others, as the next part shows.\n";
    let paras = group(&numbered(text), Layout::Wrapped { width: 72 });
    assert_eq!(paras.len(), 2, "{:#?}", texts(&paras));
}

#[test]
fn a_bulleted_item_of_two_sentences_runs_to_the_next_bullet() {
    let text = "The targets of this tier follow a few rules, which the team reviews.\n\
• Tier 2 targets should, if at all possible, support cross-compiling.\n\
Tier 2 targets should not require using the target as the host for\n\
builds, even if the target supports host tools.\n\
• Tier 2 targets must not impose burdens on the authors of other code.\n";
    let paras = group(&numbered(text), Layout::Wrapped { width: 72 });
    let t = texts(&paras);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(t[1].ends_with("host tools."), "{t:#?}");
    // After the last item, a paragraph of the body: no bullet follows it.
    let text = "The targets of this tier follow a few rules, which the team reviews.\n\
• Tier 2 targets should, if at all possible, support cross-compiling.\n\
Tier 2 targets should not require using the target as the host for\n\
builds, even if the target supports host tools.\n\
\n\
Tier 3 targets are those which the Rust codebase has support for.\n";
    let paras = group(&numbered(text), Layout::Wrapped { width: 72 });
    assert_eq!(paras.len(), 4, "{:#?}", texts(&paras));
    // A short item ends before the line that introduces the next list.
    let text = "The targets of this tier follow a few rules, which the team reviews.\n\
• Each arm of a match expression\n\
Drop scopes are nested within one another as follows, in this order.\n\
• The entire function scope is the outer scope of all the others.\n";
    let paras = group(&numbered(text), Layout::Wrapped { width: 72 });
    assert_eq!(paras.len(), 4, "{:#?}", texts(&paras));
}

#[test]
fn a_passage_in_capitals_goes_on_across_a_page_break() {
    // Blank lines part this text's paragraphs, so a page break may end one.
    let head = "The committee met twice in March.\n\nIt agreed on four demands.\n\n";
    let group_with = |last: &str| {
        let text = format!(
            "{head}{last}\n\n1\n\n\u{c}TO THE JOINT COMMITTEE WITHOUT DELAY, AND TO PREPARE FOR A WITHHOLDING.\n"
        );
        let mut lines = numbered(&text);
        // The folio, blanked as furniture.
        lines[6] = Line::new(7, "");
        texts(&group(&lines, Layout::Wrapped { width: 72 }))
    };
    let t =
        group_with("WE CALL ON ALL TENANTS' ASSOCIATIONS TO PUT THESE DEMANDS TO THEIR LANDLORDS");
    assert_eq!(t.len(), 3, "{t:#?}");
    // A heading in capitals before the break stays a heading.
    let t = group_with("OUR DEMANDS");
    assert_eq!(t.len(), 4, "{t:#?}");
}

#[test]
fn a_short_label_over_a_line_in_lower_case_ends_there() {
    let text = "Add a function square which takes a Point and a f32 as arguments, and\n\
returns a Rectangle with its top left corner on the point, and a width\n\
and a height as you would expect.\n\
See also\n\
attributes, raw identifiers and destructuring\n\
\n\
The use declaration can be used to avoid typing the full module path to\n\
access a name, as in the example below, which does all of it at once.\n";
    let l = numbered(text);
    let p = texts(&group(&l, Layout::Wrapped { width: 72 }));
    assert!(p.contains(&"See also".to_string()), "{p:#?}");
    // A heading wrapped after a third of the measure goes on.
    let text = text.replace("See also\n", "The members and exclude fields\n");
    let l = numbered(&text);
    let p = texts(&group(&l, Layout::Wrapped { width: 72 }));
    assert!(
        p.iter()
            .any(|t| t.starts_with("The members and exclude fields attributes")),
        "{p:#?}"
    );
}
