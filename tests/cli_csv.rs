//! The CSV flags (`--csv-lat/--csv-lon`, `--csv-wkt`, `--csv-coord`, `--csv-delimiter`) of the
//! headless commands, run as the real binary on tables whose columns no guess recognises.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn minemap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minemap"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The features `annotate` writes for `args` (exit code 0 required).
fn annotated(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["annotate", "-o", "-"];
    all.extend_from_slice(args);
    let out = minemap(&all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let collection: Value = serde_json::from_slice(&out.stdout).unwrap();
    collection["features"].as_array().unwrap().clone()
}

fn coordinates(feature: &Value) -> (f64, f64) {
    let c = &feature["geometry"]["coordinates"];
    (c[0].as_f64().unwrap(), c[1].as_f64().unwrap())
}

const SURVEY: &str = "site;nord;ost\nA;40.1;47.2\nB;40.25;47.35\n";

#[test]
fn without_flags_an_unrecognised_table_fails_naming_its_columns() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "survey.csv", SURVEY);
    let out = minemap(&["validate", &csv]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("no coordinate columns") && err.contains("\"nord\""),
        "{err}"
    );
}

#[test]
fn lat_lon_flags_with_a_delimiter_place_the_points() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "survey.csv", SURVEY);
    let flags = [
        "--csv-lat",
        "nord",
        "--csv-lon",
        "ost",
        "--csv-delimiter",
        ";",
    ];
    let mut args = flags.to_vec();
    args.push(&csv);
    let features = annotated(&args);
    assert_eq!(features.len(), 2);
    assert_eq!(coordinates(&features[0]), (47.2, 40.1));
    assert_eq!(coordinates(&features[1]), (47.35, 40.25));
    assert_eq!(features[1]["properties"]["site"], "B");

    for command in ["report", "validate"] {
        let mut args = vec![command];
        args.extend_from_slice(&flags);
        args.push(&csv);
        let out = minemap(&args);
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
    }
}

#[test]
fn wkt_and_coordinate_flags_read_the_named_columns() {
    let dir = tempfile::tempdir().unwrap();
    let wkt = write(
        dir.path(),
        "areas.csv",
        "id,umriss\n1,\"POLYGON ((47 40, 47.01 40, 47.01 40.01, 47 40))\"\n",
    );
    let features = annotated(&["--csv-wkt", "umriss", &wkt]);
    assert_eq!(features[0]["geometry"]["type"], "Polygon");
    assert!(
        features[0]["properties"].get("umriss").is_none(),
        "the WKT column becomes the geometry"
    );

    // A column of MGRS references: 38TNK 12345 56789 is in Azerbaijan.
    let grid = write(dir.path(), "grid.csv", "id\tref\n1\t38TNK1234556789\n");
    let features = annotated(&["--csv-coord", "ref", "--csv-delimiter", "tab", &grid]);
    let (lon, lat) = coordinates(&features[0]);
    assert!(
        (44.0..50.0).contains(&lon) && (38.0..42.0).contains(&lat),
        "{lon} {lat}"
    );
}

#[test]
fn a_flag_naming_a_missing_column_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "survey.csv", SURVEY);
    let out = minemap(&["report", "--csv-lat", "breite", "--csv-lon", "ost", &csv]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("survey.csv") && err.contains("\"breite\""),
        "{err}"
    );
    // The delimiter given wins over the guess: split at commas, the file has one column.
    let out = minemap(&[
        "report",
        "--csv-lat",
        "nord",
        "--csv-lon",
        "ost",
        "--csv-delimiter",
        ",",
        &csv,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"nord\""), "{}", stderr(&out));
    // A latitude without a longitude is refused by the parser itself.
    let out = minemap(&["report", "--csv-lat", "nord", &csv]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
