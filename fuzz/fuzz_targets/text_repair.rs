//! Fuzz target: `zinepress::fuzz::text_repair` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zinepress::fuzz::text_repair(data));
