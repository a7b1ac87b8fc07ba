//! Frame preparation of the map overlay over 200 000 hazard polygons (issue 2, item 8):
//! (a) full extent of the data, (b) zoom 15 over a dense area, both with the cache warm,
//! for a 1400×900 view; (c) building the cache (`sync`: projection and R-tree).
//!
//! Data: `$MINEMAP_BENCH_DATA` or `bench_data/hazard_areas.geojson` (made by
//! `cargo run --release --example make_sample_data -- --hazards 200000 --out bench_data`);
//! without either, 200 000 synthetic concave polygons (8–64 vertices, some with holes) are
//! generated over Azerbaijan (lon 45.5–48.5, lat 38.8–40.6), clustered as real hazard data is.
//!
//! (d) the same frames with labels on (`id` of each area): candidates, greedy placement and
//! the text layout of egui (its galley cache warm, as in the app), on top of the overlay frame.
//!
//! Run: `cargo bench --bench frame`.
#![allow(clippy::unwrap_used, clippy::cast_precision_loss)]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, Rect, vec2};
use geo::{Coord, LineString, Polygon};
use minemap::map::overlay::{
    Highlight, MAX_LABEL_CANDIDATES, MAX_LABELS, OverlayCache, fit_bounds, fit_view, place_labels,
};
use minemap::map::projection::{ViewTransform, lonlat_to_world};
use minemap::map::style::{LabelStyle, LayerStyle};
use minemap::model::{Feature, Layer};
use serde_json::json;

const HAZARDS: usize = 200_000;

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn ring(cx: f64, cy: f64, r_m: f64, n: usize, rng: &mut Rng) -> LineString<f64> {
    let m_per_deg_lat = 111_000.0;
    let m_per_deg_lon = 111_000.0 * cy.to_radians().cos();
    let mut coords: Vec<Coord<f64>> = (0..n)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n as f64;
            // Radii between 55 % and 100 %: a star-shaped, concave outline.
            let r = r_m * (0.55 + 0.45 * rng.next());
            Coord {
                x: cx + r * a.cos() / m_per_deg_lon,
                y: cy + r * a.sin() / m_per_deg_lat,
            }
        })
        .collect();
    coords.push(coords[0]);
    LineString(coords)
}

fn synthetic_layer() -> Layer {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    // Clusters along a band like the former line of contact, plus scattered areas.
    let clusters: Vec<(f64, f64)> = (0..60)
        .map(|_| {
            let t = rng.next();
            (45.6 + 2.8 * t, 39.2 + 1.2 * t + 0.3 * (rng.next() - 0.5))
        })
        .collect();
    let classes = ["cha", "sha", "indication"];
    let statuses = ["open", "worked_on", "closed", "suspended"];
    let features = (0..HAZARDS)
        .map(|i| {
            let (cx, cy) = if rng.next() < 0.8 {
                let (x, y) = clusters[(rng.next() * clusters.len() as f64) as usize];
                (
                    x + 0.15 * (rng.next() - 0.5) * (1.0 + rng.next()),
                    y + 0.1 * (rng.next() - 0.5) * (1.0 + rng.next()),
                )
            } else {
                (45.5 + 3.0 * rng.next(), 38.8 + 1.8 * rng.next())
            };
            // Log-uniform radius 40 m … 1.5 km: most areas are small, a few are large.
            let r = 40.0 * (1500.0_f64 / 40.0).powf(rng.next());
            let n = 8 + (rng.next() * 57.0) as usize;
            let exterior = ring(cx, cy, r, n, &mut rng);
            let holes = if rng.next() < 0.1 {
                vec![ring(cx, cy, r * 0.25, 8, &mut rng)]
            } else {
                Vec::new()
            };
            let props = json!({
                "id": format!("HA-{i:06}"),
                "feature_type": "hazard_area",
                "classification": classes[i % 3],
                "status": statuses[(i / 3) % 4],
            });
            Feature {
                properties: props.as_object().unwrap().clone().into(),
                geometry: Some(Polygon::new(exterior, holes).into()),
                ..Feature::default()
            }
        })
        .collect();
    Layer::new("synthetic hazard areas".into(), None, features)
}

fn load_layer() -> Layer {
    let path = std::env::var_os("MINEMAP_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("bench_data/hazard_areas.geojson"));
    if path.exists() {
        let t = Instant::now();
        let loaded = minemap::io::geojson::read_geojson_file(&path, &|_| {}).unwrap();
        eprintln!(
            "frame bench: {} features from {} (read in {:.2} s)",
            loaded.layer.features.len(),
            path.display(),
            t.elapsed().as_secs_f64()
        );
        loaded.layer
    } else {
        eprintln!(
            "frame bench: {} not found, generating {HAZARDS} synthetic polygons",
            path.display()
        );
        synthetic_layer()
    }
}

/// The centre of the 0.02° cell holding the most feature centres.
fn densest_point(layer: &Layer) -> (f64, f64) {
    let mut counts = std::collections::HashMap::<(i64, i64), usize>::new();
    for f in layer.features.iter() {
        if let Some(b) = f.bbox() {
            let c = b.center();
            *counts
                .entry(((c.x / 0.02).floor() as i64, (c.y / 0.02).floor() as i64))
                .or_default() += 1;
        }
    }
    let ((x, y), _) = counts.into_iter().max_by_key(|(_, n)| *n).unwrap();
    ((x as f64 + 0.5) * 0.02, (y as f64 + 0.5) * 0.02)
}

/// Two views one pixel apart, alternated so every measured frame really moves the map.
fn panned(view: ViewTransform) -> [ViewTransform; 2] {
    let mut other = view;
    other.center_world[0] += 1.0 / view.scale;
    [view, other]
}

fn bench(c: &mut Criterion) {
    let layers = vec![load_layer()];
    let clip = Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0));
    let full = fit_view(fit_bounds(&layers).unwrap(), clip, 10.0, 20.0);
    let (lon, lat) = densest_point(&layers[0]);
    let z15 = ViewTransform::new(lonlat_to_world(lon, lat), 15.0, clip);
    let highlight = Highlight::default();

    let t = Instant::now();
    let mut cache = OverlayCache::new();
    cache.sync(&layers);
    eprintln!(
        "sync (project + R-tree): {:.0} ms; cache ≈ {:.0} MB",
        t.elapsed().as_secs_f64() * 1e3,
        cache.approx_bytes() as f64 / 1e6
    );
    for (name, view) in [("full extent", full), ("z15", z15)] {
        let t = Instant::now();
        let mut frames = 0;
        loop {
            let start = Instant::now();
            cache.prepare_frame(&layers, &view, &highlight);
            frames += 1;
            eprintln!(
                "  cold frame {frames} at {name}: {:.0} ms",
                start.elapsed().as_secs_f64() * 1e3
            );
            if !cache.last_frame_stats().pending {
                break;
            }
        }
        let s = cache.last_frame_stats();
        eprintln!(
            "cold view at {name} (zoom {:.2}, tessellates the band): {:.0} ms over {frames} frames; {} features, {} chunks, {} vertices, {} indices",
            view.zoom,
            t.elapsed().as_secs_f64() * 1e3,
            s.features,
            s.chunks,
            s.vertices,
            s.indices
        );
    }
    eprintln!(
        "tessellated meshes: {}; cache holds ≈ {:.0} MB",
        cache.tessellation_count(),
        cache.approx_bytes() as f64 / 1e6
    );

    let mut group = c.benchmark_group("overlay");
    for (name, view) in [("pan_frame_full_extent", full), ("pan_frame_z15", z15)] {
        let views = panned(view);
        let mut k = 0usize;
        group.bench_function(name, |b| {
            b.iter(|| {
                k += 1;
                black_box(cache.prepare_frame(&layers, &views[k % 2], &highlight))
            });
        });
    }
    // Zooming rebuilds the screen mesh from the cached band meshes (no tessellation): two
    // zooms 0.01 apart in the same band, alternated.
    for (name, view) in [("zoom_frame_full_extent", full), ("zoom_frame_z15", z15)] {
        let mut other = view;
        other.zoom += 0.01;
        other.scale = minemap::map::projection::world_pixels(other.zoom);
        let views = [view, other];
        let mut k = 0usize;
        group.bench_function(name, |b| {
            b.iter(|| {
                k += 1;
                black_box(cache.prepare_frame(&layers, &views[k % 2], &highlight))
            });
        });
    }
    // Labels on: the overlay frame plus candidates, placement and egui's text layout.
    let ctx = egui::Context::default();
    let _ = ctx.run_ui(egui::RawInput::default(), |_| {});
    cache.set_style(
        layers[0].id,
        LayerStyle {
            labels: Some(LabelStyle {
                property: "id".into(),
                size: 12.0,
            }),
            ..LayerStyle::default()
        },
    );
    let t = Instant::now();
    let first = cache.label_candidates(&layers, &full, MAX_LABEL_CANDIDATES);
    eprintln!(
        "first label frame (orders 200 000 features by size): {:.0} ms, {} candidates",
        t.elapsed().as_secs_f64() * 1e3,
        first.len()
    );
    for (name, view) in [
        ("pan_frame_full_extent_labels", full),
        ("pan_frame_z15_labels", z15),
    ] {
        let views = panned(view);
        let mut k = 0usize;
        let mut placed_count = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                k += 1;
                let view = &views[k % 2];
                let shapes = cache.prepare_frame(&layers, view, &highlight);
                let candidates = cache.label_candidates(&layers, view, MAX_LABEL_CANDIDATES);
                let placed = ctx.fonts_mut(|fonts| {
                    place_labels(&candidates, view.clip, MAX_LABELS, |_, c| {
                        fonts
                            .layout_no_wrap(
                                c.text.clone(),
                                egui::FontId::proportional(c.size),
                                egui::Color32::PLACEHOLDER,
                            )
                            .size()
                    })
                });
                placed_count = placed.len();
                black_box((shapes, placed))
            });
        });
        eprintln!("{name}: {placed_count} labels placed");
    }
    group.bench_function("hit_test_z15", |b| {
        let p = clip.center();
        b.iter(|| black_box(cache.hit_test(&layers, &z15, p)));
    });
    group.sample_size(10);
    group.bench_function("sync_200k", |b| {
        b.iter(|| {
            let mut fresh = OverlayCache::new();
            fresh.sync(&layers);
            black_box(fresh)
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
