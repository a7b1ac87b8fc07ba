//! Load time of the GeoJSON reader on the 200 000-polygon stress file (target ≤ 2 s).
//!
//! Make the file first (git-ignored):
//! `cargo run --release --example make_sample_data -- --hazards 200000 --compact --out bench_data/200k`,
//! or point `MINEMAP_BENCH_DATA` at another file. Run with `cargo bench --bench load`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

fn bench_data() -> PathBuf {
    std::env::var_os("MINEMAP_BENCH_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench_data/200k/hazard_areas.geojson"),
        PathBuf::from,
    )
}

fn load(c: &mut Criterion) {
    let path = bench_data();
    if !path.exists() {
        eprintln!(
            "{}: missing; make it with `cargo run --release --example make_sample_data -- \
             --hazards 200000 --compact --out bench_data/200k` or set MINEMAP_BENCH_DATA",
            path.display()
        );
        return;
    }
    let mut group = c.benchmark_group("load");
    // One load takes seconds: ten samples within a minute.
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("read_geojson_file 200k hazard areas", |b| {
        // The loaded layer is dropped outside the timing: freeing 200 000 features is not
        // part of loading them.
        b.iter_with_large_drop(|| minemap::io::read_geojson_file(black_box(&path), &|_| {}).ok());
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
