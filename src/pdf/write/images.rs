//! Pictures of a PDF: JPEG data embedded as it is (`/DCTDecode`), a PNG
//! file's compressed samples as they are where its pixels are shown
//! unchanged ([`png_samples`]), other pixels as 8-bit gray or RGB samples
//! deflated once per zine.

use super::deflate::Deflater;
use super::png_samples::png_samples;
use super::Refs;
use crate::cover::process::Crop;
use crate::cover::{Pixels, PrintData, PrintImage, Printed};
use anyhow::{anyhow, Result};
use pdf_writer::types::Predictor;
use pdf_writer::{Chunk, Content, Filter, Name, Ref};
use std::collections::HashMap;
use std::sync::Arc;

/// The images of a document, each once, in the order first drawn.
#[derive(Default)]
pub struct Images {
    list: Vec<(Ref, Arc<PrintImage>)>,
    index: HashMap<u64, usize>,
}

impl Images {
    /// The index of a print image, added when new; a JPEG whose header
    /// cannot be read is refused here, naming the file.
    pub fn add(&mut self, printed: &Printed, refs: &mut Refs) -> Result<usize> {
        let img = &printed.image;
        if let Some(&i) = self.index.get(&img.id) {
            return Ok(i);
        }
        if let PrintData::Jpeg(bytes) = &img.data {
            jpeg_components(bytes).ok_or_else(|| {
                anyhow!(
                    "{}: the PDF writer cannot embed this image (unreadable JPEG header); save it again as a baseline JPEG or a PNG",
                    img.file.display()
                )
            })?;
        }
        self.list.push((refs.next(), img.clone()));
        self.index.insert(img.id, self.list.len() - 1);
        Ok(self.list.len() - 1)
    }

    pub fn get(&self, index: usize) -> Ref {
        self.list[index].0
    }

    /// Writes every image XObject.
    pub fn write(&self, out: &mut Chunk, z: &mut Deflater) {
        for (id, img) in &self.list {
            let interpolate = !img.bilevel;
            match &img.data {
                PrintData::Jpeg(bytes) => {
                    let components = jpeg_components(bytes).unwrap_or(3);
                    let mut x = out.image_xobject(*id, bytes);
                    x.filter(Filter::DctDecode);
                    x.width(img.width as i32);
                    x.height(img.height as i32);
                    x.pair(
                        Name(b"ColorSpace"),
                        Name(match components {
                            1 => b"DeviceGray".as_slice(),
                            4 => b"DeviceCMYK".as_slice(),
                            _ => b"DeviceRGB".as_slice(),
                        }),
                    );
                    if interpolate {
                        x.interpolate(true);
                    }
                    if components == 4 {
                        // Photoshop's CMYK JPEGs store inverted samples.
                        x.decode([1.0, 0.0].repeat(4));
                    }
                    x.bits_per_component(8);
                }
                PrintData::Pixels(pixels) => {
                    let (w, h) = pixels.dimensions();
                    let colors = match &**pixels {
                        Pixels::Gray(_) => 1,
                        Pixels::Rgb(_) => 3,
                    };
                    let file = img
                        .png
                        .as_ref()
                        .and_then(|png| png_samples(png, w, h, colors));
                    let data = match &file {
                        Some(samples) => Arc::new(samples.clone()),
                        None => deflated(img, pixels, z),
                    };
                    let samples = Samples {
                        data: &data,
                        size: (w, h),
                        colors,
                        predicted: file.is_some(),
                    };
                    samples.write(out, *id, interpolate);
                }
                PrintData::Samples { data, colors } => {
                    let samples = Samples {
                        data,
                        size: (img.width, img.height),
                        colors: *colors,
                        predicted: true,
                    };
                    samples.write(out, *id, interpolate);
                }
            }
        }
    }
}

/// Deflated 8-bit samples of gray or RGB pixels, with the PNG predictors
/// (a PNG file's own samples) or without.
struct Samples<'a> {
    data: &'a [u8],
    size: (u32, u32),
    colors: u8,
    predicted: bool,
}

impl Samples<'_> {
    /// Writes the image XObject `id`.
    fn write(&self, out: &mut Chunk, id: Ref, interpolate: bool) {
        let (w, h) = self.size;
        let mut x = out.image_xobject(id, self.data);
        x.filter(Filter::FlateDecode);
        if self.predicted {
            x.decode_parms()
                .predictor(Predictor::PngOptimum)
                .colors(self.colors as i32)
                .bits_per_component(8)
                .columns(w as i32);
        }
        x.width(w as i32);
        x.height(h as i32);
        x.pair(
            Name(b"ColorSpace"),
            Name(match self.colors {
                1 => b"DeviceGray".as_slice(),
                _ => b"DeviceRGB".as_slice(),
            }),
        );
        if interpolate {
            x.interpolate(true);
        }
        x.bits_per_component(8);
    }
}

/// The samples deflated, made once per zine and kept with the print image.
fn deflated(img: &PrintImage, pixels: &Pixels, z: &mut Deflater) -> Arc<Vec<u8>> {
    let raw = || match pixels {
        Pixels::Gray(g) => g.as_raw().as_slice(),
        Pixels::Rgb(c) => c.as_raw().as_slice(),
    };
    match kept(img) {
        Some(k) => k
            .deflated
            .get_or_init(|| Arc::new(z.deflate(raw())))
            .clone(),
        None => Arc::new(z.deflate(raw())),
    }
}

/// What the PDF writer made of a print image (its deflated samples), kept
/// so that every PDF of the zine reuses it.
#[derive(Default)]
struct Kept {
    deflated: std::sync::OnceLock<Arc<Vec<u8>>>,
}

/// The image's kept work (`None` only if something else was kept there).
fn kept(img: &PrintImage) -> Option<&Kept> {
    img.embedded
        .get_or_init(|| Box::new(Kept::default()))
        .downcast_ref::<Kept>()
}

/// Writes a PNG (the folding guide) as an image XObject of 8-bit samples,
/// its palette or low bit depth expanded as krilla 0.8 did, an alpha channel
/// as a soft mask; returns its size in pixels.
pub fn write_png(
    out: &mut Chunk,
    id: Ref,
    png: &[u8],
    refs: &mut Refs,
    z: &mut Deflater,
) -> Result<(u32, u32)> {
    let decoded = decode_png(png)
        .map_err(|e| anyhow!("the folding guide is not a PNG the PDF writer can read: {e}"))?;
    let (w, h) = (decoded.width, decoded.height);
    let mask = decoded.alpha.as_ref().map(|alpha| {
        let mask = refs.next();
        let data = z.deflate(alpha);
        let mut x = out.image_xobject(mask, &data);
        x.filter(Filter::FlateDecode);
        x.width(w as i32);
        x.height(h as i32);
        x.color_space().device_gray();
        x.interpolate(true);
        x.bits_per_component(8);
        mask
    });
    let data = z.deflate(&decoded.color);
    let mut x = out.image_xobject(id, &data);
    x.filter(Filter::FlateDecode);
    x.width(w as i32);
    x.height(h as i32);
    x.pair(
        Name(b"ColorSpace"),
        Name(if decoded.gray {
            b"DeviceGray".as_slice()
        } else {
            b"DeviceRGB".as_slice()
        }),
    );
    x.interpolate(true);
    if let Some(mask) = mask {
        x.s_mask(mask);
    }
    x.bits_per_component(8);
    Ok((w, h))
}

/// A PNG's pixels as 8-bit samples: the colour channels apart from alpha.
struct DecodedPng {
    width: u32,
    height: u32,
    gray: bool,
    color: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

fn decode_png(png: &[u8]) -> std::result::Result<DecodedPng, String> {
    use png::{BitDepth, ColorType, Transformations};
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(Transformations::EXPAND | Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or("the image is too large")?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    if info.bit_depth != BitDepth::Eight {
        return Err("an unsupported bit depth".into());
    }
    let (channels, gray, alpha) = match info.color_type {
        ColorType::Grayscale => (1, true, false),
        ColorType::GrayscaleAlpha => (2, true, true),
        ColorType::Rgb => (3, false, false),
        ColorType::Rgba => (4, false, true),
        ColorType::Indexed => return Err("a palette that was not expanded".into()),
    };
    let (color, alpha) = if alpha {
        let mut color = Vec::with_capacity(buf.len() / channels * (channels - 1));
        let mut a = Vec::with_capacity(buf.len() / channels);
        for px in buf.chunks_exact(channels) {
            color.extend_from_slice(&px[..channels - 1]);
            a.push(px[channels - 1]);
        }
        (color, Some(a))
    } else {
        (buf, None)
    };
    Ok(DecodedPng {
        width: info.width,
        height: info.height,
        gray,
        color,
        alpha,
    })
}

/// Draws image `name` so that its shown part fills the box (x, y, w, h),
/// clipped to the box when only part of it shows. `flip` is the height of a
/// page of its own (its root transform turns y down); `None` in a cell.
pub fn draw(
    c: &mut Content,
    flip: Option<f32>,
    (x, y, w, h): (f32, f32, f32, f32),
    printed: &Printed,
    name: &str,
) {
    let img = &printed.image;
    let shown = printed.shown;
    let (sx, sy) = (w / shown.width as f32, h / shown.height as f32);
    let (iw, ih) = (img.width as f32 * sx, img.height as f32 * sy);
    if !(iw > 0.0 && ih > 0.0 && iw.is_finite() && ih.is_finite()) {
        return;
    }
    let clip = shown != Crop::whole((img.width, img.height));
    if clip {
        // The box in PDF space (the root transform applied to its corners).
        let (r, b) = (x + w, y + h);
        let up = |v: f32| match flip {
            Some(height) => -v + height,
            None => v,
        };
        c.save_state();
        c.move_to(x, up(y));
        c.line_to(r, up(y));
        c.line_to(r, up(b));
        c.line_to(x, up(b));
        c.close_path();
        c.clip_nonzero();
        c.end_path();
    }
    let (tx, ty) = (x - shown.x as f32 * sx, y - shown.y as f32 * sy);
    let matrix = match flip {
        // root · translate(tx, ty) · [iw 0 0 -ih 0 ih], as krilla composed it.
        Some(height) => [iw, 0.0, 0.0, ih, tx, -ih + (-ty + height)],
        // translate(tx, ty) · [iw 0 0 -ih 0 ih], tiny-skia's order in f32.
        None => [iw, 0.0, 0.0, -ih, tx, ih + ty],
    };
    c.save_state();
    c.transform(matrix);
    c.x_object(Name(name.as_bytes()));
    c.restore_state();
    if clip {
        c.restore_state();
    }
}

/// The number of colour components a JPEG's frame header declares (1, 3
/// or 4), or `None` when no frame header can be read.
pub fn jpeg_components(data: &[u8]) -> Option<u8> {
    if data.get(..2) != Some(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= data.len() {
        if data[at] != 0xFF {
            return None;
        }
        let marker = data[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let len = u16::from_be_bytes([data[at + 2], data[at + 3]]) as usize;
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            return data.get(at + 9).copied().filter(|n| matches!(n, 1 | 3 | 4));
        }
        if marker == 0xDA || len < 2 {
            return None;
        }
        at += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jpeg_frame_header_gives_its_components() {
        // SOI, an APP0 of 4 bytes, then SOF0: 8 bits, 2×2, 3 components.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00,
            0x02, 0x00, 0x02, 0x03,
        ];
        assert_eq!(jpeg_components(&jpeg), Some(3));
        let mut gray = jpeg;
        gray[17] = 1;
        assert_eq!(jpeg_components(&gray), Some(1));
    }

    #[test]
    fn a_palette_png_is_expanded_to_rgb_and_gray_alpha_is_split() {
        let encode =
            |color: png::ColorType, depth: png::BitDepth, palette: Option<Vec<u8>>, data: &[u8]| {
                let mut out = Vec::new();
                let mut e = png::Encoder::new(&mut out, 2, 1);
                e.set_color(color);
                e.set_depth(depth);
                if let Some(p) = palette {
                    e.set_palette(p);
                }
                e.write_header().unwrap().write_image_data(data).unwrap();
                out
            };
        // Two 4-bit palette pixels: index 1 then 0.
        let p = encode(
            png::ColorType::Indexed,
            png::BitDepth::Four,
            Some(vec![255, 255, 255, 10, 20, 30]),
            &[0x10],
        );
        let d = decode_png(&p).unwrap();
        assert_eq!((d.width, d.height, d.gray), (2, 1, false));
        assert_eq!(d.color, vec![10, 20, 30, 255, 255, 255]);
        assert!(d.alpha.is_none());
        let p = encode(
            png::ColorType::GrayscaleAlpha,
            png::BitDepth::Eight,
            None,
            &[7, 200, 9, 100],
        );
        let d = decode_png(&p).unwrap();
        assert!(d.gray);
        assert_eq!((d.color, d.alpha), (vec![7, 9], Some(vec![200, 100])));
        assert!(decode_png(b"not a png").is_err());
    }

    #[test]
    fn no_frame_header_no_components() {
        assert_eq!(jpeg_components(b"\x89PNG"), None);
        assert_eq!(jpeg_components(&[0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02]), None);
        assert_eq!(jpeg_components(&[]), None);
    }
}
