//! `cargo fuzz run gpkg`: what `minemap::io::fuzzing::run("gpkg", …)` does (the regression test
//! runs the same code on every input kept under `tests/fixtures/fuzz_regressions/gpkg/`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    minemap::io::fuzzing::run("gpkg", data);
});
