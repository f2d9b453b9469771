//! Font fallback: a face for every character the family does not cover.
//!
//! The order is the project's own first, then what the project names, then
//! the system: faces in `fonts/` beyond the family, then the fonts
//! zinepress.toml's `[fonts]` names for the zine's language or for the
//! character's script (family names or files), then the system's fonts
//! (fontconfig's folders, read with fontdb): the language's own families
//! (its locale file's `fonts`), the script's families
//! (`locales/scripts/fonts.toml`), then any system face that has the
//! character, in a fixed order. Choices are cached per character and
//! language; faces are loaded once per process and kept.

use super::fonts::{FontFace, Style};
use crate::lang::{scripts, Locale};
use anyhow::Result;
use rustc_hash::FxHashMap as HashMap;
use rustybuzz::ttf_parser;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use unicode_script::UnicodeScript;

/// What zinepress.toml says about fallback fonts: `[fonts]` keys (a script
/// code like "Arab", or a language tag) to family names or font files.
#[derive(Debug, Clone, Default)]
pub struct FallbackConfig {
    pub entries: BTreeMap<String, Vec<String>>,
    /// Files are named relative to this folder (the project).
    pub root: PathBuf,
}

/// Where a fallback family comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A face in the project's `fonts/` beyond the family.
    Project,
    /// Named in zinepress.toml's `[fonts]`.
    Configured,
    /// Found among the system's fonts.
    System,
}

/// A fallback family: the faces of one family name.
#[derive(Debug)]
pub struct Family {
    pub name: String,
    pub origin: Origin,
    slots: Vec<Slot>,
}

#[derive(Debug)]
struct Slot {
    style: Style,
    /// How far its weight is from the style's (400 or 700), to pick between faces of one style.
    weight_gap: u16,
    path: PathBuf,
    index: u32,
    data: Option<&'static [u8]>,
    face: OnceLock<Option<&'static FontFace>>,
}

impl Family {
    /// The face nearest `style`: the same style, else the other weight, else the other slant.
    pub fn face(&self, style: Style, files: &Files) -> Option<&'static FontFace> {
        let score = |s: &Slot| {
            let bold = matches!(s.style, Style::Bold | Style::BoldItalic)
                != matches!(style, Style::Bold | Style::BoldItalic);
            let italic = matches!(s.style, Style::Italic | Style::BoldItalic)
                != matches!(style, Style::Italic | Style::BoldItalic);
            (italic as u8 * 2 + bold as u8, s.weight_gap)
        };
        let mut order: Vec<&Slot> = self.slots.iter().collect();
        order.sort_by_key(|s| score(s));
        order.into_iter().find_map(|s| s.load(files))
    }

    /// Whether the family's upright face has a glyph for `c`.
    pub fn covers(&self, c: char, files: &Files) -> bool {
        self.face(Style::Regular, files)
            .is_some_and(|f| f.covers(c))
    }

    /// The family's font files, in order (for the report).
    pub fn files(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = self.slots.iter().map(|s| s.path.clone()).collect();
        out.sort();
        out.dedup();
        out
    }
}

impl Slot {
    fn load(&self, files: &Files) -> Option<&'static FontFace> {
        *self.face.get_or_init(|| {
            // Faces are kept for the process, each once: `zinepress watch`
            // loads the fonts again for every rebuild. Bytes given (a
            // project's font, kept once per content) are part of the key.
            type Kept = Mutex<HashMap<(PathBuf, u32, usize), Option<&'static FontFace>>>;
            static FACES: OnceLock<Kept> = OnceLock::new();
            let key = (
                self.path.clone(),
                self.index,
                self.data.map_or(0, |d| d.as_ptr() as usize),
            );
            if let Some(kept) = FACES
                .get_or_init(Default::default)
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&key)
            {
                return *kept;
            }
            let data = match self.data {
                Some(d) => d,
                None => files.read(&self.path)?,
            };
            let face = FontFace::open(self.path.clone(), data, self.index)
                .ok()
                .map(|f| &*Box::leak(Box::new(f)));
            FACES
                .get_or_init(Default::default)
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key, face);
            face
        })
    }
}

/// Font files read once per process, by path.
#[derive(Default)]
pub struct Files;

impl Files {
    fn read(&self, path: &Path) -> Option<&'static [u8]> {
        static READ: OnceLock<Mutex<HashMap<PathBuf, Option<&'static [u8]>>>> =
            std::sync::OnceLock::new();
        let mut files = READ
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        *files.entry(path.to_path_buf()).or_insert_with(|| {
            std::fs::read(path)
                .ok()
                .map(|b| &*Box::leak(b.into_boxed_slice()))
        })
    }
}

/// The fallback fonts of a project, found as they are needed.
pub struct Fallback {
    config: FallbackConfig,
    files: Files,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Family `id` is at `id - 1`; 0 is the project's family.
    families: Vec<Arc<Family>>,
    /// The project's extra faces grouped into families, first in line.
    project: Vec<u16>,
    /// A configured entry or a family name → its family.
    named: HashMap<String, Option<u16>>,
    /// (character, language tag) → the family chosen.
    choice: HashMap<(char, String), Option<u16>>,
    system: Option<Arc<fontdb::Database>>,
}

impl std::fmt::Debug for Fallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fallback({:?})", self.config.entries)
    }
}

impl Fallback {
    /// Fallback over the project's extra faces (path, bytes) and the configured fonts.
    pub fn new(extra: Vec<(PathBuf, &'static [u8])>, config: FallbackConfig) -> Fallback {
        let fallback = Fallback {
            config,
            files: Files::default(),
            state: Mutex::default(),
        };
        {
            let mut state = fallback.state();
            let mut groups: BTreeMap<String, Vec<Slot>> = BTreeMap::new();
            for (path, data) in extra {
                let Ok(face) = ttf_parser::Face::parse(data, 0) else {
                    continue;
                };
                let name = family_name(&face).unwrap_or_else(|| {
                    path.file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default()
                });
                let style = style_of(face.is_bold(), face.is_italic());
                groups.entry(name).or_default().push(Slot {
                    style,
                    weight_gap: 0,
                    path,
                    index: 0,
                    data: Some(data),
                    face: OnceLock::new(),
                });
            }
            for (name, slots) in groups {
                let id = push(
                    &mut state,
                    Family {
                        name,
                        origin: Origin::Project,
                        slots,
                    },
                );
                state.project.push(id);
            }
        }
        fallback
    }

    /// The family for `c` in text of the language `lang` (its data in `locale`),
    /// or `None` when no font at hand has it.
    pub fn family_for(&self, c: char, lang: &str, locale: &Locale) -> Option<u16> {
        let key = (c, lang.to_string());
        if let Some(hit) = self.state().choice.get(&key) {
            return *hit;
        }
        let found = self.find(c, lang, locale);
        self.state().choice.insert(key, found);
        found
    }

    fn find(&self, c: char, lang: &str, locale: &Locale) -> Option<u16> {
        let project: Vec<u16> = self.state().project.clone();
        if let Some(id) = project.into_iter().find(|id| self.covers(*id, c)) {
            return Some(id);
        }
        let script = c.script().short_name();
        // zinepress.toml: the language, from the most specific tag, then the script.
        let parts: Vec<String> = lang.split('-').map(str::to_ascii_lowercase).collect();
        let mut keys: Vec<String> = (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("-"))
            .collect();
        keys.push(script.to_ascii_lowercase());
        for key in keys {
            let entries: Vec<String> = self
                .config
                .entries
                .iter()
                .filter(|(k, _)| k.to_ascii_lowercase() == key)
                .flat_map(|(_, v)| v.clone())
                .collect();
            for entry in entries {
                if let Some(id) = self.configured(&entry).filter(|id| self.covers(*id, c)) {
                    return Some(id);
                }
            }
        }
        // The system's: the language's families, the script's, then any.
        for name in locale.fonts.iter().chain(scripts::families(script)) {
            if let Some(id) = self.system_family(name).filter(|id| self.covers(*id, c)) {
                return Some(id);
            }
        }
        self.any_system_family(c)
    }

    /// A configured entry: a font file (relative to the project) or a system family name.
    fn configured(&self, entry: &str) -> Option<u16> {
        if !is_font_file(entry) {
            return self.system_family(entry);
        }
        let key = format!("file:{entry}");
        if let Some(hit) = self.state().named.get(&key) {
            return *hit;
        }
        let path = self.config.root.join(entry);
        let family = self.files.read(&path).and_then(|data| {
            let face = ttf_parser::Face::parse(data, 0).ok()?;
            let name = family_name(&face).unwrap_or_else(|| entry.to_string());
            let style = style_of(face.is_bold(), face.is_italic());
            Some(Family {
                name,
                origin: Origin::Configured,
                slots: vec![Slot {
                    style,
                    weight_gap: 0,
                    path: path.clone(),
                    index: 0,
                    data: Some(data),
                    face: OnceLock::new(),
                }],
            })
        });
        let mut state = self.state();
        let id = family.map(|f| push(&mut state, f));
        state.named.insert(key, id);
        id
    }

    /// The system family called `name` (any of its names, any case).
    fn system_family(&self, name: &str) -> Option<u16> {
        let key = format!("family:{}", name.to_lowercase());
        if let Some(hit) = self.state().named.get(&key) {
            return *hit;
        }
        let db = self.system();
        let mut slots: Vec<Slot> = db
            .faces()
            .filter(|f| f.families.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)))
            .filter_map(|f| {
                let (path, data) = source_of(&db, f)?;
                let style = style_of(f.weight.0 >= 600, f.style != fontdb::Style::Normal);
                let target: u16 = if matches!(style, Style::Bold | Style::BoldItalic) {
                    700
                } else {
                    400
                };
                let stretch_gap = (f.stretch.to_number() as i32 - 5).unsigned_abs() as u16 * 1000;
                Some(Slot {
                    style,
                    weight_gap: stretch_gap + f.weight.0.abs_diff(target),
                    path,
                    index: f.index,
                    data,
                    face: OnceLock::new(),
                })
            })
            .collect();
        slots.sort_by(|a, b| {
            (a.weight_gap, &a.path, a.index).cmp(&(b.weight_gap, &b.path, b.index))
        });
        let found_name = db
            .faces()
            .find(|f| f.families.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)))
            .map(|f| f.families[0].0.clone());
        let mut state = self.state();
        let id = (!slots.is_empty()).then(|| {
            push(
                &mut state,
                Family {
                    name: found_name.unwrap_or_else(|| name.to_string()),
                    origin: Origin::System,
                    slots,
                },
            )
        });
        state.named.insert(key, id);
        id
    }

    /// The first system family (by name, then file) with an upright face that has `c`.
    fn any_system_family(&self, c: char) -> Option<u16> {
        let db = self.system();
        let mut faces: Vec<&fontdb::FaceInfo> = db
            .faces()
            .filter(|f| f.style == fontdb::Style::Normal && f.weight.0 < 600)
            .collect();
        faces.sort_by(|a, b| {
            (
                &a.families.first().map(|f| f.0.as_str()),
                source_path(a),
                a.index,
            )
                .cmp(&(
                    &b.families.first().map(|f| f.0.as_str()),
                    source_path(b),
                    b.index,
                ))
        });
        let hit = faces.into_iter().find(|f| {
            db.with_face_data(f.id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .ok()
                    .and_then(|face| face.glyph_index(c))
                    .is_some()
            })
            .unwrap_or(false)
        })?;
        let name = hit.families.first()?.0.clone();
        self.system_family(&name)
    }

    /// The system's font database, read once.
    fn system(&self) -> Arc<fontdb::Database> {
        if let Some(db) = &self.state().system {
            return Arc::clone(db);
        }
        let db = Arc::new(system_fonts());
        self.state().system.get_or_insert(db).clone()
    }

    /// The cached choices and families (usable after a panic elsewhere).
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Fallback family `id` (1-based).
    pub fn family(&self, id: u16) -> Option<Arc<Family>> {
        let state = self.state();
        state.families.get(usize::from(id).checked_sub(1)?).cloned()
    }

    /// The face of fallback family `id` nearest `style`.
    pub fn face(&self, id: u16, style: Style) -> Option<&'static FontFace> {
        self.family(id)?.face(style, &self.files)
    }

    /// Whether family `id` has `c`.
    pub fn covers(&self, id: u16, c: char) -> bool {
        self.family(id).is_some_and(|f| f.covers(c, &self.files))
    }
}

fn push(state: &mut State, family: Family) -> u16 {
    state.families.push(Arc::new(family));
    state.families.len() as u16
}

/// The system's fonts: fontconfig's folders (and the usual ones where there is no fontconfig).
fn system_fonts() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    db
}

fn source_path(f: &fontdb::FaceInfo) -> Option<&Path> {
    match &f.source {
        fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => Some(p.as_path()),
        fontdb::Source::Binary(_) => None,
    }
}

/// The path of a system face and, when the file is mapped, its bytes (kept for the process).
fn source_of(
    db: &fontdb::Database,
    f: &fontdb::FaceInfo,
) -> Option<(PathBuf, Option<&'static [u8]>)> {
    match db.face_source(f.id)?.0 {
        fontdb::Source::File(p) => Some((p, None)),
        fontdb::Source::SharedFile(p, data) => {
            let kept: &'static Arc<dyn AsRef<[u8]> + Sync + Send> = Box::leak(Box::new(data));
            Some((p, Some((**kept).as_ref())))
        }
        fontdb::Source::Binary(_) => None,
    }
}

fn style_of(bold: bool, italic: bool) -> Style {
    match (bold, italic) {
        (false, false) => Style::Regular,
        (false, true) => Style::Italic,
        (true, false) => Style::Bold,
        (true, true) => Style::BoldItalic,
    }
}

/// A face's family name: the typographic family (name 16), else the family (name 1), in English.
pub fn family_name(face: &ttf_parser::Face) -> Option<String> {
    let names = face.names();
    for id in [
        ttf_parser::name_id::TYPOGRAPHIC_FAMILY,
        ttf_parser::name_id::FAMILY,
    ] {
        let found = names
            .into_iter()
            .filter(|n| n.name_id == id && n.is_unicode())
            .find(|n| n.language() == ttf_parser::Language::English_UnitedStates)
            .or_else(|| {
                names
                    .into_iter()
                    .find(|n| n.name_id == id && n.is_unicode())
            });
        if let Some(name) = found.and_then(|n| n.to_string()) {
            return Some(name);
        }
    }
    None
}

/// Whether a `[fonts]` entry names a font file (by its ending) rather than a family.
pub fn is_font_file(entry: &str) -> bool {
    Path::new(entry)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "otf" | "ttf" | "ttc" | "otc"
            )
        })
}

/// Checks a configured entry's file exists and is a font, for zinepress.toml's errors.
pub fn check_file(path: &Path) -> Result<(), String> {
    let data =
        std::fs::read(path).map_err(|e| format!("cannot read the font {}: {e}", path.display()))?;
    ttf_parser::Face::parse(&data, 0).map(|_| ()).map_err(|_| {
        format!(
            "{} is not a font zinepress can read (use OpenType .otf, .ttf or .ttc)",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_face_beyond_the_family_comes_first() {
        // Linux Libertine's regular face as an "extra" face: it covers Latin.
        let data: &'static [u8] = super::super::fonts::BUILT_IN[0].1;
        let fb = Fallback::new(
            vec![(PathBuf::from("fonts/extra.otf"), data)],
            FallbackConfig::default(),
        );
        let en = Locale::english();
        let id = fb
            .family_for('a', "en", &en)
            .expect("the project's face has it");
        let family = fb.family(id).unwrap();
        assert_eq!(family.origin, Origin::Project);
        assert!(family.name.contains("Libertine"), "{}", family.name);
        assert!(fb.face(id, Style::Bold).is_some(), "nearest style");
    }

    #[test]
    fn configured_files_are_read_and_missing_ones_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.otf"), super::super::fonts::BUILT_IN[1].1).unwrap();
        let mut entries = BTreeMap::new();
        entries.insert(
            "Latn".to_string(),
            vec!["missing.otf".to_string(), "x.otf".to_string()],
        );
        let fb = Fallback::new(
            Vec::new(),
            FallbackConfig {
                entries,
                root: dir.path().to_path_buf(),
            },
        );
        let id = fb.family_for('b', "en", &Locale::english()).unwrap();
        assert_eq!(fb.family(id).unwrap().origin, Origin::Configured);
        assert!(check_file(&dir.path().join("x.otf")).is_ok());
        assert!(check_file(&dir.path().join("missing.otf")).is_err());
    }
}
