use super::*;

#[test]
fn every_built_in_language_is_complete_and_parses_alone() {
    let set = Locales::built_in();
    for tag in Locales::built_in_tags() {
        let r = set.resolve(tag);
        assert!(r.warning.is_none(), "{tag}");
        assert_eq!(r.locale.tag, tag.to_ascii_lowercase());
        // A whole language file (not one laid over another) defines every key itself.
        let text = BUILT_IN.iter().find(|(t, _)| *t == tag).unwrap().1;
        if !tag.contains('-') {
            toml::from_str::<Locale>(text).unwrap_or_else(|e| panic!("locales/{tag}.toml: {e}"));
        }
    }
}

#[test]
fn no_built_in_language_leaves_english_book_words() {
    let en = Locale::english();
    for tag in Locales::built_in_tags().filter(|t| *t != "en") {
        let l = Locales::built_in().resolve(tag).locale;
        // Words the two languages happen to share ("Notes", "Minizine") are fine;
        // a long sentence in English never is.
        for (mine, english) in [
            (&l.words.printed_with, &en.words.printed_with),
            (&l.words.made_with, &en.words.made_with),
            (&l.words.guide.saddle_fold, &en.words.guide.saddle_fold),
            (&l.words.guide.cut_piles, &en.words.guide.cut_piles),
            (&l.words.guide.octavo_staple, &en.words.guide.octavo_staple),
            (&l.words.guide.legend_head, &en.words.guide.legend_head),
            (&l.words.contents, &en.words.contents),
        ] {
            assert_ne!(mine, english, "{tag} has English words");
        }
    }
}

#[test]
fn tags_fall_back_from_region_to_language_to_english() {
    let set = Locales::built_in();
    let fr_ca = set.resolve("fr-CA");
    assert_eq!(
        (fr_ca.locale.tag.as_str(), fr_ca.warning.is_none()),
        ("fr", true)
    );
    assert_eq!(
        fr_ca.locale.quotes.primary,
        ["«".to_string(), "»".to_string()]
    );
    let pt_pt = set.resolve("pt-PT");
    assert_eq!(pt_pt.locale.quotes.primary[0], "«");
    assert_eq!(
        pt_pt.locale.words.notes, "Notas",
        "pt-PT takes the rest from pt"
    );
    let hant = set.resolve("zh-Hant-TW");
    assert_eq!(hant.locale.tag, "zh-hant");
    assert_eq!(hant.locale.quotes.primary[0], "「");
    assert!(!hant.locale.word_spaces, "from zh");
    let unknown = set.resolve("tlh");
    assert_eq!(unknown.locale.tag, "en");
    let w = unknown.warning.unwrap();
    assert!(w.contains("tlh") && w.contains("locales/tlh.toml"), "{w}");
    assert_eq!(set.resolve("EN-gb").locale.tag, "en");
}

#[test]
fn direction_and_spacing_are_data() {
    let set = Locales::built_in();
    for rtl in ["ar", "fa", "he"] {
        assert!(set.resolve(rtl).locale.is_rtl(), "{rtl}");
    }
    assert!(!set.resolve("fr").locale.is_rtl());
    assert!(!set.resolve("ja").locale.word_spaces);
    let fr = set.resolve("fr").locale;
    assert_eq!(fr.punctuation.space_before_high, "\u{202F}");
    assert_eq!(fr.quotes.inside, "\u{A0}");
    assert_eq!(
        fr.join_names(&["A".into(), "B".into(), "C".into()]),
        "A, B et C"
    );
    assert_eq!(
        set.resolve("ar")
            .locale
            .join_names(&["أ".into(), "ب".into()]),
        "أ وب"
    );
}

#[test]
fn a_project_file_overrides_keys_and_adds_languages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fr.toml"),
        "[words]\ncontents = \"Sommaire\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("eo.toml"),
        "name = \"Esperanto\"\n[words]\ncontents = \"Enhavo\"\n",
    )
    .unwrap();
    let set = Locales::load(Some(dir.path())).unwrap();
    let fr = set.resolve("fr").locale;
    assert_eq!(fr.words.contents, "Sommaire");
    assert_eq!(fr.words.notes, "Notes");
    assert_eq!(fr.quotes.primary[0], "«", "the rest stays French");
    let eo = set.resolve("eo");
    assert!(eo.warning.is_none());
    assert_eq!(eo.locale.words.contents, "Enhavo");
    assert_eq!(set.texts_for("fr").len(), 3);
}

#[test]
fn a_bad_project_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fr.toml"),
        "[words]\ncontent = \"Sommaire\"\n",
    )
    .unwrap();
    let msg = Locales::load(Some(dir.path())).unwrap_err().to_string();
    assert!(msg.contains("fr.toml") && msg.contains("content"), "{msg}");
    std::fs::write(dir.path().join("fr.toml"), "[words\n").unwrap();
    let msg = Locales::load(Some(dir.path())).unwrap_err().to_string();
    assert!(msg.contains("fr.toml:1"), "{msg}");
}

/// The `{name}` placeholders of a template, sorted.
fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

#[test]
fn guide_words_keep_the_placeholders_and_do_not_shout() {
    let guide = |text: &str| -> toml::Table {
        let v: toml::Value = toml::from_str(text).unwrap();
        v.get("words")
            .and_then(|w| w.get("guide"))
            .and_then(|g| g.as_table())
            .cloned()
            .unwrap_or_default()
    };
    let en = guide(BUILT_IN[0].1);
    for (tag, text) in BUILT_IN {
        for (key, value) in guide(text) {
            let english = en
                .get(&key)
                .unwrap_or_else(|| panic!("{tag}: unknown key {key}"));
            let texts = |v: &toml::Value| -> Vec<String> {
                match v {
                    toml::Value::Array(a) => a
                        .iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect(),
                    other => other.as_str().map(String::from).into_iter().collect(),
                }
            };
            for (mine, theirs) in texts(&value).iter().zip(texts(english).iter()) {
                let (mine_names, english_names) = (placeholders(mine), placeholders(theirs));
                if value.is_array() {
                    // A counted phrase may spell its number out ("one page").
                    assert!(
                        mine_names.iter().all(|n| english_names.contains(n)),
                        "{tag}: {key} = {mine:?}"
                    );
                } else {
                    assert_eq!(mine_names, english_names, "{tag}: {key} = {mine:?}");
                }
                // Sentence case: capitals are the exception.
                let letters = mine.chars().filter(|c| c.is_alphabetic()).count();
                let caps = mine.chars().filter(|c| c.is_uppercase()).count();
                assert!(
                    letters < 4 || caps * 4 <= letters,
                    "{tag}: {key} = {mine:?} shouts"
                );
            }
        }
    }
}
