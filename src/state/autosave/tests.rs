use geo::{Geometry, polygon};
use serde_json::Value;

use super::*;
use crate::state::History;
use crate::state::history::set_property_edit;

fn square(x: f64) -> Geometry<f64> {
    Geometry::Polygon(polygon![
        (x: x, y: 40.0), (x: x + 0.01, y: 40.0), (x: x + 0.01, y: 40.01), (x: x, y: 40.01)
    ])
}

fn file_layer(dir: &Path, n: usize) -> Layer {
    let path = dir.join("areas.geojson");
    std::fs::write(&path, "{\"type\":\"FeatureCollection\",\"features\":[]}").unwrap();
    let features = (0..n)
        .map(|i| {
            let mut properties = Properties::new();
            properties.insert("id", PropertyValue::from(format!("HA-{i}").as_str()));
            properties.insert("status", PropertyValue::from("open"));
            Feature {
                id: Some(FeatureId::String(format!("HA-{i}"))),
                properties,
                geometry: Some(square(46.0 + i as f64 * 0.02)),
                ..Feature::default()
            }
        })
        .collect();
    Layer::new("areas.geojson".into(), Some(path), features)
}

/// What a feature is, for comparing a restored layer with the edited one.
fn content(layer: &Layer) -> Vec<(Value, Value, Option<String>)> {
    layer
        .features
        .iter()
        .map(|f| {
            (
                f.id_value(),
                Value::Object(f.properties.to_json()),
                f.geometry.as_ref().map(|g| format!("{g:?}")),
            )
        })
        .collect()
}

/// An afternoon of edits through the history, each journalled first as the app does.
fn edit_session(layers: &mut Vec<Layer>, auto: &mut Autosave) -> History {
    let mut h = History::default();
    let id = layers[0].id;
    let mut perform = |layers: &mut Vec<Layer>, h: &mut History, label: &str, edits: Vec<Edit>| {
        auto.record(layers, label, &edits, Direction::Forward);
        h.perform(layers, label.into(), edits, None);
        h.close_step();
    };
    let e = set_property_edit(&layers[0], &[1, 3], "status", &"closed".into()).unwrap();
    perform(layers, &mut h, "status", vec![e]);
    let e = Edit::SetGeometry {
        layer: id,
        index: 2,
        before: layers[0].features[2].geometry.clone(),
        after: Some(square(50.0)),
        was_edited: false,
    };
    perform(layers, &mut h, "drag", vec![e]);
    let removed = vec![(0, layers[0].features[0].clone())];
    perform(
        layers,
        &mut h,
        "delete",
        vec![Edit::RemoveFeatures {
            layer: id,
            features: removed,
        }],
    );
    let drawn = Feature {
        properties: [("id".into(), PropertyValue::from("S-1"))]
            .into_iter()
            .collect(),
        geometry: Some(square(47.0)),
        ..Feature::default()
    };
    perform(
        layers,
        &mut h,
        "draw",
        vec![Edit::InsertFeatures {
            layer: id,
            features: vec![(1, drawn)],
        }],
    );
    let e = set_property_edit(&layers[0], &[4], "notes", &"checked".into()).unwrap();
    perform(layers, &mut h, "notes", vec![e]);
    // Undo the note, redo nothing: the journal must carry the undo too.
    let step = h.next_undo().unwrap().clone();
    auto.record(layers, "undo", &step.edits, Direction::Backward);
    h.undo(layers).unwrap();
    h
}

#[test]
fn replaying_the_journalled_edits_onto_the_file_gives_the_edited_layer() {
    let dir = tempfile::tempdir().unwrap();
    let mut layers = vec![file_layer(dir.path(), 6)];
    let original = layers[0].clone();
    let mut auto = Autosave::start(&dir.path().join("recovery")).unwrap();
    edit_session(&mut layers, &mut auto);
    auto.flush();
    let offer = RecoveryOffer::read(auto.path(), None).unwrap();
    assert!(offer.problems.is_empty(), "{:?}", offer.problems);
    assert_eq!(offer.layers.len(), 1);
    let rec = &offer.layers[0];
    assert!(rec.key.matches(&original));
    assert_eq!(rec.key.original_len, 6);
    let edits = restore_edits(&original, &rec.ops).unwrap();
    let mut restored = vec![original.clone()];
    History::default().perform(&mut restored, "restore".into(), edits, None);
    assert_eq!(content(&restored[0]), content(&layers[0]));
    assert_ne!(content(&original), content(&layers[0]));
}

#[test]
fn a_compacted_journal_holds_the_net_changes_and_later_edits_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut layers = vec![file_layer(dir.path(), 6)];
    let original = layers[0].clone();
    let mut auto = Autosave::start(&dir.path().join("recovery")).unwrap();
    let mut h = edit_session(&mut layers, &mut auto);
    auto.compact(&layers);
    // One more edit after the snapshot.
    let e = set_property_edit(&layers[0], &[5], "status", &"suspended".into()).unwrap();
    auto.record(
        &layers,
        "status",
        std::slice::from_ref(&e),
        Direction::Forward,
    );
    h.perform(&mut layers, "status".into(), vec![e], None);
    auto.flush();
    let text = std::fs::read_to_string(auto.path()).unwrap();
    assert_eq!(
        text.lines().count(),
        3,
        "header, snapshot, one edit:\n{text}"
    );
    let offer = RecoveryOffer::read(auto.path(), None).unwrap();
    let edits = restore_edits(&original, &offer.layers[0].ops).unwrap();
    let mut restored = vec![original.clone()];
    let mut h2 = History::default();
    h2.perform(&mut restored, "restore".into(), edits, None);
    assert_eq!(content(&restored[0]), content(&layers[0]));
    // One step: one undo gives the file back.
    h2.undo(&mut restored).unwrap();
    assert_eq!(content(&restored[0]), content(&original));
    assert!(!h2.can_undo());
}

#[test]
fn a_saved_or_closed_layer_drops_out_at_the_next_compaction() {
    let dir = tempfile::tempdir().unwrap();
    let mut layers = vec![file_layer(dir.path(), 3)];
    let mut auto = Autosave::start(&dir.path().join("recovery")).unwrap();
    let e = set_property_edit(&layers[0], &[0], "status", &"closed".into()).unwrap();
    auto.record(
        &layers,
        "status",
        std::slice::from_ref(&e),
        Direction::Forward,
    );
    History::default().perform(&mut layers, "status".into(), vec![e], None);
    auto.forget_layer(layers[0].id);
    auto.tick(&layers);
    auto.flush();
    let offer = RecoveryOffer::read(auto.path(), None).unwrap();
    assert!(offer.is_empty(), "{:?}", offer.layers);
}

#[test]
fn a_running_sessions_journal_is_not_offered_and_a_dead_ones_is() {
    let dir = tempfile::tempdir().unwrap();
    let rec_dir = dir.path().join("recovery");
    let mut layers = vec![file_layer(dir.path(), 3)];
    let mut auto = Autosave::start(&rec_dir).unwrap();
    let e = set_property_edit(&layers[0], &[0], "status", &"closed".into()).unwrap();
    auto.record(
        &layers,
        "status",
        std::slice::from_ref(&e),
        Direction::Forward,
    );
    History::default().perform(&mut layers, "status".into(), vec![e], None);
    auto.flush();
    assert!(find_orphans(&rec_dir).is_empty(), "it is alive (locked)");
    // A session that died: its journal stays, its lock file has no holder.
    let dead = rec_dir.join("session-dead.journal.jsonl");
    std::fs::copy(auto.path(), &dead).unwrap();
    std::fs::write(rec_dir.join("session-dead.lock"), "").unwrap();
    let offers = find_orphans(&rec_dir);
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].journal, dead);
    assert_eq!(offers[0].changes(), 1);
    assert_eq!(offers[0].layers[0].key.display_name(), "areas.geojson");
    drop(offers);
    // A clean exit removes the session's journal and lock.
    let own = auto.path().to_owned();
    drop(auto);
    assert!(!own.exists());
    assert!(!own.with_extension("lock").exists());
}

#[test]
fn an_edit_past_the_end_of_the_file_refuses_the_layer() {
    let dir = tempfile::tempdir().unwrap();
    let layer = file_layer(dir.path(), 2);
    let ops = [Op::SetProperty {
        key: "status".into(),
        values: vec![(7, Some("closed".into()))],
    }];
    let err = restore_edits(&layer, &ops).unwrap_err();
    assert!(err.contains("feature 7"), "{err}");
}

#[test]
fn a_changed_file_has_another_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let layer = file_layer(dir.path(), 1);
    let before = Fingerprint::of(&layer);
    std::fs::write(layer.path.as_ref().unwrap(), "{}").unwrap();
    assert_ne!(Fingerprint::of(&layer), before);
}

#[test]
fn the_frames_of_a_drag_are_written_as_one_record_holding_the_last_shape() {
    let dir = tempfile::tempdir().unwrap();
    let mut layers = vec![file_layer(dir.path(), 3)];
    let original = layers[0].clone();
    let mut auto = Autosave::start(&dir.path().join("recovery")).unwrap();
    let mut h = History::default();
    let id = layers[0].id;
    for k in 0..60 {
        let e = Edit::SetGeometry {
            layer: id,
            index: 1,
            before: layers[0].features[1].geometry.clone(),
            after: Some(square(47.0 + f64::from(k) * 0.001)),
            was_edited: layers[0].features[1].geometry_edited,
        };
        auto.record(
            &layers,
            "drag",
            std::slice::from_ref(&e),
            Direction::Forward,
        );
        h.perform(&mut layers, "drag".into(), vec![e], Some("drag".into()));
    }
    h.close_step();
    // A cell edit after the drag writes the drag first.
    let e = set_property_edit(&layers[0], &[0], "status", &"closed".into()).unwrap();
    auto.record(
        &layers,
        "status",
        std::slice::from_ref(&e),
        Direction::Forward,
    );
    h.perform(&mut layers, "status".into(), vec![e], None);
    auto.flush();
    let text = std::fs::read_to_string(auto.path()).unwrap();
    assert_eq!(text.lines().count(), 3, "header, the drag, the cell edit");
    let offer = RecoveryOffer::read(auto.path(), None).unwrap();
    let edits = restore_edits(&original, &offer.layers[0].ops).unwrap();
    let mut restored = vec![original];
    History::default().perform(&mut restored, "restore".into(), edits, None);
    assert_eq!(content(&restored[0]), content(&layers[0]));
}

#[test]
fn a_drag_left_alone_is_written_within_the_hold_back_time() {
    let dir = tempfile::tempdir().unwrap();
    let layers = vec![file_layer(dir.path(), 2)];
    let mut auto = Autosave::start(&dir.path().join("recovery")).unwrap();
    let e = Edit::SetGeometry {
        layer: layers[0].id,
        index: 0,
        before: layers[0].features[0].geometry.clone(),
        after: Some(square(48.0)),
        was_edited: false,
    };
    auto.record(
        &layers,
        "drag",
        std::slice::from_ref(&e),
        Direction::Forward,
    );
    assert!(auto.compaction_due_in().unwrap() <= HOLD_BACK);
    std::thread::sleep(HOLD_BACK);
    auto.tick(&layers);
    // Not `flush`, which writes held records itself: wait for the writer.
    let start = Instant::now();
    while std::fs::read_to_string(auto.path())
        .unwrap()
        .lines()
        .count()
        < 2
    {
        assert!(start.elapsed() < Duration::from_secs(10), "never written");
        std::thread::sleep(Duration::from_millis(10));
    }
}
