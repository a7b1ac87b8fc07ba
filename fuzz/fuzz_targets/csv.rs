//! CSV/TSV on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = minemap::io::csv::read_csv_bytes(
        std::path::Path::new("fuzz.csv"),
        data,
        &minemap::io::csv::CsvOptions::default(),
        &|_| {},
    );
});
