//! Fuzz target: `zinepress::fuzz::pipeline` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zinepress::fuzz::pipeline(data));
