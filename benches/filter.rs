//! CQL2 filters: parsing a typical expression and re-evaluating it over 200 000 hazard areas
//! with the properties `examples/make_sample_data.rs` writes (same keys, order and value
//! kinds). Run: `cargo bench --bench filter`. Target: ≤ 50 ms per re-evaluation (issue 8).
#![allow(clippy::unwrap_used, clippy::cast_precision_loss)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use geo::{Geometry, polygon};
use minemap::analysis::filter::{Filter, evaluate_layer};
use minemap::model::{Feature, FeatureId, Layer, Properties};
use serde_json::{Map, json};

const TYPICAL: &str = r#""status" = 'open' AND "classification" IN ('cha','sha') AND A_CONTAINS(contamination, ('ap_mine')) AND date_of_information > DATE('2022-01-01')"#;

/// splitmix64, as the sample-data generator uses.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() * items.len() as f64) as usize % items.len()]
    }
}

fn iso_date(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        2020 + (rng.next() * 5.0) as u32,
        1 + (rng.next() * 12.0) as u32,
        1 + (rng.next() * 28.0) as u32
    )
}

/// `n` hazard areas shaped like the sample data's.
fn hazard_layer(n: usize) -> Layer {
    let mut rng = Rng(7);
    let features = (0..n)
        .map(|i| {
            let id = format!("HA-{:06}", i + 1);
            let mut contamination = vec![rng.pick(&["ap_mine", "at_mine", "uxo", "cmr"])];
            if rng.next() < 0.3 {
                contamination.push(rng.pick(&["uxo", "axo", "ied", "unknown"]));
            }
            let area = (rng.next() * 2e6 * 100.0).round() / 100.0;
            let mut p = Map::new();
            p.insert("id".into(), json!(id));
            p.insert("feature_type".into(), json!("hazard_area"));
            p.insert("name".into(), json!(format!("Hazard {i}")));
            p.insert("region".into(), json!(rng.pick(&["Aghdam", "Fuzuli", "Tartar", "Lachin"])));
            p.insert("settlement".into(), json!(rng.pick(&["Kengerli", "Horadiz", "Sugovushan"])));
            p.insert("classification".into(), json!(rng.pick(&["indication", "sha", "cha"])));
            p.insert(
                "status".into(),
                json!(rng.pick(&["open", "open", "worked_on", "closed", "suspended"])),
            );
            p.insert("contamination".into(), json!(contamination));
            p.insert("priority".into(), json!(rng.pick(&["high", "medium", "low"])));
            p.insert("estimated_area_m2".into(), json!(area));
            p.insert("cancelled_area_m2".into(), json!(0.0));
            p.insert("reduced_area_m2".into(), json!(0.0));
            p.insert("cleared_area_m2".into(), json!(0.0));
            p.insert("marking".into(), json!(rng.pick(&["none", "temporary", "fenced"])));
            p.insert("mine_probability".into(), json!(rng.pick(&["low", "medium", "high"])));
            p.insert("blocked_resources".into(), json!(["pasture"]));
            p.insert("date_of_information".into(), json!(iso_date(&mut rng)));
            p.insert("status_changed_date".into(), json!(iso_date(&mut rng)));
            p.insert("source".into(), json!("synthetic"));
            let (x, y) = (46.0 + rng.next() * 2.0, 39.0 + rng.next());
            Feature {
                id: Some(FeatureId::String(id)),
                properties: Properties::from(p),
                geometry: Some(Geometry::Polygon(polygon![
                    (x: x, y: y), (x: x + 0.01, y: y), (x: x + 0.01, y: y + 0.01), (x: x, y: y + 0.01)
                ])),
                ..Feature::default()
            }
        })
        .collect();
    Layer::new("hazard_areas".into(), None, features)
}

/// CPU time (user + system) of the calling thread in seconds, from `/proc` (Linux, 100
/// ticks a second).
fn thread_cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn bench(c: &mut Criterion) {
    let layer = hazard_layer(200_000);
    let filter = Filter::parse(TYPICAL).unwrap();
    let kept = evaluate_layer(&filter, &layer, None)
        .iter()
        .filter(|k| **k)
        .count();
    eprintln!("typical filter keeps {kept} of 200000");
    // The machine is shared, so wall-clock figures vary with the load; this thread's CPU
    // time over sequential passes says what one core needs.
    if let Some(start) = thread_cpu_s() {
        let passes = 20;
        for _ in 0..passes {
            let n = layer
                .features
                .iter()
                .filter(|f| filter.matches(black_box(f), None))
                .count();
            black_box(n);
        }
        if let Some(end) = thread_cpu_s() {
            eprintln!(
                "typical filter, one core: {:.1} ms CPU per pass over 200000 features",
                (end - start) / f64::from(passes) * 1000.0
            );
        }
    }

    c.bench_function("filter/parse typical", |b| {
        b.iter(|| Filter::parse(black_box(TYPICAL)).unwrap());
    });
    let mut group = c.benchmark_group("filter/200k");
    group.sample_size(20);
    group.bench_function("evaluate typical (all cores)", |b| {
        b.iter(|| evaluate_layer(black_box(&filter), &layer, None));
    });
    group.bench_function("parse + evaluate typical (all cores)", |b| {
        b.iter(|| {
            let f = Filter::parse(black_box(TYPICAL)).unwrap();
            evaluate_layer(&f, &layer, None)
        });
    });
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    group.bench_function("evaluate typical (one core)", |b| {
        b.iter(|| one.install(|| evaluate_layer(black_box(&filter), &layer, None)));
    });
    let like = Filter::parse("CASEI(name) LIKE '%hazard 1%' OR region IN ('Fuzuli')").unwrap();
    group.bench_function("evaluate CASEI LIKE (all cores)", |b| {
        b.iter(|| evaluate_layer(black_box(&like), &layer, None));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
