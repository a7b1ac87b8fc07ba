//! Issue 8's figures on the 200 000-polygon stress file, headless:
//! - a filter change re-evaluated and applied to the map (flags + the overlay's visibility
//!   mask + the next frame at full extent) — target ≤ 50 ms;
//! - a frame at full extent with a filter on (map at 60 fps) — target ≤ 8 ms of our work;
//! - sorting the table by a text column and by the computed area — target ≤ 150 ms;
//! - an undo (and redo) of a cell edit, and of a bulk edit of every feature — target ≤ 16 ms.
//!
//! Data: `bench_data/200k/hazard_areas.geojson` (make it with `cargo run --release --example
//! make_sample_data -- --hazards 200000 --compact --out bench_data/200k`) or
//! `$MINEMAP_BENCH_DATA`. Run: `cargo bench --bench edit`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Rect, pos2};
use minemap::analysis::measures::measure_layer;
use minemap::analysis::sort::{Column, sorted_rows};
use minemap::map::overlay::{Highlight, OverlayCache, fit_bounds, fit_view};
use minemap::model::{Layer, PropertyValue};
use minemap::state::filters::LayerFilter;
use minemap::state::history::{History, set_property_edit};

fn bench_data() -> PathBuf {
    std::env::var_os("MINEMAP_BENCH_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench_data/200k/hazard_areas.geojson"),
        PathBuf::from,
    )
}

fn load() -> Option<Layer> {
    let path = bench_data();
    if !path.exists() {
        eprintln!(
            "{}: missing; make it with `cargo run --release --example make_sample_data -- \
             --hazards 200000 --compact --out bench_data/200k` or set MINEMAP_BENCH_DATA",
            path.display()
        );
        return None;
    }
    Some(minemap::io::read_geojson_file(&path, &|_| {}).ok()?.layer)
}

fn edit(c: &mut Criterion) {
    let Some(layer) = load() else { return };
    let measures = measure_layer(&layer);
    let clip = Rect::from_min_size(pos2(0.0, 0.0), egui::vec2(1400.0, 900.0));
    let view = fit_view(
        fit_bounds(std::slice::from_ref(&layer)).unwrap(),
        clip,
        10.0,
        20.0,
    );
    let highlight = Highlight::default();
    let mut overlay = OverlayCache::new();
    overlay.sync(std::slice::from_ref(&layer));
    // Warm: every mesh of the full-extent band tessellated once.
    let _ = overlay.prepare_frame(std::slice::from_ref(&layer), &view, &highlight);

    let mut group = c.benchmark_group("issue 8");
    group.sample_size(20);
    let expressions = [
        "\"status\" = 'open' AND \"classification\" IN ('cha','sha')",
        "\"status\" <> 'closed'",
    ];
    let mut filter = LayerFilter::default();
    let mut which = 0;
    group.bench_function("filter change applied to the map (200k)", |b| {
        b.iter(|| {
            which = 1 - which;
            filter
                .set_text(expressions[which], &layer, Some(&measures))
                .unwrap();
            overlay.set_visibility(layer.id, filter.mask().map(<[bool]>::to_vec));
            black_box(overlay.prepare_frame(std::slice::from_ref(&layer), &view, &highlight));
        });
    });
    filter
        .set_text(expressions[0], &layer, Some(&measures))
        .unwrap();
    overlay.set_visibility(layer.id, filter.mask().map(<[bool]>::to_vec));
    let _ = overlay.prepare_frame(std::slice::from_ref(&layer), &view, &highlight);
    let mut panned = view;
    let mut step = 1.0;
    group.bench_function("frame with a filter on, full extent pan (200k)", |b| {
        b.iter(|| {
            step = -step;
            panned.center_world[0] += step * view.world_per_pixel();
            black_box(overlay.prepare_frame(std::slice::from_ref(&layer), &panned, &highlight));
        });
    });
    group.bench_function("sort by a text column (200k)", |b| {
        b.iter(|| {
            black_box(sorted_rows(
                &layer,
                &Column::Property("name".into()),
                None,
                false,
            ))
        });
    });
    group.bench_function("sort by geodesic area (200k)", |b| {
        b.iter(|| black_box(sorted_rows(&layer, &Column::Area, Some(&measures), true)));
    });

    let mut layers = vec![layer];
    let mut history = History::default();
    let edit = set_property_edit(&layers[0], &[12_345], "status", &"closed".into()).unwrap();
    history.perform(&mut layers, "one cell".into(), vec![edit], None);
    group.bench_function("undo + redo of a cell edit (200k)", |b| {
        b.iter(|| {
            black_box(history.undo(&mut layers));
            black_box(history.redo(&mut layers));
        });
    });
    let all: Vec<usize> = (0..layers[0].features.len()).collect();
    let edit =
        set_property_edit(&layers[0], &all, "priority", &PropertyValue::from("high")).unwrap();
    history.perform(&mut layers, "bulk".into(), vec![edit], None);
    group.bench_function("undo + redo of a bulk edit of every feature (200k)", |b| {
        b.iter(|| {
            black_box(history.undo(&mut layers));
            black_box(history.redo(&mut layers));
        });
    });
    group.finish();
}

/// Issue 9: dragging a vertex of a 2 000-vertex polygon re-tessellates that feature alone
/// (target: a 60 fps frame, ≤ 16 ms): move the vertex, invalidate the feature, prepare the
/// next frame at z16 around it.
fn vertex_drag(c: &mut Criterion) {
    use geo::{Coord, Geometry, LineString, Polygon};
    use minemap::map::projection::{ViewTransform, lonlat_to_world};
    use minemap::model::Feature;
    let n = 2_000;
    let ring: Vec<Coord<f64>> = (0..=n)
        .map(|k| {
            let a = std::f64::consts::TAU * f64::from(k % n) / f64::from(n);
            // A concave star about 600 m across.
            let r = 0.003 * (1.0 + 0.25 * (7.0 * a).sin());
            Coord {
                x: 46.9 + r * a.cos() / 0.77,
                y: 40.0 + r * a.sin(),
            }
        })
        .collect();
    let feature = Feature {
        geometry: Some(Geometry::Polygon(Polygon::new(LineString(ring), vec![]))),
        ..Feature::default()
    };
    let mut layers = vec![Layer::new("sector".into(), None, vec![feature])];
    let mut overlay = OverlayCache::new();
    overlay.sync(&layers);
    let clip = Rect::from_min_size(pos2(0.0, 0.0), egui::vec2(1400.0, 900.0));
    let view = ViewTransform::new(lonlat_to_world(46.9, 40.0), 16.0, clip);
    let highlight = Highlight::default();
    let _ = overlay.prepare_frame(&layers, &view, &highlight);
    let mut back = false;
    c.bench_function(
        "issue 9/drag a vertex of a 2000-vertex polygon: edit + re-tessellate + frame",
        |b| {
            b.iter(|| {
                // Back and forth, so the polygon stays as it was.
                back = !back;
                if let Some(Geometry::Polygon(p)) = &mut layers[0].features_mut()[0].geometry {
                    p.exterior_mut(|r| {
                        r.0[10].x += if back { 1e-5 } else { -1e-5 };
                    });
                }
                overlay.invalidate_feature(&layers[0], 0);
                black_box(overlay.prepare_frame(&layers, &view, &highlight));
            });
        },
    );
}

criterion_group!(benches, edit, vertex_drag);
criterion_main!(benches);
