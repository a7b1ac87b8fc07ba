//! Areas, perimeters and union areas agree with GeographicLib (pyproj) and shapely, whose
//! figures are stored in `tests/fixtures/geodesy/reference.json` by `make_reference.py`.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::atomic::AtomicBool;

use minemap::analysis::Selection;
use minemap::analysis::geodesy::karney_area_perimeter;
use minemap::analysis::measures::measure_layer;
use minemap::analysis::totals::union_area_m2;
use minemap::io::geojson::read_geojson_file;
use minemap::model::PropertyValue;
use serde_json::Value;

fn fixture() -> (minemap::model::Layer, Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/geodesy");
    let layer = read_geojson_file(&dir.join("polygons.geojson"), &|_| {})
        .unwrap()
        .layer;
    let text = std::fs::read_to_string(dir.join("reference.json")).unwrap();
    (layer, serde_json::from_str(&text).unwrap())
}

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(f64::MIN_POSITIVE)
}

#[test]
fn every_feature_area_and_perimeter_is_within_a_millionth_of_geographiclib() {
    let (layer, reference) = fixture();
    let measures = measure_layer(&layer);
    let features = reference["features"].as_array().unwrap();
    assert_eq!(features.len(), layer.features.len());
    for r in features {
        let i = usize::try_from(r["index"].as_u64().unwrap()).unwrap();
        let (area, perimeter) = (
            r["area_m2"].as_f64().unwrap(),
            r["perimeter_m"].as_f64().unwrap(),
        );
        let m = measures[i];
        let id = &r["id"];
        // Below 1 m² GeographicLib's own rounding (its sums run over areas between each edge
        // and the equator, ~1e-8 m² here) exceeds 1e-6 relative: compare to 1e-6 m² instead.
        let tolerance = (1e-6 * area).max(1e-6);
        assert!(
            (m.area_m2 - area).abs() < tolerance,
            "{id}: area {} vs {area}",
            m.area_m2
        );
        assert!(
            relative(m.perimeter_m, perimeter) < 1e-6,
            "{id}: perimeter {} vs {perimeter}",
            m.perimeter_m
        );
    }
}

#[test]
fn karney_path_alone_matches_geographiclib_for_every_polygon() {
    let (layer, reference) = fixture();
    for r in reference["features"].as_array().unwrap() {
        let i = usize::try_from(r["index"].as_u64().unwrap()).unwrap();
        let (area, perimeter) = match layer.features[i].geometry.as_ref().unwrap() {
            geo::Geometry::Polygon(p) => {
                let ap = karney_area_perimeter(p);
                (ap.area_m2, ap.perimeter_m)
            }
            geo::Geometry::MultiPolygon(mp) => mp
                .iter()
                .map(karney_area_perimeter)
                .fold((0.0, 0.0), |a, b| (a.0 + b.area_m2, a.1 + b.perimeter_m)),
            _ => unreachable!(),
        };
        let id = &r["id"];
        assert!(
            relative(area, r["area_m2"].as_f64().unwrap()) < 1e-6,
            "{id}: {area}"
        );
        assert!(
            relative(perimeter, r["perimeter_m"].as_f64().unwrap()) < 1e-6,
            "{id}: {perimeter}"
        );
    }
}

#[test]
fn union_areas_are_within_half_a_per_mille_of_shapely() {
    let (layer, reference) = fixture();
    for (group, expected) in reference["unions"].as_object().unwrap() {
        let members: Vec<usize> = layer
            .features
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.properties
                    .get("union_group")
                    .and_then(PropertyValue::as_str)
                    == Some(group)
            })
            .map(|(i, _)| i)
            .collect();
        let geometries =
            minemap::analysis::totals::selected_polygons(&layer, Selection::Indices(&members));
        let union = union_area_m2(&geometries, &|_| {}, &AtomicBool::new(false)).unwrap();
        let expected = expected.as_f64().unwrap();
        assert!(
            relative(union, expected) < 5e-4,
            "{group}: {union} vs {expected}"
        );
        let sum: f64 = geometries
            .iter()
            .map(|g| minemap::analysis::geodesy::geodesic_area_m2(g))
            .sum();
        assert!(union < sum, "{group}: overlaps must be counted once");
    }
}
