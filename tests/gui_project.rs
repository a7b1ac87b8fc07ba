//! Project files through the real `App`: save the work (layers as relative paths, filter,
//! opacity, style, basemap, view), open it again from the command line and by dropping it;
//! a project whose file moved opens the rest and names the missing one; the last session
//! reopens on its own, and without one the sample data opens as before.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minemap::app::{Command, MinemapApp, StartOptions};
use minemap::model::{Layer, LayerRole};

mod common;
use common::run_until;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_data/");

fn app(options: StartOptions) -> Harness<'static, MinemapApp> {
    common::app_with(options)
}

/// Two files of the sample copied into `dir/data`.
fn data_files(dir: &Path) -> (PathBuf, PathBuf) {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let hazards = data.join("hazard_areas.geojson");
    let incidents = data.join("incidents.geojson");
    std::fs::copy(format!("{SAMPLE}hazard_areas.geojson"), &hazards).unwrap();
    std::fs::copy(format!("{SAMPLE}incidents.geojson"), &incidents).unwrap();
    (hazards, incidents)
}

fn layer_of<'a>(app: &'a MinemapApp, file: &str) -> Option<&'a Layer> {
    app.workspace.layers.iter().find(|l| {
        l.path
            .as_deref()
            .and_then(Path::file_name)
            .is_some_and(|n| n == file)
    })
}

/// A file dropped on the window, as the windowing backend hands it over.
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

const FILTER: &str = "\"status\" = 'open'";

/// Opens both files, filters and fades the hazard areas, moves the view, saves the project.
fn save_a_project(dir: &Path) -> PathBuf {
    let (hazards, incidents) = data_files(dir);
    let mut harness = app(StartOptions {
        files: vec![hazards, incidents],
        ..StartOptions::default()
    });
    let id = layer_of(harness.state(), "hazard_areas.geojson")
        .unwrap()
        .id;
    let app = harness.state_mut();
    app.push(Command::SetFilterText {
        layer: id,
        text: FILTER.into(),
    });
    app.push(Command::SetLayerOpacity(id, 0.4));
    app.push(Command::SetLayerRole(id, LayerRole::ClearanceSectors));
    app.push(Command::CenterOn {
        lon: 46.75,
        lat: 39.7,
        zoom: Some(12.0),
    });
    let project = dir.join("work").join("survey.minemap.json");
    std::fs::create_dir_all(project.parent().unwrap()).unwrap();
    app.push(Command::SaveProjectAs(project.clone()));
    harness.run_steps(2);
    assert_eq!(harness.state().project_path.as_ref(), Some(&project));
    project
}

fn assert_reopened(app: &MinemapApp) {
    let h = layer_of(app, "hazard_areas.geojson").expect("hazard areas open");
    assert!(layer_of(app, "incidents.geojson").is_some());
    assert_eq!(app.workspace.filter(h.id).unwrap().text, FILTER);
    assert!((h.opacity - 0.4).abs() < 1e-6);
    assert_eq!(h.role, LayerRole::ClearanceSectors);
    let (lon, lat) = app.map.center();
    assert!(
        (lon - 46.75).abs() < 1e-6 && (lat - 39.7).abs() < 1e-6,
        "{lon} {lat}"
    );
    assert!((app.map.zoom() - 12.0).abs() < 1e-6);
}

#[test]
fn a_saved_project_reopens_layers_filter_opacity_role_and_view_with_relative_paths() {
    let dir = tempfile::tempdir().unwrap();
    let project = save_a_project(dir.path());
    let text = std::fs::read_to_string(&project).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["layers"][0]["path"], "../data/hazard_areas.geojson");
    assert_eq!(v["basemap"], "none");
    let harness = app(StartOptions {
        files: vec![project],
        ..StartOptions::default()
    });
    assert_reopened(harness.state());
}

#[test]
fn a_project_dropped_on_the_window_opens_and_a_moved_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let project = save_a_project(dir.path());
    std::fs::rename(
        dir.path().join("data/incidents.geojson"),
        dir.path().join("incidents.moved"),
    )
    .unwrap();
    let mut harness = app(StartOptions::default());
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(project)));
    run_until(&mut harness, |app| {
        !app.is_loading() && layer_of(app, "hazard_areas.geojson").is_some()
    });
    harness.run_steps(2);
    let app = harness.state();
    assert!(layer_of(app, "incidents.geojson").is_none());
    let m = app
        .workspace
        .messages
        .iter()
        .find(|m| m.text.contains("missing"))
        .expect("a message about the missing file");
    assert_eq!(m.details.len(), 1);
    assert!(
        m.details[0].ends_with("incidents.geojson"),
        "{:?}",
        m.details
    );
    harness.get_by_label_contains("missing");
}

#[test]
fn the_last_session_reopens_without_files_and_a_first_start_shows_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let user_data = dir.path().join("user");
    // First start: no last session, the sample data as before.
    let first = app(StartOptions {
        data_dir: Some(user_data.clone()),
        reopen_last_session: true,
        ..StartOptions::default()
    });
    assert!(
        first
            .state()
            .workspace
            .layers
            .iter()
            .all(|l| l.name.ends_with("(sample)"))
    );
    drop(first);
    let project = save_a_project(dir.path());
    let saved = app(StartOptions {
        files: vec![project],
        data_dir: Some(user_data.clone()),
        ..StartOptions::default()
    });
    // What eframe's save does at exit.
    saved.state().save_last_session();
    drop(saved);
    let again = app(StartOptions {
        data_dir: Some(user_data.clone()),
        reopen_last_session: true,
        ..StartOptions::default()
    });
    assert_reopened(again.state());
    assert!(
        again
            .state()
            .workspace
            .layers
            .iter()
            .all(|l| l.path.is_some()),
        "no sample data when the last session had none"
    );
    drop(again);
    // Tests (and anything that does not ask) never see a last session.
    let plain = app(StartOptions {
        data_dir: Some(user_data),
        ..StartOptions::default()
    });
    assert!(
        plain
            .state()
            .workspace
            .layers
            .iter()
            .all(|l| l.path.is_none())
    );
}
