//! Frame preparation of the embedded basemap (culling, transform to screen, line decimation,
//! label decluttering; no GPU) for a 1400×900 view over Azerbaijan at z6, z10 and z14.
//! Issue 3's target: ≤ 4 ms per frame. Also the one-off costs: decoding the asset, and the
//! first frame of a view (which triangulates the chunks it sees for the first time).

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, Rect, vec2};
use minemap::map::basemap::EmbeddedBasemap;
use minemap::map::projection::{ViewTransform, lonlat_to_world};
use std::hint::black_box;

fn azerbaijan(zoom: f64) -> ViewTransform {
    let clip = Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0));
    ViewTransform::new(lonlat_to_world(47.5, 40.3), zoom, clip)
}

fn bench(c: &mut Criterion) {
    c.bench_function("basemap_load", |b| {
        b.iter(|| black_box(EmbeddedBasemap::load().map(|m| m.towns().len())));
    });
    for zoom in [6.0, 10.0, 14.0] {
        c.bench_function(&format!("basemap_first_frame_z{zoom}"), |b| {
            b.iter_batched(
                || EmbeddedBasemap::load().ok(),
                // The map is returned so that freeing it is not timed.
                |map| {
                    map.map(|mut m| {
                        let shapes = m.frame(&azerbaijan(zoom)).shapes.len();
                        (m, shapes)
                    })
                },
                criterion::BatchSize::LargeInput,
            );
        });
        let Ok(mut map) = EmbeddedBasemap::load() else {
            return;
        };
        let view = azerbaijan(zoom);
        let _warm = map.frame(&view);
        c.bench_function(&format!("basemap_frame_z{zoom}"), |b| {
            b.iter(|| black_box(map.frame(black_box(&view))));
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
