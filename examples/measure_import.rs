//! Loads files with minemap's importers (`io::read_any_file`) and prints the best wall time
//! of several runs, with the feature count — to set beside GDAL reading the same files:
//!
//! ```text
//! cargo run --release --example measure_import -- /work/bench_data/200k/hazards.shp \
//!     /work/bench_data/200k/hazards_utm38n.shp /work/bench_data/200k/hazards.gpkg
//! python3 -c "import pyogrio.raw, time; t=time.perf_counter(); pyogrio.raw.read('FILE'); print(time.perf_counter()-t)"
//! ```

use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut runs = 3;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        if let Some(n) = arg.strip_prefix("--runs=") {
            runs = n.parse()?;
        } else {
            files.push(PathBuf::from(arg));
        }
    }
    anyhow::ensure!(!files.is_empty(), "usage: measure_import [--runs=N] FILE…");
    for path in &files {
        let mut best = f64::INFINITY;
        let mut summary = String::new();
        for _ in 0..runs {
            let started = Instant::now();
            let layers = minemap::io::read_any_file(path, &|_| {})?;
            best = best.min(started.elapsed().as_secs_f64());
            summary = layers
                .iter()
                .map(|l| {
                    format!(
                        "{}: {} features, {} warnings, from {}",
                        l.layer.name,
                        l.layer.features.len(),
                        l.warnings.len(),
                        l.layer.source_crs.as_deref().unwrap_or("GeoJSON")
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            drop(layers);
        }
        println!(
            "{}: best of {runs}: {best:.3} s ({summary})",
            path.display()
        );
    }
    Ok(())
}
