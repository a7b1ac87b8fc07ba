//! Times the GUI's export and save: the very background jobs the Export dialog and Save
//! start (`state::export::{ExportInput, FileJob}`), from the command to the finished file,
//! with the UI thread polling every 16 ms as a frame would — and the longest the UI thread
//! was held by starting the job (collecting the layers and their cached measures).
//!
//! ```text
//! cargo run --release --example measure_gui_export -- /work/bench_data/200k/hazard_areas.geojson
//! ```
//!
//! Loads FILE and measures its features (not timed: the app does both at load), then
//! exports it with the area and perimeter annotations, best of 3, then saves it (with its
//! `.bak`) to the system's temporary folder.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use minemap::analysis::annotations::Annotation;
use minemap::analysis::measures::MeasureCache;
use minemap::io::export::ExportOptions;
use minemap::io::read_geojson_file;
use minemap::state::Workspace;
use minemap::state::export::{ExportInput, ExportRequest, ExportScope, FileJob};

fn wait(job: &FileJob) -> anyhow::Result<()> {
    loop {
        if let Some(result) = job.poll() {
            return result.map(|_| ()).map_err(anyhow::Error::msg);
        }
        std::thread::sleep(Duration::from_millis(16));
    }
}

fn main() -> anyhow::Result<()> {
    let path = PathBuf::from(
        std::env::args()
            .nth(1)
            .context("usage: measure_gui_export FILE")?,
    );
    let t = Instant::now();
    let layer = read_geojson_file(&path, &|_| {})?.layer;
    let mut measures = MeasureCache::new();
    measures.measures(&layer);
    println!(
        "loaded and measured {} features in {:.2} s (not counted)",
        layer.features.len(),
        t.elapsed().as_secs_f64()
    );
    let mut ws = Workspace::default();
    let id = layer.id;
    ws.layers.push(layer);
    let request = ExportRequest {
        layers: vec![id],
        scope: ExportScope::All,
        options: ExportOptions {
            annotations: vec![Annotation::Area, Annotation::Perimeter],
            qa_check_overlaps: false,
            ..ExportOptions::default()
        },
    };
    let out = std::env::temp_dir().join("minemap_measure_gui_export.geojson");
    let (mut best, mut held) = (f64::INFINITY, 0.0f64);
    for _ in 0..3 {
        let t = Instant::now();
        let input = ExportInput::new(&ws, &mut measures, &request);
        let job = FileJob::export(input, out.clone(), || {});
        held = held.max(t.elapsed().as_secs_f64());
        wait(&job)?;
        best = best.min(t.elapsed().as_secs_f64());
    }
    let size = std::fs::metadata(&out)?.len();
    println!(
        "GUI export (area, perimeter) of {} features: {best:.2} s best of 3, {:.0} MB; UI thread held {:.1} ms at most",
        ws.layers[0].features.len(),
        size as f64 / 1e6,
        held * 1000.0
    );
    let saved = std::env::temp_dir().join("minemap_measure_gui_save.geojson");
    std::fs::copy(&path, &saved)?;
    let t = Instant::now();
    let job = FileJob::save(ws.layers[0].clone(), saved.clone(), false, || {});
    wait(&job)?;
    println!(
        "GUI save (with .bak) of {} features: {:.2} s",
        ws.layers[0].features.len(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
