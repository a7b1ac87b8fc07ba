//! What each `cargo fuzz` target (`fuzz/fuzz_targets/`) does with one input, in the library so
//! the targets and the regression test (every input under `tests/fixtures/fuzz_regressions/
//! <target>/` that once crashed must now read without a panic) run exactly the same code.
//! Errors are fine here: only a panic, a hang or a runaway allocation is a finding.

use std::path::Path;

use super::csv::{CsvOptions, read_csv_bytes};
use super::dbf::{Dbf, Row};

/// The fuzz targets, by the name of their directory of regression inputs.
pub const TARGETS: &[&str] = &[
    "geojson",
    "shapefile",
    "dbf",
    "gpkg",
    "kml",
    "gpx",
    "csv",
    "prj",
];

/// Runs fuzz target `target` on `data`; false when there is no such target.
pub fn run(target: &str, data: &[u8]) -> bool {
    match target {
        "geojson" => geojson(data),
        "shapefile" => shapefile(data),
        "dbf" => dbf(data),
        "gpkg" => gpkg(data),
        "kml" => {
            let p = Path::new("fuzz.kml");
            let _ = super::kml::read_kml_bytes(p, data, &|_| {});
            let _ = super::kml::read_kmz_bytes(p, data, &|_| {});
        }
        "gpx" => {
            let _ = super::gpx::read_gpx_bytes(Path::new("fuzz.gpx"), data, &|_| {});
        }
        "csv" => csv(data),
        "prj" => {
            if let Ok(text) = std::str::from_utf8(data) {
                let _ = super::crs::SourceCrs::from_wkt(text);
            }
        }
        _ => return false,
    }
    true
}

fn geojson(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = super::parse_geojson(text.into(), Path::new("fuzz.geojson"), &|_| {});
    }
}

/// The input is split in three at two positions given by its first four bytes (.shp, .shx,
/// .dbf), so the fuzzer can grow each part.
fn shapefile(data: &[u8]) {
    if data.len() < 4 {
        return;
    }
    let rest = &data[4..];
    let a = usize::from(u16::from_le_bytes([data[0], data[1]])) % (rest.len() + 1);
    let b = a + usize::from(u16::from_le_bytes([data[2], data[3]])) % (rest.len() - a + 1);
    let _ = super::shapefile::read_shapefile_bytes(
        Path::new("fuzz.shp"),
        &rest[..a],
        Some(&rest[a..b]),
        Some(&rest[b..]),
        None,
        None,
        &|_| {},
    );
}

/// A .dbf alone, every row decoded (the first byte picks a code page, as a .cpg would).
fn dbf(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let cpg = match pick % 4 {
        0 => None,
        1 => Some("UTF-8"),
        2 => Some("1251"),
        _ => Some("CP1254"),
    };
    if let Ok(dbf) = Dbf::parse(bytes, cpg) {
        for i in 0..dbf.len().min(100_000) {
            if let Some(Row::Values(p, _)) = dbf.row(i) {
                let _ = p.to_json();
            }
        }
    }
}

/// A GeoPackage geometry blob (GP header + WKB), and whole damaged files.
fn gpkg(data: &[u8]) {
    let _ = super::gpkg::read_geometry_blob(data);
    if data.starts_with(b"SQLite format 3\0") {
        let Ok(dir) = tempfile::tempdir() else {
            return;
        };
        let path = dir.path().join("fuzz.gpkg");
        if std::fs::write(&path, data).is_ok() {
            let _ = super::gpkg::read_geopackage_file(&path, &|_| {});
        }
    }
}

/// CSV/TSV with the guess, then with each kind of column named (the GUI's and the flags' paths).
fn csv(data: &[u8]) {
    let p = Path::new("fuzz.csv");
    let _ = read_csv_bytes(p, data, &CsvOptions::default(), &|_| {});
    if let Ok(preview) = super::csv::preview_csv_bytes(p, data, &CsvOptions::default())
        && let Some(first) = preview.headers.first()
    {
        let named = CsvOptions {
            coordinate: Some(first.clone()),
            ..CsvOptions::default()
        };
        let _ = read_csv_bytes(p, data, &named, &|_| {});
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The fixtures each target's corpus is seeded from (as `fuzz/seed_corpus.sh` does).
    fn seeds(target: &str) -> Vec<Vec<u8>> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
        let names: &[&str] = match target {
            "geojson" => &["hazards.geojson", "incidents.geojson"],
            "gpkg" => &["layers.gpkg"],
            "kml" => &["hazards.kml", "hazards.kmz"],
            "gpx" => &["incidents.gpx"],
            "csv" => &["hazards.csv", "incidents.csv"],
            "prj" => &["shp/hazards_utm38n.prj", "shp/hazards_pulkovo_gk8.prj"],
            "dbf" => &["shp/hazards_cp1251.dbf", "shp/incidents.dbf"],
            _ => &[],
        };
        let mut out: Vec<Vec<u8>> = names.iter().map(|n| read(n)).collect();
        if target == "dbf" {
            for d in &mut out {
                d.insert(0, 2); // code page 1251
            }
        }
        if target == "shapefile" {
            for stem in ["shp/hazards_wgs84", "shp/incidents"] {
                let (shp, shx, dbf) = (
                    read(&format!("{stem}.shp")),
                    read(&format!("{stem}.shx")),
                    read(&format!("{stem}.dbf")),
                );
                let mut d = Vec::new();
                d.extend(u16::try_from(shp.len()).unwrap().to_le_bytes());
                d.extend(u16::try_from(shx.len()).unwrap().to_le_bytes());
                d.extend(shp);
                d.extend(shx);
                d.extend(dbf);
                out.push(d);
            }
        }
        out
    }

    #[test]
    fn every_seed_and_fuzz_regression_input_reads_without_a_panic() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz_regressions");
        for target in TARGETS {
            let seeds = seeds(target);
            assert!(!seeds.is_empty(), "no seed for {target}");
            for data in seeds {
                assert!(run(target, &data));
            }
            // Inputs that once crashed, hung or ran out of memory (see fuzz/README.md).
            let Ok(entries) = std::fs::read_dir(root.join(target)) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                let data = std::fs::read(&path).unwrap();
                let started = std::time::Instant::now();
                assert!(run(target, &data));
                // The fuzz runs' limit was 10 s (release); a debug build gets six times that.
                assert!(
                    started.elapsed().as_secs() < 60,
                    "{} took {:?}",
                    path.display(),
                    started.elapsed()
                );
            }
        }
    }

    #[test]
    fn an_unknown_target_is_refused() {
        assert!(!run("nonsense", b""));
        assert!(TARGETS.iter().all(|t| run(t, b"")));
    }
}
