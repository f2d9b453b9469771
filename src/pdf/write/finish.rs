//! The costly end of a PDF, done beside each other on the build's cores:
//! each page's content stream deflated, each font subset written, the
//! images written. The object numbers are handed out before and each job
//! makes only its own bytes, put in place in the PDF's order afterwards, so
//! the PDF is the same bytes on any number of threads.

use super::deflate::with_deflater;
use super::font::{self, Subset, Subsets};
use super::images::Images;
use super::COMPACT;
use crate::build::isolate::isolate;
use crate::typeset::fonts::Fonts;
use anyhow::Result;
use pdf_writer::{Chunk, Ref};
use rayon::prelude::*;

/// What [`streams`] made, in the order it was given.
pub struct Finished {
    /// Each page's content stream, deflated.
    pub pages: Vec<Vec<u8>>,
    /// Each subset's objects.
    pub subsets: Vec<Chunk>,
    /// Every image XObject.
    pub images: Chunk,
}

enum Job<'a> {
    Subset(&'a Subset, [Ref; 4]),
    Images,
    Page(&'a [u8]),
}

enum Done {
    Stream(Vec<u8>),
    Chunk(Chunk),
}

/// Deflates the pages' content streams `raws` and writes the subsets (as
/// the objects `ids`, from `font::subset_refs`) and the images.
pub fn streams<'a>(
    raws: impl Iterator<Item = &'a [u8]>,
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
        .chain(raws.map(Job::Page))
        .collect();
    let done: Vec<Result<Done>> = jobs
        .par_iter()
        .with_max_len(1)
        .map(|job| isolate(|| run(job, fonts, images)))
        .collect();
    let mut out = Finished {
        pages: Vec::new(),
        subsets: Vec::new(),
        images: Chunk::with_settings(COMPACT),
    };
    for (job, done) in jobs.iter().zip(done) {
        match (job, done?) {
            (Job::Subset(..), Done::Chunk(c)) => out.subsets.push(c),
            (Job::Images, Done::Chunk(c)) => out.images = c,
            (Job::Page(_), Done::Stream(s)) => out.pages.push(s),
            _ => unreachable!("each job makes its own kind"),
        }
    }
    Ok(out)
}

fn run(job: &Job, fonts: &Fonts, images: &Images) -> Result<Done> {
    with_deflater(|z| {
        Ok(match job {
            Job::Page(raw) => Done::Stream(z.deflate(raw)),
            Job::Subset(subset, ids) => {
                let mut chunk = Chunk::with_settings(COMPACT);
                font::write_subset(&mut chunk, subset, fonts.face_of(subset.id), *ids, z)?;
                Done::Chunk(chunk)
            }
            Job::Images => {
                let mut chunk = Chunk::with_settings(COMPACT);
                images.write(&mut chunk, z);
                Done::Chunk(chunk)
            }
        })
    })
}
