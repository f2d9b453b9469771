//! The text of Type 3 glyphs: the interpreter draws them without their character
//! codes, so the codes are read again from the content stream, in drawing order,
//! and named by the font's encoding (`/Differences` glyph names through the Adobe
//! Glyph List, else a base encoding), with the advances of its /Widths.

use hayro_interpret::CacheKey;
use hayro_syntax::content::ops::TypedInstruction;
use hayro_syntax::content::TypedIter;
use hayro_syntax::object::{Array, Dict, Name, Object, Stream};
use hayro_syntax::page::{Page, Resources};
use read_fonts::ps::agl;
use read_fonts::ps::encoding::PredefinedEncoding;
use std::collections::HashMap;
use std::rc::Rc;

/// How deep forms nest before the interpreter stops drawing them.
const MAX_DEPTH: usize = 50;

/// What a simple font's encoding says about its 256 codes.
#[derive(Debug, Clone, PartialEq)]
pub struct Type3Font {
    /// The font's key, as the interpreter keys outline fonts (its dictionary's).
    pub key: u128,
    /// Each code's glyph name as the interpreter looks it up (`/Differences`,
    /// else the base encoding's code), or `None`: codes with equal names draw
    /// the same glyph.
    names: Vec<Option<String>>,
    /// Each code's text from its glyph name; `None` when the name says nothing.
    texts: Vec<Option<String>>,
    /// Each code's advance in glyph units of 1000 to the em (/Widths times the
    /// /FontMatrix), where the font gives one.
    advances: Vec<Option<f64>>,
}

/// One code a text operator showed with a Type 3 font, once for each glyph the
/// interpreter draws for it.
#[derive(Debug, Clone)]
pub struct Shown {
    pub font: Rc<Type3Font>,
    pub code: u8,
}

impl Shown {
    /// The code's text from the font's encoding, if it has one.
    pub fn text(&self) -> Option<&str> {
        self.font.texts[self.code as usize].as_deref()
    }

    /// The code's advance in units of 1000 to the em, if the font gives one.
    pub fn advance(&self) -> Option<f64> {
        self.font.advances[self.code as usize]
    }

    /// What the interpreter draws for the code: the font and the glyph name
    /// (one glyph for equal names, and one for all codes without a name).
    pub fn glyph(&self) -> (u128, Option<&str>) {
        (
            self.font.key,
            self.font.names[self.code as usize].as_deref(),
        )
    }
}

impl Type3Font {
    /// Reads a font dictionary; `None` unless it is a Type 3 font.
    pub fn new(dict: &Dict<'_>) -> Option<Self> {
        if dict.get::<Name<'_>>(b"Subtype")?.as_ref() != b"Type3" {
            return None;
        }
        let (base, differences) = match dict.get::<Dict<'_>>(b"Encoding") {
            Some(enc) => (
                enc.get::<Name<'_>>(b"BaseEncoding")
                    .map(|n| n.as_ref().to_vec()),
                enc.get::<Array<'_>>(b"Differences")
                    .map(|a| differences(&a))
                    .unwrap_or_default(),
            ),
            None => (
                dict.get::<Name<'_>>(b"Encoding")
                    .map(|n| n.as_ref().to_vec()),
                HashMap::new(),
            ),
        };
        let base = base.as_deref().and_then(Base::of);
        let mut names = Vec::with_capacity(256);
        let mut texts = Vec::with_capacity(256);
        for code in 0..=255u8 {
            let (name, text) = match differences.get(&code) {
                Some(name) => (
                    Some(name.clone()),
                    name_text(name).or_else(|| own_code_text(name, code)),
                ),
                None => match base {
                    Some(b) => (Some(format!("#{code}")), b.text(code)),
                    None => (None, None),
                },
            };
            names.push(name);
            texts.push(text);
        }
        Some(Type3Font {
            key: dict.cache_key(),
            names,
            texts,
            advances: advances(dict),
        })
    }
}

/// A `/Differences` array: a code, then names for it and the codes after it.
fn differences(array: &Array<'_>) -> HashMap<u8, String> {
    let mut out = HashMap::new();
    let mut code: i64 = 0;
    for obj in array.iter::<Object<'_>>() {
        match obj {
            Object::Number(n) => code = n.as_i64(),
            Object::Name(name) => {
                if let Ok(c) = u8::try_from(code) {
                    out.insert(c, name.as_str().to_string());
                }
                code += 1;
            }
            _ => {}
        }
    }
    out
}

/// The text a glyph name stands for by the Adobe Glyph List (`a`, `period`,
/// `f_i`), or by its `uniXXXX` / `uXXXX[XX]` form; `None` for any other name.
pub fn name_text(name: &str) -> Option<String> {
    let text: String = agl::name_to_chars(name).collect();
    (!text.is_empty() && !text.chars().any(char::is_control)).then_some(text)
}

/// The text of a glyph named by its own code: a letter and the code in
/// decimal (`/a97` at code 97, as pdfTeX names the glyphs of its bitmap
/// fonts, whose codes are TeX's text encodings, OT1 or T1). Such a name says
/// no more than the code, so only the codes those encodings agree on read:
/// letters, digits, the quotes (’ and ‘ at ASCII's ' and `) and the
/// punctuation they share with ASCII. Names numbered otherwise (`/a1`, `/a2`
/// in order of use) and other codes stay without text.
pub fn own_code_text(name: &str, code: u8) -> Option<String> {
    let mut chars = name.chars();
    let first = chars.next()?;
    let digits = chars.as_str();
    if !first.is_ascii_alphabetic()
        || digits.is_empty()
        || digits.len() > 3
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
        || digits.parse::<u32>().ok()? != u32::from(code)
    {
        return None;
    }
    let c = match code {
        b'\'' => '\u{2019}',
        b'`' => '\u{2018}',
        b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' => code as char,
        b'!' | b'#' | b'%' | b'&' | b'(' | b')' | b'*' | b'+' | b',' | b'-' | b'.' | b'/'
        | b':' | b';' | b'=' | b'?' | b'@' | b'[' | b']' => code as char,
        _ => return None,
    };
    Some(c.to_string())
}

/// Each code's advance in glyph units of 1000 to the em.
fn advances(dict: &Dict<'_>) -> Vec<Option<f64>> {
    let mut out = vec![None; 256];
    let scale = dict
        .get::<[f64; 6]>(b"FontMatrix")
        .map(|m| m[0])
        .unwrap_or(0.001);
    let (Some(first), Some(widths)) = (
        dict.get::<usize>(b"FirstChar"),
        dict.get::<Array<'_>>(b"Widths"),
    ) else {
        return out;
    };
    for (i, w) in widths.iter::<f64>().enumerate() {
        if let Some(slot) = out.get_mut(first + i) {
            let units = w * scale * 1000.0;
            *slot = (units.is_finite() && units > 0.0).then_some(units);
        }
    }
    out
}

/// A base encoding of a simple font.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Base {
    Standard,
    WinAnsi,
}

impl Base {
    fn of(name: &[u8]) -> Option<Base> {
        match name {
            b"StandardEncoding" => Some(Base::Standard),
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            _ => None,
        }
    }

    /// A code's text in the encoding.
    fn text(self, code: u8) -> Option<String> {
        match self {
            Base::Standard => {
                let name = PredefinedEncoding::Standard.name(code);
                (!name.is_empty() && name != ".notdef")
                    .then(|| name_text(name))
                    .flatten()
            }
            Base::WinAnsi => win_ansi(code).map(String::from),
        }
    }
}

/// WinAnsiEncoding: Windows code page 1252 from space on.
fn win_ansi(code: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    match code {
        0x20..=0x7e | 0xa0..=0xff => Some(code as char),
        0x80..=0x9f => Some(HIGH[(code - 0x80) as usize]).filter(|c| *c != '\0'),
        _ => None,
    }
}

/// The codes a page shows with Type 3 fonts, in the order the interpreter
/// draws their glyphs (forms drawn where they are called, twice for a glyph
/// both filled and stroked, never for one that only clips).
pub fn shown_on(page: &Page<'_>) -> Vec<Shown> {
    let mut walk = Walk {
        fonts: HashMap::new(),
        states: vec![State::default()],
        out: Vec::new(),
    };
    walk.ops(page.typed_operations(), page.resources(), 0);
    walk.out
}

/// The text state a content stream walk keeps: the Type 3 font in use (`None`
/// for another font) and how many times each glyph is drawn.
#[derive(Clone)]
struct State {
    font: Option<Rc<Type3Font>>,
    draws: usize,
}

impl Default for State {
    fn default() -> Self {
        State {
            font: None,
            draws: 1,
        }
    }
}

struct Walk {
    fonts: HashMap<u128, Option<Rc<Type3Font>>>,
    states: Vec<State>,
    out: Vec<Shown>,
}

impl Walk {
    fn state(&mut self) -> &mut State {
        self.states.last_mut().expect("a walk keeps one state")
    }

    fn ops(&mut self, mut ops: TypedIter<'_>, resources: &Resources<'_>, depth: usize) {
        let entered = self.states.len();
        let top = self.state().clone();
        self.states.push(top);
        while let Some(op) = ops.next() {
            match op {
                TypedInstruction::SaveState(_) => {
                    let top = self.state().clone();
                    self.states.push(top);
                }
                TypedInstruction::RestoreState(_) => {
                    if self.states.len() > 1 {
                        self.states.pop();
                    }
                }
                TypedInstruction::TextFont(t) => {
                    let font = resources.get_font(t.0).and_then(|d| self.font(&d));
                    self.state().font = font;
                }
                TypedInstruction::TextRenderingMode(r) => {
                    self.state().draws = match r.0.as_i64() {
                        2 | 6 => 2,
                        7 => 0,
                        _ => 1,
                    };
                }
                TypedInstruction::ShowText(s) => self.show(s.0.as_bytes()),
                TypedInstruction::NextLineAndShowText(s) => self.show(s.0.as_bytes()),
                TypedInstruction::ShowTextWithParameters(s) => self.show(s.2.as_bytes()),
                TypedInstruction::ShowTexts(a) => {
                    for obj in a.0.iter::<Object<'_>>() {
                        if let Object::String(s) = obj {
                            self.show(s.as_bytes());
                        }
                    }
                }
                TypedInstruction::XObject(x) => {
                    if depth + 1 < MAX_DEPTH {
                        if let Some(form) = resources.get_x_object(x.0) {
                            self.form(&form, resources, depth + 1);
                        }
                    }
                }
                _ => {}
            }
        }
        self.states.truncate(entered.max(1));
    }

    /// A form XObject, drawn as the interpreter draws it (one with a /BBox).
    fn form(&mut self, form: &Stream<'_>, resources: &Resources<'_>, depth: usize) {
        let dict = form.dict();
        if dict.get::<Name<'_>>(b"Subtype").as_deref() != Some(&b"Form"[..])
            || dict.get::<[f32; 4]>(b"BBox").is_none()
        {
            return;
        }
        let Ok(data) = form.decoded() else {
            return;
        };
        let inner = Resources::from_parent(
            dict.get::<Dict<'_>>(b"Resources").unwrap_or_default(),
            resources.clone(),
        );
        let top = self.state().clone();
        self.states.push(top);
        self.ops(TypedIter::new(data.as_ref()), &inner, depth);
        self.states.pop();
    }

    fn font(&mut self, dict: &Dict<'_>) -> Option<Rc<Type3Font>> {
        self.fonts
            .entry(dict.cache_key())
            .or_insert_with(|| Type3Font::new(dict).map(Rc::new))
            .clone()
    }

    fn show(&mut self, bytes: &[u8]) {
        let State { font, draws } = self.state().clone();
        let Some(font) = font else {
            return;
        };
        for &code in bytes {
            for _ in 0..draws {
                self.out.push(Shown {
                    font: font.clone(),
                    code,
                });
            }
        }
    }
}

/// Pairs the Type 3 glyphs the interpreter draws with the codes the walk read,
/// one by one, and checks the pairing: equal glyph keys must pair with equal
/// glyphs of the walk and unequal with unequal.
#[derive(Default)]
pub struct Pairing {
    shown: Vec<Shown>,
    next: usize,
    failed: bool,
    by_key: HashMap<u128, (u128, Option<String>)>,
    by_glyph: HashMap<(u128, Option<String>), u128>,
}

impl Pairing {
    pub fn new(shown: Vec<Shown>) -> Self {
        Pairing {
            shown,
            ..Pairing::default()
        }
    }

    /// The code of the next Type 3 glyph drawn, whose glyph key (the
    /// interpreter's cache key of the glyph) is `key`; `None` once the pairing
    /// has failed.
    pub fn next(&mut self, key: u128) -> Option<Shown> {
        let shown = self.shown.get(self.next).cloned();
        self.next += 1;
        let Some(shown) = shown else {
            self.failed = true;
            return None;
        };
        let (font, name) = shown.glyph();
        let glyph = (font, name.map(String::from));
        let same_key = self.by_key.entry(key).or_insert_with(|| glyph.clone()) == &glyph;
        let same_glyph = *self.by_glyph.entry(glyph).or_insert(key) == key;
        self.failed |= !(same_key && same_glyph);
        (!self.failed).then_some(shown)
    }

    /// Whether every glyph drawn paired with a code and every code with a
    /// glyph, consistently.
    pub fn held(&self) -> bool {
        !self.failed && self.next == self.shown.len()
    }
}

#[cfg(test)]
mod tests;
