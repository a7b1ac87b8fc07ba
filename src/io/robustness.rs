//! Property tests: every reader survives arbitrary bytes and damaged copies of the GDAL
//! fixtures without a panic (errors and warnings are fine). The `cargo fuzz` targets under
//! `fuzz/` search the same entry points far longer; these run on stable with `cargo test`.
#![cfg(test)]
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::csv::{CsvOptions, read_csv_bytes};
use super::dbf::{Dbf, Row};
use super::gpx::read_gpx_bytes;
use super::import::read_zip;
use super::kml::{read_kml_bytes, read_kmz_bytes};
use super::shapefile::{ShapefileParts, read_shapefile_parts};
use super::wkb::{read_gpkg_geometry, read_wkb};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    std::fs::read(path).unwrap()
}

/// `bytes` with some bytes overwritten and maybe cut short.
fn damaged(bytes: &[u8], edits: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for &(at, value) in edits {
        if !out.is_empty() {
            let i = at % out.len();
            out[i] = value;
        }
    }
    if let Some(c) = cut {
        out.truncate(c % (bytes.len() + 1));
    }
    out
}

fn shapefile(shp: Vec<u8>, shx: Vec<u8>, dbf: Vec<u8>, prj: Option<String>) {
    let parts = ShapefileParts {
        path: PathBuf::from("fuzz.shp"),
        shp,
        shx: Some(shx),
        dbf: Some(dbf),
        prj,
        cpg: None,
    };
    let _ = read_shapefile_parts(&parts, &|_| {});
}

fn dbf_rows(bytes: &[u8]) {
    if let Ok(dbf) = Dbf::parse(bytes, None) {
        for i in 0..dbf.len().min(10_000) {
            if let Some(Row::Values(p, _)) = dbf.row(i) {
                let _ = p.to_json();
            }
        }
    }
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8)>> {
    prop::collection::vec((any::<usize>(), any::<u8>()), 0..16)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_any_reader(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let p = Path::new("fuzz");
        let _ = read_kml_bytes(p, &bytes, &|_| {});
        let _ = read_kmz_bytes(p, &bytes, &|_| {});
        let _ = read_gpx_bytes(p, &bytes, &|_| {});
        let _ = read_csv_bytes(p, &bytes, &CsvOptions::default(), &|_| {});
        let _ = read_zip(p, &bytes, &|_| {});
        let _ = read_wkb(&bytes, &mut Vec::new());
        let _ = read_gpkg_geometry(&bytes, &mut Vec::new());
        dbf_rows(&bytes);
        shapefile(bytes.clone(), bytes.clone(), bytes.clone(), None);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = super::crs::SourceCrs::from_wkt(text);
        }
    }

    #[test]
    fn damaged_shapefiles_never_panic(shp_edits in edits(), shx_edits in edits(), dbf_edits in edits(),
                                      cut in prop::option::of(any::<usize>())) {
        let shp = damaged(&fixture("shp/hazards_utm38n.shp"), &shp_edits, cut);
        let shx = damaged(&fixture("shp/hazards_utm38n.shx"), &shx_edits, None);
        let dbf = damaged(&fixture("shp/hazards_utm38n.dbf"), &dbf_edits, cut);
        let prj = String::from_utf8(fixture("shp/hazards_utm38n.prj")).unwrap();
        shapefile(shp, shx, dbf, Some(prj));
    }

    #[test]
    fn damaged_xml_and_csv_never_panic(e in edits(), cut in prop::option::of(any::<usize>())) {
        let p = Path::new("fuzz");
        let _ = read_kml_bytes(p, &damaged(&fixture("hazards.kml"), &e, cut), &|_| {});
        let _ = read_kmz_bytes(p, &damaged(&fixture("hazards.kmz"), &e, cut), &|_| {});
        let _ = read_gpx_bytes(p, &damaged(&fixture("incidents.gpx"), &e, cut), &|_| {});
        let _ = read_csv_bytes(p, &damaged(&fixture("hazards.csv"), &e, cut), &CsvOptions::default(), &|_| {});
        let _ = read_zip(p, &damaged(&fixture("hazards_utm38n.zip"), &e, cut), &|_| {});
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn damaged_geopackages_never_panic(e in prop::collection::vec((any::<usize>(), any::<u8>()), 0..64)) {
        let bytes = damaged(&fixture("layers.gpkg"), &e, None);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fuzz.gpkg");
        std::fs::write(&path, bytes).unwrap();
        let _ = super::gpkg::read_geopackage_file(&path, &|_| {});
    }
}
