//! Splitting a hazard area into clearance sectors (`analysis::split`): a 1 km² concave area
//! with a hole into 25 m boxes (~1 600 cells, target ≤ 300 ms) and into 100 m boxes (the live
//! preview behind a slider, target ≤ 33 ms), plus strips and equal parts.
//! Run: `cargo bench --bench split`.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use geo::{Coord, Geometry, LineString, Polygon};
use minemap::analysis::geodesy::{LocalEqualArea, geodesic_area_m2};
use minemap::analysis::split::{
    BOX_25, BOX_100, Orientation, SplitMethod, SplitOptions, split_hazard_area,
};

/// A concave hazard area of about 1 km² near Aghdam: a 120-vertex wavy star with a 40-vertex
/// hole, so boxes are cut by curved, concave boundaries rather than straight edges.
fn hazard() -> Geometry<f64> {
    let laea = LocalEqualArea::new(46.93, 40.0);
    let ring = |n: usize, radius: f64, wobble: f64, lobes: f64| {
        let mut pts: Vec<Coord<f64>> = (0..n)
            .map(|i| {
                let t = std::f64::consts::TAU * i as f64 / n as f64;
                let r = radius * (1.0 + wobble * (lobes * t).sin());
                let [lon, lat] = laea.unproject(r * t.cos(), 0.8 * r * t.sin());
                Coord { x: lon, y: lat }
            })
            .collect();
        pts.push(pts[0]);
        LineString(pts)
    };
    let mut hole = ring(40, 120.0, 0.2, 3.0);
    hole.0.reverse();
    Geometry::Polygon(Polygon::new(ring(120, 640.0, 0.25, 5.0), vec![hole]))
}

fn split(c: &mut Criterion) {
    let hazard = hazard();
    let g = &hazard;
    let km2 = geodesic_area_m2(g) / 1e6;
    let run = |method: SplitMethod| {
        let options = SplitOptions {
            method,
            orientation: Orientation::Degrees(35.0),
            merge_slivers_below: Some(0.2),
        };
        move || black_box(split_hazard_area(black_box(g), &options).unwrap())
    };
    let cells = run(SplitMethod::grid(BOX_25))().len();
    eprintln!("hazard area {km2:.3} km², {cells} sectors of 25 m");
    c.bench_function("split 1 km² into 25 m boxes", |b| {
        b.iter(run(SplitMethod::grid(BOX_25)))
    });
    c.bench_function("split 1 km² into 100 m boxes (preview)", |b| {
        b.iter(run(SplitMethod::grid(BOX_100)));
    });
    c.bench_function("split 1 km² into 40 strips", |b| {
        b.iter(run(SplitMethod::Strips { count: 40 }));
    });
    c.bench_function("split 1 km² into 12 equal parts", |b| {
        b.iter(run(SplitMethod::EqualParts { count: 12 }));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = split
}
criterion_main!(benches);
