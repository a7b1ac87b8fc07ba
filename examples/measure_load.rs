//! Loads one GeoJSON file with minemap's reader and prints wall time, feature count, file
//! size and peak memory (VmHWM) as a multiple of the file size — the load targets are ≤ 2 s
//! and ≤ 3× the file size.
//!
//! ```text
//! cargo run --release --example measure_load -- bench_data/200k/hazard_areas.geojson
//! cargo run --release --example measure_load -- bench_data/200k/hazard_areas.geojson --breakdown
//! ```
//!
//! `--breakdown` does not call the reader: it repeats the reader's steps one by one (read,
//! UTF-8 check, top-level scan, features-array scan, per-feature parse, copy into an
//! `Arc<str>`) and times each, to show where the time goes. Run it as a separate process so
//! the peak memory of the plain load stays meaningful. `--part=feature|properties|geometry|flat`
//! parses only that representation of each feature and reports the memory it keeps.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use rayon::prelude::*;
use serde_json::value::RawValue;

/// Peak resident set size of this process in bytes (VmHWM), Linux only.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Current resident set size (VmRSS), to show what the loaded layer keeps.
fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[allow(clippy::cast_precision_loss)] // sizes for people
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// CPU time (user + system) of this process so far, Linux only: with other work on the
/// machine, wall time alone does not say whether the reader got slower.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // USER_HZ is 100 on Linux.
    Some(ticks / 100.0)
}

/// Prints the time since `started` and the resident memory now; returns a new start.
fn step(name: &str, started: Instant) -> Instant {
    println!(
        "  {name:<52} {:>7.3} s   RSS {:>6.0} MB",
        started.elapsed().as_secs_f64(),
        mb(rss_bytes().unwrap_or(0))
    );
    Instant::now()
}

#[derive(serde::Deserialize)]
#[allow(dead_code)] // parsed only to be timed and weighed
struct PropertiesOnly {
    properties: minemap::model::Properties,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)] // parsed only to be timed and weighed
struct GeometryOnly {
    geometry: Option<geojson::Geometry>,
}

/// Rings straight into `[f64; 2]` vectors: what a reader without per-position objects costs.
/// Polygons only (MultiPolygons fail and are skipped), so an estimate.
#[derive(serde::Deserialize)]
#[allow(dead_code)] // parsed only to be timed and weighed
struct FlatOnly {
    geometry: FlatPolygon,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)] // parsed only to be timed and weighed
struct FlatPolygon {
    coordinates: Vec<Vec<[f64; 2]>>,
}

fn parse_all<T: serde::de::DeserializeOwned + Send>(features: &[&RawValue]) -> Vec<T> {
    features
        .par_iter()
        .filter_map(|raw| serde_json::from_str::<T>(raw.get()).ok())
        .collect()
}

#[allow(clippy::cast_precision_loss)]
fn ratio(bytes: u64, file_size: usize) -> f64 {
    bytes as f64 / file_size.max(1) as f64
}

/// The reader's steps, one at a time.
fn breakdown(path: &PathBuf, part: Option<&str>) -> anyhow::Result<()> {
    println!(
        "breakdown of {} ({} rayon threads):",
        path.display(),
        rayon::current_num_threads()
    );
    let total = Instant::now();
    let t = Instant::now();
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let t = step("std::fs::read", t);
    let text = String::from_utf8(bytes).context("not UTF-8")?;
    let t = step("UTF-8 check", t);
    let members: BTreeMap<String, &RawValue> =
        serde_json::from_str(&text).context("top-level scan")?;
    let t = step("top-level scan (members as RawValue)", t);
    let features_raw = members.get("features").context("no \"features\" member")?;
    let features: Vec<&RawValue> =
        serde_json::from_str(features_raw.get()).context("features array")?;
    let t = step("features array scan (Vec<&RawValue>)", t);
    if let Some(part) = part {
        // One representation per process, so its memory is not hidden by reuse of
        // memory freed by an earlier step.
        let before = rss_bytes().unwrap_or(0);
        let kept: Box<dyn std::any::Any> = match part {
            "feature" => Box::new(parse_all::<geojson::Feature>(&features)),
            "properties" => Box::new(parse_all::<PropertiesOnly>(&features)),
            "geometry" => Box::new(parse_all::<GeometryOnly>(&features)),
            "flat" => Box::new(parse_all::<FlatOnly>(&features)),
            other => {
                anyhow::bail!("unknown part {other}: use feature, properties, geometry or flat")
            }
        };
        let _ = step(&format!("parse {part} per feature (rayon), kept"), t);
        println!(
            "  kept {:.0} MB for {} features ({:.2}x file size)",
            mb(rss_bytes().unwrap_or(0).saturating_sub(before)),
            features.len(),
            ratio(rss_bytes().unwrap_or(0).saturating_sub(before), text.len())
        );
        drop(black_box(kept));
        return Ok(());
    }
    let parsed: Vec<geojson::Feature> = features
        .par_iter()
        .filter_map(|raw| serde_json::from_str::<geojson::Feature>(raw.get()).ok())
        .collect();
    let t = step("per-feature geojson::Feature parse (rayon)", t);
    let vertices: usize = parsed
        .par_iter()
        .map(|f| match f.geometry.as_ref().map(|g| &g.value) {
            Some(geojson::GeometryValue::Polygon { coordinates }) => {
                coordinates.iter().map(Vec::len).sum()
            }
            Some(geojson::GeometryValue::MultiPolygon { coordinates }) => {
                coordinates.iter().flatten().map(Vec::len).sum()
            }
            _ => 0,
        })
        .sum();
    let t = step("count positions (walk the parsed features)", t);
    drop(parsed);
    let t = step("drop parsed features", t);
    let props_only: Vec<PropertiesOnly> = features
        .par_iter()
        .filter_map(|raw| serde_json::from_str::<PropertiesOnly>(raw.get()).ok())
        .collect();
    let t = step("  properties only (minemap Properties), kept", t);
    drop(props_only);
    let t = step("  drop them", t);
    let geometry_only: Vec<GeometryOnly> = features
        .par_iter()
        .filter_map(|raw| serde_json::from_str::<GeometryOnly>(raw.get()).ok())
        .collect();
    let t = step("  geometry only (geojson::Geometry), kept", t);
    drop(geometry_only);
    let t = step("  drop them", t);
    let flat: Vec<FlatOnly> = features
        .par_iter()
        .filter_map(|raw| serde_json::from_str::<FlatOnly>(raw.get()).ok())
        .collect();
    let t = step("  Polygons as Vec<Vec<[f64; 2]>> rings, kept", t);
    drop(flat);
    let t = step("  drop them", t);
    // Calibration: what touching fresh memory costs here (page faults), per file size.
    let mut fresh = vec![0u8; text.len()];
    for i in (0..fresh.len()).step_by(4096) {
        fresh[i] = 1;
    }
    let t = step("touch fresh memory of the file's size (page faults)", t);
    drop(black_box(fresh));
    let shared: Arc<str> = Arc::from(text.as_str());
    let _ = step("copy text into Arc<str>", t);
    println!(
        "  {} features, {vertices} positions, {:.3} s in all; peak RSS {:.0} MB",
        features.len(),
        total.elapsed().as_secs_f64(),
        mb(peak_rss_bytes().unwrap_or(0))
    );
    drop(shared);
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let mut path = PathBuf::from("bench_data/200k/hazard_areas.geojson");
    let mut want_breakdown = false;
    let mut part = None;
    for arg in std::env::args().skip(1) {
        if arg == "--breakdown" {
            want_breakdown = true;
        } else if let Some(p) = arg.strip_prefix("--part=") {
            want_breakdown = true;
            part = Some(p.to_owned());
        } else {
            path = PathBuf::from(arg);
        }
    }
    let file_size = std::fs::metadata(&path)
        .with_context(|| format!("{}: cannot read", path.display()))?
        .len();
    if want_breakdown {
        return breakdown(&path, part.as_deref());
    }
    let before = peak_rss_bytes().unwrap_or(0);
    let cpu_before = cpu_seconds().unwrap_or(0.0);
    // The reader reports fixed milestones through `progress` (0.05 read, 0.2 top level
    // scanned, 0.97 features parsed, 1.0 layer built): their times are the phase breakdown
    // of the real reader, at no cost to it.
    let milestones = std::sync::Mutex::new(Vec::<(f32, Instant)>::new());
    let started = Instant::now();
    let loaded = minemap::io::read_geojson_file(&path, &|f| {
        if let Ok(mut m) = milestones.lock() {
            // The first report at or past each milestone marks its end.
            for g in [0.05, 0.2, 0.96, 1.0] {
                if f >= g - 1e-4 && !m.iter().any(|(h, _)| *h == g) {
                    m.push((g, Instant::now()));
                }
            }
        }
    })?;
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds().unwrap_or(0.0) - cpu_before;
    let peak = peak_rss_bytes().unwrap_or(0);
    let kept = rss_bytes().unwrap_or(0);
    #[allow(clippy::cast_precision_loss)]
    let ratio = |b: u64| b as f64 / file_size.max(1) as f64;
    println!("file            {}", path.display());
    println!("file size       {:.1} MB", mb(file_size));
    println!("features        {}", loaded.layer.features.len());
    println!("warnings        {}", loaded.warnings.len());
    println!("wall time       {wall:.3} s (target <= 2 s); CPU {cpu:.2} s on all threads");
    let names = [
        (0.05, "read the file"),
        (0.2, "UTF-8 check, one scan of the top level"),
        (0.96, "parse the features (rayon)"),
        (1.0, "build the layer (schema detection)"),
    ];
    let mut last = started;
    for (f, at) in milestones.lock().map(|m| m.clone()).unwrap_or_default() {
        let name = names.iter().find(|(g, _)| *g == f).map_or("?", |(_, n)| n);
        println!(
            "  {name:<44} {:>7.3} s  (at {:.3} s)",
            (at - last).as_secs_f64(),
            (at - started).as_secs_f64()
        );
        last = at;
    }
    println!(
        "peak RSS        {:.0} MB = {:.2}x file size (target <= 3x; {:.0} MB before loading)",
        mb(peak),
        ratio(peak),
        mb(before)
    );
    println!(
        "RSS after load  {:.0} MB = {:.2}x file size (what the layer keeps)",
        mb(kept),
        ratio(kept)
    );
    Ok(())
}
