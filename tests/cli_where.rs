//! `minemap report|validate --where 'CQL2'` run as the real binary on `sample_data/`. The
//! features expected are found by reading the GeoJSON with serde_json in the test, never
//! through the filter.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_data")
        .join(name)
}

fn minemap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minemap"))
        .args(args)
        .output()
        .unwrap()
}

/// The properties of every feature of a sample file, in order.
fn properties(name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(sample(name)).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    json["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"].clone())
        .collect()
}

/// Indices of the features of `name` for which `keep` says yes.
fn expected(name: &str, keep: impl Fn(&Value) -> bool) -> BTreeSet<usize> {
    properties(name)
        .iter()
        .enumerate()
        .filter(|(_, p)| keep(p))
        .map(|(i, _)| i)
        .collect()
}

/// `(file name, index)` of every feature row of a JSON report.
fn report_rows(args: &[&str]) -> (Vec<(String, usize)>, Value) {
    let out = minemap(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = report["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let file = Path::new(r["file"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (file, usize::try_from(r["index"].as_u64().unwrap()).unwrap())
        })
        .collect();
    (rows, report)
}

fn indices_of(rows: &[(String, usize)], file: &str) -> BTreeSet<usize> {
    rows.iter()
        .filter(|(f, _)| f == file)
        .map(|(_, i)| *i)
        .collect()
}

#[test]
fn report_where_keeps_exactly_the_matching_hazard_areas() {
    let hazards = sample("hazard_areas.geojson");
    let (rows, report) = report_rows(&[
        "report",
        "--format",
        "json",
        "--where",
        r#""status" = 'open' AND "classification" IN ('cha','sha')"#,
        hazards.to_str().unwrap(),
    ]);
    let want = expected("hazard_areas.geojson", |p| {
        p["status"] == "open" && (p["classification"] == "cha" || p["classification"] == "sha")
    });
    assert!(!want.is_empty() && want.len() < 320, "a real subset");
    assert_eq!(indices_of(&rows, "hazard_areas.geojson"), want);
    assert_eq!(report["totals"]["features"], want.len());
    assert_eq!(report["land_release"]["hazard_areas"], want.len());
}

#[test]
fn report_where_matches_an_array_property_when_any_element_does() {
    let hazards = sample("hazard_areas.geojson");
    let (rows, _) = report_rows(&[
        "report",
        "--format",
        "json",
        "--where",
        "contamination = 'ap_mine' AND date_of_information >= DATE('2022-06-01')",
        hazards.to_str().unwrap(),
    ]);
    let want = expected("hazard_areas.geojson", |p| {
        let has_ap = p["contamination"]
            .as_array()
            .is_some_and(|c| c.iter().any(|x| x == "ap_mine"));
        // ISO dates order as text.
        has_ap
            && p["date_of_information"]
                .as_str()
                .is_some_and(|d| d >= "2022-06-01")
    });
    assert!(!want.is_empty());
    assert_eq!(indices_of(&rows, "hazard_areas.geojson"), want);
}

#[test]
fn report_where_filters_every_file_with_the_same_expression() {
    let files = [
        "hazard_areas.geojson",
        "incidents.geojson",
        "clearance_sectors.geojson",
    ];
    let paths: Vec<String> = files
        .iter()
        .map(|f| sample(f).to_str().unwrap().to_owned())
        .collect();
    let mut args = vec![
        "report",
        "--format",
        "json",
        "--where",
        "feature_type = 'accident' AND killed + injured >= 2 OR region = 'Fuzuli'",
    ];
    args.extend(paths.iter().map(String::as_str));
    let (rows, _) = report_rows(&args);
    let number = |v: &Value| v.as_f64().unwrap_or(0.0);
    for file in files {
        let want = expected(file, |p| {
            (p["feature_type"] == "accident" && number(&p["killed"]) + number(&p["injured"]) >= 2.0)
                || p["region"] == "Fuzuli"
        });
        assert_eq!(indices_of(&rows, file), want, "{file}");
    }
    assert!(indices_of(&rows, "incidents.geojson").len() > 10);
}

#[test]
fn validate_where_checks_only_the_matching_features() {
    let hazards = sample("hazard_areas.geojson");
    let filter = "status <> 'closed'";
    let out = minemap(&[
        "validate",
        "--format",
        "json",
        "--where",
        filter,
        hazards.to_str().unwrap(),
    ]);
    let code = out.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kept = expected("hazard_areas.geojson", |p| p["status"] != "closed");
    for p in report["problems"].as_array().unwrap() {
        let i = usize::try_from(p["index"].as_u64().unwrap()).unwrap();
        assert!(kept.contains(&i), "problem on a filtered-out feature: {p}");
    }
    // Nothing matches: nothing to report, exit 0.
    let none = minemap(&[
        "validate",
        "--where",
        "status = 'no such status'",
        hazards.to_str().unwrap(),
    ]);
    assert_eq!(none.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&none.stdout).starts_with("0 problems"));
}

#[test]
fn a_bad_where_exits_2_with_the_column_before_reading_any_file() {
    for command in ["report", "validate"] {
        let out = minemap(&[
            command,
            "--where",
            "status = 'open' AND",
            "/no/such/file.geojson",
        ]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.trim(),
            "error: --where: column 20: expected a value after 'AND', found the end of the expression",
            "{command}"
        );
        assert!(out.stdout.is_empty());
    }
    let out = minemap(&[
        "report",
        "--where",
        "NO_SUCH_FUNCTION(status)",
        sample("hazard_areas.geojson").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: --where: column 1: unknown function NO_SUCH_FUNCTION"),
        "{stderr}"
    );
}
