//! Shapefile (.shp + .shx + .dbf) on arbitrary bytes: the input is split in three at two
//! positions given by its first four bytes, so the fuzzer can grow each part.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let rest = &data[4..];
    let a = usize::from(u16::from_le_bytes([data[0], data[1]])) % (rest.len() + 1);
    let b = a + usize::from(u16::from_le_bytes([data[2], data[3]])) % (rest.len() - a + 1);
    let _ = minemap::io::shapefile::read_shapefile_bytes(
        std::path::Path::new("fuzz.shp"),
        &rest[..a],
        Some(&rest[a..b]),
        Some(&rest[b..]),
        None,
        None,
        &|_| {},
    );
});
