//! `cargo fuzz run prj`: what `minemap::io::fuzzing::run("prj", …)` does (the regression test
//! runs the same code on every input kept under `tests/fixtures/fuzz_regressions/prj/`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    minemap::io::fuzzing::run("prj", data);
});
