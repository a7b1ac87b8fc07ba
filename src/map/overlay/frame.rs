//! Frame preparation: per visible layer one merged screen mesh from the cached chunk meshes
//! (translated in place when only the view moved), highlights, and view fitting.

use std::sync::Arc;

use egui::epaint::{Vertex, WHITE_UV};
use egui::{Mesh, Pos2, Rect, Shape, Stroke, pos2, vec2};
use rstar::AABB;

use super::bands::{band_for_zoom, band_point_scale, prepare_band};
use super::cache::{LayerCache, evict};
use super::geom::{PartKind, len_u32};
use super::mesh::MergedMesh;
use super::{FrameStats, Highlight, MAX_SCREEN_OFFSET, MESH_BUDGET_BYTES, OverlayCache};
use crate::map::projection::{ViewTransform, lonlat_to_world, world_pixels, world_to_lonlat};
use crate::map::style;
use crate::model::{FeatureRef, Layer};

/// What a layer's last mesh was made from. When only the view's centre moved, the mesh is
/// translated in place (one pass over the vertices, no index work) instead of rebuilt.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct FrameMemo {
    pub(super) band: usize,
    pub(super) zoom: f64,
    pub(super) opacity: f32,
    pub(super) chunks: Vec<u32>,
    pub(super) anchor_world: [f64; 2],
    pub(super) anchor_screen: Pos2,
    pub(super) stats: FrameStats,
}

impl OverlayCache {
    /// The shapes of one frame: per visible layer (index 0 at the bottom) one merged mesh of
    /// fills, outlines and symbols, then the hovered and the selected feature's highlight.
    pub fn prepare_frame(
        &mut self,
        layers: &[Layer],
        view: &ViewTransform,
        highlight: &Highlight,
    ) -> Vec<Shape> {
        self.sync_missing(layers);
        self.frame += 1;
        let mut shapes = Vec::with_capacity(layers.len() + 4);
        let mut stats = FrameStats::default();
        let band_index = band_for_zoom(view.zoom);
        let pad = MAX_SCREEN_OFFSET / view.scale;
        let [vmin, vmax] = view.visible_world();
        let envelope = AABB::from_corners(
            [vmin[0].min(vmax[0]) - pad, vmin[1].min(vmax[1]) - pad],
            [vmin[0].max(vmax[0]) + pad, vmin[1].max(vmax[1]) + pad],
        );
        for layer in layers {
            if !layer.visible || layer.opacity <= 0.0 {
                continue;
            }
            let Some(cache) = self.layers.get_mut(&layer.id) else {
                continue;
            };
            if cache.role != layer.role || cache.schema != layer.schema {
                cache.role = layer.role;
                cache.schema = layer.schema.clone();
                cache.bands.iter_mut().for_each(|b| *b = None);
                cache.label_order = None;
            }
            let prepared = prepare_band(cache, layer, band_index, &envelope, self.frame);
            self.tessellations += prepared.built;
            if prepared.changed {
                evict(cache, self.frame, MESH_BUDGET_BYTES);
            }
            let mut arc = self.recycled.remove(&layer.id).unwrap_or_default();
            let memo = self.memos.remove(&layer.id);
            let anchor_world = view.center_world;
            let reusable = memo.filter(|m| {
                !prepared.changed
                    && m.band == band_index
                    && m.zoom.to_bits() == view.zoom.to_bits()
                    && m.opacity.to_bits() == layer.opacity.to_bits()
                    && m.chunks == prepared.visible
            });
            let memo = if let (Some(mut m), Some(mesh)) = (reusable, Arc::get_mut(&mut arc)) {
                let now = view.to_screen(m.anchor_world);
                let delta = now - m.anchor_screen;
                if delta != egui::Vec2::ZERO {
                    mesh.translate(delta);
                }
                m.anchor_screen = now;
                m
            } else {
                if Arc::get_mut(&mut arc).is_none() {
                    arc = Arc::default(); // egui still holds last frame's mesh
                }
                let mut layer_stats = FrameStats::default();
                if let Some(mesh) = Arc::get_mut(&mut arc) {
                    mesh.clear();
                    transform_layer(
                        cache,
                        band_index,
                        &prepared.visible,
                        view,
                        layer.opacity,
                        &mut layer_stats,
                        mesh,
                    );
                }
                FrameMemo {
                    band: band_index,
                    zoom: view.zoom,
                    opacity: layer.opacity,
                    chunks: prepared.visible,
                    anchor_world,
                    anchor_screen: view.to_screen(anchor_world),
                    stats: layer_stats,
                }
            };
            stats.chunks += memo.stats.chunks;
            stats.features += memo.stats.features;
            stats.vertices += memo.stats.vertices;
            stats.indices += memo.stats.indices;
            stats.pending |= prepared.pending;
            self.memos.insert(layer.id, memo);
            if !arc.indices.is_empty() {
                shapes.push(Shape::Mesh(Arc::clone(&arc)));
            }
            self.recycled.insert(layer.id, arc);
        }
        for (feature, selected) in [(highlight.hovered, false), (highlight.selected, true)] {
            let Some(fr) = feature else { continue };
            if !selected && highlight.selected == Some(fr) {
                continue; // drawn once, as selected
            }
            self.highlight_shapes(layers, view, fr, selected, &mut shapes);
        }
        self.stats = stats;
        shapes
    }

    pub(super) fn highlight_shapes(
        &self,
        layers: &[Layer],
        view: &ViewTransform,
        fr: FeatureRef,
        selected: bool,
        shapes: &mut Vec<Shape>,
    ) {
        let (Some(layer), Some(cache)) = (
            layers.iter().find(|l| l.id == fr.layer),
            self.layers.get(&fr.layer),
        ) else {
            return;
        };
        let (Some(Some(g)), Some(feature)) =
            (cache.geoms.get(fr.index), layer.features.get(fr.index))
        else {
            return;
        };
        let (halo_colour, halo_width) = if selected {
            (style::SELECTED_HALO, style::SELECTED_HALO_WIDTH)
        } else {
            (style::HOVER_HALO, style::HOVER_HALO_WIDTH)
        };
        let halo = Stroke::new(halo_width, halo_colour);
        let core = Stroke::new(1.0, style::HALO_CORE);
        let fs = cache.resolver.feature_style(layer, feature);
        let point_radius = fs.point_radius * band_point_scale(band_for_zoom(view.zoom));
        let size_px = (g.max[0] - g.min[0]).max(g.max[1] - g.min[1]) * view.scale;
        let mut strokes: Vec<Shape> = Vec::new();
        for (kind, rings) in g.parts() {
            for r in rings {
                let pts: Vec<Pos2> = g.ring(r).iter().map(|w| view.to_screen(*w)).collect();
                match kind {
                    PartKind::Polygon => {
                        shapes.push(Shape::closed_line(pts.clone(), halo));
                        strokes.push(Shape::closed_line(pts, core));
                    }
                    PartKind::Line => {
                        shapes.push(Shape::line(pts.clone(), halo));
                        strokes.push(Shape::line(pts, core));
                    }
                    PartKind::Point => {
                        if let Some(p) = pts.first() {
                            let r = point_radius + halo_width / 2.0;
                            shapes.push(Shape::circle_stroke(*p, r, halo));
                            strokes.push(Shape::circle_stroke(*p, point_radius + 0.5, core));
                        }
                    }
                }
            }
        }
        if size_px < 6.0 && g.parts.iter().any(|(k, _)| *k != PartKind::Point) {
            // A tiny area or line: ring it so the selection can be seen at all.
            let c = view.to_screen(g.centre());
            shapes.push(Shape::circle_stroke(c, 7.0, halo));
        }
        shapes.extend(strokes);
    }
}

/// Maps the visible chunks' merged meshes to the screen into one mesh.
pub(super) fn transform_layer(
    cache: &LayerCache,
    band_index: usize,
    visible: &[u32],
    view: &ViewTransform,
    opacity: f32,
    stats: &mut FrameStats,
    mesh: &mut Mesh,
) {
    let Some(band) = &cache.bands[band_index] else {
        return;
    };
    let chunks: Vec<([f64; 2], &MergedMesh)> = visible
        .iter()
        .filter_map(|i| {
            let c = &band.chunks[*i as usize];
            c.merged.as_ref().map(|m| (c.origin, m))
        })
        .collect();
    let nv: usize = chunks.iter().map(|(_, m)| m.vertices.len()).sum();
    let ni: usize = chunks.iter().map(|(_, m)| m.indices.len()).sum();
    mesh.vertices.reserve(nv);
    mesh.indices.reserve(ni);
    #[allow(clippy::cast_possible_truncation)] // ratio of two scales, ≤ 4
    let k = (view.scale / band.band_scale) as f32;
    let fade = opacity < 1.0;
    for (origin, merged) in chunks {
        let o = view.to_screen(origin);
        let base = len_u32(mesh.vertices.len());
        if fade {
            mesh.vertices.extend(merged.vertices.iter().map(|v| Vertex {
                pos: pos2(o.x + v.pos[0] * k + v.off[0], o.y + v.pos[1] * k + v.off[1]),
                uv: WHITE_UV,
                color: v.colour.gamma_multiply(opacity),
            }));
        } else {
            mesh.vertices.extend(merged.vertices.iter().map(|v| Vertex {
                pos: pos2(o.x + v.pos[0] * k + v.off[0], o.y + v.pos[1] * k + v.off[1]),
                uv: WHITE_UV,
                color: v.colour,
            }));
        }
        mesh.indices.extend(merged.indices.iter().map(|x| x + base));
        stats.chunks += 1;
        stats.features += merged.features;
    }
    stats.vertices += mesh.vertices.len();
    stats.indices += mesh.indices.len();
}

/// The longitude/latitude box `(min, max)` of the visible layers, for "zoom to all".
#[must_use]
pub fn fit_bounds(layers: &[Layer]) -> Option<([f64; 2], [f64; 2])> {
    layers
        .iter()
        .filter(|l| l.visible)
        .filter_map(Layer::bbox)
        .map(|r| ([r.min().x, r.min().y], [r.max().x, r.max().y]))
        .reduce(|a, b| {
            (
                [a.0[0].min(b.0[0]), a.0[1].min(b.0[1])],
                [a.1[0].max(b.1[0]), a.1[1].max(b.1[1])],
            )
        })
}

/// The view that shows the longitude/latitude box `(min, max)` whole in `clip`, with a margin
/// of `margin` points, at a zoom no deeper than `max_zoom`.
#[must_use]
pub fn fit_view(
    bounds: ([f64; 2], [f64; 2]),
    clip: Rect,
    margin: f32,
    max_zoom: f64,
) -> ViewTransform {
    let a = lonlat_to_world(bounds.0[0], bounds.1[1]);
    let b = lonlat_to_world(bounds.1[0], bounds.0[1]);
    let centre = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
    let avail = (clip.size() - vec2(2.0 * margin, 2.0 * margin)).max(vec2(1.0, 1.0));
    let w = (b[0] - a[0]).abs().max(1e-12);
    let h = (b[1] - a[1]).abs().max(1e-12);
    let scale = (f64::from(avail.x) / w).min(f64::from(avail.y) / h);
    let zoom = (scale / world_pixels(0.0)).log2().min(max_zoom);
    ViewTransform::new(centre, zoom, clip)
}

/// Longitude/latitude of a screen point (for the status bar).
#[must_use]
pub fn screen_to_lonlat(view: &ViewTransform, screen: Pos2) -> (f64, f64) {
    world_to_lonlat(view.to_world(screen))
}
