//! `cargo fuzz run shapefile`: what `minemap::io::fuzzing::run("shapefile", …)` does (the regression test
//! runs the same code on every input kept under `tests/fixtures/fuzz_regressions/shapefile/`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    minemap::io::fuzzing::run("shapefile", data);
});
