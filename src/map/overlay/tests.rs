//! Tests of the overlay cache: fills, hit tests, culling, masks, invalidation, eviction.

#![allow(clippy::unwrap_used, clippy::float_cmp)]
use super::bands::simplify;
use super::cache::{LayerCache, evict};
use super::*;
use crate::map::projection::{ViewTransform, lonlat_to_world};
use crate::model::{Feature, Layer, LayerRole};
use egui::{Pos2, Rect, Shape, vec2};
use geo::Geometry;
use geo::{LineString, MultiPolygon, Point, Polygon, polygon};
use serde_json::json;

fn clip() -> Rect {
    Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0))
}

fn feature(geometry: Geometry<f64>) -> Feature {
    Feature {
        geometry: Some(geometry),
        ..Feature::default()
    }
}

fn layer(features: Vec<Feature>) -> Layer {
    Layer::new("test".into(), None, features)
}

/// A U-shaped (concave) hazard area about 1 km across with a square hole in its base.
fn concave_with_hole() -> Polygon<f64> {
    polygon!(
        exterior: [
            (x: 47.000, y: 40.000), (x: 47.010, y: 40.000), (x: 47.010, y: 40.010),
            (x: 47.007, y: 40.010), (x: 47.007, y: 40.004), (x: 47.003, y: 40.004),
            (x: 47.003, y: 40.010), (x: 47.000, y: 40.010), (x: 47.000, y: 40.000),
        ],
        interiors: [[
            (x: 47.004, y: 40.001), (x: 47.006, y: 40.001), (x: 47.006, y: 40.003),
            (x: 47.004, y: 40.003), (x: 47.004, y: 40.001),
        ]],
    )
}

fn inside_triangle(p: Pos2, a: Pos2, b: Pos2, c: Pos2) -> bool {
    let s = |p1: Pos2, p2: Pos2, p3: Pos2| {
        (p1.x - p3.x) * (p2.y - p3.y) - (p2.x - p3.x) * (p1.y - p3.y)
    };
    let (d1, d2, d3) = (s(p, a, b), s(p, b, c), s(p, c, a));
    let neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(neg && pos)
}

/// Whether any fill triangle of the frame's meshes covers the screen point of `lon, lat`.
/// Only fill vertices (no screen offset) are tessellated triangles; ribbons are thin.
fn filled_at(shapes: &[Shape], view: &ViewTransform, lon: f64, lat: f64) -> bool {
    let p = view.to_screen(lonlat_to_world(lon, lat));
    shapes.iter().any(|s| match s {
        Shape::Mesh(m) => m.indices.chunks(3).any(|t| {
            let v = |i: u32| m.vertices[i as usize].pos;
            inside_triangle(p, v(t[0]), v(t[1]), v(t[2]))
        }),
        _ => false,
    })
}

fn view_at(lon: f64, lat: f64, zoom: f64) -> ViewTransform {
    ViewTransform::new(lonlat_to_world(lon, lat), zoom, clip())
}

#[test]
fn concave_polygon_with_hole_fills_the_shell_but_not_the_hole() {
    let layers = vec![layer(vec![feature(concave_with_hole().into())])];
    let mut cache = OverlayCache::new();
    let view = view_at(47.005, 40.005, 15.0);
    let shapes = cache.prepare_frame(&layers, &view, &Highlight::default());
    assert!(
        filled_at(&shapes, &view, 47.001, 40.005),
        "left arm is filled"
    );
    assert!(filled_at(&shapes, &view, 47.008, 40.002), "base is filled");
    assert!(
        !filled_at(&shapes, &view, 47.005, 40.002),
        "hole stays empty"
    );
    assert!(
        !filled_at(&shapes, &view, 47.005, 40.008),
        "notch of the U stays empty"
    );
}

#[test]
fn multipolygon_draws_both_parts() {
    let a = polygon![(x: 47.0, y: 40.0), (x: 47.004, y: 40.0), (x: 47.004, y: 40.004), (x: 47.0, y: 40.004)];
    let b = polygon![(x: 47.01, y: 40.0), (x: 47.014, y: 40.0), (x: 47.014, y: 40.004), (x: 47.01, y: 40.004)];
    let layers = vec![layer(vec![feature(MultiPolygon(vec![a, b]).into())])];
    let mut cache = OverlayCache::new();
    let view = view_at(47.007, 40.002, 15.0);
    let shapes = cache.prepare_frame(&layers, &view, &Highlight::default());
    assert!(filled_at(&shapes, &view, 47.002, 40.002));
    assert!(filled_at(&shapes, &view, 47.012, 40.002));
    assert!(
        !filled_at(&shapes, &view, 47.007, 40.002),
        "gap between the parts"
    );
}

fn square(lon: f64, lat: f64, side: f64) -> Geometry<f64> {
    polygon![(x: lon, y: lat), (x: lon + side, y: lat), (x: lon + side, y: lat + side), (x: lon, y: lat + side)].into()
}

#[test]
fn hit_test_picks_the_topmost_layer_and_respects_visibility() {
    let bottom = layer(vec![feature(square(47.0, 40.0, 0.01))]);
    let top = layer(vec![
        feature(square(47.0, 40.0, 0.01)),
        feature(square(47.02, 40.0, 0.01)),
    ]);
    let mut layers = vec![bottom, top];
    let mut cache = OverlayCache::new();
    cache.sync(&layers);
    let view = view_at(47.005, 40.005, 14.0);
    let at = view.to_screen(lonlat_to_world(47.005, 40.005));
    let hit = cache.hit_test(&layers, &view, at).unwrap();
    assert_eq!(
        hit,
        FeatureRef {
            layer: layers[1].id,
            index: 0
        }
    );

    cache.set_visibility(layers[1].id, Some(vec![false, true]));
    let hit = cache.hit_test(&layers, &view, at).unwrap();
    assert_eq!(
        hit.layer, layers[0].id,
        "hidden by the mask: the layer below is hit"
    );

    cache.set_visibility(layers[1].id, None);
    layers[1].visible = false;
    assert_eq!(
        cache.hit_test(&layers, &view, at).unwrap().layer,
        layers[0].id
    );

    let outside = view.to_screen(lonlat_to_world(47.015, 40.005));
    layers[1].visible = true;
    assert_eq!(cache.hit_test(&layers, &view, outside), None);
}

#[test]
fn hit_test_finds_a_point_within_6_px_but_not_at_20_px() {
    let layers = vec![layer(vec![feature(Point::new(47.0, 40.0).into())])];
    let mut cache = OverlayCache::new();
    cache.sync(&layers);
    let view = view_at(47.0, 40.0, 16.0);
    let p = view.to_screen(lonlat_to_world(47.0, 40.0));
    let id = layers[0].id;
    assert_eq!(
        cache.hit_test(&layers, &view, p + vec2(4.0, 3.0)),
        Some(FeatureRef {
            layer: id,
            index: 0
        })
    );
    assert_eq!(cache.hit_test(&layers, &view, p + vec2(20.0, 0.0)), None);
    assert_eq!(cache.hit_test(&layers, &view, p + vec2(0.0, -20.0)), None);
}

#[test]
fn hit_test_finds_a_line_near_it() {
    let line: LineString<f64> = vec![(47.0, 40.0), (47.01, 40.0)].into();
    let layers = vec![layer(vec![feature(line.into())])];
    let mut cache = OverlayCache::new();
    cache.sync(&layers);
    let view = view_at(47.005, 40.0, 15.0);
    let p = view.to_screen(lonlat_to_world(47.005, 40.0));
    assert!(cache.hit_test(&layers, &view, p + vec2(0.0, 2.0)).is_some());
    assert!(
        cache
            .hit_test(&layers, &view, p + vec2(0.0, 15.0))
            .is_none()
    );
}

#[test]
fn culling_drops_features_outside_the_view() {
    let layers = vec![layer(vec![
        feature(square(47.0, 40.0, 0.005)),
        feature(square(48.0, 39.0, 0.005)),
    ])];
    let mut cache = OverlayCache::new();
    let view = view_at(47.0025, 40.0025, 15.0);
    cache.prepare_frame(&layers, &view, &Highlight::default());
    assert_eq!(cache.last_frame_stats().features, 1);
    let far = fit_view(fit_bounds(&layers).unwrap(), clip(), 20.0, 20.0);
    cache.prepare_frame(&layers, &far, &Highlight::default());
    assert_eq!(cache.last_frame_stats().features, 2);
}

fn grid_layer() -> Layer {
    let mut fs = Vec::new();
    for i in 0..10 {
        for j in 0..10 {
            #[allow(clippy::cast_precision_loss)]
            let (x, y) = (47.0 + f64::from(i) * 0.003, 40.0 + f64::from(j) * 0.003);
            fs.push(feature(square(x, y, 0.002)));
        }
    }
    layer(fs)
}

#[test]
fn changing_the_visibility_mask_does_not_retessellate() {
    let layers = vec![grid_layer()];
    let mut cache = OverlayCache::new();
    let view = view_at(47.015, 40.015, 14.0);
    cache.prepare_frame(&layers, &view, &Highlight::default());
    let after_first = cache.tessellation_count();
    assert_eq!(after_first, 100);
    let mask: Vec<bool> = (0..100).map(|i| i % 2 == 0).collect();
    cache.set_visibility(layers[0].id, Some(mask));
    cache.prepare_frame(&layers, &view, &Highlight::default());
    assert_eq!(cache.last_frame_stats().features, 50);
    cache.set_visibility(layers[0].id, None);
    cache.prepare_frame(&layers, &view, &Highlight::default());
    assert_eq!(cache.last_frame_stats().features, 100);
    assert_eq!(cache.tessellation_count(), after_first);
}

#[test]
fn invalidate_feature_retessellates_only_that_feature() {
    let mut layers = vec![grid_layer()];
    let mut cache = OverlayCache::new();
    let view = view_at(47.015, 40.015, 14.0);
    cache.prepare_frame(&layers, &view, &Highlight::default());
    let before = cache.tessellation_count();
    layers[0].features_mut()[7].geometry = Some(square(47.04, 40.03, 0.002));
    cache.invalidate_feature(&layers[0], 7);
    cache.prepare_frame(&layers, &view, &Highlight::default());
    assert_eq!(cache.tessellation_count(), before + 1);
    // The moved feature is hit at its new place, not at the old one.
    let new_at = view.to_screen(lonlat_to_world(47.041, 40.031));
    let old_at = view.to_screen(lonlat_to_world(47.001 + 0.003 * 0.0, 40.001 + 0.003 * 7.0));
    assert_eq!(
        cache.hit_test(&layers, &view, new_at).map(|f| f.index),
        Some(7)
    );
    assert_eq!(cache.hit_test(&layers, &view, old_at), None);
}

#[test]
fn tiny_areas_at_national_extent_become_dots() {
    let mut fs = Vec::new();
    for i in 0..10 {
        for j in 0..10 {
            let (x, y) = (47.0 + f64::from(i) * 0.05, 40.0 + f64::from(j) * 0.05);
            fs.push(feature(square(x, y, 0.002)));
        }
    }
    let layers = vec![layer(fs)];
    let mut cache = OverlayCache::new();
    let view = view_at(47.25, 40.25, 8.0);
    cache.prepare_frame(&layers, &view, &Highlight::default());
    let stats = cache.last_frame_stats();
    assert_eq!(stats.features, 100);
    assert_eq!(stats.vertices, 400, "four vertices per dot");
}

#[test]
fn dots_on_the_same_pixel_are_drawn_once() {
    let layers = vec![layer(vec![
        feature(square(47.0, 40.0, 0.001)),
        feature(square(47.0, 40.0, 0.001)),
    ])];
    let mut cache = OverlayCache::new();
    let view = view_at(47.0, 40.0, 8.0);
    cache.prepare_frame(&layers, &view, &Highlight::default());
    assert_eq!(cache.last_frame_stats().vertices, 4);
    // Hiding the top one brings the other's dot back.
    cache.set_visibility(layers[0].id, Some(vec![true, false]));
    cache.prepare_frame(&layers, &view, &Highlight::default());
    assert_eq!(cache.last_frame_stats().vertices, 4);
    assert_eq!(cache.last_frame_stats().features, 1);
}

#[test]
fn layer_opacity_and_selection_shape_the_frame() {
    let mut layers = vec![grid_layer()];
    layers[0].role = LayerRole::HazardAreas;
    layers[0].features_mut()[0].properties = json!({"classification": "cha"})
        .as_object()
        .unwrap()
        .clone()
        .into();
    layers[0].schema.set(
        crate::model::PropertyRole::Classification,
        Some("classification".into()),
    );
    let mut cache = OverlayCache::new();
    let view = view_at(47.015, 40.015, 14.0);
    let sel = Highlight {
        selected: Some(FeatureRef {
            layer: layers[0].id,
            index: 0,
        }),
        hovered: None,
    };
    let opaque = cache.prepare_frame(&layers, &view, &sel);
    assert!(opaque.len() > 1, "mesh plus highlight");
    layers[0].opacity = 0.5;
    let faded = cache.prepare_frame(&layers, &view, &Highlight::default());
    let alpha = |s: &[Shape]| match &s[0] {
        Shape::Mesh(m) => m
            .vertices
            .iter()
            .map(|v| u32::from(v.color.a()))
            .max()
            .unwrap(),
        _ => 0,
    };
    assert!(alpha(&faded) < alpha(&opaque));
    layers[0].visible = false;
    assert!(
        cache
            .prepare_frame(&layers, &view, &Highlight::default())
            .is_empty()
    );
}

#[test]
fn a_panned_frame_matches_a_frame_built_from_scratch() {
    let layers = vec![grid_layer()];
    let mut panned = OverlayCache::new();
    let a = view_at(47.015, 40.015, 14.0);
    let mut b = a;
    b.center_world[0] += 37.25 / b.scale;
    b.center_world[1] -= 11.5 / b.scale;
    drop(panned.prepare_frame(&layers, &a, &Highlight::default()));
    let moved = panned.prepare_frame(&layers, &b, &Highlight::default());
    let fresh = OverlayCache::new().prepare_frame(&layers, &b, &Highlight::default());
    let (Shape::Mesh(m1), Shape::Mesh(m2)) = (&moved[0], &fresh[0]) else {
        panic!("a mesh per layer");
    };
    assert_eq!(m1.vertices.len(), m2.vertices.len());
    assert_eq!(m1.indices, m2.indices);
    for (v1, v2) in m1.vertices.iter().zip(&m2.vertices) {
        assert!(
            (v1.pos - v2.pos).length() < 1e-3,
            "{:?} vs {:?}",
            v1.pos,
            v2.pos
        );
    }
}

#[test]
fn meshes_beyond_the_budget_are_evicted_least_recently_shown_first() {
    let layers = vec![grid_layer()];
    let mut cache = OverlayCache::new();
    let here = view_at(47.015, 40.015, 16.0);
    let there = view_at(47.025, 40.025, 16.0);
    cache.prepare_frame(&layers, &here, &Highlight::default());
    cache.prepare_frame(&layers, &there, &Highlight::default());
    let lc = cache.layers.get_mut(&layers[0].id).unwrap();
    let cached = |lc: &LayerCache| {
        lc.bands
            .iter()
            .flatten()
            .flat_map(|b| b.meshes.iter().flatten())
            .count()
    };
    let before = cached(lc);
    evict(lc, cache.frame, 1);
    let after = cached(lc);
    assert!(after < before, "{after} < {before}");
    assert!(after > 0, "the chunks of the current frame stay");
}

#[test]
fn simplification_keeps_a_closed_ring_closed_and_drops_collinear_vertices() {
    let ring = vec![
        [0.0, 0.0],
        [5.0, 0.01],
        [10.0, 0.0],
        [10.0, 10.0],
        [0.0, 10.0],
    ];
    let s = simplify(&ring, 0.5, true);
    assert_eq!(s, vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]);
}
