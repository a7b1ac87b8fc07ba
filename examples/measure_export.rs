//! Times the export and the recovery journal — the targets are: annotating and writing the
//! 200 000-polygon file ≤ 3 s, a journal append ≤ 1 ms.
//!
//! ```text
//! cargo run --release --example measure_export -- /work/bench_data/200k/hazard_areas.geojson
//! cargo run --release --example measure_export -- FILE --annotations area,perimeter,counts
//! ```
//!
//! Loads FILE (not timed), then plans and writes the export with the given annotations
//! (default `area,perimeter`) to a file in the system's temporary folder, best of 3; then
//! appends 20 000 edit-sized records to a journal and reports mean, 99th percentile and worst
//! append, and one compaction.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use minemap::analysis::annotations::Annotation;
use minemap::io::export::{ExportLayer, ExportOptions, plan_export};
use minemap::io::journal::{Journal, SyncPolicy};
use minemap::io::read_geojson_file;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .context("usage: measure_export FILE [--annotations LIST]")?,
    );
    let mut annotations = vec![Annotation::Area, Annotation::Perimeter];
    while let Some(a) = args.next() {
        if a == "--annotations" {
            let list = args.next().context("--annotations LIST")?;
            annotations = list
                .split(',')
                .map(|c| Annotation::from_code(c).with_context(|| format!("unknown {c}")))
                .collect::<anyhow::Result<_>>()?;
        }
    }
    let t = Instant::now();
    let layer = read_geojson_file(&path, &|_| {})?.layer;
    println!(
        "loaded {} features in {:.2} s (not counted)",
        layer.features.len(),
        t.elapsed().as_secs_f64()
    );
    let options = ExportOptions {
        annotations: annotations.clone(),
        qa_check_overlaps: false,
        ..ExportOptions::default()
    };
    let out_path = std::env::temp_dir().join("minemap_measure_export.geojson");
    let mut best = (f64::INFINITY, 0.0, 0.0);
    for _ in 0..3 {
        let t = Instant::now();
        let plan = plan_export(&[ExportLayer::all(&layer)], &[], &options);
        let planned = t.elapsed().as_secs_f64();
        let file = std::fs::File::create(&out_path)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        plan.write(&mut w, &|_| {}, &AtomicBool::new(false))?;
        std::io::Write::flush(&mut w)?;
        let total = t.elapsed().as_secs_f64();
        if total < best.0 {
            best = (total, planned, total - planned);
        }
    }
    let size = std::fs::metadata(&out_path)?.len();
    std::fs::remove_file(&out_path)?;
    println!(
        "export with {:?}: {:.3} s (plan incl. annotations {:.3} s, write {:.3} s), {:.0} MB written",
        annotations.iter().map(|a| a.code()).collect::<Vec<_>>(),
        best.0,
        best.1,
        best.2,
        size as f64 / 1e6
    );

    let dir = tempfile::tempdir()?;
    let mut journal = Journal::create(&dir.path().join("j.jsonl"), SyncPolicy::OnCompact)?;
    let mut times: Vec<Duration> = Vec::with_capacity(20_000);
    for n in 0..20_000u32 {
        let edit = serde_json::json!({
            "SetProperty": {"layer": 3, "feature": n % 5000, "key": "status", "value": "in_progress",
                            "old": "planned", "note": "sector split along the base-line — Ağdam"}
        });
        let t = Instant::now();
        journal.append(&edit)?;
        times.push(t.elapsed());
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / u32::try_from(times.len())?;
    println!(
        "journal append (OnCompact): mean {:.1} µs, p99 {:.1} µs, worst {:.1} µs",
        mean.as_secs_f64() * 1e6,
        times[times.len() * 99 / 100].as_secs_f64() * 1e6,
        times[times.len() - 1].as_secs_f64() * 1e6
    );
    let t = Instant::now();
    journal.compact(&serde_json::json!({"edits": 20_000}))?;
    println!(
        "compaction (write, fsync, rename): {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut synced = Journal::create(&dir.path().join("s.jsonl"), SyncPolicy::EveryAppend)?;
    let t = Instant::now();
    for n in 0..200 {
        synced.append(&serde_json::json!({"n": n}))?;
    }
    println!(
        "journal append (EveryAppend, fsync each): mean {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3 / 200.0
    );
    Ok(())
}
