//! Pictures of a PDF: JPEG data embedded as it is (`/DCTDecode`), other
//! pixels as 8-bit gray or RGB samples deflated once per zine.

use super::deflate::Deflater;
use super::Refs;
use crate::cover::process::Crop;
use crate::cover::{Pixels, PrintData, PrintImage, Printed};
use anyhow::{anyhow, Result};
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
                    let data = deflated(img, pixels, z);
                    let (w, h) = pixels.dimensions();
                    let mut x = out.image_xobject(*id, &data);
                    x.filter(Filter::FlateDecode);
                    x.width(w as i32);
                    x.height(h as i32);
                    x.pair(
                        Name(b"ColorSpace"),
                        Name(match &**pixels {
                            Pixels::Gray(_) => b"DeviceGray".as_slice(),
                            Pixels::Rgb(_) => b"DeviceRGB".as_slice(),
                        }),
                    );
                    if interpolate {
                        x.interpolate(true);
                    }
                    x.bits_per_component(8);
                }
            }
        }
    }
}

/// The samples deflated, made once per zine and kept with the print image.
fn deflated(img: &PrintImage, pixels: &Pixels, z: &mut Deflater) -> Arc<Vec<u8>> {
    let raw = || match pixels {
        Pixels::Gray(g) => g.as_raw().as_slice(),
        Pixels::Rgb(c) => c.as_raw().as_slice(),
    };
    match crate::pdf::images::kept(img) {
        Some(k) => k
            .deflated
            .get_or_init(|| Arc::new(z.deflate(raw())))
            .clone(),
        None => Arc::new(z.deflate(raw())),
    }
}

/// Draws image `name` so that its shown part fills the box (x, y, w, h),
/// clipped to the box when only part of it shows.
pub fn draw(
    c: &mut Content,
    height: f32,
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
        c.save_state();
        c.move_to(x, -y + height);
        c.line_to(r, -y + height);
        c.line_to(r, -b + height);
        c.line_to(x, -b + height);
        c.close_path();
        c.clip_nonzero();
        c.end_path();
    }
    let (tx, ty) = (x - shown.x as f32 * sx, y - shown.y as f32 * sy);
    // root · translate(tx, ty) · [iw 0 0 -ih 0 ih], as krilla composed it.
    let t = -ty + height;
    c.save_state();
    c.transform([iw, 0.0, 0.0, ih, tx, -ih + t]);
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
    fn no_frame_header_no_components() {
        assert_eq!(jpeg_components(b"\x89PNG"), None);
        assert_eq!(jpeg_components(&[0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02]), None);
        assert_eq!(jpeg_components(&[]), None);
    }
}
