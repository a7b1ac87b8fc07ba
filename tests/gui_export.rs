//! Export, Save and the unsaved-edits questions through the real `App`: draw a sector,
//! export it from the dialog (Ctrl+E) and read it back; export with the privacy option and
//! find no victim's name; Save keeps a `.bak` of the file as it was; closing a layer with
//! unsaved edits asks, and Cancel keeps it. The save dialog is answered through
//! `MinemapApp::dialog_answer` (the native one cannot run in a test).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minemap::app::{Command, MinemapApp, StartOptions};
use minemap::model::{LayerRole, PropertyValue};

mod common;
use common::{app_on_sample_data, click_label, run_until};

/// A fresh, empty folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("minemap_gui_export_{}_{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The app on these files (no basemap), run until they are loaded.
fn app_on_files(files: Vec<PathBuf>) -> Harness<'static, MinemapApp> {
    common::app_with(StartOptions {
        files,
        ..StartOptions::default()
    })
}

fn ctrl(harness: &mut Harness<'_, MinemapApp>, key: egui::Key, shift: bool) {
    let modifiers = egui::Modifiers {
        shift,
        ..egui::Modifiers::COMMAND
    };
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.key_press_modifiers(modifiers, key);
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run_steps(2);
}

/// Waits for the dry run, clicks the dialog's export button and waits for the file.
fn export_from_dialog(harness: &mut Harness<'_, MinemapApp>) {
    for _ in 0..500 {
        harness.run_steps(1);
        if harness.query_by_label("Choose file and export…").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    click_label(harness, "Choose file and export…");
    run_until(harness, |app| !app.is_writing());
    harness.run_steps(2);
}

fn read_back(path: &Path) -> minemap::model::Layer {
    let mut layers = minemap::io::read_any_file(path, &|_| {}).unwrap();
    assert_eq!(layers.len(), 1);
    layers.remove(0).layer
}

/// Runs `ogrinfo` on the file when GDAL is installed (CI installs gdal-bin).
fn gdal_opens(path: &Path, features: usize) {
    let Ok(out) = std::process::Command::new("ogrinfo")
        .args(["-ro", "-al", "-so"])
        .arg(path)
        .output()
    else {
        println!("ogrinfo not found: GDAL check skipped (install gdal-bin)");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "ogrinfo failed: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains(&format!("Feature Count: {features}")),
        "ogrinfo: {text}"
    );
}

#[test]
fn a_drawn_sector_exported_from_the_dialog_reads_back_with_its_properties_and_gdal_opens_it() {
    use minemap::analysis::drawing::Tool;
    let dir = scratch("sector");
    let out = dir.join("sectors é.geojson");
    let mut harness = app_on_sample_data();
    harness.state_mut().dialog_answer = Some(out.clone());
    // Draw a sector over an empty spot east of the data.
    harness.state_mut().push(Command::CenterOn {
        lon: 49.2,
        lat: 40.3,
        zoom: Some(15.0),
    });
    harness.state_mut().push(Command::SetTool(Tool::Polygon));
    harness.run_steps(3);
    let c = harness.state().map.last_view.unwrap().clip.center();
    for d in [(-80.0, -60.0), (90.0, -50.0), (70.0, 70.0), (-60.0, 40.0)] {
        common::click_at(&mut harness, c + egui::vec2(d.0, d.1));
    }
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    let target = harness
        .state()
        .workspace
        .selection
        .expect("the sector is selected");
    let (layer, sector) = harness.state().workspace.feature(target).unwrap();
    assert_eq!(layer.role, LayerRole::ClearanceSectors);
    let (sector_id, sector_area, layer_len) = (
        sector.display_id(target.index),
        sector.properties.get("area_m2").unwrap().as_f64().unwrap(),
        layer.features.len(),
    );
    // The layer is unsaved: marked in the window title.
    assert!(
        harness.state().window_title().ends_with('•'),
        "{}",
        harness.state().window_title()
    );

    // Ctrl+E opens the dialog on the active layer; tick the geodesic area.
    harness.state_mut().push(Command::SetTool(Tool::Select));
    harness.run_steps(1);
    ctrl(&mut harness, egui::Key::E, false);
    assert!(harness.state().export_form.open);
    harness.get_by_label("Export GeoJSON");
    click_label(&mut harness, "Geodesic area (area_m2)");
    // The sectors already carry area_m2: the dialog asks, and by default keeps the data's.
    for _ in 0..300 {
        harness.run_steps(1);
        if harness
            .query_by_label_contains("The data already has area_m2")
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.get_by_label_contains("annotation area_m2 written as minemap_area_m2");
    export_from_dialog(&mut harness);

    let messages: Vec<String> = harness
        .state()
        .workspace
        .messages
        .iter()
        .map(|m| m.text.clone())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains(&format!("{layer_len} features exported to"))),
        "{messages:?}"
    );
    let back = read_back(&out);
    assert_eq!(back.features.len(), layer_len);
    let f = back
        .features
        .iter()
        .find(|f| {
            f.properties.get("id").and_then(PropertyValue::as_str) == Some(sector_id.as_str())
        })
        .expect("the drawn sector is in the export");
    let p = &f.properties;
    assert_eq!(
        p.get("feature_type").and_then(PropertyValue::as_str),
        Some("clearance_sector")
    );
    assert_eq!(p.get("area_m2").unwrap().as_f64().unwrap(), sector_area);
    let annotated = p.get("minemap_area_m2").unwrap().as_f64().unwrap();
    assert!(
        (annotated - sector_area).abs() < 0.01 * sector_area,
        "{annotated} vs {sector_area}"
    );
    assert!(f.geometry.is_some());
    // The choices are remembered for next time.
    assert_eq!(
        harness.state().settings.export.options.annotations,
        vec![minemap::io::export::Annotation::Area]
    );
    gdal_opens(&out, layer_len);
}

const INCIDENTS: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","id":"ACC-1","properties":{"id":"ACC-1","feature_type":"accident","date":"2021-03-02","killed":1,"injured":0,"victim_name":"Rauf Mammadov","victim_age":34},"geometry":{"type":"Point","coordinates":[47.1234567,39.7654321]}},
{"type":"Feature","id":"ACC-2","properties":{"id":"ACC-2","feature_type":"accident","date":"2022-07-19","killed":0,"injured":2,"victim_name":"Leyla Aliyeva","name":"Leyla Aliyeva","phone":"+994 50 123 45 67"},"geometry":{"type":"Point","coordinates":[47.2,39.8]}}
]}"#;

#[test]
fn an_export_with_the_privacy_option_has_no_victim_names_and_says_what_it_removed() {
    let dir = scratch("privacy");
    let source = dir.join("incidents.geojson");
    std::fs::write(&source, INCIDENTS).unwrap();
    let out = dir.join("shared.geojson");
    let mut harness = app_on_files(vec![source.clone()]);
    harness.state_mut().dialog_answer = Some(out.clone());
    harness.state_mut().push(Command::ShowExportDialog);
    harness.run_steps(4);
    harness.get_by_label("Export GeoJSON");
    click_label(
        &mut harness,
        "Remove personal data (sharing outside the agency)",
    );
    for _ in 0..300 {
        harness.run_steps(1);
        if harness
            .query_by_label_contains("personal data removed: victim_name")
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.get_by_label("personal data removed: victim_name from 2 features");
    harness.get_by_label("2 incident locations generalised");
    export_from_dialog(&mut harness);

    let text = std::fs::read_to_string(&out).unwrap();
    for personal in [
        "Rauf Mammadov",
        "Leyla Aliyeva",
        "victim_name",
        "victim_age",
        "+994",
    ] {
        assert!(
            !text.contains(personal),
            "{personal} is in the export: {text}"
        );
    }
    let back = read_back(&out);
    assert_eq!(back.features.len(), 2);
    assert_eq!(
        back.features[0].properties.get("killed").unwrap().as_f64(),
        Some(1.0)
    );
    // Moved to the 100 m grid: not where the incident was.
    let geo::Geometry::Point(p) = back.features[0].geometry.clone().unwrap() else {
        panic!("a point")
    };
    assert!((p.x() - 47.1234567).abs() > 1e-7 || (p.y() - 39.7654321).abs() > 1e-7);
    assert!((p.x() - 47.1234567).abs() < 0.002 && (p.y() - 39.7654321).abs() < 0.002);
    // The source is untouched.
    assert_eq!(std::fs::read_to_string(&source).unwrap(), INCIDENTS);
    gdal_opens(&out, 2);
}

#[test]
fn save_asks_first_keeps_a_bak_identical_to_the_old_file_and_clears_the_unsaved_mark() {
    let dir = scratch("save");
    let path = dir.join("hazard_areas.geojson");
    let original = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample_data/hazard_areas.geojson"
    ))
    .unwrap();
    std::fs::write(&path, &original).unwrap();
    let mut harness = app_on_files(vec![path.clone()]);
    let layer = harness.state().workspace.layers[0].id;
    assert!(
        !harness
            .state()
            .workspace
            .is_unsaved(&harness.state().workspace.layers[0])
    );
    harness.state_mut().push(Command::SetProperty {
        layer,
        indices: vec![0],
        key: "status".into(),
        value: PropertyValue::from("closed"),
    });
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .workspace
            .is_unsaved(&harness.state().workspace.layers[0])
    );
    assert!(
        harness.state().window_title().contains("hazard_areas"),
        "{}",
        harness.state().window_title()
    );

    // Ctrl+S asks, naming the file and its backup; nothing is written before the answer.
    ctrl(&mut harness, egui::Key::S, false);
    harness.get_by_label("Save the layer to its file?");
    harness.get_by_label_contains(&format!("{}.bak", path.display()));
    assert!(!dir.join("hazard_areas.geojson.bak").exists());
    harness.get_by_label("Save").click();
    harness.run_steps(2);
    run_until(&mut harness, |app| !app.is_writing());
    harness.run_steps(2);

    assert_eq!(
        std::fs::read(dir.join("hazard_areas.geojson.bak")).unwrap(),
        original
    );
    let back = read_back(&path);
    assert_eq!(
        back.features[0]
            .properties
            .get("status")
            .and_then(PropertyValue::as_str),
        Some("closed")
    );
    assert_eq!(
        back.features.len(),
        harness.state().workspace.layers[0].features.len()
    );
    let ws = &harness.state().workspace;
    assert!(!ws.is_unsaved(&ws.layers[0]), "saved: no longer unsaved");
    assert_eq!(harness.state().window_title(), "minemap");
    assert!(
        harness
            .query_by_label("Save the layer to its file?")
            .is_none()
    );
}

#[test]
fn closing_a_layer_with_unsaved_edits_asks_and_cancel_keeps_it_while_discard_closes_it() {
    let mut harness = app_on_sample_data();
    let (layer, n) = {
        let l = common::hazard_layer(&harness.state().workspace);
        (l.id, harness.state().workspace.layers.len())
    };
    // Without edits, closing asks nothing.
    let other = harness
        .state()
        .workspace
        .layers
        .iter()
        .find(|l| l.id != layer)
        .unwrap()
        .id;
    harness.state_mut().push(Command::CloseLayer(other));
    harness.run_steps(2);
    assert_eq!(harness.state().workspace.layers.len(), n - 1);
    assert!(harness.state().question.is_none());

    harness.state_mut().push(Command::SetProperty {
        layer,
        indices: vec![0, 1],
        key: "priority".into(),
        value: PropertyValue::from("high"),
    });
    harness.run_steps(2);
    harness.state_mut().push(Command::CloseLayer(layer));
    harness.run_steps(3);
    assert_eq!(
        harness.state().question,
        Some(minemap::ui::save::Question::CloseUnsaved(layer))
    );
    harness.get_by_label("Unsaved edits");
    harness.get_by_label_contains("has edits that are not saved");
    harness.get_by_label("Discard");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(harness.state().question.is_none());
    let ws = &harness.state().workspace;
    let kept = ws.layer(layer).expect("Cancel keeps the layer");
    assert!(ws.is_unsaved(kept));
    assert_eq!(
        kept.features[0]
            .properties
            .get("priority")
            .and_then(PropertyValue::as_str),
        Some("high")
    );

    harness.state_mut().push(Command::CloseLayer(layer));
    harness.run_steps(2);
    harness.get_by_label("Discard").click();
    harness.run_steps(2);
    assert!(harness.state().workspace.layer(layer).is_none());
    assert_eq!(harness.state().workspace.layers.len(), n - 2);
}

#[test]
fn an_export_over_its_own_source_is_refused_with_a_message_and_the_source_untouched() {
    let dir = scratch("own_source");
    let source = dir.join("incidents.geojson");
    std::fs::write(&source, INCIDENTS).unwrap();
    let mut harness = app_on_files(vec![source.clone()]);
    let layer = harness.state().workspace.layers[0].id;
    let request = minemap::state::export::ExportRequest {
        layers: vec![layer],
        scope: minemap::state::export::ExportScope::All,
        options: minemap::io::export::ExportOptions::default(),
    };
    harness
        .state_mut()
        .push(Command::ExportTo(source.clone(), Box::new(request.clone())));
    harness.run_steps(1);
    run_until(&mut harness, |app| !app.is_writing());
    harness.run_steps(1);
    let errors: Vec<&str> = harness
        .state()
        .workspace
        .messages
        .iter()
        .filter(|m| m.level == minemap::state::Level::Error)
        .map(|m| m.text.as_str())
        .collect();
    assert!(
        errors
            .iter()
            .any(|m| m.contains("would replace the source")),
        "{errors:?}"
    );
    assert_eq!(std::fs::read_to_string(&source).unwrap(), INCIDENTS);

    // Into a folder that does not exist: a message too.
    let missing = dir.join("no such folder").join("out.geojson");
    harness
        .state_mut()
        .push(Command::ExportTo(missing.clone(), Box::new(request)));
    harness.run_steps(1);
    run_until(&mut harness, |app| !app.is_writing());
    harness.run_steps(1);
    let last = harness.state().workspace.messages.last().unwrap();
    assert_eq!(last.level, minemap::state::Level::Error);
    assert!(last.text.contains("does not exist"), "{}", last.text);
    assert!(!missing.exists());
}

#[test]
fn the_attribute_table_exports_the_rows_and_columns_it_shows_as_csv_with_a_bom() {
    let dir = scratch("csv");
    let out = dir.join("table.csv");
    let mut harness = app_on_sample_data();
    harness.state_mut().dialog_answer = Some(out.clone());
    let (layer, name) = {
        let l = common::hazard_layer(&harness.state().workspace);
        (l.id, l.name.clone())
    };
    harness.state_mut().push(Command::ShowTableOf(layer));
    harness.state_mut().push(Command::SetFilterText {
        layer,
        text: "\"classification\" = 'cha'".into(),
    });
    harness.run_steps(3);
    let shown = harness
        .state()
        .workspace
        .shown_count(common::hazard_layer(&harness.state().workspace))
        .0;
    assert!(shown > 0);
    click_label(&mut harness, "Export CSV…");
    harness.run_steps(2);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with('\u{feff}'), "UTF-8 with a byte-order mark");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "feature id");
    assert!(header[1].starts_with("area (m²"), "{header:?}");
    let col = header.iter().position(|c| c == "classification").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), shown, "the rows shown ({name})");
    assert!(rows.iter().all(|r| r.get(col) == Some("cha")));
}

/// The window's close button, as the windowing system reports it.
fn request_close(harness: &mut Harness<'_, MinemapApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run_steps(3);
}

#[test]
fn closing_the_window_with_unsaved_edits_asks_first_and_without_edits_does_not() {
    let mut harness = app_on_sample_data();
    request_close(&mut harness);
    assert!(
        harness.state().question.is_none(),
        "nothing unsaved: nothing to ask"
    );

    let layer = common::hazard_layer(&harness.state().workspace).id;
    harness.state_mut().push(Command::SetProperty {
        layer,
        indices: vec![3],
        key: "status".into(),
        value: PropertyValue::from("closed"),
    });
    harness.run_steps(2);
    request_close(&mut harness);
    assert_eq!(
        harness.state().question,
        Some(minemap::ui::save::Question::QuitUnsaved)
    );
    harness.get_by_label("These layers have edits that are not saved:");
    harness.get_by_label("Quit without saving");
    // The sample layers have no file of their own: Save all needs Save as first.
    harness.get_by_label_contains("no GeoJSON file");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(harness.state().question.is_none());
    assert!(harness.state().workspace.layer(layer).is_some());
}

#[test]
fn the_statistics_panel_exports_its_figures_as_csv() {
    let dir = scratch("stats");
    let out = dir.join("statistics.csv");
    let mut harness = app_on_sample_data();
    harness.state_mut().dialog_answer = Some(out.clone());
    harness
        .state_mut()
        .push(Command::SetRightTab(minemap::app::RightTab::Statistics));
    run_until(&mut harness, |app| {
        app.workspace
            .layers
            .iter()
            .all(|l| app.analysis.stats.contains_key(&l.id))
    });
    harness.run_steps(3);
    click_label(&mut harness, "Export statistics CSV…");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let ws = &harness.state().workspace;
    let hazards = common::hazard_layer(ws);
    let row = rows
        .iter()
        .find(|r| {
            r.get(col("layer")) == Some(hazards.name.as_str()) && r.get(col("group")) == Some("")
        })
        .expect("a row for the hazard areas");
    assert_eq!(
        row.get(col("features")).unwrap(),
        hazards.features.len().to_string()
    );
    let stats = &harness.state().analysis.stats[&hazards.id];
    let sum: f64 = row.get(col("area_sum_m2")).unwrap().parse().unwrap();
    assert!((sum - stats.totals.all.area_m2).abs() < 0.01);
    assert!(
        !row.get(col("remaining_m2")).unwrap().is_empty(),
        "land release of hazard areas"
    );
}

#[test]
fn save_of_a_layer_without_a_file_saves_as_and_the_new_file_becomes_the_layers() {
    let dir = scratch("save_as");
    let target = dir.join("hazards ağ.geojson");
    let mut harness = app_on_sample_data();
    harness.state_mut().dialog_answer = Some(target.clone());
    let layer = common::hazard_layer(&harness.state().workspace).id;
    harness.state_mut().push(Command::SetProperty {
        layer,
        indices: vec![0],
        key: "priority".into(),
        value: PropertyValue::from("high"),
    });
    harness
        .state_mut()
        .push(Command::Select(Some(minemap::model::FeatureRef {
            layer,
            index: 0,
        })));
    harness.run_steps(2);
    // The embedded sample has no file: Ctrl+S goes straight to Save as (no question).
    ctrl(&mut harness, egui::Key::S, false);
    run_until(&mut harness, |app| !app.is_writing());
    harness.run_steps(2);
    assert!(harness.state().question.is_none());
    let ws = &harness.state().workspace;
    let l = ws.layer(layer).unwrap();
    assert_eq!(l.path.as_deref(), Some(target.as_path()));
    assert!(!ws.is_unsaved(l));
    assert!(
        !dir.join("hazards ağ.geojson.bak").exists(),
        "nothing was there to back up"
    );
    let back = read_back(&target);
    assert_eq!(back.features.len(), l.features.len());
    assert_eq!(
        back.features[0]
            .properties
            .get("priority")
            .and_then(PropertyValue::as_str),
        Some("high")
    );

    // Now it has a GeoJSON file: the next Save asks to replace it.
    harness.state_mut().push(Command::SetProperty {
        layer,
        indices: vec![0],
        key: "priority".into(),
        value: PropertyValue::from("low"),
    });
    harness.run_steps(2);
    ctrl(&mut harness, egui::Key::S, false);
    assert_eq!(
        harness.state().question,
        Some(minemap::ui::save::Question::ConfirmSave {
            layer,
            path: target.clone()
        })
    );
    // Ctrl+Shift+S is Save as, not Save: it writes where the dialog says, without asking.
    harness.state_mut().question = None;
    let other = dir.join("copy.geojson");
    harness.state_mut().dialog_answer = Some(other.clone());
    ctrl(&mut harness, egui::Key::S, true);
    run_until(&mut harness, |app| !app.is_writing());
    harness.run_steps(2);
    assert!(harness.state().question.is_none());
    assert_eq!(
        harness
            .state()
            .workspace
            .layer(layer)
            .unwrap()
            .path
            .as_deref(),
        Some(other.as_path())
    );
    assert_eq!(
        read_back(&other).features[0]
            .properties
            .get("priority")
            .and_then(PropertyValue::as_str),
        Some("low")
    );
}

#[test]
fn save_all_and_quit_saves_every_edited_file_with_its_bak() {
    let dir = scratch("save_all");
    let a = dir.join("incidents.geojson");
    std::fs::write(&a, INCIDENTS).unwrap();
    let mut harness = app_on_files(vec![a.clone()]);
    let layer = harness.state().workspace.layers[0].id;
    harness.state_mut().push(Command::SetProperty {
        layer,
        indices: vec![1],
        key: "injured".into(),
        value: PropertyValue::from(3.0),
    });
    harness.run_steps(2);
    request_close(&mut harness);
    harness.get_by_label("Save all and quit").click();
    harness.run_steps(2);
    run_until(&mut harness, |app| !app.is_writing());
    harness.run_steps(2);
    assert_eq!(
        std::fs::read_to_string(dir.join("incidents.geojson.bak")).unwrap(),
        INCIDENTS
    );
    assert_eq!(
        read_back(&a).features[1]
            .properties
            .get("injured")
            .unwrap()
            .as_f64(),
        Some(3.0)
    );
    let ws = &harness.state().workspace;
    assert!(ws.unsaved_layers().next().is_none());
}
