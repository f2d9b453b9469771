//! Fuzz target: `zinepress::fuzz::config_parsing` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zinepress::fuzz::config_parsing(data));
