//! Importing through the real `App`: a CSV whose columns minemap cannot guess asks for them
//! and loads the points chosen; shapefiles (a .shp, a zip) dropped on the window become
//! layers with their features, attributes and source coordinate system shown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use geo::{Geometry, Point};
use minemap::app::{Command, MinemapApp};
use minemap::model::{FeatureRef, Layer, PropertyValue};

mod common;
use common::{app_on_sample_data, run_until};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn layer_named<'a>(app: &'a MinemapApp, name: &str) -> Option<&'a Layer> {
    app.workspace.layers.iter().find(|l| l.name == name)
}

/// A file dropped on the window, as eframe's integration hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops `path` on the window as the windowing system would.
fn drop_file(harness: &mut Harness<'_, MinemapApp>, path: PathBuf) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    harness.run_steps(1);
}

fn choose(harness: &mut Harness<'_, MinemapApp>, combo: &str, option: &str) {
    harness.get_by_role_and_label(Role::ComboBox, combo).click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, option).click();
    harness.run_steps(2);
}

#[test]
fn a_csv_without_recognisable_columns_asks_for_them_and_loads_the_points_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("survey.csv");
    // Semicolons, and column names no guess knows ("nord", "ost").
    std::fs::write(
        &path,
        "site;nord;ost;team\nA;40.1;47.2;1\nB;40.25;47.35;2\nC;39.9;46.8;1\n",
    )
    .unwrap();
    let mut harness = app_on_sample_data();
    let layers_before = harness.state().workspace.layers.len();
    harness.state_mut().push(Command::OpenFiles(vec![path]));
    harness.run_steps(3);

    // The dialog says nothing was found, shows the rows, and cannot load yet.
    harness.get_by_label("No coordinate column found: choose the columns that hold the positions.");
    assert!(
        harness.query_by_label("B").is_some(),
        "the preview shows the rows"
    );
    assert!(harness.get_by_label("Load").accesskit_node().is_disabled());
    assert_eq!(harness.state().workspace.layers.len(), layers_before);

    choose(&mut harness, "Latitude", "nord");
    choose(&mut harness, "Longitude", "ost");
    harness.get_by_label("Load").click();
    run_until(&mut harness, |app| layer_named(app, "survey").is_some());
    harness.run_steps(2);

    let app = harness.state();
    assert!(app.workspace.csv_imports.is_empty(), "the dialog closed");
    let layer = layer_named(app, "survey").unwrap();
    let points: Vec<Option<Geometry<f64>>> =
        layer.features.iter().map(|f| f.geometry.clone()).collect();
    assert_eq!(
        points,
        [
            Some(Geometry::Point(Point::new(47.2, 40.1))),
            Some(Geometry::Point(Point::new(47.35, 40.25))),
            Some(Geometry::Point(Point::new(46.8, 39.9))),
        ]
    );
    assert_eq!(
        layer.features[1].properties.get("site"),
        Some(&PropertyValue::String("B".into()))
    );
    assert!(
        harness
            .query_by_label(
                "No coordinate column found: choose the columns that hold the positions."
            )
            .is_none()
    );
}

#[test]
fn a_recognised_csv_shows_its_guess_and_cancel_loads_nothing() {
    let mut harness = app_on_sample_data();
    let layers_before = harness.state().workspace.layers.len();
    harness
        .state_mut()
        .push(Command::OpenFiles(vec![fixture("incidents.csv")]));
    harness.run_steps(3);
    let guess = harness
        .query_all(egui_kittest::kittest::By::new().label_contains("Found latitude in"))
        .count();
    assert_eq!(guess, 1, "the guessed columns are named");
    assert!(!harness.get_by_label("Load").accesskit_node().is_disabled());
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert!(harness.state().workspace.csv_imports.is_empty());
    assert_eq!(harness.state().workspace.layers.len(), layers_before);
}

/// Drops a shapefile, waits for its layer, and checks what the panels show of it.
fn dropped_shapefile_shows_up(path: PathBuf) {
    let expected = minemap::io::read_any_file(&path, &|_| {}).unwrap();
    let expected = &expected[0].layer;
    assert!(expected.features.len() > 1);
    let mut harness = app_on_sample_data();
    harness.state_mut().settings.show_table = false;
    drop_file(&mut harness, path);
    run_until(&mut harness, |app| {
        layer_named(app, "hazards_utm38n").is_some()
    });
    harness.run_steps(3);

    let (id, count) = {
        let layer = layer_named(harness.state(), "hazards_utm38n").unwrap();
        (layer.id, layer.features.len())
    };
    assert_eq!(count, expected.features.len());
    // The layers panel: the feature count and where the coordinates came from.
    assert!(harness.query_by_label(&format!("({count})")).is_some());
    harness.get_by_label("Coordinates: WGS 84 / UTM zone 38N (EPSG:32638), converted to WGS 84");

    // The inspector shows an attribute of the first feature.
    harness.state_mut().push(Command::Select(Some(FeatureRef {
        layer: id,
        index: 0,
    })));
    harness.run_steps(4);
    let name = expected.features[0]
        .properties
        .get("name")
        .and_then(PropertyValue::as_str)
        .unwrap()
        .to_owned();
    assert!(
        harness.query_all_by_label(&name).count() >= 1,
        "the inspector shows \"{name}\""
    );
}

#[test]
fn a_dropped_shp_becomes_a_layer_with_its_features_crs_and_attributes() {
    dropped_shapefile_shows_up(fixture("shp/hazards_utm38n.shp"));
}

#[test]
fn a_dropped_zipped_shapefile_becomes_a_layer_too() {
    dropped_shapefile_shows_up(fixture("hazards_utm38n.zip"));
}
