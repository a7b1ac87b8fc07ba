//! Hot paths of `analysis`: per-feature geodesic measures (fast path and Karney), union areas
//! and validation, on synthetic hazard polygons like those of `benches/make_bench_geojson.py`.
//! Run: `cargo bench --bench analysis`.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use geo::{Geometry, LineString, Polygon};
use minemap::analysis::Selection;
use minemap::analysis::geodesy::{karney_area_perimeter, polygon_area_perimeter};
use minemap::analysis::measures::measure_layer;
use minemap::analysis::qa::{QaOptions, validate};
use minemap::analysis::totals::{selected_polygons, union_area_m2};
use minemap::model::{Feature, Layer, Properties};

/// `n` hazard-like polygons of 8–64 vertices over Azerbaijan (deterministic).
fn hazards(n: usize) -> Layer {
    let mut s: u64 = 42;
    let mut next = || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let features = (0..n)
        .map(|_| {
            let (lon0, lat0) = (45.5 + 3.0 * next(), 38.8 + 1.8 * next());
            let r = 0.0015 + 0.012 * next() * next();
            let k = 8 + (next() * 56.0) as usize;
            let mut ring: Vec<geo::Coord<f64>> = (0..k)
                .map(|i| {
                    let t = std::f64::consts::TAU * i as f64 / k as f64;
                    let rr = r * (0.6 + 0.4 * next());
                    geo::coord! { x: lon0 + rr * t.cos() / lat0.to_radians().cos(), y: lat0 + rr * t.sin() }
                })
                .collect();
            ring.push(ring[0]);
            let mut properties = Properties::new();
            properties.insert("feature_type", "hazard_area".into());
            Feature {
                geometry: Some(Geometry::Polygon(Polygon::new(LineString(ring), vec![]))),
                properties,
                ..Feature::default()
            }
        })
        .collect();
    Layer::new("bench".into(), None, features)
}

fn measures(c: &mut Criterion) {
    let layer = hazards(10_000);
    let polys: Vec<&Polygon<f64>> = layer
        .features
        .iter()
        .filter_map(|f| match &f.geometry {
            Some(Geometry::Polygon(p)) => Some(p),
            _ => None,
        })
        .collect();
    c.bench_function("area_perimeter 10k polygons (fast path, 1 thread)", |b| {
        b.iter(|| {
            polys
                .iter()
                .map(|p| polygon_area_perimeter(p).area_m2)
                .sum::<f64>()
        });
    });
    c.bench_function("area_perimeter 10k polygons (Karney, 1 thread)", |b| {
        b.iter(|| {
            polys
                .iter()
                .map(|p| karney_area_perimeter(p).area_m2)
                .sum::<f64>()
        });
    });
    c.bench_function("measure_layer 10k polygons (rayon)", |b| {
        b.iter(|| measure_layer(black_box(&layer)))
    });
}

fn union_and_validate(c: &mut Criterion) {
    let layer = hazards(10_000);
    let geometries = selected_polygons(&layer, Selection::All);
    let mut group = c.benchmark_group("heavy");
    group.sample_size(10);
    group.bench_function("union_area 10k polygons", |b| {
        b.iter(|| union_area_m2(&geometries, &|_| {}, &AtomicBool::new(false)).unwrap());
    });
    let no_overlap = QaOptions {
        check_overlaps: false,
        ..QaOptions::default()
    };
    group.bench_function("validate 10k polygons without overlap", |b| {
        b.iter(|| validate(&[&layer], &no_overlap));
    });
    group.bench_function("validate 10k polygons with overlap", |b| {
        b.iter(|| validate(&[&layer], &QaOptions::default()));
    });
    group.finish();
}

criterion_group!(benches, measures, union_and_validate);
criterion_main!(benches);
