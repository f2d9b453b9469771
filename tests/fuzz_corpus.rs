//! Runs every fuzz target's entry point over its corpus (`fuzz/corpus/TARGET/`),
//! so crashes found by fuzzing stay fixed even where cargo-fuzz can't run.

use std::path::Path;

fn run_corpus(target: &str, entry: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut count = 0;
    for file in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = file.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        entry(&data);
        // Also the text cut short at a few places, as a crude mutation.
        for cut in [data.len() / 3, data.len() / 2, data.len().saturating_sub(7)] {
            entry(&data[..cut]);
        }
        count += 1;
    }
    assert!(count >= 4, "{target}: the corpus has only {count} inputs");
}

#[test]
fn text_repair_corpus() {
    run_corpus("text_repair", zinepress::fuzz::text_repair);
}

#[test]
fn markdown_reader_corpus() {
    run_corpus("markdown_reader", zinepress::fuzz::markdown_reader);
}

#[test]
fn config_parsing_corpus() {
    run_corpus("config_parsing", zinepress::fuzz::config_parsing);
}

#[test]
fn pipeline_corpus() {
    run_corpus("pipeline", zinepress::fuzz::pipeline);
}

#[test]
fn imposition_map_corpus() {
    run_corpus("imposition_map", zinepress::fuzz::imposition_map);
}
