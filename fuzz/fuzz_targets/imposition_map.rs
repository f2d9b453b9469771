//! Fuzz target: `zinepress::fuzz::imposition_map` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zinepress::fuzz::imposition_map(data));
