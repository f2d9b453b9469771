//! Cases for the document structure: bylines, epigraphs (a quote before the separator), the small line classifiers.

use super::headings::labelled_caption;
use super::*;

impl Item {
    /// A prose paragraph at `line`, nothing else marked: the tests' item.
    pub(crate) fn prose(line: usize, text: &str) -> Item {
        Item {
            line,
            text: text.into(),
            kind: ParaKind::Prose,
            leadin: false,
            bullet: false,
            set_as_heading: false,
            listed: false,
            verse_lines: Vec::new(),
        }
    }
}

#[test]
fn bylines() {
    assert_eq!(byline("by M."), Some(vec!["M.".to_string()]));
    assert_eq!(
        byline("A collaborative piece by Ayesha & B (@recycle_the_rich on IG)"),
        Some(vec!["Ayesha & B".to_string()])
    );
    assert_eq!(byline("The march went by the bar."), None);
    // Lower-casing "İ" takes more bytes: the names are still cut from the text itself.
    assert_eq!(
        byline("İİİİ Written BY Xyz Ünal"),
        Some(vec!["Xyz Ünal".to_string()])
    );
    assert_eq!(byline("By Ana"), Some(vec!["Ana".to_string()]));
}

#[test]
fn an_epigraph_needs_a_quote_before_its_separator() {
    // The separator's quote mark is the opening one: no quote, no epigraph (and no panic).
    assert_eq!(epigraph("\" - Bob"), None);
    assert_eq!(epigraph("“” - Bob"), None);
    assert_eq!(
        epigraph("\"Yes.\" — Bob"),
        Some(("Yes.".into(), "Bob".into()))
    );
}

#[test]
fn small_classifiers() {
    assert!(is_rights("anti-copyright"));
    assert!(is_salutation("With Care,"));
    assert!(!is_salutation("However,"));
    assert_eq!(
        attribution("—Rakhee Devasthali").as_deref(),
        Some("Rakhee Devasthali")
    );
    assert_eq!(
        attribution("Killer Mike, “Burn” (2011)").as_deref(),
        Some("Killer Mike, “Burn” (2011)")
    );
    assert_eq!(
        bio_name("J. Malco is a construction worker."),
        Some("J. Malco".into())
    );
    assert_eq!(bio_name("It is hard to say now why the shop closed."), None);
    assert_eq!(
        numbered("3. The enemy of my enemy"),
        Some((3, "The enemy of my enemy"))
    );
    assert_eq!(
        epigraph("“The bait is that.” - On Contesting Populism by Common Cause"),
        Some((
            "The bait is that.".into(),
            "On Contesting Populism by Common Cause".into()
        ))
    );
    assert_eq!(
        split_attribution("We can’t breathe. Ferguson Action Committee, 2014")
            .1
            .as_deref(),
        Some("Ferguson Action Committee, 2014")
    );
}

#[test]
fn a_short_text_has_its_title_over_one_paragraph() {
    let layout = Layout::Wrapped { width: 72 };
    let mut r = Report::default();
    let items = vec![
        Item::prose(1, "The Back Room Press"),
        Item::prose(2, "The press came to the hall in a van."),
    ];
    let n = build(items, layout, Vec::new(), &mut r);
    assert_eq!(n.found.title.as_deref(), Some("The Back Room Press"));
    assert_eq!(n.found.subtitle, None);
    assert_eq!(n.blocks.len(), 1);
    // One line alone is the text, not a title over nothing.
    let n = build(
        vec![Item::prose(1, "The Back Room Press")],
        layout,
        Vec::new(),
        &mut r,
    );
    assert_eq!(n.found.title, None);
}

#[test]
fn a_paragraph_a_pdf_sets_as_a_heading_is_one_whatever_its_words() {
    let layout = Layout::Wrapped { width: 72 };
    let body = "The setting controls the flag which decides whether debug information is kept in the executable or beside it.";
    let build_with = |set: bool| {
        let mut head = Item::prose(3, "split-debuginfo");
        head.set_as_heading = set;
        let items = vec![
            Item::prose(1, "Profiles"),
            Item::prose(
                2,
                "Profiles change the settings of the compiler, as this section says.",
            ),
            head,
            Item::prose(4, body),
        ];
        build(items, layout, Vec::new(), &mut Report::default()).blocks
    };
    // In lower case, its words alone make no heading.
    assert!(matches!(build_with(false)[1], Block::Paragraph(_)));
    assert!(matches!(build_with(true)[1], Block::Heading { .. }));
    // Nor does the geometry make one of a clause that leads on.
    let mut clause = Item::prose(3, "and the members who came after,");
    clause.set_as_heading = true;
    assert!(!set_heading(&clause));
}

#[test]
fn a_labelled_caption_names_its_picture_or_table() {
    assert!(labelled_caption("Figure 4-4 The representation in memory"));
    assert!(labelled_caption("Table 2: Fares by route"));
    assert!(labelled_caption("Fig. 3 The press"));
    assert!(!labelled_caption("Figures of speech"));
    assert!(!labelled_caption("Table manners at the meeting"));
}

#[test]
fn a_title_set_over_two_lines_is_one_title() {
    assert!(wrapped_title(
        "Functional Language Features:",
        "Iterators and Closures"
    ));
    assert!(wrapped_title(
        "Against the Grain: Notes on Radical Print",
        "Shops"
    ));
    // A subtitle of its own under a title without a colon.
    assert!(!wrapped_title("Notes on the Free School", "Shops"));
    // As long as a title: a subtitle, not a left-over.
    assert!(!wrapped_title(
        "Against the Grain: Notes",
        "A Pamphlet of the Print Workers"
    ));
    // A sentence after a colon is the text, not the title.
    assert!(!wrapped_title(
        "What we want:",
        "Bread and roses for everyone."
    ));
}

#[test]
fn a_sentence_heading_may_end_on_a_stranded_preposition() {
    let layout = Layout::Wrapped { width: 72 };
    let body = "The library began with a single shed and a single donation from a retired joiner on the street.";
    let build_with = |head: &str| {
        let items = vec![
            Item::prose(1, "Where we disagreed, we have said so in the text."),
            Item::prose(2, head),
            Item::prose(3, body),
        ];
        build(items, layout, Vec::new(), &mut Report::default()).blocks
    };
    assert!(matches!(
        build_with("Where the tools came from")[1],
        Block::Heading { .. }
    ));
    // An article or "of" leads on: no heading.
    assert!(matches!(
        build_with("Where the tools came out of")[1],
        Block::Paragraph(_)
    ));
    assert!(matches!(
        build_with("Where the tools came out of the")[1],
        Block::Paragraph(_)
    ));
}
