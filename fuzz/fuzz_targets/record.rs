//! Arbitrary bytes through load, validate and render (layout included): must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    vanban::fuzz::record(data);
});
