//! `minemap split` run as the real binary on the sample data: the sectors it writes, their
//! properties and effort, and exit code 2 with one message for every kind of bad input.
#![allow(clippy::unwrap_used)]

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

fn hazards() -> String {
    sample("hazard_areas.geojson").to_str().unwrap().to_owned()
}

/// The first CHA of the sample data with a Polygon geometry, and its `mine_probability`.
fn a_cha() -> (String, String) {
    let text = std::fs::read_to_string(sample("hazard_areas.geojson")).unwrap();
    let fc: Value = serde_json::from_str(&text).unwrap();
    let f = fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["classification"] == "cha" && f["geometry"]["type"] == "Polygon")
        .unwrap();
    (
        f["id"].as_str().unwrap().to_owned(),
        f["properties"]["mine_probability"]
            .as_str()
            .unwrap()
            .to_owned(),
    )
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn split_writes_numbered_sectors_with_effort_to_stdout() {
    let (id, probability) = a_cha();
    let out = minemap(&[
        "split",
        &hazards(),
        "--feature",
        &id,
        "--cell-size",
        "50",
        "--rate",
        "400",
        "--teams",
        "2",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().unwrap();
    assert!(features.len() > 3, "{} sectors", features.len());
    let share = match probability.as_str() {
        "very_high" => 0.30,
        "medium_high" => 0.10,
        "low" => 0.05,
        "very_low" => 0.03,
        other => panic!("unexpected mine_probability {other}"),
    };
    for (i, f) in features.iter().enumerate() {
        let p = &f["properties"];
        assert_eq!(p["feature_type"], "clearance_sector");
        assert_eq!(p["hazard_id"], id.as_str());
        assert_eq!(p["sector_index"].as_u64(), Some(i as u64 + 1));
        assert_eq!(f["id"].as_str().unwrap(), format!("{id}-S{:03}", i + 1));
        let area = p["area_m2"].as_f64().unwrap();
        assert!(area > 0.0 && area <= 2_500.0 * 1.2 * 3.0, "{area}");
        assert_eq!(p["planned_asset"], "manual");
        assert_eq!(p["teams"].as_u64(), Some(2));
        let team_days = p["team_days"].as_f64().unwrap();
        assert!((team_days - area / 400.0).abs() < 1e-3, "{team_days}");
        assert!((p["duration_days"].as_f64().unwrap() - team_days / 2.0).abs() < 1e-3);
        assert!((p["ts_sample_m2"].as_f64().unwrap() - area * share).abs() < 0.01);
        assert!(matches!(
            f["geometry"]["type"].as_str(),
            Some("Polygon" | "MultiPolygon")
        ));
    }
}

#[test]
fn split_into_strips_writes_a_file_with_that_many_sectors() {
    let (id, _) = a_cha();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sectors.geojson");
    let out = minemap(&[
        "split",
        &hazards(),
        "--feature",
        &id,
        "--strips",
        "5",
        "--orientation",
        "30",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features.len(), 5);
    assert!(
        features[0]["properties"].get("team_days").is_none(),
        "no rate, no effort"
    );
}

#[test]
fn equal_parts_have_equal_areas() {
    let (id, _) = a_cha();
    let out = minemap(&[
        "split",
        &hazards(),
        "--feature",
        &id,
        "--parts",
        "4",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let areas: Vec<f64> = fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["area_m2"].as_f64().unwrap())
        .collect();
    assert_eq!(areas.len(), 4);
    let mean = areas.iter().sum::<f64>() / 4.0;
    assert!(
        areas.iter().all(|a| (a - mean).abs() < 0.01 * mean),
        "{areas:?}"
    );
}

#[test]
fn bad_input_gives_one_message_and_exit_code_2() {
    let (id, _) = a_cha();
    let h = hazards();
    let incidents = sample("incidents.geojson");
    let incidents = incidents.to_str().unwrap();
    let incident_id = {
        let fc: Value = serde_json::from_str(&std::fs::read_to_string(incidents).unwrap()).unwrap();
        fc["features"][0]["id"].as_str().unwrap().to_owned()
    };
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--feature", &id, "--cell-size", "0", "-o", "-"],
            "--cell-size",
        ),
        (
            vec!["--feature", &id, "--cell-size", "-5", "-o", "-"],
            "--cell-size",
        ),
        (
            vec!["--feature", &id, "--cell-size", "NaN", "-o", "-"],
            "--cell-size",
        ),
        (
            vec!["--feature", &id, "--cell-size", "0.5", "-o", "-"],
            "more than 100000",
        ),
        (
            vec!["--feature", &id, "--strips", "0", "-o", "-"],
            "at least 1",
        ),
        (
            vec![
                "--feature",
                &id,
                "--cell-size",
                "50",
                "--orientation",
                "north",
                "-o",
                "-",
            ],
            "--orientation",
        ),
        (
            vec![
                "--feature",
                &id,
                "--cell-size",
                "50",
                "--rate",
                "0",
                "-o",
                "-",
            ],
            "--rate",
        ),
        (
            vec![
                "--feature",
                &id,
                "--cell-size",
                "50",
                "--rate",
                "300",
                "--teams",
                "0",
                "-o",
                "-",
            ],
            "teams",
        ),
        (
            vec!["--feature", "HA-NO-SUCH", "--cell-size", "50", "-o", "-"],
            "no feature has the id HA-NO-SUCH",
        ),
        (vec!["--feature", &id, "-o", "-"], "--cell-size"),
        (
            vec!["--feature", &id, "--strips", "3", "--parts", "3", "-o", "-"],
            "cannot be used with",
        ),
    ];
    for (args, expected) in cases {
        let mut full = vec!["split", h.as_str()];
        full.extend(args.iter().copied());
        let out = minemap(&full);
        assert_eq!(out.status.code(), Some(2), "{full:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(expected), "{full:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(out.stdout.is_empty(), "{full:?} wrote output");
    }
    // A point (an incident) is not a polygon.
    let out = minemap(&[
        "split",
        incidents,
        "--feature",
        &incident_id,
        "--cell-size",
        "50",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("only a Polygon or MultiPolygon"),
        "{}",
        stderr(&out)
    );
    // A file that is not there.
    let out = minemap(&[
        "split",
        "/no/such/file.geojson",
        "--feature",
        "x",
        "--strips",
        "2",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/no/such/file.geojson"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn where_splits_every_matching_hazard_area_and_a_bad_expression_is_exit_2() {
    let text = std::fs::read_to_string(sample("hazard_areas.geojson")).unwrap();
    let fc: Value = serde_json::from_str(&text).unwrap();
    // Counted here, independently of minemap's filter.
    let matching: Vec<String> = fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let p = &f["properties"];
            p["classification"] == "cha" && p["region"] == "Lachin" && p["status"] == "open"
        })
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!matching.is_empty());
    let out = minemap(&[
        "split",
        &hazards(),
        "--where",
        "\"classification\" = 'cha' AND \"region\" = 'Lachin' AND \"status\" = 'open'",
        "--parts",
        "2",
        "-o",
        "-",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sectors: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sectors = sectors["features"].as_array().unwrap();
    assert_eq!(sectors.len(), 2 * matching.len());
    for s in sectors {
        let h = s["properties"]["hazard_id"].as_str().unwrap();
        assert!(matching.iter().any(|m| m == h), "{h}");
    }
    let bad = minemap(&[
        "split",
        &hazards(),
        "--where",
        "status = ",
        "--parts",
        "2",
        "-o",
        "-",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--where: column"));
}
