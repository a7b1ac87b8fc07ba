//! GPX on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = minemap::io::gpx::read_gpx_bytes(std::path::Path::new("fuzz.gpx"), data, &|_| {});
});
