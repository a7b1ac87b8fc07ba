//! The GeoJSON reader and writer: lossless round trips, alias detection and typed errors for
//! every kind of bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use minemap::io::{LoadError, parse_geojson, read_geojson_file, save_layer, write_layer};
use minemap::model::{
    Classification, GeometryNoteKind, HazardStatus, LayerRole, PropertyRole, PropertyValue,
};
use serde_json::Value;

fn parse(text: &str) -> Result<minemap::io::LoadedLayer, LoadError> {
    parse_geojson(Arc::from(text), Path::new("test.geojson"), &|_| {})
}

const RICH: &str = r#"{
  "type": "FeatureCollection",
  "name": "IMSMA export",
  "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
  "x_export": {"tool": "imsma", "version": 7},
  "features": [
    {"type": "Feature", "id": "HA-1", "bbox": [47.0, 40.0, 47.01, 40.01],
     "geometry": {"type": "Polygon", "coordinates": [[[47.0, 40.0], [47.01, 40.0], [47.01, 40.01], [47.0, 40.01], [47.0, 40.0]]], "x_geom": true},
     "properties": {"zeta": 1, "Status": "Active", "HAZ_TYPE": "SHA", "alpha": {"nested": [1, 2.50, null]}, "big": 12345678901234567, "name": "Field 1"},
     "x_survey": {"team": "NTS-3"}},
    {"type": "Feature", "id": 17, "geometry": null, "properties": null},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [47.5, 40.5, 812.5]}, "properties": {"killed": 1, "injured": 2}}
  ]
}"#;

#[test]
fn properties_ids_and_foreign_members_survive_a_round_trip() {
    let loaded = parse(RICH).unwrap();
    let mut out = Vec::new();
    write_layer(&loaded.layer, &mut out).unwrap();
    let written: Value = serde_json::from_slice(&out).unwrap();
    let original: Value = serde_json::from_str(RICH).unwrap();
    assert_eq!(written, original);
}

#[test]
fn property_order_is_kept() {
    let loaded = parse(RICH).unwrap();
    let keys: Vec<&str> = loaded.layer.features[0].properties.keys().collect();
    assert_eq!(keys, ["zeta", "Status", "HAZ_TYPE", "alpha", "big", "name"]);
    let mut out = Vec::new();
    write_layer(&loaded.layer, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.find("\"zeta\"").unwrap() < text.find("\"alpha\"").unwrap());
}

#[test]
fn an_edited_feature_keeps_its_foreign_members_and_geometry() {
    let mut loaded = parse(RICH).unwrap();
    let f = &mut loaded.layer.features_mut()[0];
    f.properties.insert("notes", "checked".into());
    f.properties_edited = true;
    let mut out = Vec::new();
    write_layer(&loaded.layer, &mut out).unwrap();
    let written: Value = serde_json::from_slice(&out).unwrap();
    let feature = &written["features"][0];
    assert_eq!(feature["x_survey"]["team"], "NTS-3");
    assert_eq!(feature["geometry"]["x_geom"], true);
    assert_eq!(feature["bbox"][2], 47.01);
    assert_eq!(feature["properties"]["notes"], "checked");
    assert_eq!(feature["properties"]["HAZ_TYPE"], "SHA");
}

#[test]
fn saving_is_atomic_and_reloads_identically() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in.geojson");
    std::fs::write(&src, RICH).unwrap();
    let loaded = read_geojson_file(&src, &|_| {}).unwrap();
    let dst = dir.path().join("out.geojson");
    save_layer(&loaded.layer, &dst).unwrap();
    let a: Value = serde_json::from_str(RICH).unwrap();
    let b: Value = serde_json::from_str(&std::fs::read_to_string(&dst).unwrap()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn common_aliases_are_recognised() {
    let loaded = parse(RICH).unwrap();
    let layer = &loaded.layer;
    assert_eq!(layer.schema.key(PropertyRole::Status), Some("Status"));
    assert_eq!(
        layer.schema.key(PropertyRole::Classification),
        Some("HAZ_TYPE")
    );
    assert_eq!(layer.schema.key(PropertyRole::Killed), Some("killed"));
    let f = &layer.features[0];
    assert_eq!(layer.schema.classification(f), Some(Classification::Sha));
    assert_eq!(layer.schema.status(f), Some(HazardStatus::Open));
    assert_eq!(layer.name, "IMSMA export");
}

#[test]
fn layer_roles_are_detected_from_feature_type_and_from_content() {
    let hazards = parse(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{"hazardtype":"CHA","state":"closed"}}]}"#,
    )
    .unwrap();
    assert_eq!(hazards.layer.role, LayerRole::HazardAreas);
    let incidents = parse(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]},"properties":{"feature_type":"accident","killed":0,"injured":1}}]}"#,
    )
    .unwrap();
    assert_eq!(incidents.layer.role, LayerRole::Incidents);
    let other = parse(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]},"properties":{"kind":"well"}}]}"#,
    )
    .unwrap();
    assert_eq!(other.layer.role, LayerRole::Other);
}

#[test]
fn a_missing_file_names_the_file() {
    let err = read_geojson_file(Path::new("/nonexistent/hazards.geojson"), &|_| {}).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("/nonexistent/hazards.geojson"));
}

#[test]
fn a_file_that_is_not_json_is_a_not_json_error_with_its_position() {
    let err = parse("this is not json").unwrap_err();
    assert!(matches!(err, LoadError::NotJson { line: 1, .. }), "{err:?}");
    assert!(err.to_string().contains("test.geojson"));
}

#[test]
fn a_truncated_file_is_a_not_json_error() {
    let err = parse(&RICH[..RICH.len() / 2]).unwrap_err();
    assert!(matches!(err, LoadError::NotJson { .. }), "{err:?}");
}

#[test]
fn json_that_is_not_geojson_is_rejected_with_the_reason() {
    let err = parse(r#"{"type": "Topology", "objects": {}}"#).unwrap_err();
    assert!(matches!(err, LoadError::NotGeoJson { .. }), "{err:?}");
    assert!(err.to_string().contains("Topology"));
    let err = parse("[1, 2, 3]").unwrap_err();
    assert!(matches!(err, LoadError::NotGeoJson { .. }), "{err:?}");
    let err = parse(r#"{"features": []}"#).unwrap_err();
    assert!(err.to_string().contains("type"), "{err}");
}

#[test]
fn a_binary_file_is_rejected_as_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image.geojson");
    std::fs::write(&path, [0x89, b'P', b'N', b'G', 0xff, 0xfe, 0x00]).unwrap();
    let err = read_geojson_file(&path, &|_| {}).unwrap_err();
    assert!(matches!(err, LoadError::NotUtf8 { .. }), "{err:?}");
}

#[test]
fn a_feature_with_a_broken_geometry_is_kept_listed_and_the_rest_load() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"ok","geometry":{"type":"Point","coordinates":[47,40]},"properties":{}},
      {"type":"Feature","id":"bad","geometry":{"type":"Polygon","coordinates":[["x","y"]]},"properties":{"keep":"me"}},
      {"type":"Feature","id":"short","geometry":{"type":"Polygon","coordinates":[[[47,40],[47.1,40],[47,40]]]},"properties":{}},
      {"type":"Feature","geometry":{"type":"Circle","coordinates":[47,40]},"properties":{}}
    ]}"#;
    let loaded = parse(text).unwrap();
    assert_eq!(loaded.layer.features.len(), 4);
    assert!(loaded.layer.features[0].geometry.is_some());
    let bad = &loaded.layer.features[1];
    assert!(bad.geometry.is_none());
    assert_eq!(
        bad.properties.get("keep").and_then(PropertyValue::as_str),
        Some("me")
    );
    assert_eq!(bad.notes[0].kind, GeometryNoteKind::Unreadable);
    let indices: Vec<usize> = loaded.warnings.iter().map(|w| w.feature_index).collect();
    assert_eq!(indices, [1, 2, 3]);
    assert_eq!(loaded.warnings[0].feature_id.as_deref(), Some("bad"));
    assert!(
        loaded.warnings[1].reason.contains("3 positions"),
        "{}",
        loaded.warnings[1]
    );
    // Nothing is lost: the broken features are written back as they were.
    let mut out = Vec::new();
    write_layer(&loaded.layer, &mut out).unwrap();
    let a: Value = serde_json::from_str(text).unwrap();
    let b: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(a, b);
}

#[test]
fn an_unclosed_ring_is_closed_and_noted() {
    let loaded = parse(
        r#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[47,40],[47.1,40],[47.1,40.1],[47,40.1]]]},"properties":{}}"#,
    )
    .unwrap();
    let f = &loaded.layer.features[0];
    assert_eq!(f.notes[0].kind, GeometryNoteKind::UnclosedRing);
    let Some(geo::Geometry::Polygon(p)) = &f.geometry else {
        panic!("polygon expected")
    };
    assert_eq!(p.exterior().0.first(), p.exterior().0.last());
}

#[test]
fn a_bare_geometry_file_becomes_one_feature() {
    let loaded = parse(r#"{"type":"Point","coordinates":[47.5,40.2]}"#).unwrap();
    assert_eq!(loaded.layer.features.len(), 1);
    assert!(loaded.layer.features[0].is_point());
}
