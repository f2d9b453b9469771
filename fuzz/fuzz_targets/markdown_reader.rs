//! Fuzz target: `zinepress::fuzz::markdown_reader` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zinepress::fuzz::markdown_reader(data));
