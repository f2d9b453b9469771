//! The pages of a PDF made elsewhere, copied into the imposed PDF as Form
//! XObjects. A page's content stream keeps the bytes it is stored with (still
//! compressed, its /Filter and /DecodeParms copied), so nothing is inflated
//! and deflated again; only a page whose content is split over several
//! streams is joined and deflated once. Everything the pages use is copied
//! once under new numbers, streams byte for byte.

use crate::pdf::write::{Deflater, Refs};
use hayro_syntax::object::dict::keys;
use hayro_syntax::object::{Array, Dict, MaybeRef, ObjRef, Object, ObjectIdentifier, Stream};
use hayro_syntax::page::{Page, Resources};
use hayro_syntax::Pdf;
use pdf_writer::{Chunk, Finish, Name, Obj, Rect, Ref, Settings};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Entries not carried over: they tie an object to the source's structure
/// tree, metadata, optional content or page-piece data, which the copy lacks.
const DROPPED: [&[u8]; 10] = [
    b"Metadata",
    b"StructParent",
    b"StructParents",
    b"OC",
    b"AF",
    b"PtData",
    b"Ref",
    b"LastModified",
    b"PieceInfo",
    b"OPI",
];

/// The resource kinds a page's Form XObject carries, in the order written.
const RESOURCE_KINDS: [&[u8]; 7] = [
    b"ExtGState",
    b"Shading",
    b"Pattern",
    b"XObject",
    b"ColorSpace",
    b"Font",
    b"Properties",
];

/// The copied pages: one Form XObject per page, and the objects they use.
pub struct Copied {
    pub chunk: Chunk,
    pub forms: Vec<Ref>,
}

/// Copies every page of `pdf` as a Form XObject, numbering from `refs`.
pub fn copy_pages(pdf: &Pdf, refs: &mut Refs, settings: Settings) -> Copied {
    let mut chunk = Chunk::with_settings(settings);
    let mut names = Names {
        pdf,
        refs,
        mapped: HashMap::new(),
        valid: HashMap::new(),
        to_visit: Vec::new(),
    };
    let mut deflater = None;
    let forms = pdf
        .pages()
        .iter()
        .map(|page| page_form(page, &mut names, &mut chunk, &mut deflater))
        .collect();
    copy_used(&mut names, &mut chunk);
    Copied { chunk, forms }
}

/// The source's object numbers mapped to the new PDF's, and the objects
/// still to copy.
struct Names<'a, 'r> {
    pdf: &'a Pdf,
    refs: &'r mut Refs,
    /// Source object -> its number in the new PDF.
    mapped: HashMap<ObjRef, Ref>,
    /// Whether a source reference names an object that can be read.
    valid: HashMap<ObjRef, bool>,
    to_visit: Vec<ObjRef>,
}

impl Names<'_, '_> {
    fn map(&mut self, r: ObjRef) -> Ref {
        if let Some(&new) = self.mapped.get(&r) {
            return new;
        }
        let new = self.refs.next();
        self.mapped.insert(r, new);
        new
    }
}

/// A page's content as its Form XObject stores it.
enum Content<'a> {
    /// One stream: its bytes and filter entries as stored.
    Stored(Stream<'a>),
    /// Several streams, decoded, joined by a space and deflated.
    Joined(Vec<u8>),
}

/// The page's content streams: one is kept as stored; several are joined
/// (a stream that cannot be decoded is left out, as a reader would).
fn content<'a>(page: &Page<'a>, deflater: &mut Option<Deflater>) -> Content<'a> {
    let raw = page.raw();
    if let Some(stream) = raw.get::<Stream<'a>>(keys::CONTENTS) {
        return Content::Stored(stream);
    }
    let streams: Vec<Stream<'a>> = raw
        .get::<Array<'a>>(keys::CONTENTS)
        .map(|a| a.iter::<Stream<'a>>().collect())
        .unwrap_or_default();
    if let [one] = streams.as_slice() {
        return Content::Stored(one.clone());
    }
    let mut joined = Vec::new();
    for stream in &streams {
        if let Ok(data) = stream.decoded() {
            joined.extend_from_slice(&data);
            joined.push(b' ');
        }
    }
    Content::Joined(
        deflater
            .get_or_insert_with(Deflater::default)
            .deflate(&joined),
    )
}

fn page_form(
    page: &Page<'_>,
    names: &mut Names<'_, '_>,
    chunk: &mut Chunk,
    deflater: &mut Option<Deflater>,
) -> Ref {
    let id = names.refs.next();
    let content = content(page, deflater);
    let data = match &content {
        Content::Stored(stream) => stream.raw_data(),
        Content::Joined(bytes) => std::borrow::Cow::Borrowed(bytes.as_slice()),
    };
    let mut form = chunk.form_xobject(id, &data);
    match &content {
        Content::Stored(stream) => {
            for key in [keys::FILTER, keys::DECODE_PARMS] {
                if let Some(value) = stream.dict().get_raw::<Object<'_>>(key) {
                    write_value(form.insert(Name(key)), &value, names);
                }
            }
        }
        Content::Joined(_) => {
            form.filter(pdf_writer::Filter::FlateDecode);
        }
    }
    let crop = page.crop_box();
    form.bbox(Rect::new(
        crop.x0 as f32,
        crop.y0 as f32,
        crop.x1 as f32,
        crop.y1 as f32,
    ));
    let m = page.initial_transform(false).as_coeffs();
    form.matrix(m.map(|v| v as f32));
    {
        let mut resources = form.resources();
        for kind in RESOURCE_KINDS {
            let entries = inherited(page.resources(), kind);
            if entries.is_empty() {
                continue;
            }
            let mut dict = resources.insert(Name(kind)).dict();
            for (name, value) in entries {
                write_value(dict.insert(Name(&name)), &value, names);
            }
        }
    }
    // Isolated, as LaTeX and Typst place embedded pages.
    let mut group = form.group();
    group.transparency().isolated(true);
    group.color_space().device_rgb();
    group.finish();
    form.finish();
    id
}

/// One kind of resource as the page sees it: the page's own entries over
/// those it inherits from the page tree.
fn inherited<'a>(
    resources: &Resources<'a>,
    kind: &[u8],
) -> BTreeMap<Vec<u8>, MaybeRef<Object<'a>>> {
    let mut map = match resources.parent() {
        Some(parent) => inherited(parent, kind),
        None => BTreeMap::new(),
    };
    let dict = match kind {
        b"ExtGState" => &resources.ext_g_states,
        b"Shading" => &resources.shadings,
        b"Pattern" => &resources.patterns,
        b"XObject" => &resources.x_objects,
        b"ColorSpace" => &resources.color_spaces,
        b"Font" => &resources.fonts,
        _ => &resources.properties,
    };
    for (name, value) in dict.entries() {
        map.insert(name.to_vec(), value);
    }
    map
}

/// Copies every object the pages reach, each once.
fn copy_used(names: &mut Names<'_, '_>, chunk: &mut Chunk) {
    let mut visited = HashSet::new();
    while let Some(r) = names.to_visit.pop() {
        if !visited.insert(r) {
            continue;
        }
        let Some(object) = names.pdf.xref().get::<Object<'_>>(r.into()) else {
            continue;
        };
        let id = names.map(r);
        match &object {
            Object::Stream(stream) => {
                let data = stream.raw_data();
                let mut out = chunk.stream(id, &data);
                write_entries(&mut out, stream.dict(), true, names);
            }
            other => write_object(chunk.indirect(id), other, names),
        }
    }
}

/// A value in place: a reference becomes the copy's number (or null when
/// it names nothing), and the object it names is queued for copying.
fn write_value(obj: Obj<'_>, value: &MaybeRef<Object<'_>>, names: &mut Names<'_, '_>) {
    match value {
        MaybeRef::Ref(r) => {
            let pdf = names.pdf;
            let valid = *names.valid.entry(*r).or_insert_with(|| {
                pdf.xref()
                    .get::<Object<'_>>(ObjectIdentifier::from(*r))
                    .is_some()
            });
            if valid {
                names.to_visit.push(*r);
                obj.primitive(names.map(*r));
            } else {
                obj.primitive(pdf_writer::Null);
            }
        }
        MaybeRef::NotRef(object) => write_object(obj, object, names),
    }
}

fn write_object(obj: Obj<'_>, object: &Object<'_>, names: &mut Names<'_, '_>) {
    match object {
        Object::Null(_) => obj.primitive(pdf_writer::Null),
        Object::Boolean(b) => obj.primitive(*b),
        Object::Number(n) => {
            let v = n.as_f64();
            if v.fract() == 0.0 && v.abs() <= i32::MAX as f64 {
                obj.primitive(v as i32);
            } else {
                obj.primitive(v as f32);
            }
        }
        Object::String(s) => obj.primitive(pdf_writer::Str(s.as_bytes())),
        Object::Name(n) => obj.primitive(Name(n.as_ref())),
        Object::Dict(d) => write_entries(&mut obj.dict(), d, false, names),
        Object::Array(a) => {
            let mut array = obj.array();
            for item in a.raw_iter() {
                write_value(array.push(), &item, names);
            }
        }
        // A stream is always an indirect object; one in place cannot be written.
        Object::Stream(_) => obj.primitive(pdf_writer::Null),
    }
}

/// A dictionary's entries, less those that tie it to the source's structure;
/// a stream's /Length is the copy's own.
fn write_entries(
    out: &mut pdf_writer::Dict<'_>,
    dict: &Dict<'_>,
    stream: bool,
    names: &mut Names<'_, '_>,
) {
    for (name, value) in dict.entries() {
        let key: &[u8] = &name;
        if (stream && key == b"Length") || DROPPED.contains(&key) {
            continue;
        }
        write_value(out.insert(Name(key)), &value, names);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// A PDF of the given object bodies (numbered from 1; 1 is the catalog),
    /// with a correct cross-reference table.
    fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            write!(out, "{} 0 obj\n", i + 1).unwrap();
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
        for o in offsets {
            write!(out, "{o:010} 00000 n \n").unwrap();
        }
        write!(
            out,
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .unwrap();
        out
    }

    fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        s.extend_from_slice(data);
        s.extend_from_slice(b"\nendstream");
        s
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn inflate(z: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(z)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    /// Page 1: one deflated stream, its font inherited from the page tree
    /// and a missing ExtGState. Page 2: its content in two streams.
    fn two_pages() -> (Vec<u8>, Vec<u8>) {
        let first = zlib(b"BT /F1 12 Tf 72 720 Td (one) Tj ET /G1 gs");
        let pdf = pdf_of(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 200 300] \
               /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_vec(),
            b"<< /Type /Page /Parent 2 0 R /Contents 6 0 R /StructParents 0 \
               /Resources << /ExtGState << /G1 99 0 R >> >> >>"
                .to_vec(),
            b"<< /Type /Page /Parent 2 0 R /Contents [7 0 R 8 0 R] >>".to_vec(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
            stream("/Filter /FlateDecode", &first),
            stream("", b"q 1 0 0 RG"),
            stream("/Filter /FlateDecode", &zlib(b"0 0 10 10 re S Q")),
        ]);
        (pdf, first)
    }

    /// The copied objects' bytes. The font page 1 uses is numbered before page 2's form.
    fn copy(bytes: Vec<u8>) -> Vec<u8> {
        let pdf = Pdf::new(bytes).unwrap();
        let copied = copy_pages(&pdf, &mut Refs::default(), crate::pdf::write::COMPACT);
        assert_eq!(copied.forms, vec![Ref::new(1), Ref::new(3)]);
        copied.chunk.as_bytes().to_vec()
    }

    fn find(hay: &[u8], needle: &str, from: usize) -> usize {
        from + hay[from..]
            .windows(needle.len())
            .position(|w| w == needle.as_bytes())
            .unwrap_or_else(|| panic!("no {needle:?}"))
    }

    /// Object `n`'s dictionary (as text) and its stream's bytes.
    fn object(out: &[u8], n: i32) -> (String, Vec<u8>) {
        let start = find(out, &format!("{n} 0 obj"), 0);
        let data = find(out, "stream\n", start) + "stream\n".len();
        let end = find(out, "\nendstream", data);
        let dict = String::from_utf8_lossy(&out[start..data]).into_owned();
        (dict, out[data..end].to_vec())
    }

    #[test]
    fn a_single_content_stream_is_copied_as_stored() {
        let (pdf, first) = two_pages();
        let out = copy(pdf);
        let (form, data) = object(&out, 1);
        assert_eq!(data, first);
        assert!(form.contains("/Filter/FlateDecode"), "{form}");
        assert!(form.contains("/BBox[0 0 200 300]"), "{form}");
        // The inherited font is carried over; the missing ExtGState becomes null.
        assert!(form.contains("/F1 2 0 R"), "{form}");
        assert!(form.contains("/G1 null"), "{form}");
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("/BaseFont/Helvetica"), "{text}");
        // The page's structure entries are not the form's.
        assert!(!text.contains("StructParents"), "{text}");
    }

    #[test]
    fn content_in_several_streams_is_joined_and_deflated_once() {
        let (pdf, _) = two_pages();
        let (form, data) = object(&copy(pdf), 3);
        assert!(form.contains("/Filter/FlateDecode"), "{form}");
        assert_eq!(inflate(&data), b"q 1 0 0 RG 0 0 10 10 re S Q ");
    }
}
