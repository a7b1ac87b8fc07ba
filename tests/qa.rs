//! Every geometry QA kind is demonstrated by a fixture in `tests/fixtures/qa/KIND.geojson`
//! that raises that kind and no other; `clean.geojson` raises nothing.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use minemap::analysis::qa::{Problem, ProblemKind, QaOptions, validate};
use minemap::io::geojson::read_geojson_file;

fn problems_of(name: &str) -> Vec<Problem> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/qa")
        .join(format!("{name}.geojson"));
    let layer = read_geojson_file(&path, &|_| {}).unwrap().layer;
    validate(&[&layer], &QaOptions::default())
}

#[test]
fn each_kind_has_a_fixture_that_raises_exactly_that_kind() {
    for kind in ProblemKind::ALL {
        let problems = problems_of(kind.code());
        let kinds: BTreeSet<&str> = problems.iter().map(|p| p.kind.code()).collect();
        assert_eq!(kinds, BTreeSet::from([kind.code()]), "{problems:#?}");
        for p in &problems {
            assert!(!p.message.is_empty());
            if kind != ProblemKind::NullGeometry && kind != ProblemKind::EmptyGeometry {
                let [lon, lat] = p.location.unwrap();
                assert!(
                    (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat),
                    "{p:?}"
                );
            }
        }
    }
}

#[test]
fn a_clean_file_has_no_problem() {
    assert_eq!(problems_of("clean"), Vec::new());
}

#[test]
fn bow_tie_polygon_is_reported_with_its_crossing_point() {
    let p = &problems_of("self_intersection")[0];
    let [lon, lat] = p.location.unwrap();
    assert!(
        (lon - 47.01).abs() < 1e-9 && (lat - 40.01).abs() < 1e-9,
        "{p:?}"
    );
    assert!(p.message.contains("47.010000"), "{}", p.message);
    assert_eq!(p.id, serde_json::json!("HA-bowtie"));
}

#[test]
fn swapped_latitude_and_longitude_are_named_as_such() {
    let p = &problems_of("coordinates_out_of_range")[0];
    assert!(p.message.contains("swapped"), "{}", p.message);
    let [lon, lat] = p.location.unwrap();
    assert!(
        (lon - 147.01).abs() < 1e-9 && (lat - 40.0).abs() < 1e-9,
        "{p:?}"
    );
}

#[test]
fn overlap_is_reported_once_with_its_area() {
    let problems = problems_of("overlap");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].index, 1);
    // Half of a 0.01° square at 40° N: about 0.5 × 853 m × 1111 m.
    assert!(
        problems[0].message.contains(" m²"),
        "{}",
        problems[0].message
    );
    let area: f64 = problems[0]
        .message
        .split(" by ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!((area - 473_900.0).abs() < 2_000.0, "{area}");
}

#[test]
fn a_long_segment_threshold_can_be_raised() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qa/long_segment.geojson");
    let layer = read_geojson_file(&path, &|_| {}).unwrap().layer;
    let options = QaOptions {
        max_segment_m: 20_000.0,
        ..QaOptions::default()
    };
    assert!(validate(&[&layer], &options).is_empty());
}
