//! The font family: loading regular, italic, bold and bold italic faces and
//! a monospace face for code, and shaping text with rustybuzz (kerning,
//! ligatures, old-style figures, small caps); faces of other families come
//! from [`super::fallback`].

use super::fallback::{Fallback, FallbackConfig};
use anyhow::{bail, Context, Result};
use rustybuzz::{script, Direction, Face, Feature, ShapePlan, UnicodeBuffer};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU8, Ordering};

/// Characters below this have their coverage remembered per face (Latin,
/// Greek, Cyrillic and the like, and general punctuation: most of any text).
const COVERAGE_MEMO: usize = 0x2100;

/// The faces of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    Regular,
    Italic,
    Bold,
    BoldItalic,
    /// The monospace face of code (one face: code is never italic or bold).
    Mono,
}

impl Style {
    pub const ALL: [Style; 5] = [
        Style::Regular,
        Style::Italic,
        Style::Bold,
        Style::BoldItalic,
        Style::Mono,
    ];

    pub fn italic(self) -> Style {
        match self {
            Style::Regular | Style::Italic => Style::Italic,
            Style::Bold | Style::BoldItalic => Style::BoldItalic,
            Style::Mono => Style::Mono,
        }
    }
    pub fn bold(self) -> Style {
        match self {
            Style::Regular | Style::Bold => Style::Bold,
            Style::Italic | Style::BoldItalic => Style::BoldItalic,
            Style::Mono => Style::Mono,
        }
    }
}

/// A face and what it knows.
pub struct FontFace {
    pub file: PathBuf,
    pub data: &'static [u8],
    /// The face's index in its file (a collection holds several).
    pub index: u32,
    /// The family name it gives itself.
    pub family: String,
    pub face: Face<'static>,
    pub units_per_em: f32,
    /// Ascender and descender in em.
    pub ascender: f32,
    pub descender: f32,
    pub has_small_caps: bool,
    pub has_oldstyle: bool,
    /// Shaping plans compiled once: [normal, small caps].
    plans: [ShapePlan; 2],
    /// Whether the face has a glyph, per character below [`COVERAGE_MEMO`]:
    /// 0 not asked yet, 1 yes, 2 no.
    covered: Box<[AtomicU8]>,
}

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontFace({})", self.file.display())
    }
}

/// The loaded family, and the fallback faces for what it does not cover.
#[derive(Debug)]
pub struct Fonts {
    faces: Vec<(Style, FontFace)>,
    pub fallback: Fallback,
}

/// A face: of the family (`family` 0) or of fallback family `family`, in a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId {
    pub family: u16,
    pub style: Style,
}

impl FaceId {
    /// The family's face for a style (as resolved by [`Fonts::resolved`]).
    pub fn primary(style: Style) -> FaceId {
        FaceId { family: 0, style }
    }
}

/// How a run of text is shaped: direction, script (ISO 15924 tag) and language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shaping {
    pub rtl: bool,
    pub script: [u8; 4],
}

impl Default for Shaping {
    fn default() -> Self {
        Shaping {
            rtl: false,
            script: *b"Latn",
        }
    }
}

impl FontFace {
    /// Reads face `index` of a font file's bytes.
    pub fn open(file: PathBuf, data: &'static [u8], index: u32) -> Result<FontFace> {
        FontFace::open_as(file, data, index, false)
    }

    /// Reads face `index` of a font file's bytes; a face for code (`mono`)
    /// keeps lining figures.
    pub fn open_as(file: PathBuf, data: &'static [u8], index: u32, mono: bool) -> Result<FontFace> {
        let face = Face::from_slice(data, index).with_context(|| {
            format!(
                "{}: not a font zinepress can read (use OpenType .otf or .ttf)",
                file.display()
            )
        })?;
        let upem = face.units_per_em() as f32;
        let has_feature = |tag: &[u8; 4]| {
            face.tables().gsub.is_some_and(|g| {
                g.features
                    .index(rustybuzz::ttf_parser::Tag::from_bytes(tag))
                    .is_some()
            })
        };
        let has_small_caps = has_feature(b"smcp");
        let has_oldstyle = has_feature(b"onum") && !mono;
        let plan = |small_caps: bool| {
            let mut features: Vec<Feature> = Vec::with_capacity(2);
            if has_oldstyle {
                features.extend(Feature::from_str("onum").ok());
            }
            if small_caps && has_small_caps {
                features.extend(Feature::from_str("smcp").ok());
            }
            ShapePlan::new(
                &face,
                Direction::LeftToRight,
                Some(script::LATIN),
                None,
                &features,
            )
        };
        let plans = [plan(false), plan(true)];
        let family = super::fallback::family_name(&face).unwrap_or_else(|| {
            file.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        Ok(FontFace {
            ascender: face.ascender() as f32 / upem,
            descender: face.descender() as f32 / upem,
            has_small_caps,
            has_oldstyle,
            plans,
            covered: (0..COVERAGE_MEMO).map(|_| AtomicU8::new(0)).collect(),
            units_per_em: upem,
            family,
            index,
            file,
            data,
            face,
        })
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        let Some(memo) = self.covered.get(c as usize) else {
            return self.face.glyph_index(c).is_some();
        };
        match memo.load(Ordering::Relaxed) {
            1 => true,
            2 => false,
            _ => {
                let has = self.face.glyph_index(c).is_some();
                memo.store(if has { 1 } else { 2 }, Ordering::Relaxed);
                has
            }
        }
    }

    /// Shapes `text` in any direction and script, with the face's own
    /// figures and small capitals where it has them.
    fn shape_any(
        &self,
        small_caps: bool,
        how: Shaping,
        language: Option<&rustybuzz::Language>,
        text: &str,
    ) -> rustybuzz::GlyphBuffer {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(if how.rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        if let Some(s) = rustybuzz::Script::from_iso15924_tag(
            rustybuzz::ttf_parser::Tag::from_bytes(&how.script),
        ) {
            buffer.set_script(s);
        }
        if let Some(l) = language {
            buffer.set_language(l.clone());
        }
        let mut features: Vec<Feature> = Vec::with_capacity(2);
        if self.has_oldstyle {
            features.extend(Feature::from_str("onum").ok());
        }
        if small_caps && self.has_small_caps {
            features.extend(Feature::from_str("smcp").ok());
        }
        rustybuzz::shape(&self.face, &features, buffer)
    }

    /// The glyphs of a shaping result in this face, advances and offsets in em.
    fn glyphs(&self, out: &rustybuzz::GlyphBuffer) -> Vec<ShapedGlyph> {
        let upem = self.units_per_em;
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| ShapedGlyph {
                id: info.glyph_id as u16,
                advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                cluster: info.cluster as usize,
            })
            .collect()
    }
}

/// A buffer of `text` to shape left to right as Latin (the family's own faces).
fn latin_buffer(text: &str) -> UnicodeBuffer {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(Direction::LeftToRight);
    buffer.set_script(script::LATIN);
    buffer
}

/// A shaped glyph; advances and offsets in em.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedGlyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte offset of the glyph's cluster in the shaped text.
    pub cluster: usize,
}

/// The family shipped with zinepress (file name, bytes), used when a project
/// has no fonts/; `zinepress init` copies it into a new project.
pub const BUILT_IN: [(&str, &[u8]); 5] = [
    (
        "LinLibertine_R.otf",
        include_bytes!("../../fonts/LinLibertine_R.otf"),
    ),
    (
        "LinLibertine_RI.otf",
        include_bytes!("../../fonts/LinLibertine_RI.otf"),
    ),
    (
        "LinLibertine_RB.otf",
        include_bytes!("../../fonts/LinLibertine_RB.otf"),
    ),
    (
        "LinLibertine_RBI.otf",
        include_bytes!("../../fonts/LinLibertine_RBI.otf"),
    ),
    (BUILT_IN_MONO.0, BUILT_IN_MONO.1),
];

/// The built-in family's name in colophons.
pub const BUILT_IN_NAME: &str = "Linux Libertine";
/// Font bytes kept for the life of the process (faces borrow them), each
/// distinct file once: a process that loads the fonts again and again
/// (`zinepress watch`, once per rebuild) keeps one copy of each.
fn leak_once(bytes: Vec<u8>) -> &'static [u8] {
    static KEPT: std::sync::Mutex<Vec<&'static [u8]>> = std::sync::Mutex::new(Vec::new());
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(same) = kept.iter().find(|k| **k == bytes.as_slice()) {
        return same;
    }
    let leaked: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    kept.push(leaked);
    leaked
}

/// The monospace face used for code when a project's fonts/ has none:
/// Linux Libertine Mono, from the same family and licence.
pub const BUILT_IN_MONO: (&str, &[u8]) = (
    "LinLibertineMono.otf",
    include_bytes!("../../fonts/LinLibertineMono.otf"),
);

/// The built-in family's licence, the SIL Open Font License.
pub const BUILT_IN_LICENSE: &str = include_str!("../../fonts/OFL.txt");

impl Fonts {
    /// Loads the family in `dir` (.otf and .ttf files, faces told apart by
    /// their OS/2 flags), or the built-in family when `dir` has no fonts;
    /// fallback fonts come from the system.
    pub fn load(dir: Option<&Path>) -> Result<Fonts> {
        Fonts::load_with(dir, FallbackConfig::default())
    }

    /// Like [`Fonts::load`], with the fallback fonts zinepress.toml names.
    /// Faces in `dir` beyond the first of each style are fallback faces.
    pub fn load_with(dir: Option<&Path>, config: FallbackConfig) -> Result<Fonts> {
        let mut files: Vec<(PathBuf, &'static [u8])> = Vec::new();
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
                .with_context(|| format!("{}: cannot read the fonts folder", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "otf" | "ttf"))
                })
                .collect();
            paths.sort();
            for path in paths {
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("{}: cannot read the font", path.display()))?;
                files.push((path, leak_once(bytes)));
            }
        }
        if files.is_empty() {
            files = BUILT_IN
                .iter()
                .map(|(n, d)| (PathBuf::from(format!("<built-in>/{n}")), *d))
                .collect();
        }
        // A family without a monospace face borrows the built-in one for code.
        files.push((
            PathBuf::from(format!("<built-in>/{}", BUILT_IN_MONO.0)),
            BUILT_IN_MONO.1,
        ));
        let mut faces: Vec<(Style, FontFace)> = Vec::new();
        let mut extra: Vec<(PathBuf, &'static [u8])> = Vec::new();
        for (file, data) in files {
            let mono = is_monospace(&Face::from_slice(data, 0).with_context(|| {
                format!(
                    "{}: not a font zinepress can read (use OpenType .otf or .ttf)",
                    file.display()
                )
            })?);
            let face = FontFace::open_as(file.clone(), data, 0, mono)?;
            let style = match (mono, face.face.is_bold(), face.face.is_italic()) {
                (true, _, _) => Style::Mono,
                (false, false, false) => Style::Regular,
                (false, false, true) => Style::Italic,
                (false, true, false) => Style::Bold,
                (false, true, true) => Style::BoldItalic,
            };
            if faces.iter().any(|(s, _)| *s == style) {
                // Another face of a style the family has: a fallback face, first in
                // line; a second monospace face (the built-in one) is only for code.
                if style != Style::Mono {
                    extra.push((file, data));
                }
                continue;
            }
            faces.push((style, face));
        }
        if !faces.iter().any(|(s, _)| *s == Style::Regular) {
            bail!(
                "{}: no regular (upright, not bold) face among the fonts; add one",
                dir.map(|d| d.display().to_string()).unwrap_or_default()
            );
        }
        faces.sort_by_key(|(s, _)| *s);
        Ok(Fonts {
            faces,
            fallback: Fallback::new(extra, config),
        })
    }

    /// The face `id` names (the family's nearest style for a fallback face it cannot find).
    pub fn face_of(&self, id: FaceId) -> &FontFace {
        match id.family {
            0 => self.face(id.style),
            n => self
                .fallback
                .face(n, id.style)
                .unwrap_or_else(|| self.face(id.style)),
        }
    }

    /// The family's name as the colophon and the report give it.
    pub fn family_name(&self, family: u16) -> String {
        match family {
            0 => {
                let regular = self.face(Style::Regular);
                // The built-in family (also as a project's fonts/) goes by its short name.
                if regular.data == BUILT_IN[0].1 {
                    BUILT_IN_NAME.to_string()
                } else {
                    regular.family.clone()
                }
            }
            n => self
                .fallback
                .family(n)
                .map(|f| f.name.clone())
                .unwrap_or_default(),
        }
    }

    /// Shapes `text` in face `id` with `how`; the family's faces set
    /// left-to-right Latin text with their compiled plans.
    pub fn shape_with(
        &self,
        id: FaceId,
        small_caps: bool,
        how: Shaping,
        language: Option<&rustybuzz::Language>,
        text: &str,
    ) -> Vec<ShapedGlyph> {
        if id.family == 0 && how == Shaping::default() {
            return self.shape(id.style, small_caps, text);
        }
        let face = self.face_of(id);
        let out = face.shape_any(small_caps, how, language, text);
        face.glyphs(&out)
    }

    /// The face for a style, falling back to the nearest one the family has.
    pub fn face(&self, style: Style) -> &FontFace {
        if style == Style::Mono {
            if let Some((_, f)) = self.faces.iter().find(|(s, _)| *s == Style::Mono) {
                return f;
            }
        }
        let find = |s: Style| self.faces.iter().find(|(x, _)| *x == s).map(|(_, f)| f);
        find(style)
            .or_else(|| {
                find(match style {
                    Style::BoldItalic => Style::Bold,
                    _ => Style::Regular,
                })
            })
            .or_else(|| find(Style::Regular))
            .expect("a regular face is checked at load")
    }

    /// The style actually used for `style` (after fallback), for resource naming.
    pub fn resolved(&self, style: Style) -> Style {
        let f = self.face(style) as *const FontFace;
        self.faces
            .iter()
            .find(|(_, x)| std::ptr::eq(x, f))
            .map(|(s, _)| *s)
            .unwrap_or(Style::Regular)
    }

    pub fn faces(&self) -> impl Iterator<Item = (Style, &FontFace)> {
        self.faces.iter().map(|(s, f)| (*s, f))
    }

    /// Shapes `text` in `style`; `small_caps` turns on `smcp` where the face has it.
    pub fn shape(&self, style: Style, small_caps: bool, text: &str) -> Vec<ShapedGlyph> {
        let face = self.face(style);
        let buffer = latin_buffer(text);
        let out = rustybuzz::shape_with_plan(&face.face, &face.plans[small_caps as usize], buffer);
        face.glyphs(&out)
    }

    /// Shapes `text` in `style` with lining figures, all of one height
    /// (labels in a diagram; running text keeps the face's old-style ones).
    pub fn shape_lining(&self, style: Style, text: &str) -> Vec<ShapedGlyph> {
        let face = self.face(style);
        let buffer = latin_buffer(text);
        let features: Vec<Feature> = Feature::from_str("lnum").ok().into_iter().collect();
        let out = rustybuzz::shape(&face.face, &features, buffer);
        face.glyphs(&out)
    }

    /// Width of `text` in em.
    pub fn width(&self, style: Style, small_caps: bool, text: &str) -> f32 {
        self.shape(style, small_caps, text)
            .iter()
            .map(|g| g.advance)
            .sum()
    }
}

/// Whether a face is monospaced: its `post` table says so, or its letters
/// and stops are all one width (Linux Libertine Mono does not say so).
fn is_monospace(face: &Face) -> bool {
    if face.is_monospaced() {
        return true;
    }
    let advances: Vec<Option<u16>> = "imW."
        .chars()
        .map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)))
        .collect();
    advances.iter().all(|a| a.is_some() && *a == advances[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_family_loads_all_faces() {
        let fonts = Fonts::load(None).unwrap();
        for style in Style::ALL {
            assert_eq!(fonts.resolved(style), style);
        }
        assert!(fonts.face(Style::Regular).has_small_caps);
        let mono = fonts.face(Style::Mono);
        assert!(
            mono.file.ends_with("LinLibertineMono.otf"),
            "{}",
            mono.file.display()
        );
        assert_eq!(
            fonts.width(Style::Mono, false, "iiii"),
            fonts.width(Style::Mono, false, "WWWW")
        );
        assert_eq!(
            fonts.shape(Style::Mono, false, "fi").len(),
            2,
            "no ligatures in code"
        );
    }

    #[test]
    fn a_project_family_without_mono_borrows_the_built_in_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Serif.otf"), BUILT_IN[0].1).unwrap();
        let fonts = Fonts::load(Some(dir.path())).unwrap();
        assert_eq!(fonts.resolved(Style::Mono), Style::Mono);
        assert_eq!(fonts.resolved(Style::Bold), Style::Regular);
    }

    #[test]
    fn shaping_makes_ligatures_and_kerns() {
        let fonts = Fonts::load(None).unwrap();
        let fi = fonts.shape(Style::Regular, false, "fi");
        assert_eq!(fi.len(), 1, "fi ligature expected");
        let av = fonts.width(Style::Regular, false, "AV");
        let a = fonts.width(Style::Regular, false, "A");
        let v = fonts.width(Style::Regular, false, "V");
        assert!(av < a + v, "AV is kerned");
    }
}
