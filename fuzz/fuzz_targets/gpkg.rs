//! GeoPackage geometry blobs (GP header + WKB) on arbitrary bytes, and whole damaged files.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = minemap::io::gpkg::read_geometry_blob(data);
    if data.starts_with(b"SQLite format 3\0") {
        let Ok(dir) = tempfile::tempdir() else { return };
        let path = dir.path().join("fuzz.gpkg");
        if std::fs::write(&path, data).is_ok() {
            let _ = minemap::io::gpkg::read_geopackage_file(&path, &|_| {});
        }
    }
});
