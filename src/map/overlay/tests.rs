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
    assert_eq!(
        stats.vertices, 800,
        "eight vertices per marker: an outline square and a fill square"
    );
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
    assert_eq!(cache.last_frame_stats().vertices, 8);
    // Hiding the top one brings the other's dot back.
    cache.set_visibility(layers[0].id, Some(vec![true, false]));
    cache.prepare_frame(&layers, &view, &Highlight::default());
    assert_eq!(cache.last_frame_stats().vertices, 8);
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

// ---- styles, legend, labels, national view ----

use crate::map::style::{
    self as map_style, LabelStyle, LayerStyle, Renderer, categorise, graduate, legend,
};
use crate::model::PropertyRole;

fn with_props(geometry: Geometry<f64>, props: serde_json::Value) -> Feature {
    Feature {
        geometry: Some(geometry),
        properties: props.as_object().unwrap().clone().into(),
        ..Feature::default()
    }
}

/// 60 hazard areas of every classification and status (and some with neither), 0.002° wide.
fn hazard_layer() -> Layer {
    let classes = ["cha", "sha", "indication", "bogus"];
    let statuses = ["open", "worked_on", "closed", "suspended", "?"];
    let mut fs = Vec::new();
    for i in 0..60 {
        let (x, y) = (
            47.0 + f64::from(i % 10) * 0.004,
            40.0 + f64::from(i / 10) * 0.004,
        );
        let contamination = ["ap_mine", "uxo"][i as usize % 2];
        let mut props = json!({
            "name": format!("HA-{i:03}"),
            "classification": classes[i as usize % classes.len()],
            "status": statuses[i as usize % statuses.len()],
            "contamination": contamination,
        });
        if i % 7 == 0 {
            props.as_object_mut().unwrap().remove("classification");
        }
        fs.push(with_props(square(x, y, 0.002), props));
    }
    let mut l = layer(fs);
    l.role = LayerRole::HazardAreas;
    l.schema
        .set(PropertyRole::Classification, Some("classification".into()));
    l.schema.set(PropertyRole::Status, Some("status".into()));
    l.schema.set(PropertyRole::Name, Some("name".into()));
    l
}

fn incident_layer() -> Layer {
    let types = ["civilian", "demining", "military", "unknown", "?"];
    let fs = (0..40)
        .map(|i| {
            with_props(
                Point::new(
                    47.001 + f64::from(i % 8) * 0.005,
                    40.001 + f64::from(i / 8) * 0.005,
                )
                .into(),
                json!({
                    "accident_type": types[i as usize % types.len()],
                    "killed": i % 3,
                    "injured": i % 11,
                }),
            )
        })
        .collect();
    let mut l = layer(fs);
    l.role = LayerRole::Incidents;
    l.schema.set(PropertyRole::Killed, Some("killed".into()));
    l.schema.set(PropertyRole::Injured, Some("injured".into()));
    l
}

/// sRGB of a premultiplied colour; `None` for (nearly) transparent ones, whose channels are
/// rounded too coarsely to compare.
fn rgb(c: egui::Color32) -> Option<[i32; 3]> {
    (c.a() >= 40).then(|| {
        let [r, g, b, _] = c.to_srgba_unmultiplied();
        [i32::from(r), i32::from(g), i32::from(b)]
    })
}

fn close(a: [i32; 3], b: [i32; 3]) -> bool {
    (0..3).all(|i| (a[i] - b[i]).abs() <= 3)
}

/// Every colour in the frame's meshes for `layers[0]` at `zoom` appears in the legend.
fn assert_drawn_colours_are_in_the_legend(layers: &[Layer], style: &LayerStyle, zoom: f64) {
    let mut cache = OverlayCache::new();
    cache.set_style(layers[0].id, style.clone());
    let view = fit_view(fit_bounds(layers).unwrap(), clip(), 20.0, zoom);
    let shapes = cache.prepare_frame(layers, &view, &Highlight::default());
    let entries = legend(&layers[0], style);
    let legend_colours: Vec<[i32; 3]> = entries
        .iter()
        .flat_map(|e| [rgb(e.fill), rgb(e.stroke.color)])
        .flatten()
        .collect();
    let mut drawn = 0;
    for s in &shapes {
        let Shape::Mesh(m) = s else { continue };
        for v in &m.vertices {
            if let Some(c) = rgb(v.color) {
                drawn += 1;
                assert!(
                    legend_colours.iter().any(|l| close(*l, c)),
                    "drawn colour {c:?} missing from the legend {legend_colours:?}"
                );
            }
        }
    }
    assert!(drawn > 0);
}

#[test]
fn the_legend_lists_every_colour_the_map_draws() {
    let hazards = vec![hazard_layer()];
    let incidents = vec![incident_layer()];
    for zoom in [8.0, 15.0] {
        assert_drawn_colours_are_in_the_legend(&hazards, &LayerStyle::default(), zoom);
        assert_drawn_colours_are_in_the_legend(
            &hazards,
            &categorise(&hazards[0], "contamination"),
            zoom,
        );
        assert_drawn_colours_are_in_the_legend(&hazards, &graduate(&hazards[0], "name", 3), zoom);
        assert_drawn_colours_are_in_the_legend(&incidents, &LayerStyle::default(), zoom);
        assert_drawn_colours_are_in_the_legend(
            &incidents,
            &graduate(&incidents[0], map_style::CASUALTIES_PROPERTY, 4),
            zoom,
        );
        assert_drawn_colours_are_in_the_legend(
            &incidents,
            &categorise(&incidents[0], "accident_type"),
            zoom,
        );
    }
}

#[test]
fn legend_counts_add_up_and_categories_carry_their_filter_value() {
    let l = hazard_layer();
    let entries = legend(&l, &categorise(&l, "contamination"));
    assert_eq!(entries.iter().map(|e| e.count).sum::<usize>(), 60);
    // The code reads by its name in the interface language (English in unit tests).
    let ap = entries.iter().find(|e| e.label == "AP mine").unwrap();
    assert_eq!(ap.count, 30);
    assert_eq!(
        ap.filter_value,
        Some(("contamination".to_owned(), "ap_mine".into()))
    );
    // GICHD: classification rows count every feature once, status rows too.
    let gichd = legend(&l, &LayerStyle::default());
    let fills: usize = gichd
        .iter()
        .filter(|e| e.symbol == map_style::LegendSymbol::Area)
        .map(|e| e.count)
        .sum();
    assert_eq!(fills, 60);
    let cha = gichd
        .iter()
        .find(|e| e.label == crate::model::Classification::Cha.label())
        .unwrap();
    assert_eq!(
        cha.filter_value,
        Some(("classification".to_owned(), "cha".into()))
    );
}

#[test]
fn set_style_recolours_the_layer_and_a_filter_still_only_touches_the_mask() {
    let layers = vec![hazard_layer()];
    let mut cache = OverlayCache::new();
    let view = view_at(47.02, 40.01, 14.0);
    cache.prepare_frame(&layers, &view, &Highlight::default());
    let before = cache.tessellation_count();
    let blue = egui::Color32::from_rgb(0, 0, 255);
    cache.set_style(
        layers[0].id,
        LayerStyle {
            renderer: Renderer::Single { colour: blue },
            ..LayerStyle::default()
        },
    );
    let shapes = cache.prepare_frame(&layers, &view, &Highlight::default());
    let Shape::Mesh(m) = &shapes[0] else {
        panic!("a mesh")
    };
    assert!(
        m.vertices
            .iter()
            .all(|v| rgb(v.color).is_none_or(|c| close(c, [0, 0, 255])))
    );
    let after_restyle = cache.tessellation_count();
    assert!(after_restyle > before);
    // Labels alone and the filter mask keep the meshes.
    let mut labelled = cache.style(layers[0].id).unwrap().clone();
    labelled.labels = Some(LabelStyle::default());
    cache.set_style(layers[0].id, labelled);
    cache.set_visibility(layers[0].id, Some((0..60).map(|i| i % 2 == 0).collect()));
    cache.prepare_frame(&layers, &view, &Highlight::default());
    assert_eq!(cache.tessellation_count(), after_restyle);
}

#[test]
fn tiny_hazard_areas_keep_a_marker_of_at_least_six_points_at_national_extent() {
    // A 20 m square at zoom 7 is a fraction of a pixel.
    let mut l = layer(vec![with_props(
        square(47.0, 40.0, 0.0002),
        json!({"classification": "cha", "status": "open"}),
    )]);
    l.role = LayerRole::HazardAreas;
    l.schema
        .set(PropertyRole::Classification, Some("classification".into()));
    l.schema.set(PropertyRole::Status, Some("status".into()));
    let layers = vec![l];
    let mut cache = OverlayCache::new();
    let view = view_at(47.0, 40.0, 7.0);
    let shapes = cache.prepare_frame(&layers, &view, &Highlight::default());
    let Shape::Mesh(m) = &shapes[0] else {
        panic!("a mesh")
    };
    let bounds = Rect::from_points(&m.vertices.iter().map(|v| v.pos).collect::<Vec<_>>());
    assert!(
        bounds.width() >= 6.0 && bounds.height() >= 6.0,
        "{bounds:?}"
    );
    // Filled with the classification's colour, outlined with the status colour.
    let colours: Vec<[i32; 3]> = m.vertices.iter().filter_map(|v| rgb(v.color)).collect();
    assert!(colours.iter().any(|c| close(*c, [0xFF, 0, 0])));
    assert!(colours.iter().any(|c| close(*c, [0xE0, 0, 0])));
}

#[test]
fn incident_symbols_are_smaller_at_national_extent_than_zoomed_in() {
    let layers = vec![layer(vec![feature(Point::new(47.0, 40.0).into())])];
    let width = |zoom: f64| {
        let mut cache = OverlayCache::new();
        let shapes =
            cache.prepare_frame(&layers, &view_at(47.0, 40.0, zoom), &Highlight::default());
        let Shape::Mesh(m) = &shapes[0] else {
            panic!("a mesh")
        };
        Rect::from_points(&m.vertices.iter().map(|v| v.pos).collect::<Vec<_>>()).width()
    };
    assert!(width(7.0) < width(15.0) * 0.8);
}

fn assert_no_overlap(placed: &[PlacedLabel]) {
    for (i, a) in placed.iter().enumerate() {
        for b in &placed[i + 1..] {
            let inter = a.rect.intersect(b.rect);
            assert!(
                !(inter.width() > 0.0 && inter.height() > 0.0),
                "{:?} overlaps {:?}",
                a.rect,
                b.rect
            );
        }
    }
}

/// A crude text measure: 7 points per character, one line of `size`.
fn measure(_: usize, c: &LabelCandidate) -> egui::Vec2 {
    #[allow(clippy::cast_precision_loss)]
    let w = c.text.chars().count() as f32 * c.size * 0.55;
    vec2(w, c.size * 1.2)
}

#[test]
fn labels_at_national_extent_never_overlap_and_are_capped() {
    // 5 000 areas spread over the country: a pile-up if every one were labelled.
    let mut fs = Vec::new();
    for i in 0..5000 {
        let (x, y) = (
            45.5 + f64::from(i % 100) * 0.03,
            38.8 + f64::from(i / 100) * 0.036,
        );
        let side = 0.001 + f64::from(i % 13) * 0.001;
        fs.push(with_props(
            square(x, y, side),
            json!({"name": format!("HA-{i}")}),
        ));
    }
    let layers = vec![layer(fs)];
    let mut cache = OverlayCache::new();
    cache.set_style(
        layers[0].id,
        LayerStyle {
            labels: Some(LabelStyle {
                property: "name".into(),
                size: 12.0,
            }),
            ..LayerStyle::default()
        },
    );
    let view = fit_view(fit_bounds(&layers).unwrap(), clip(), 20.0, 20.0);
    let candidates = cache.label_candidates(&layers, &view, MAX_LABEL_CANDIDATES);
    assert_eq!(candidates.len(), MAX_LABEL_CANDIDATES);
    // Best first: the largest areas (side index 12) lead.
    let first = candidates[0].feature.index;
    assert_eq!(first % 13, 12);
    let placed = place_labels(&candidates, view.clip, MAX_LABELS, measure);
    assert!(!placed.is_empty() && placed.len() <= MAX_LABELS);
    assert_no_overlap(&placed);
    for p in &placed {
        assert!(view.clip.contains_rect(p.rect));
    }
}

#[test]
fn labels_skip_hidden_features_and_features_without_a_value() {
    let mut l = hazard_layer();
    l.features_mut()[0].properties.remove("name");
    let layers = vec![l];
    let mut cache = OverlayCache::new();
    cache.sync(&layers);
    cache.set_style(layers[0].id, LayerStyle::default_for(&layers[0]));
    cache.set_visibility(layers[0].id, Some((0..60).map(|i| i != 1).collect()));
    let view = view_at(47.02, 40.01, 14.0);
    let candidates = cache.label_candidates(&layers, &view, 1000);
    let indices: Vec<usize> = candidates.iter().map(|c| c.feature.index).collect();
    assert_eq!(indices.len(), 58);
    assert!(!indices.contains(&0) && !indices.contains(&1));
}

#[test]
fn a_point_label_moves_to_the_left_when_its_right_is_taken() {
    // Two incidents 10 points apart vertically: the second's label cannot go right.
    let candidates: Vec<LabelCandidate> = [Pos2::new(300.0, 300.0), Pos2::new(300.0, 310.0)]
        .into_iter()
        .enumerate()
        .map(|(i, anchor)| LabelCandidate {
            feature: crate::model::FeatureRef {
                layer: crate::model::LayerId(1),
                index: i,
            },
            text: "Accident 12".into(),
            anchor,
            clearance: 5.0,
            size: 12.0,
        })
        .collect();
    let placed = place_labels(&candidates, clip(), MAX_LABELS, measure);
    assert_eq!(placed.len(), 2, "{placed:?}");
    assert!(placed[0].rect.min.x > 300.0, "first goes right");
    assert!(placed[1].rect.max.x < 300.0, "second goes left");
    assert_no_overlap(&placed);
}
