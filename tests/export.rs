//! Export: what goes in comes out (except the documented RFC 7946 fixes), annotations add and
//! never overwrite, privacy strips what it says, saving is atomic, GDAL opens the result, and
//! `minemap annotate` runs as a real binary.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use minemap::analysis::Selection;
use minemap::analysis::annotations::Annotation;
use minemap::analysis::geodesy::{geodesic_distance_m, unwrapped_signed_area};
use minemap::io::export::{
    ExportError, ExportLayer, ExportOptions, KeyConflict, PrivacyOptions, backup_path,
    export_to_file, plan_export, save_layer, save_with,
};
use minemap::io::read_geojson_file;
use minemap::model::{Layer, PropertyValue};
use serde_json::{Map, Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

fn load(path: &Path) -> Layer {
    read_geojson_file(path, &|_| {}).unwrap().layer
}

fn export_text(layers: &[ExportLayer<'_>], options: &ExportOptions) -> String {
    let plan = plan_export(layers, &[], options);
    let mut out = Vec::new();
    plan.write(&mut out, &|_| {}, &AtomicBool::new(false))
        .unwrap();
    String::from_utf8(out).unwrap()
}

fn json_file(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn features(v: &Value) -> &Vec<Value> {
    v["features"].as_array().unwrap()
}

/// `[lon, lat]` pairs of a ring as JSON.
fn ring(v: &Value) -> geo::LineString<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| geo::coord! { x: p[0].as_f64().unwrap(), y: p[1].as_f64().unwrap() })
        .collect()
}

#[test]
fn sample_data_comes_back_unchanged_without_annotations() {
    for name in ["hazard_areas", "incidents", "clearance_sectors"] {
        let path = root().join(format!("sample_data/{name}.geojson"));
        let layer = load(&path);
        let text = export_text(&[ExportLayer::all(&layer)], &ExportOptions::default());
        let out: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(out, json_file(&path), "{name}");
    }
}

#[test]
fn odd_members_survive_and_only_the_documented_fixes_are_made() {
    let path = fixture("export/odd_members.geojson");
    let layer = load(&path);
    let plan = plan_export(&[ExportLayer::all(&layer)], &[], &ExportOptions::default());
    let summary = plan.summary().clone();
    assert_eq!(summary.dropped_collection_members, ["crs"]);
    assert_eq!(summary.windings_fixed, 2, "id 42 and HOLE-1");
    assert_eq!(summary.coordinates_rounded, 1, "PRECISE-1");
    let mut bytes = Vec::new();
    plan.write(&mut bytes, &|_| {}, &AtomicBool::new(false))
        .unwrap();
    let text = String::from_utf8(bytes).unwrap();

    // Numbers exactly as written (compared as text: a parser would hide the difference).
    for written in [
        "9007199254740993",
        "\"ratio\": 1.50",
        "\"estimated_area_m2\": 0.1",
        "-0.0",
        "1e-7",
        "2.50",
        "510.25",
    ] {
        assert!(text.contains(written), "{written} lost");
    }

    let input = json_file(&path);
    let out: Value = serde_json::from_str(&text).unwrap();
    // Collection: every member but crs, in order.
    let mut expected_top: Map<String, Value> = input.as_object().unwrap().clone();
    expected_top.shift_remove("crs");
    let out_top = out.as_object().unwrap();
    assert_eq!(
        out_top.keys().collect::<Vec<_>>(),
        expected_top.keys().collect::<Vec<_>>()
    );
    assert_eq!(out_top["x_exported_by"], expected_top["x_exported_by"]);

    let (ins, outs) = (features(&input), features(&out));
    assert_eq!(ins.len(), outs.len());
    for (i, o) in ins.iter().zip(outs) {
        let id = i.get("id").cloned().unwrap_or(Value::Null);
        match id
            .as_str()
            .map(str::to_owned)
            .or(id.as_i64().map(|n| n.to_string()))
        {
            Some(ref s) if s == "42" => {
                // Exterior reversed to counter-clockwise; everything else as it was.
                let rin = ring(&i["geometry"]["coordinates"][0]);
                let rout = ring(&o["geometry"]["coordinates"][0]);
                assert!(unwrapped_signed_area(&rin) < 0.0);
                assert!(unwrapped_signed_area(&rout) > 0.0);
                let mut reversed = rin.0.clone();
                reversed.reverse();
                assert_eq!(rout.0, reversed);
                assert_eq!(o["geometry"]["x_geometry_member"], "kept");
                assert_eq!(o["properties"], i["properties"]);
                assert_eq!(o["id"], 42);
                assert_eq!(o["bbox"], json!([47.1, 40.1, 47.11, 40.11]));
            }
            Some(ref s) if s == "HOLE-1" => {
                let hole_in = ring(&i["geometry"]["coordinates"][1]);
                let hole_out = ring(&o["geometry"]["coordinates"][1]);
                assert!(unwrapped_signed_area(&hole_in) > 0.0);
                assert!(unwrapped_signed_area(&hole_out) < 0.0);
                assert_eq!(
                    o["geometry"]["coordinates"][0],
                    i["geometry"]["coordinates"][0]
                );
                // Altitudes stay with their positions.
                assert_eq!(o["geometry"]["coordinates"][1][1][2], 0);
            }
            Some(ref s) if s == "PRECISE-1" => {
                assert_eq!(
                    o["geometry"]["coordinates"],
                    json!([[47.1234568, 40.9876543], [47.2, 40.9]])
                );
                assert_eq!(o["properties"], i["properties"]);
            }
            _ => assert_eq!(o, i, "feature changed"),
        }
    }
}

#[test]
fn annotations_add_keys_and_every_input_member_is_still_there() {
    let hazards = load(&root().join("sample_data/hazard_areas.geojson"));
    let incidents = load(&root().join("sample_data/incidents.geojson"));
    let sectors = load(&root().join("sample_data/clearance_sectors.geojson"));
    let options = ExportOptions {
        annotations: Annotation::ALL.to_vec(),
        ..ExportOptions::default()
    };
    let layers = [
        ExportLayer::all(&hazards),
        ExportLayer::all(&incidents),
        ExportLayer::all(&sectors),
    ];
    let plan = plan_export(&layers, &[], &options);
    let summary = plan.summary();
    // Sectors and incidents carry hazard_id already: the annotation goes elsewhere.
    let renamed: Vec<(&str, &str)> = summary
        .renamed_keys()
        .map(|k| (k.key.as_str(), k.written_as.as_str()))
        .collect();
    assert_eq!(
        renamed,
        [
            ("area_m2", "minemap_area_m2"),
            ("hazard_id", "minemap_hazard_id")
        ]
    );
    let mut bytes = Vec::new();
    plan.write(&mut bytes, &|_| {}, &AtomicBool::new(false))
        .unwrap();
    let out: Value = serde_json::from_slice(&bytes).unwrap();
    let inputs: Vec<Value> = ["hazard_areas", "incidents", "clearance_sectors"]
        .iter()
        .flat_map(|n| {
            features(&json_file(&root().join(format!("sample_data/{n}.geojson")))).clone()
        })
        .collect();
    let outs = features(&out);
    assert_eq!(outs.len(), inputs.len());
    let (mut linked, mut same_hazard) = (0, 0);
    for (i, o) in inputs.iter().zip(outs) {
        for (k, v) in i.as_object().unwrap() {
            if k != "properties" {
                assert_eq!(&o[k], v, "member {k}");
            }
        }
        let (pin, pout) = (
            i["properties"].as_object().unwrap(),
            o["properties"].as_object().unwrap(),
        );
        // Input properties first, in order and unchanged; annotations after.
        assert_eq!(
            pout.keys().take(pin.len()).collect::<Vec<_>>(),
            pin.keys().collect::<Vec<_>>()
        );
        for (k, v) in pin {
            assert_eq!(&pout[k], v, "property {k}");
        }
        assert!(pout["qa_problems"].is_array());
        match pin["feature_type"].as_str().unwrap() {
            "hazard_area" => {
                let written = pin["estimated_area_m2"].as_f64().unwrap();
                let area = pout["minemap_area_m2"].as_f64().unwrap();
                assert!(!pout.contains_key("area_m2"));
                // The sample's areas are GeographicLib's (checked against pyproj to
                // 0.005 m²); ours may take the equal-area fast path (≤ 1e-6 relative).
                assert!(
                    (area - written).abs() <= 0.011 + written * 1e-6,
                    "{area} vs {written}"
                );
                assert!(pout["perimeter_m"].as_f64().unwrap() > 0.0);
                for k in [
                    "incidents_inside",
                    "casualties_inside",
                    "incidents_nearby",
                    "casualties_nearby",
                ] {
                    assert!(pout[k].is_number(), "{k}");
                }
            }
            "accident" => {
                assert!(pout.contains_key("distance_to_hazard_m"));
                // The generator's hazard_id names the area holding the incident.
                if let (Some(h), Some(0.0)) = (
                    pin.get("hazard_id").and_then(Value::as_str),
                    pout["distance_to_hazard_m"].as_f64(),
                ) {
                    linked += 1;
                    same_hazard += usize::from(pout["minemap_hazard_id"] == h);
                }
            }
            _ => {}
        }
    }
    // Where hazard areas overlap, an incident may lie in another one as well.
    assert!(linked > 100, "only {linked} incidents inside a hazard area");
    assert!(
        same_hazard * 100 >= linked * 95,
        "{same_hazard} of {linked}"
    );
    // Casualties inside hazard areas add up to those of incidents at distance 0.
    let inside: f64 = outs
        .iter()
        .filter_map(|f| f["properties"]["casualties_inside"].as_f64())
        .sum();
    let at_zero: f64 = outs
        .iter()
        .filter(|f| f["properties"]["distance_to_hazard_m"].as_f64() == Some(0.0))
        .map(|f| {
            f["properties"]["killed"].as_f64().unwrap()
                + f["properties"]["injured"].as_f64().unwrap()
        })
        .sum();
    assert!(inside >= at_zero && at_zero > 0.0, "{inside} {at_zero}");
}

#[test]
fn area_and_perimeter_annotations_agree_with_geographiclib() {
    let layer = load(&fixture("geodesy/polygons.geojson"));
    let reference = json_file(&fixture("geodesy/reference.json"));
    let options = ExportOptions {
        annotations: vec![Annotation::Area, Annotation::Perimeter],
        ..ExportOptions::default()
    };
    let out: Value =
        serde_json::from_str(&export_text(&[ExportLayer::all(&layer)], &options)).unwrap();
    let mut checked = 0;
    for r in reference["features"].as_array().unwrap() {
        let f = &features(&out)[usize::try_from(r["index"].as_u64().unwrap()).unwrap()];
        assert_eq!(f["id"], r["id"]);
        for key in ["area_m2", "perimeter_m"] {
            let (got, want) = (
                f["properties"][key].as_f64().unwrap(),
                r[key].as_f64().unwrap(),
            );
            // 2 decimals written; the fast path is within 1e-6 of GeographicLib.
            assert!(
                (got - want).abs() <= 0.005 + want * 1e-6,
                "{} {key}: {got} vs {want}",
                r["id"]
            );
            checked += 1;
        }
    }
    assert!(checked >= 10);
}

/// Every coordinate of a geometry.
fn numbers(v: &Value, out: &mut Vec<f64>) {
    match v {
        Value::Number(n) => out.push(n.as_f64().unwrap()),
        Value::Array(items) => items.iter().for_each(|i| numbers(i, out)),
        _ => {}
    }
}

#[test]
fn exported_rings_follow_rfc_7946_and_coordinates_the_precision() {
    let layer = load(&fixture("geodesy/polygons.geojson"));
    for precision in [7u8, 4] {
        let options = ExportOptions {
            precision: Some(precision),
            bbox: true,
            ..ExportOptions::default()
        };
        let out: Value =
            serde_json::from_str(&export_text(&[ExportLayer::all(&layer)], &options)).unwrap();
        let scale = 10f64.powi(i32::from(precision));
        let (mut polygons, mut oriented) = (0, 0);
        for f in features(&out) {
            let g = &f["geometry"];
            let parts: Vec<&Value> = match g["type"].as_str() {
                Some("Polygon") => vec![&g["coordinates"]],
                Some("MultiPolygon") => g["coordinates"].as_array().unwrap().iter().collect(),
                _ => Vec::new(),
            };
            for p in parts {
                polygons += 1;
                for (r, rv) in p.as_array().unwrap().iter().enumerate() {
                    let a = unwrapped_signed_area(&ring(rv));
                    // Rounding can collapse a sliver (2e-8° wide) to no area at all.
                    let ok = if r == 0 { a >= 0.0 } else { a <= 0.0 };
                    assert!(ok, "{} ring {r} at {precision} decimals: {a}", f["id"]);
                    oriented += usize::from(a != 0.0);
                }
            }
            let mut xs = Vec::new();
            numbers(&g["coordinates"], &mut xs);
            for x in &xs {
                assert!(((x * scale).round() / scale - x).abs() < 1e-12, "{x}");
            }
            // The feature bbox holds every coordinate.
            let b: Vec<f64> = f["bbox"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            for pair in xs.chunks(2) {
                assert!(pair[0] >= b[0] && pair[0] <= b[2] && pair[1] >= b[1] && pair[1] <= b[3]);
            }
        }
        assert!(polygons >= 8);
        assert!(
            oriented + 1 >= polygons,
            "{oriented} of {polygons} rings have an area"
        );
        assert_eq!(out["bbox"].as_array().unwrap().len(), 4);
    }
}

#[test]
fn only_the_selected_features_are_written() {
    let layer = load(&root().join("sample_data/hazard_areas.geojson"));
    let picked = [5usize, 2, 9999];
    let out: Value = serde_json::from_str(&export_text(
        &[ExportLayer::indices(&layer, &picked)],
        &ExportOptions::default(),
    ))
    .unwrap();
    let ids: Vec<String> = features(&out)
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        ids,
        [
            layer.features[5].display_id(5),
            layer.features[2].display_id(2)
        ]
    );
    let mask: Vec<bool> = (0..layer.features.len()).map(|i| i % 100 == 0).collect();
    let plan = plan_export(
        &[ExportLayer {
            layer: &layer,
            selection: Selection::Mask(&mask),
            measures: None,
        }],
        &[],
        &ExportOptions::default(),
    );
    assert_eq!(plan.summary().features, 4);
}

#[test]
fn an_edited_feature_is_written_from_the_model_with_its_annotations() {
    let mut layer = load(&root().join("sample_data/hazard_areas.geojson"));
    {
        let f = &mut layer.features_mut()[0];
        f.properties.insert("status", PropertyValue::from("closed"));
        f.properties_edited = true;
    }
    let options = ExportOptions {
        annotations: vec![Annotation::Area],
        ..ExportOptions::default()
    };
    let out: Value =
        serde_json::from_str(&export_text(&[ExportLayer::all(&layer)], &options)).unwrap();
    let p = &features(&out)[0]["properties"];
    assert_eq!(p["status"], "closed");
    assert!(p["area_m2"].as_f64().unwrap() > 0.0);
}

#[test]
fn an_annotation_key_the_data_uses_is_renamed_or_overwritten_when_asked() {
    let layer = load(&root().join("sample_data/clearance_sectors.geojson"));
    let input = json_file(&root().join("sample_data/clearance_sectors.geojson"));
    // Sectors carry area_m2 of their own.
    let prefix = ExportOptions {
        annotations: vec![Annotation::Area],
        ..ExportOptions::default()
    };
    let plan = plan_export(&[ExportLayer::all(&layer)], &[], &prefix);
    let key = &plan.summary().annotation_keys[0];
    assert_eq!(
        (key.written_as.as_str(), key.already_in),
        ("minemap_area_m2", layer.features.len())
    );
    assert!(
        plan.summary()
            .lines()
            .iter()
            .any(|l| l.contains("minemap_area_m2"))
    );
    let out: Value =
        serde_json::from_str(&export_text(&[ExportLayer::all(&layer)], &prefix)).unwrap();
    for (o, i) in features(&out).iter().zip(features(&input)) {
        assert_eq!(o["properties"]["area_m2"], i["properties"]["area_m2"]);
        let ours = o["properties"]["minemap_area_m2"].as_f64().unwrap();
        assert!((ours - i["properties"]["area_m2"].as_f64().unwrap()).abs() < 0.02);
    }
    let overwrite = ExportOptions {
        on_key_conflict: KeyConflict::Overwrite,
        ..prefix
    };
    let out: Value =
        serde_json::from_str(&export_text(&[ExportLayer::all(&layer)], &overwrite)).unwrap();
    for (o, i) in features(&out).iter().zip(features(&input)) {
        let (po, pi) = (
            o["properties"].as_object().unwrap(),
            i["properties"].as_object().unwrap(),
        );
        assert_eq!(
            po.keys().collect::<Vec<_>>(),
            pi.keys().collect::<Vec<_>>(),
            "in place"
        );
        assert!(!po.contains_key("minemap_area_m2"));
    }
}

#[test]
fn privacy_strips_personal_data_and_moves_incidents_after_a_dry_run() {
    let path = fixture("export/incidents_personal.geojson");
    let layer = load(&path);
    let options = ExportOptions {
        privacy: Some(PrivacyOptions::default()),
        ..ExportOptions::default()
    };
    let plan = plan_export(&[ExportLayer::all(&layer)], &[], &options);
    let removed: Vec<(&str, usize)> = plan
        .summary()
        .removed_personal
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    assert_eq!(
        removed,
        [
            ("Age", 1),
            ("address", 1),
            ("name", 1),
            ("phone", 1),
            ("victim_name", 1),
            ("victim_names", 1),
            ("victims", 1)
        ]
    );
    assert_eq!(plan.summary().incidents_generalised, 2);
    let mut bytes = Vec::new();
    plan.write(&mut bytes, &|_| {}, &AtomicBool::new(false))
        .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    for secret in [
        "Elvin",
        "Aysel",
        "Murad",
        "Quzanlı, 3",
        "+994",
        "\"Age\"",
        "47.005123",
        "40.004321",
    ] {
        assert!(!text.contains(secret), "{secret} is still in the export");
    }
    let out: Value = serde_json::from_str(&text).unwrap();
    let input = json_file(&path);
    for (o, i) in features(&out).iter().zip(features(&input)) {
        if i["properties"]["feature_type"] == "accident" {
            let at = |v: &Value| {
                let c = &v["geometry"]["coordinates"];
                [c[0].as_f64().unwrap(), c[1].as_f64().unwrap()]
            };
            let moved = geodesic_distance_m(at(i), at(o));
            assert!(moved <= 71.0, "moved {moved} m");
            assert_eq!(o["properties"]["killed"], i["properties"]["killed"]);
            assert_eq!(
                o["properties"]["device_category"],
                i["properties"]["device_category"]
            );
            // A bbox would give the place away: it is the generalised point's.
            if let Some(b) = o.get("bbox") {
                assert!((b[0].as_f64().unwrap() - at(o)[0]).abs() < 2e-7);
                assert!((b[1].as_f64().unwrap() - at(o)[1]).abs() < 2e-7);
            }
        } else {
            // A hazard area's name is not personal.
            assert_eq!(o, i);
        }
    }
}

#[test]
fn several_layers_make_one_collection_in_order() {
    let hazards = load(&root().join("sample_data/hazard_areas.geojson"));
    let incidents = load(&root().join("sample_data/incidents.geojson"));
    let plan = plan_export(
        &[ExportLayer::all(&incidents), ExportLayer::all(&hazards)],
        &[],
        &ExportOptions::default(),
    );
    // Both files are named: the first name is kept and the difference is reported.
    assert_eq!(plan.summary().conflicting_collection_members, ["name"]);
    let mut bytes = Vec::new();
    plan.write(&mut bytes, &|_| {}, &AtomicBool::new(false))
        .unwrap();
    let out: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(out["name"], "incidents");
    assert_eq!(
        features(&out).len(),
        hazards.features.len() + incidents.features.len()
    );
    assert_eq!(features(&out)[0]["id"], "ACC-0001");
}

#[test]
fn gdal_opens_the_annotated_export() {
    if Command::new("ogrinfo").arg("--version").output().is_err() {
        println!("SKIPPED: ogrinfo is not installed (apt-get install gdal-bin)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("annotated ş.geojson");
    let layers: Vec<Layer> = ["hazard_areas", "incidents"]
        .iter()
        .map(|n| load(&root().join(format!("sample_data/{n}.geojson"))))
        .collect();
    let odd = load(&fixture("export/odd_members.geojson"));
    let export: Vec<ExportLayer<'_>> = layers.iter().chain([&odd]).map(ExportLayer::all).collect();
    let options = ExportOptions {
        annotations: Annotation::ALL.to_vec(),
        bbox: true,
        ..ExportOptions::default()
    };
    let plan = plan_export(&export, &[], &options);
    export_to_file(&plan, &out, &|_| {}, &AtomicBool::new(false)).unwrap();
    let info = Command::new("ogrinfo")
        .args(["-ro", "-al", "-so"])
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.status.success(),
        "{}",
        String::from_utf8_lossy(&info.stderr)
    );
    let expected = layers.iter().map(|l| l.features.len()).sum::<usize>() + odd.features.len();
    assert!(
        stdout.contains(&format!("Feature Count: {expected}")),
        "{stdout}"
    );
    for field in [
        "area_m2: Real",
        "perimeter_m: Real",
        "distance_to_hazard_m: Real",
        "incidents_inside: Integer",
        "minemap_hazard_id: String",
    ] {
        assert!(stdout.contains(field), "{field} not in {stdout}");
    }
}

#[test]
fn export_refuses_to_replace_its_source_and_names_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("hazards.geojson");
    std::fs::copy(
        root().join("sample_data/clearance_sectors.geojson"),
        &source,
    )
    .unwrap();
    let layer = load(&source);
    let plan = plan_export(&[ExportLayer::all(&layer)], &[], &ExportOptions::default());
    let before = std::fs::read(&source).unwrap();
    let same = dir.path().join("./hazards.geojson");
    let err = export_to_file(&plan, &same, &|_| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(matches!(err, ExportError::OverwritesSource { .. }), "{err}");
    assert!(err.to_string().contains("Save"));
    assert_eq!(std::fs::read(&source).unwrap(), before);

    let missing = dir.path().join("no such folder/out.geojson");
    let err = export_to_file(&plan, &missing, &|_| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(matches!(err, ExportError::MissingFolder { .. }), "{err}");
    assert!(err.to_string().contains("no such folder"), "{err}");

    // Non-ASCII folders and names are just paths.
    let folder = dir.path().join("Ağdam şəhəri");
    std::fs::create_dir(&folder).unwrap();
    let out = folder.join("sektorlar — ümumi.geojson");
    export_to_file(&plan, &out, &|_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(json_file(&out), json_file(&source));
}

#[test]
fn save_keeps_a_backup_and_a_failure_half_way_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sectors ş.geojson");
    std::fs::copy(root().join("sample_data/clearance_sectors.geojson"), &path).unwrap();
    let original = std::fs::read(&path).unwrap();
    let mut layer = load(&path);
    {
        let f = &mut layer.features_mut()[0];
        f.properties
            .insert("status", PropertyValue::from("completed"));
        f.properties_edited = true;
    }
    save_layer(&layer, &path).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), original);
    let saved = json_file(&path);
    assert_eq!(features(&saved)[0]["properties"]["status"], "completed");

    // A writer that fails half-way: the saved file stays, nothing else is left behind.
    let good = std::fs::read(&path).unwrap();
    let err = save_with(&path, |w| {
        w.write_all(&good[..good.len() / 2])?;
        Err(std::io::Error::other("disk full"))
    })
    .unwrap_err();
    assert!(err.to_string().contains("disk full"), "{err}");
    assert!(err.to_string().contains("sectors ş.geojson"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), good);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_folder_that_cannot_be_written_gives_a_clear_error() {
    // Root ignores permission bits, so try a read-only permission folder and, failing that,
    // folders no one can create files in.
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("read-only");
    std::fs::create_dir(&ro).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let candidates = [ro.clone(), PathBuf::from("/proc"), PathBuf::from("/sys")];
    let Some(folder) = candidates
        .iter()
        .find(|d| d.is_dir() && std::fs::write(d.join(".minemap-probe"), b"").is_err())
    else {
        println!("SKIPPED: every candidate folder is writable here");
        return;
    };
    let err = save_with(&folder.join("out.geojson"), |w| w.write_all(b"{}")).unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(err, ExportError::ReadOnly { .. } | ExportError::Io { .. }),
        "{message}"
    );
    assert!(message.contains("out.geojson"), "{message}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

fn minemap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_minemap"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn annotate_command_writes_to_stdout_and_reports_renamed_keys() {
    let hazards = root().join("sample_data/hazard_areas.geojson");
    let incidents = root().join("sample_data/incidents.geojson");
    let out = minemap(&[
        "annotate",
        "--annotations",
        "area,perimeter,links",
        "-o",
        "-",
        hazards.to_str().unwrap(),
        incidents.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("minemap_hazard_id"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let fs = features(&v);
    assert_eq!(fs.len(), 530);
    assert!(fs[0]["properties"]["area_m2"].is_number());
    assert!(fs[529]["properties"]["distance_to_hazard_m"].is_number());
}

#[test]
fn annotate_command_strips_personal_data_into_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("shared.geojson");
    let input = fixture("export/incidents_personal.geojson");
    let out = minemap(&[
        "annotate",
        "--strip-personal",
        "--generalise-m",
        "250",
        "--bbox",
        "-o",
        out_path.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("personal data removed: victim_name from 1 features"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&out_path).unwrap();
    assert!(!text.contains("Elvin") && !text.contains("Aysel"));
    assert!(serde_json::from_str::<Value>(&text).unwrap()["bbox"].is_array());
}

#[test]
fn annotate_command_refuses_bad_input_with_exit_code_2() {
    let input = fixture("export/odd_members.geojson");
    let bad = minemap(&[
        "annotate",
        "--annotations",
        "volume",
        "-o",
        "-",
        input.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown \"volume\""));
    let over = minemap(&[
        "annotate",
        "-o",
        input.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(over.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&over.stderr).contains("Save"));
    let missing = minemap(&["annotate", "-o", "-", "/nonexistent/x.geojson"]);
    assert_eq!(missing.status.code(), Some(2));
}
