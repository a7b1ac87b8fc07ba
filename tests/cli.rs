//! The headless commands, run as the real binary: output shapes, exit codes, errors.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn minemap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minemap"))
        .args(args)
        .output()
        .unwrap()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn report_json_agrees_with_the_geographiclib_fixtures() {
    let polygons = fixture("geodesy/polygons.geojson");
    let out = minemap(&[
        "report",
        "--format",
        "json",
        "--group-by",
        "union_group",
        polygons.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json_of(&out);
    let reference: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("geodesy/reference.json")).unwrap())
            .unwrap();
    let features = report["features"].as_array().unwrap();
    let expected = reference["features"].as_array().unwrap();
    assert_eq!(features.len(), expected.len());
    for (f, r) in features.iter().zip(expected) {
        for key in [
            "file",
            "index",
            "id",
            "geometry_type",
            "area_m2",
            "perimeter_m",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
        assert_eq!(f["index"], r["index"]);
        assert_eq!(f["id"], r["id"]);
        let (a, b) = (
            f["area_m2"].as_f64().unwrap(),
            r["area_m2"].as_f64().unwrap(),
        );
        assert!(
            (a - b).abs() <= (1e-6 * b).max(1e-6),
            "{}: {a} vs {b}",
            r["id"]
        );
    }
    let totals = &report["totals"];
    assert_eq!(
        totals["features"].as_u64().unwrap() as usize,
        expected.len()
    );
    assert_eq!(totals["polygons"], totals["features"]);
    assert_eq!(totals["points"], 0);
    assert!(totals["union_area_m2"].as_f64().unwrap() < totals["area_m2"].as_f64().unwrap());
    for (group, area) in reference["unions"].as_object().unwrap() {
        let got = report["groups"][group]["union_area_m2"].as_f64().unwrap();
        let want = area.as_f64().unwrap();
        assert!((got - want).abs() / want < 5e-4, "{group}: {got} vs {want}");
        assert!(report["groups"][group]["features"].as_u64().unwrap() > 1);
    }
}

fn write_incident_file(dir: &Path) -> PathBuf {
    let path = dir.join("mixed.geojson");
    std::fs::write(
        &path,
        r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"HA-1","properties":{"feature_type":"hazard_area","classification":"cha"},
  "geometry":{"type":"Polygon","coordinates":[[[47.0,40.0],[47.02,40.0],[47.02,40.02],[47.0,40.02],[47.0,40.0]]]}},
 {"type":"Feature","id":"AC-1","properties":{"feature_type":"accident","killed":1,"injured":0},
  "geometry":{"type":"Point","coordinates":[47.01,40.01]}},
 {"type":"Feature","id":"AC-2","properties":{"feature_type":"accident","killed":0,"injured":2},
  "geometry":{"type":"Point","coordinates":[47.05,40.01]}}]}"#,
    )
    .unwrap();
    path
}

#[test]
fn report_gives_points_their_nearest_hazard_and_distance() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_incident_file(dir.path());
    let report = json_of(&minemap(&[
        "report",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]));
    let f = report["features"].as_array().unwrap();
    assert_eq!(f[1]["nearest_hazard_id"], "HA-1");
    assert_eq!(f[1]["distance_to_hazard_m"].as_f64(), Some(0.0));
    let d = f[2]["distance_to_hazard_m"].as_f64().unwrap();
    // pyproj: Geod(ellps="WGS84").inv(47.05, 40.01, 47.02, 40.01) gives 2561.4419 m.
    assert!((d - 2_561.442).abs() / 2_561.442 < 1e-3, "{d}");
    assert!(f[0].get("nearest_hazard_id").is_none());
    assert_eq!(report["totals"]["points"], 2);
}

#[test]
fn report_csv_has_one_row_per_feature_and_text_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_incident_file(dir.path());
    let csv = minemap(&["report", "--format", "csv", path.to_str().unwrap()]);
    assert_eq!(csv.status.code(), Some(0));
    let text = String::from_utf8(csv.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("file,index,id,geometry_type,area_m2,perimeter_m"));
    assert!(
        lines[3].contains(",AC-2,Point,") && lines[3].contains(",HA-1,"),
        "{}",
        lines[3]
    );
    let table = minemap(&["report", "--lang", "en", path.to_str().unwrap()]);
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.contains("HA-1")
            && table.contains("Totals: 3 features")
            && table.contains("union area"),
        "{table}"
    );
}

#[test]
fn validate_exits_0_on_a_clean_file_and_1_with_problems_in_the_issue_shape() {
    let clean = minemap(&["validate", fixture("qa/clean.geojson").to_str().unwrap()]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    let out = minemap(&[
        "validate",
        "--format",
        "json",
        fixture("qa/self_intersection.geojson").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let problems = json_of(&out)["problems"].as_array().unwrap().clone();
    assert_eq!(problems.len(), 1);
    let p = problems[0].as_object().unwrap();
    let keys: Vec<&str> = p.keys().map(String::as_str).collect();
    assert_eq!(keys, ["file", "index", "id", "kind", "message", "location"]);
    assert_eq!(p["kind"], "self_intersection");
    assert_eq!(p["location"].as_array().unwrap().len(), 2);
}

#[test]
fn validate_max_segment_option_changes_the_threshold() {
    let file = fixture("qa/long_segment.geojson");
    let strict = minemap(&["validate", file.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
    let lax = minemap(&[
        "validate",
        "--max-segment-m",
        "20000",
        file.to_str().unwrap(),
    ]);
    assert_eq!(lax.status.code(), Some(0));
}

#[test]
fn unreadable_and_malformed_files_exit_2_with_one_line_and_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.geojson");
    std::fs::write(
        &bad,
        "{\"type\": \"FeatureCollection\", \"features\": [ {\"type\": ",
    )
    .unwrap();
    let not_geojson = dir.path().join("list.geojson");
    std::fs::write(&not_geojson, "[1, 2, 3]").unwrap();
    let missing = dir.path().join("missing.geojson");
    for command in ["report", "validate"] {
        for path in [&bad, &not_geojson, &missing] {
            let out = minemap(&[command, path.to_str().unwrap()]);
            assert_eq!(out.status.code(), Some(2), "{command} {path:?}");
            let stderr = String::from_utf8(out.stderr).unwrap();
            let expected = format!("error: {}: ", path.display());
            assert!(stderr.starts_with(&expected), "{stderr}");
            assert!(
                !stderr.contains("panicked") && !stderr.contains("backtrace"),
                "{stderr}"
            );
        }
    }
}
