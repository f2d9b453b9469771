//! Line breaks in text without spaces between words (Chinese, Japanese):
//! where UAX #14 allows a break between two characters at least one of which
//! is ideographic or kana, the paragraph gets a break that can also stretch
//! a little, so lines are justified by spacing the characters. UAX #14's
//! classes already keep closing punctuation off a line's start and opening
//! punctuation off its end (kinsoku); the few marks it leaves are added here.

use std::collections::HashSet;
use unicode_linebreak::{linebreaks, BreakOpportunity};
use unicode_script::{Script, UnicodeScript};

/// Byte offsets in `text` where a line may break between two characters of
/// which one is ideographic or kana; `None` when the text has none.
pub fn breaks(text: &str) -> Option<HashSet<usize>> {
    if !text.chars().any(is_cjk) {
        return None;
    }
    let allowed: HashSet<usize> = linebreaks(text)
        .filter(|(_, k)| *k == BreakOpportunity::Allowed)
        .map(|(o, _)| o)
        .collect();
    let mut out = HashSet::new();
    let mut chars = text.char_indices().peekable();
    while let Some((_, b)) = chars.next() {
        let Some(&(offset, a)) = chars.peek() else {
            break;
        };
        if b.is_whitespace()
            || a.is_whitespace()
            || !(is_cjk(b) || is_cjk(a))
            || no_line_start(a)
            || no_line_end(b)
        {
            continue;
        }
        // UAX #14 keeps the ambiguous quotation marks “ ” ‘ ’ with both
        // neighbours; between ideographs they open and close like brackets.
        let quote_opens = no_line_end(a) && is_cjk(b);
        let quote_closed = no_line_start(b) && is_cjk(a);
        if allowed.contains(&offset) || quote_opens || quote_closed {
            out.insert(offset);
        }
    }
    Some(out)
}

/// Below this code point no character is ideographic, kana, Hangul or
/// Bopomofo (U+02EA, a Bopomofo tone mark, is the first): most text is
/// answered without looking its script up.
const FIRST_CJK: char = '\u{2EA}';

/// Ideographs, kana, Hangul and the CJK punctuation and full-width forms.
pub fn is_cjk(c: char) -> bool {
    if c < FIRST_CJK {
        return false;
    }
    matches!(
        c.script(),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo
    ) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{30FC}')
}

/// Marks a line must not start with beyond UAX #14's: the prolonged sound
/// mark, small kana and the iteration marks (JIS X 4051 strict kinsoku).
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        'ー' | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | '々'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | '〻'
    ) || matches!(
        c,
        '。' | '、'
            | '，'
            | '．'
            | '：'
            | '；'
            | '？'
            | '！'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '”'
            | '’'
            | '・'
            | '…'
            | '‥'
    )
}

/// Marks a line must not end with: opening brackets and quotes.
fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '「' | '『' | '（' | '【' | '〔' | '〈' | '《' | '“' | '‘'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str) -> Vec<String> {
        let b = breaks(text).unwrap_or_default();
        let mut points: Vec<usize> = b.into_iter().collect();
        points.sort();
        let mut out = Vec::new();
        let mut from = 0;
        for p in points.into_iter().chain([text.len()]) {
            out.push(
                text.get(from..p)
                    .expect("breaks are char boundaries")
                    .to_string(),
            );
            from = p;
        }
        out
    }

    #[test]
    fn no_character_below_the_first_is_cjk_by_its_script() {
        let scripts = [
            Script::Han,
            Script::Hiragana,
            Script::Katakana,
            Script::Hangul,
            Script::Bopomofo,
        ];
        assert!(scripts.contains(&FIRST_CJK.script()));
        assert!(is_cjk(FIRST_CJK));
        let first = ('\0'..FIRST_CJK).find(|c| scripts.contains(&c.script()));
        assert_eq!(first, None, "{first:?} is CJK by its script");
    }

    #[test]
    fn latin_text_has_no_such_breaks() {
        assert!(breaks("plain words, no ideographs").is_none());
    }

    #[test]
    fn ideographs_break_between_characters_but_not_before_closing_marks() {
        assert_eq!(cuts("我们是。"), ["我", "们", "是。"]);
        assert_eq!(cuts("他说“你好”。"), ["他", "说", "“你", "好”。"]);
    }

    #[test]
    fn kinsoku_keeps_small_kana_and_long_marks_with_the_character_before() {
        assert_eq!(cuts("「ちょっと」"), ["「ちょっ", "と」"]);
        assert_eq!(cuts("コーヒー"), ["コー", "ヒー"]);
    }
}
