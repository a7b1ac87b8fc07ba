//! GeoJSON reader on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = minemap::io::parse_geojson(text.into(), std::path::Path::new("fuzz.geojson"), &|_| {});
    }
});
