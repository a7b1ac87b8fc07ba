//! Times autosave on the app's edit path (`state::autosave`): what the UI thread pays to
//! journal an edit (build the record and hand it to the writer thread), the whole append
//! until it is written, and a compaction of a layer with 1 000 edited features (the snapshot
//! built on the UI thread, then written and synced by the writer).
//!
//! ```text
//! cargo run --release --example measure_autosave -- [FEATURES]   # default 200 000
//! ```
//!
//! The layer is synthetic (FEATURES squares with eight properties); nothing is read.

use std::time::{Duration, Instant};

use geo::{Geometry, polygon};
use minemap::model::{Feature, Layer, Properties, PropertyValue};
use minemap::state::History;
use minemap::state::autosave::{Autosave, Direction};
use minemap::state::history::{Edit, set_property_edit};

fn layer(n: usize, path: std::path::PathBuf) -> Layer {
    let features = (0..n)
        .map(|i| {
            let x = 44.8 + (i % 1000) as f64 * 0.005;
            let y = 38.4 + (i / 1000) as f64 * 0.005;
            let mut p = Properties::new();
            p.insert("id", PropertyValue::from(format!("HA-{i:06}").as_str()));
            p.insert("feature_type", "hazard_area".into());
            p.insert("name", format!("Area {i}").as_str().into());
            p.insert("classification", "cha".into());
            p.insert("status", "open".into());
            p.insert("region", "Fuzuli".into());
            p.insert("estimated_area_m2", PropertyValue::from(12_345.0));
            p.insert("priority", "high".into());
            Feature {
                properties: p,
                geometry: Some(Geometry::Polygon(polygon![
                    (x: x, y: y), (x: x + 0.004, y: y), (x: x + 0.004, y: y + 0.004), (x: x, y: y + 0.004)
                ])),
                ..Feature::default()
            }
        })
        .collect();
    Layer::new("bench.geojson".into(), Some(path), features)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(200_000);
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("bench.geojson");
    std::fs::write(&file, "{}")?;
    let mut layers = vec![layer(n, file)];
    let mut auto = Autosave::start(&dir.path().join("recovery"))?;
    let mut history = History::default();

    // 1 000 cell edits, each journalled then applied, as `MinemapApp::perform` does.
    let mut ui = Vec::new();
    let stride = n / 1000;
    let t_all = Instant::now();
    for k in 0..1000 {
        let i = k * stride;
        let edit = set_property_edit(&layers[0], &[i], "status", &"closed".into())
            .ok_or_else(|| anyhow::anyhow!("no edit"))?;
        let t = Instant::now();
        auto.record(
            &layers,
            "status",
            std::slice::from_ref(&edit),
            Direction::Forward,
        );
        ui.push(t.elapsed());
        history.perform(&mut layers, "status".into(), vec![edit], None);
        history.close_step();
    }
    auto.flush();
    let all = t_all.elapsed();
    ui.sort();
    let mean = ui.iter().sum::<Duration>() / 1000;
    println!(
        "journal an edit (UI thread, {n}-feature layer; the first builds the layer's position list): mean {:.1} µs, median {:.1} µs, p99 {:.1} µs, worst {:.1} µs",
        mean.as_secs_f64() * 1e6,
        percentile(&ui, 0.5).as_secs_f64() * 1e6,
        percentile(&ui, 0.99).as_secs_f64() * 1e6,
        ui[ui.len() - 1].as_secs_f64() * 1e6
    );
    println!(
        "1 000 edits journalled, applied and written (writer thread, synced at the end): {:.1} ms",
        all.as_secs_f64() * 1e3
    );

    // A vertex drag of a 2 000-vertex polygon: one geometry record per frame.
    let ring: Vec<(f64, f64)> = (0..2000)
        .map(|k| {
            let a = f64::from(k) / 2000.0 * std::f64::consts::TAU;
            (46.9 + 0.01 * a.cos(), 39.9 + 0.01 * a.sin())
        })
        .collect();
    let big = Geometry::Polygon(geo::Polygon::new(ring.into(), Vec::new()));
    let edit = Edit::SetGeometry {
        layer: layers[0].id,
        index: 7,
        before: layers[0].features[7].geometry.clone(),
        after: Some(big),
        was_edited: false,
    };
    let t = Instant::now();
    for _ in 0..100 {
        auto.record(
            &layers,
            "drag",
            std::slice::from_ref(&edit),
            Direction::Forward,
        );
    }
    println!(
        "journal a 2 000-vertex geometry edit (UI thread): {:.1} µs",
        t.elapsed().as_secs_f64() * 1e6 / 100.0
    );
    auto.flush();

    // Compaction: 1 000 edited features, snapshot on the UI thread, write on the writer.
    let t = Instant::now();
    let snapshot = auto.snapshot(&layers);
    let build = t.elapsed();
    let changes: usize = snapshot
        .layers
        .iter()
        .flat_map(|l| &l.ops)
        .map(minemap::state::autosave::Op::changes)
        .sum();
    let t = Instant::now();
    auto.compact(&layers);
    let ui_compact = t.elapsed();
    auto.flush();
    let total = t.elapsed();
    let size = std::fs::metadata(auto.path())?.len();
    println!(
        "compaction, {changes} edited features of {n}: snapshot built in {:.2} ms; compact() on the UI thread {:.2} ms; written and synced after {:.1} ms ({} kB)",
        build.as_secs_f64() * 1e3,
        ui_compact.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
        size / 1024
    );

    // Undo of a bulk edit of every feature: the whole inverse is journalled.
    let all: Vec<usize> = (0..n).collect();
    let edit = set_property_edit(&layers[0], &all, "priority", &"low".into())
        .ok_or_else(|| anyhow::anyhow!("no edit"))?;
    history.perform(&mut layers, "bulk".into(), vec![edit], None);
    let t = Instant::now();
    if let Some(step) = history.next_undo() {
        auto.record(&layers, "undo bulk", &step.edits, Direction::Backward);
    }
    println!(
        "journal the undo of a bulk edit of all {n} features (UI thread): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}
