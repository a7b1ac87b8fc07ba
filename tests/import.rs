//! The importers against fixtures GDAL made (`tests/fixtures/import/make_fixtures.sh`): each
//! format gives the features, properties and geodesic areas of the GeoJSON it was made from,
//! reprojected systems land where GDAL put them, and every bad input gets its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use minemap::analysis::measures::FeatureMeasures;
use minemap::io::{LoadError, LoadedLayer, read_any_file, write_layer};
use minemap::model::{Layer, LayerRole, PropertyRole};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn read(name: &str) -> Vec<LoadedLayer> {
    read_any_file(&fixture(name), &|_| {}).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn read_one(name: &str) -> LoadedLayer {
    let mut layers = read(name);
    assert_eq!(layers.len(), 1, "{name}: one layer expected");
    layers.remove(0)
}

fn read_err(name: &str) -> LoadError {
    match read_any_file(&fixture(name), &|_| {}) {
        Ok(_) => panic!("{name}: an error expected"),
        Err(e) => e,
    }
}

fn json(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

/// The source polygons' areas, computed by GeographicLib (pyproj) when the fixtures were made.
fn reference_areas() -> Vec<f64> {
    json("expected/areas.json")
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["area_m2"].as_f64().unwrap())
        .collect()
}

fn assert_areas(layer: &Layer) {
    let expected = reference_areas();
    assert_eq!(layer.features.len(), expected.len(), "{}", layer.name);
    for (i, (f, want)) in layer.features.iter().zip(&expected).enumerate() {
        let got = FeatureMeasures::of_feature(f).area_m2;
        assert!(
            ((got - want) / want).abs() < 1e-6,
            "{} feature {i}: area {got} m², GeographicLib {want} m²",
            layer.name
        );
    }
}

/// Every feature's bounding box matches the source GeoJSON's within 1 cm (1e-7° is ~1 cm).
fn assert_positions(layer: &Layer, source: &str) {
    let source = minemap::io::read_geojson_file(&fixture(source), &|_| {}).unwrap();
    for (i, (ours, theirs)) in layer
        .features
        .iter()
        .zip(source.layer.features.iter())
        .enumerate()
    {
        let (a, b) = (ours.bbox().unwrap(), theirs.bbox().unwrap());
        for (x, y) in [
            (a.min().x, b.min().x),
            (a.min().y, b.min().y),
            (a.max().x, b.max().x),
            (a.max().y, b.max().y),
        ] {
            assert!(
                (x - y).abs() < 1e-7,
                "{} feature {i}: {a:?} vs {b:?}",
                layer.name
            );
        }
    }
}

/// Properties equal to GDAL's reading of the same file: same keys in the same order, same
/// values (numbers compared as numbers).
fn assert_properties_as_gdal(layer: &Layer, expected: &str) {
    let expected = json(expected);
    let features = expected["features"].as_array().unwrap();
    assert_eq!(layer.features.len(), features.len());
    for (i, (ours, theirs)) in layer.features.iter().zip(features).enumerate() {
        let ours = Value::Object(ours.properties.to_json());
        let theirs = &theirs["properties"];
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&ours), keys(theirs), "feature {i}");
        for (k, v) in theirs.as_object().unwrap() {
            let mine = &ours[k];
            match (mine, v) {
                (Value::Number(a), Value::Number(b)) => {
                    assert!(
                        (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 1e-9,
                        "feature {i} {k}: {a} vs {b}"
                    );
                }
                _ => assert_eq!(mine, v, "feature {i} {k}"),
            }
        }
    }
}

#[test]
fn wgs84_shapefile_matches_the_geojson_it_was_made_from() {
    let loaded = read_one("shp/hazards_wgs84.shp");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_areas(&loaded.layer);
    assert_positions(&loaded.layer, "hazards.geojson");
    assert_properties_as_gdal(&loaded.layer, "expected/hazards_wgs84.geojson");
    assert_eq!(loaded.layer.name, "hazards_wgs84");
}

#[test]
fn holes_and_multipolygon_parts_come_back_from_a_shapefile() {
    let loaded = read_one("shp/hazards_wgs84.shp");
    let source = json("hazards.geojson");
    for (f, s) in loaded
        .layer
        .features
        .iter()
        .zip(source["features"].as_array().unwrap())
    {
        let geometry = f.geometry.as_ref().unwrap();
        let (parts, holes) = match geometry {
            geo::Geometry::Polygon(p) => (1, p.interiors().len()),
            geo::Geometry::MultiPolygon(mp) => {
                (mp.0.len(), mp.0.iter().map(|p| p.interiors().len()).sum())
            }
            other => panic!("polygon expected, got {other:?}"),
        };
        let coords = &s["geometry"]["coordinates"];
        let (want_parts, want_holes) = match s["geometry"]["type"].as_str().unwrap() {
            "Polygon" => (1, coords.as_array().unwrap().len() - 1),
            _ => (
                coords.as_array().unwrap().len(),
                coords
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_array().unwrap().len() - 1)
                    .sum(),
            ),
        };
        assert_eq!((parts, holes), (want_parts, want_holes));
    }
}

#[test]
fn utm_38n_shapefile_is_reprojected_to_where_gdal_put_it() {
    let loaded = read_one("shp/hazards_utm38n.shp");
    let crs = loaded.layer.source_crs.as_deref().unwrap();
    assert!(crs.contains("UTM") && crs.contains("38N"), "{crs}");
    assert_areas(&loaded.layer);
    assert_positions(&loaded.layer, "hazards.geojson");
    assert_properties_as_gdal(&loaded.layer, "expected/hazards_utm38n.geojson");
}

#[test]
fn web_mercator_shapefile_is_reprojected() {
    let loaded = read_one("shp/hazards_webmerc.shp");
    assert!(loaded.layer.source_crs.as_deref().unwrap().contains("3857"));
    assert_areas(&loaded.layer);
    assert_positions(&loaded.layer, "hazards.geojson");
}

#[test]
fn pulkovo_1942_gauss_kruger_shapefile_gets_its_datum_shift() {
    let loaded = read_one("shp/hazards_pulkovo_gk8.shp");
    let crs = loaded.layer.source_crs.as_deref().unwrap();
    assert!(crs.contains("Pulkovo"), "{crs}");
    assert_areas(&loaded.layer);
    // Without the towgs84 shift the polygons would sit ~100 m off: 1 cm proves it applied.
    assert_positions(&loaded.layer, "hazards.geojson");
}

#[test]
fn cp1251_text_is_read_from_the_cpg_or_else_the_language_driver() {
    let with_cpg = read_one("shp/hazards_cp1251.shp");
    assert_properties_as_gdal(&with_cpg.layer, "expected/hazards_cp1251.geojson");
    let without = read_one("shp/nocpg/hazards_cp1251.shp");
    assert_properties_as_gdal(&without.layer, "expected/hazards_cp1251_nocpg.geojson");
    let name = without.layer.features[1].properties.get("name").unwrap();
    assert!(name.as_str().unwrap().contains("Шуша"), "{name:?}");
}

#[test]
fn zipped_utm_shapefile_opens_like_the_unzipped_one() {
    let loaded = read_one("hazards_utm38n.zip");
    assert_eq!(loaded.layer.name, "hazards_utm38n");
    assert_areas(&loaded.layer);
    assert_positions(&loaded.layer, "hazards.geojson");
}

#[test]
fn truncated_dbf_names_are_recognised_as_roles() {
    let loaded = read_one("shp/hazards_utm38n.shp");
    let layer = &loaded.layer;
    assert_eq!(layer.role, LayerRole::HazardAreas);
    assert_eq!(
        layer.schema.key(PropertyRole::EstimatedArea),
        Some("estimated_")
    );
    assert_eq!(
        layer.schema.key(PropertyRole::Classification),
        Some("classifica")
    );
}

#[test]
fn geopackage_offers_every_feature_table_as_a_layer() {
    let layers = read("layers.gpkg");
    let names: Vec<&str> = layers.iter().map(|l| l.layer.name.as_str()).collect();
    assert_eq!(names, ["hazards", "incidents", "hazards_utm38n"]);
    assert_areas(&layers[0].layer);
    assert_positions(&layers[0].layer, "hazards.geojson");
    assert_properties_as_gdal(&layers[0].layer, "expected/gpkg_hazards.geojson");
    assert_properties_as_gdal(&layers[1].layer, "expected/gpkg_incidents.geojson");
    assert_positions(&layers[1].layer, "incidents.geojson");
    assert_eq!(layers[0].layer.features[2].display_id(2), "3");
    assert!(
        layers[2]
            .layer
            .source_crs
            .as_deref()
            .unwrap()
            .contains("32638")
    );
    assert_areas(&layers[2].layer);
    assert_positions(&layers[2].layer, "hazards.geojson");
    assert!(layers.iter().all(|l| l.warnings.is_empty()));
}

#[test]
fn an_imported_layer_exports_as_geojson_with_every_attribute() {
    let loaded = read_one("shp/hazards_utm38n.shp");
    let mut out = Vec::new();
    write_layer(&loaded.layer, &mut out).unwrap();
    let written: Value = serde_json::from_slice(&out).unwrap();
    let features = written["features"].as_array().unwrap();
    assert_eq!(features.len(), 6);
    for (f, w) in loaded.layer.features.iter().zip(features) {
        assert_eq!(w["properties"], Value::Object(f.properties.to_json()));
        assert!(w["geometry"]["type"].as_str().unwrap().ends_with("Polygon"));
    }
    // And it reads back with the same areas.
    let back = minemap::io::parse_geojson(
        std::sync::Arc::from(String::from_utf8(out).unwrap()),
        Path::new("export.geojson"),
        &|_| {},
    )
    .unwrap();
    assert_areas(&back.layer);
}

// ---------------------------------------------------------------------------------------
// Bad input: a clear message naming the file (and the record), the rest kept where safe.

#[test]
fn a_shp_without_its_dbf_or_shx_says_which_part_is_missing() {
    let e = read_err("bad/no_dbf.shp").to_string();
    assert!(
        e.contains("no_dbf.shp") && e.contains(".dbf attribute table is missing"),
        "{e}"
    );
    let e = read_err("bad/no_shx.shp").to_string();
    assert!(
        e.contains("no_shx.shp") && e.contains(".shx index is missing"),
        "{e}"
    );
}

#[test]
fn a_truncated_shp_keeps_the_records_before_the_cut() {
    let loaded = read_one("bad/truncated.shp");
    assert!(!loaded.layer.features.is_empty() && loaded.layer.features.len() < 6);
    let w = loaded
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(w.contains("truncated"), "{w}");
    assert!(
        w.contains(&format!("record {}", loaded.layer.features.len() + 1)),
        "{w}"
    );
}

#[test]
fn record_counts_that_disagree_are_reported_and_shapes_kept() {
    let loaded = read_one("bad/counts.shp");
    assert_eq!(loaded.layer.features.len(), 6);
    let w = loaded.warnings[0].to_string();
    assert!(w.contains("6 shapes") && w.contains("5 rows"), "{w}");
    assert!(loaded.layer.features[5].properties.is_empty());
}

#[test]
fn a_prj_nobody_can_read_is_an_error_naming_the_system() {
    let e = read_err("bad/bad_prj.shp");
    assert!(matches!(e, LoadError::Crs { .. }), "{e:?}");
    let e = e.to_string();
    assert!(
        e.contains("bad_prj.prj") && e.contains("Local_Grid_Of_Nowhere"),
        "{e}"
    );
}

#[test]
fn a_zip_with_no_shapefile_says_what_it_holds() {
    let e = read_err("bad/no_shapefile.zip").to_string();
    assert!(
        e.contains("no_shapefile.zip")
            && e.contains("no shapefile")
            && e.contains("incidents.geojson"),
        "{e}"
    );
}

#[test]
fn a_file_of_no_known_format_lists_the_formats() {
    let e = read_err("make_source.py").to_string();
    assert!(
        e.contains("make_source.py") && e.contains("GeoPackage"),
        "{e}"
    );
}

#[test]
fn reading_reports_progress_up_to_one() {
    let last = std::sync::Mutex::new(0f32);
    read_any_file(&fixture("layers.gpkg"), &|f| *last.lock().unwrap() = f).unwrap();
    assert!((*last.lock().unwrap() - 1.0).abs() < 1e-6);
}

/// The named properties equal the source GeoJSON's (numbers compared as numbers).
fn assert_source_properties(layer: &Layer, source: &str, keys: &[&str]) {
    let source = json(source);
    let features = source["features"].as_array().unwrap();
    assert_eq!(layer.features.len(), features.len(), "{}", layer.name);
    for (i, (ours, theirs)) in layer.features.iter().zip(features).enumerate() {
        for k in keys {
            let mine = ours
                .properties
                .get(k)
                .map(|v| v.to_json())
                .unwrap_or(Value::Null);
            let want = &theirs["properties"][k];
            match (&mine, want) {
                (Value::Number(a), Value::Number(b)) => {
                    assert!(
                        (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 1e-9,
                        "{} feature {i} {k}: {a} vs {b}",
                        layer.name
                    );
                }
                _ => assert_eq!(&mine, want, "{} feature {i} {k}", layer.name),
            }
        }
    }
}

const HAZARD_KEYS: &[&str] = &[
    "id",
    "name",
    "classification",
    "status",
    "estimated_area_m2",
    "priority",
    "notes",
];

#[test]
fn kml_placemarks_match_the_geojson_with_typed_schema_data() {
    let loaded = read_one("hazards.kml");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_areas(&loaded.layer);
    assert_positions(&loaded.layer, "hazards.geojson");
    assert_source_properties(&loaded.layer, "hazards.geojson", HAZARD_KEYS);
}

#[test]
fn kmz_opens_its_embedded_kml() {
    let loaded = read_one("hazards.kmz");
    assert_areas(&loaded.layer);
    assert_source_properties(&loaded.layer, "hazards.geojson", HAZARD_KEYS);
}

#[test]
fn gpx_waypoints_land_within_a_centimetre_with_their_extensions() {
    let layers = read("incidents.gpx");
    assert_eq!(layers.len(), 1);
    let layer = &layers[0].layer;
    assert_eq!(layer.name, "incidents — waypoints");
    assert_positions(layer, "incidents.geojson");
    assert_source_properties(
        layer,
        "incidents.geojson",
        &["name", "desc", "killed", "injured"],
    );
}

#[test]
fn csv_points_from_x_y_columns_land_within_a_centimetre() {
    let loaded = read_one("incidents.csv");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_positions(&loaded.layer, "incidents.geojson");
    assert_source_properties(
        &loaded.layer,
        "incidents.geojson",
        &["name", "desc", "killed", "injured"],
    );
}

#[test]
fn csv_polygons_from_a_wkt_column_have_the_geojson_areas() {
    let loaded = read_one("hazards.csv");
    assert_areas(&loaded.layer);
    assert_source_properties(&loaded.layer, "hazards.geojson", HAZARD_KEYS);
}
