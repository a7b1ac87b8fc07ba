//! `cargo fuzz run geojson`: what `minemap::io::fuzzing::run("geojson", …)` does (the regression test
//! runs the same code on every input kept under `tests/fixtures/fuzz_regressions/geojson/`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    minemap::io::fuzzing::run("geojson", data);
});
