//! Autosave and recovery through the real program: the `minemap` binary edits a file under
//! Xvfb (`MINEMAP_SCRIPT`: the same commands the panels push), is killed with `kill -9`, and
//! a new `MinemapApp` on the same data folder offers the edits back; Restore re-applies them
//! as one undo step per layer. Also: a journal cut short offers what is readable, a file
//! changed since the edits is refused, Discard deletes the journal.
//!
//! Needs `Xvfb` on the PATH (Debian: `apt-get install xvfb`) for the real-binary test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minemap::app::{Command, MinemapApp, StartOptions};
use minemap::model::{Layer, PropertyValue};

mod common;
use common::{click_label, run_until};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample_data/hazard_areas.geojson"
);

/// The app on a data folder (autosave and recovery on), with `files` (none: the sample).
fn app_with_data(data: &Path, files: Vec<PathBuf>) -> Harness<'static, MinemapApp> {
    common::app_with(StartOptions {
        files,
        data_dir: Some(data.to_owned()),
        ..StartOptions::default()
    })
}

/// An X server of our own (`-displayfd` tells which display it took).
struct Xvfb(Child, String);

impl Xvfb {
    fn start() -> Self {
        let mut child = Process::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1400x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("this test runs the GUI binary under Xvfb: install it (apt-get install xvfb)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Self(child, format!(":{}", line.trim()))
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn feature_with_id<'a>(layer: &'a Layer, id: &str) -> Option<&'a minemap::model::Feature> {
    layer
        .features
        .iter()
        .find(|f| f.properties.get("id").and_then(PropertyValue::as_str) == Some(id))
}

fn file_layer<'a>(app: &'a MinemapApp, path: &Path) -> Option<&'a Layer> {
    app.workspace
        .layers
        .iter()
        .find(|l| l.path.as_deref() == Some(path))
}

fn prop<'a>(layer: &'a Layer, id: &str, key: &str) -> Option<&'a str> {
    feature_with_id(layer, id)?
        .properties
        .get(key)
        .and_then(PropertyValue::as_str)
}

#[test]
fn edits_in_the_gui_binary_survive_kill_9_and_restore_as_one_undo_step_per_layer() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hazard_areas.geojson");
    std::fs::copy(SAMPLE, &file).unwrap();
    let data = dir.path().join("data");
    // Status of the 4th area, a drawn sector, a compaction (as the 30 s timer does), then a
    // deletion and a note after it: the restore must combine the snapshot and the edits.
    let script = dir.path().join("script.json");
    std::fs::write(
        &script,
        r#"[{"set_property":{"layer":"hazard_areas.geojson","index":3,"key":"status","value":"closed"}},
            {"draw":{"ring":[[46.90,39.90],[46.91,39.90],[46.91,39.91]]}},
            {"compact":null},
            {"delete":{"layer":"hazard_areas.geojson","index":0}},
            {"set_property":{"layer":"hazard_areas.geojson","index":5,"key":"notes","value":"checked on site"}},
            {"set_property":{"layer":"hazard_areas.geojson","index":1,"key":"status","value":"suspended"}},
            {"undo":null}]"#,
    )
    .unwrap();
    let (ids, untouched): (Vec<String>, String) = {
        let text = std::fs::read_to_string(&file).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let ids = v["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["properties"]["id"].as_str().unwrap().to_owned())
            .collect();
        (ids, text)
    };

    let xvfb = Xvfb::start();
    let mut child = Process::new(env!("CARGO_BIN_EXE_minemap"))
        .arg(&file)
        .args(["--basemap", "none"])
        .env("DISPLAY", &xvfb.1)
        .env("MINEMAP_DATA_DIR", &data)
        .env("MINEMAP_SCRIPT", &script)
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let done = script.with_extension("done");
    let start = Instant::now();
    while !done.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("minemap exited before its script was done: {status}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "the scripted edits did not finish in 3 minutes"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // `Child::kill` is SIGKILL on Unix: no destructor, no clean exit.
    child.kill().unwrap();
    child.wait().unwrap();
    drop(xvfb);
    let journals: Vec<_> = std::fs::read_dir(data.join("recovery"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".journal.jsonl"))
        .collect();
    assert_eq!(journals.len(), 1, "the killed session's journal stays");

    // The next start, on the sample data, offers the edits back.
    let mut harness = app_with_data(&data, Vec::new());
    let offer = harness.state().recovery.shown().expect("an offer");
    assert_eq!(offer.layers.len(), 2);
    assert!(offer.problems.is_empty(), "{:?}", offer.problems);
    let summary = minemap::ui::recovery::summary(offer);
    // Snapshot: the status and the sector; then the deletion, the note, the status and
    // its undo.
    assert_eq!(offer.changes(), 6);
    assert!(
        summary.contains("6 edits in hazard_areas.geojson, Clearance sectors"),
        "{summary}"
    );
    harness.get_by_label_contains("Unsaved edits from");
    click_label(&mut harness, "Restore");
    run_until(&mut harness, |app| {
        app.recovery.restoring.is_none() && !app.is_loading() && file_layer(app, &file).is_some()
    });
    harness.run_steps(2);
    {
        let app = harness.state();
        let layer = file_layer(app, &file).unwrap();
        assert_eq!(layer.features.len(), ids.len() - 1);
        assert!(feature_with_id(layer, &ids[0]).is_none(), "deleted");
        assert_eq!(prop(layer, &ids[3], "status"), Some("closed"));
        assert_eq!(prop(layer, &ids[6], "notes"), Some("checked on site"));
        // The undone edit stays undone.
        assert_ne!(prop(layer, &ids[1], "status"), Some("suspended"));
        assert!(feature_with_id(layer, &ids[3]).unwrap().properties_edited);
        let sectors = app
            .workspace
            .layers
            .iter()
            .find(|l| l.name == "Clearance sectors")
            .unwrap();
        assert_eq!(sectors.features.len(), 1);
        let ring = sectors.features[0].bbox().unwrap();
        assert!((ring.min().x - 46.90).abs() < 1e-9 && (ring.max().y - 39.91).abs() < 1e-9);
        assert_eq!(app.workspace.history.len(), 2, "one step per layer");
        assert!(
            app.workspace
                .history
                .undo_label()
                .unwrap()
                .contains("restore unsaved edits of"),
        );
    }
    // The killed session's journal is gone; this session has its own.
    let left: Vec<String> = std::fs::read_dir(data.join("recovery"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".journal.jsonl"))
        .collect();
    assert_eq!(left.len(), 1);
    assert!(!journals[0].path().exists());
    // Undo takes the restore back, layer by layer.
    harness.state_mut().push(Command::Undo);
    harness.run_steps(2);
    harness.state_mut().push(Command::Undo);
    harness.run_steps(2);
    let app = harness.state();
    let layer = file_layer(app, &file).unwrap();
    assert_eq!(layer.features.len(), ids.len());
    assert_ne!(prop(layer, &ids[3], "status"), Some("closed"));
    assert_eq!(prop(layer, &ids[6], "notes"), None);
    assert!(layer.features.iter().all(|f| !f.properties_edited));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), untouched);
}

/// A crashed session's journal made with the library: edits to `file`, then the journal
/// copied aside as a dead session's (the live one is removed when `auto` drops).
fn crashed_journal(data: &Path, file: &Path, statuses: &[(usize, &str)]) -> PathBuf {
    let loaded = minemap::io::read_any_file(file, &|_| {}).unwrap();
    crashed_journal_of(data, loaded.into_iter().next().unwrap().layer, statuses)
}

fn crashed_journal_of(data: &Path, layer: Layer, statuses: &[(usize, &str)]) -> PathBuf {
    use minemap::state::autosave::{Autosave, Direction};
    use minemap::state::history::{History, set_property_edit};
    let mut layers = vec![layer];
    let rec = data.join("recovery");
    let mut auto = Autosave::start(&rec).unwrap();
    let mut h = History::default();
    for (i, s) in statuses {
        let e = set_property_edit(&layers[0], &[*i], "status", &(*s).into()).unwrap();
        auto.record(
            &layers,
            "status",
            std::slice::from_ref(&e),
            Direction::Forward,
        );
        h.perform(&mut layers, "status".into(), vec![e], None);
    }
    auto.flush();
    let dead = rec.join("session-dead.journal.jsonl");
    std::fs::copy(auto.path(), &dead).unwrap();
    dead
}

#[test]
fn a_journal_cut_short_offers_the_readable_edits_and_reports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("areas.geojson");
    std::fs::copy(SAMPLE, &file).unwrap();
    let data = dir.path().join("data");
    let journal = crashed_journal(
        &data,
        &file,
        &[(0, "reviewed"), (1, "reviewed"), (2, "reviewed")],
    );
    let text = std::fs::read_to_string(&journal).unwrap();
    std::fs::write(&journal, &text[..text.len() - 20]).unwrap();

    let mut harness = app_with_data(&data, Vec::new());
    let offer = harness.state().recovery.shown().expect("an offer");
    assert_eq!(offer.changes(), 2);
    assert_eq!(offer.problems.len(), 1);
    assert!(offer.problems[0].reason.contains("cut short"));
    harness.get_by_label_contains("could not be read");
    click_label(&mut harness, "Restore");
    run_until(&mut harness, |app| {
        app.recovery.restoring.is_none() && file_layer(app, &file).is_some()
    });
    let app = harness.state();
    let layer = file_layer(app, &file).unwrap();
    let status = |i: usize| {
        layer.features[i]
            .properties
            .get("status")
            .and_then(PropertyValue::as_str)
    };
    assert_eq!((status(0), status(1)), (Some("reviewed"), Some("reviewed")));
    assert_ne!(status(2), Some("reviewed"));
    assert!(
        app.workspace
            .messages
            .iter()
            .any(|m| m.text.contains("could not be read")),
        "the unreadable part is reported"
    );
}

#[test]
fn a_file_changed_since_the_edits_is_not_restored_and_the_journal_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("areas.geojson");
    std::fs::copy(SAMPLE, &file).unwrap();
    let data = dir.path().join("data");
    let journal = crashed_journal(&data, &file, &[(0, "reviewed")]);
    // Someone edited the file meanwhile.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("\"open\"", "\"closed\"", 1) + "\n").unwrap();

    let mut harness = app_with_data(&data, Vec::new());
    click_label(&mut harness, "Restore");
    run_until(&mut harness, |app| {
        app.recovery.restoring.is_none() && file_layer(app, &file).is_some()
    });
    let app = harness.state();
    assert!(
        app.workspace
            .messages
            .iter()
            .any(|m| m.text.contains("changed since the edits were made")),
        "{:?}",
        app.workspace.messages
    );
    assert!(!app.workspace.history.can_undo(), "nothing applied");
    assert!(!journal.exists());
    assert!(
        journal.with_extension("kept").exists(),
        "kept, not offered again"
    );
}

#[test]
fn discard_deletes_the_journal_and_later_keeps_it_for_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("areas.geojson");
    std::fs::copy(SAMPLE, &file).unwrap();
    let data = dir.path().join("data");
    let journal = crashed_journal(&data, &file, &[(0, "reviewed")]);

    let mut harness = app_with_data(&data, Vec::new());
    click_label(&mut harness, "Later");
    assert!(harness.query_by_label("Restore").is_none(), "window closed");
    assert!(journal.exists());
    drop(harness);

    let mut harness = app_with_data(&data, Vec::new());
    click_label(&mut harness, "Discard");
    assert!(harness.query_by_label("Restore").is_none());
    assert!(!journal.exists());
    assert!(!harness.state().workspace.history.can_undo());
}

#[test]
fn edits_of_the_bundled_sample_are_restored_when_the_next_start_opened_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let name = "hazard_areas (sample)";
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let mut sample = minemap::io::parse_geojson(text.into(), Path::new(name), &|_| {})
        .unwrap()
        .layer;
    sample.name = name.to_owned();
    crashed_journal_of(&data, sample, &[(4, "reviewed")]);
    let other = dir.path().join("incidents.geojson");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/sample_data/incidents.geojson"),
        &other,
    )
    .unwrap();
    let mut harness = app_with_data(&data, vec![other]);
    assert!(
        harness
            .state()
            .workspace
            .layers
            .iter()
            .all(|l| l.name != name)
    );
    click_label(&mut harness, "Restore");
    run_until(&mut harness, |app| app.recovery.restoring.is_none());
    let app = harness.state();
    let layer = app
        .workspace
        .layers
        .iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("{:?}", app.workspace.messages));
    assert_eq!(
        layer.features[4]
            .properties
            .get("status")
            .and_then(PropertyValue::as_str),
        Some("reviewed")
    );
    assert!(app.workspace.history.can_undo());
}
