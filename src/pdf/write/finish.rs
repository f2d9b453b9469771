//! The costly end of a PDF, done beside each other on the build's cores:
//! each page's content stream deflated (while the next pages are drawn, see
//! [`Pages`]), each font subset written, the images written. The object
//! numbers are handed out before and each job makes only its own bytes, put
//! in place in the PDF's order afterwards, so the PDF is the same bytes on
//! any number of threads.

use super::deflate::with_deflater;
use super::font::{self, Subset, Subsets};
use super::images::Images;
use super::COMPACT;
use crate::build::isolate::isolate;
use crate::typeset::fonts::Fonts;
use anyhow::Result;
use pdf_writer::{Chunk, Ref};
use rayon::prelude::*;
use std::sync::OnceLock;

/// The pages' content streams, each deflated by a job of its own as soon
/// as the page is drawn: on a free core of the pool while the next pages
/// are drawn, else by the drawing thread when the scope ends.
pub struct Pages {
    slots: Vec<OnceLock<Result<Vec<u8>>>>,
}

impl Pages {
    /// Room for `count` pages.
    pub fn new(count: usize) -> Pages {
        Pages {
            slots: (0..count).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Deflates page `index`'s stream `raw` in a job of `scope`.
    pub fn deflate<'s>(&'s self, scope: &rayon::Scope<'s>, index: usize, raw: Vec<u8>) {
        let slot = &self.slots[index];
        scope.spawn(move |_| {
            let done = isolate(|| Ok(with_deflater(|z| z.deflate(&raw))));
            // Each index is given once.
            let _ = slot.set(done);
        });
    }

    /// Page `index`'s deflated stream, once its scope has ended.
    pub fn take(&mut self, index: usize) -> Result<Vec<u8>> {
        self.slots[index]
            .take()
            .unwrap_or_else(|| Err(anyhow::anyhow!("page {index}'s stream was not deflated")))
    }
}

/// What [`streams`] made, in the order it was given.
pub struct Finished {
    /// Each subset's objects.
    pub subsets: Vec<Chunk>,
    /// Every image XObject.
    pub images: Chunk,
}

enum Job<'a> {
    Subset(&'a Subset, [Ref; 4]),
    Images,
}

/// Writes the subsets (as the objects `ids`, from `font::subset_refs`) and
/// the images.
pub fn streams<'a>(
    subsets: &'a Subsets,
    ids: &[[Ref; 4]],
    fonts: &Fonts,
    images: &Images,
) -> Result<Finished> {
    // The subsets first: a few jobs, each longer than a page's.
    let jobs: Vec<Job> = subsets
        .list
        .iter()
        .zip(ids)
        .map(|(s, ids)| Job::Subset(s, *ids))
        .chain([Job::Images])
        .collect();
    let done: Vec<Result<Chunk>> = jobs
        .par_iter()
        .with_max_len(1)
        .map(|job| isolate(|| run(job, fonts, images)))
        .collect();
    let mut out = Finished {
        subsets: Vec::new(),
        images: Chunk::with_settings(COMPACT),
    };
    for (job, done) in jobs.iter().zip(done) {
        match job {
            Job::Subset(..) => out.subsets.push(done?),
            Job::Images => out.images = done?,
        }
    }
    Ok(out)
}

fn run(job: &Job, fonts: &Fonts, images: &Images) -> Result<Chunk> {
    with_deflater(|z| {
        let mut chunk = Chunk::with_settings(COMPACT);
        match job {
            Job::Subset(subset, ids) => {
                font::write_subset(&mut chunk, subset, fonts.face_of(subset.id), *ids, z)?
            }
            Job::Images => images.write(&mut chunk, z),
        }
        Ok(chunk)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::write::Deflater;

    #[test]
    fn pages_deflated_in_jobs_are_each_page_s_own_bytes() {
        let raws: Vec<Vec<u8>> = (0..12u32)
            .map(|p| {
                (0..5_000 + p * 300)
                    .map(|i| (i * (p + 3) % 97) as u8)
                    .collect()
            })
            .collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let mut pages = Pages::new(raws.len());
        pool.install(|| {
            rayon::in_place_scope(|s| {
                for (i, raw) in raws.iter().enumerate() {
                    pages.deflate(s, i, raw.clone());
                }
            })
        });
        for (i, raw) in raws.iter().enumerate() {
            assert_eq!(
                pages.take(i).unwrap(),
                Deflater::default().deflate(raw),
                "page {i}"
            );
        }
        // A page given no job is an error, not a panic.
        assert!(Pages::new(1).take(0).is_err());
    }
}
