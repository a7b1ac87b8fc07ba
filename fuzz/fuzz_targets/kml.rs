//! KML text and KMZ zips on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let p = std::path::Path::new("fuzz.kml");
    let _ = minemap::io::kml::read_kml_bytes(p, data, &|_| {});
    let _ = minemap::io::kml::read_kmz_bytes(p, data, &|_| {});
});
