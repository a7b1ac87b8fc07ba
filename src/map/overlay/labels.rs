//! Labels: which features get a label this frame, and where, without two labels overlapping.
//!
//! Candidates come from the layers whose style has labels, top layer first, each layer's
//! features best first: larger areas before smaller ones, points with more casualties before
//! others. The order is computed once per layer (and again after an edit), so a frame at
//! national extent walks it from the top and stops after `max` features that are in view and
//! shown by the visibility mask, instead of looking at 200 000 features. Placement is greedy in
//! screen space: each candidate takes the first of its positions (centred on an area; right,
//! left, above, below a point symbol) that stays inside the map and overlaps no label placed
//! before it, checked against a grid of the placed rectangles.

use std::collections::HashMap;

use egui::{Pos2, Rect, Vec2, vec2};
use rayon::prelude::*;
use rstar::AABB;

use super::OverlayCache;
use super::bands::{band_for_zoom, band_point_scale};
use super::cache::LayerCache;
use super::geom::{PartKind, WorldGeom, len_u32};
use crate::map::projection::ViewTransform;
use crate::model::{FeatureRef, Layer, value_text};

/// Most labels placed in one frame: beyond a few hundred a map is unreadable anyway, and each
/// costs a text layout and a halo.
pub const MAX_LABELS: usize = 250;
/// Most candidates looked at in one frame (all layers); most are dropped by collisions.
pub const MAX_LABEL_CANDIDATES: usize = 1500;
/// When the view holds fewer features than this, they are found with the R-tree and sorted;
/// beyond, the layer's precomputed order is walked from the best.
const RTREE_PROBE: usize = 4096;
/// Longest label, in characters (an ellipsis marks the cut).
const MAX_LABEL_CHARS: usize = 40;
/// Empty space kept around each label, in points.
const LABEL_GAP: f32 = 2.0;
/// Side of the collision grid's cells, in points.
const GRID_CELL: f32 = 48.0;

/// A layer's features by label priority, best first.
pub(super) struct LabelOrder {
    order: Vec<u32>,
    priority: Vec<f64>,
}

impl LabelOrder {
    fn new(cache: &LayerCache, layer: &Layer) -> Self {
        let priority: Vec<f64> = cache
            .geoms
            .par_iter()
            .enumerate()
            .map(|(i, g)| match g {
                Some(g) => label_priority(g, layer, i),
                None => f64::NEG_INFINITY,
            })
            .collect();
        let mut order: Vec<u32> = (0..priority.len())
            .filter(|i| cache.geoms[*i].is_some())
            .map(len_u32)
            .collect();
        order.par_sort_unstable_by(|a, b| {
            priority[*b as usize]
                .total_cmp(&priority[*a as usize])
                .then(a.cmp(b))
        });
        Self { order, priority }
    }
}

/// Larger areas first (their box's area in world units, below 1); points after the areas of a
/// mixed layer are ranked by casualties (1 + casualties, so above any area).
fn label_priority(g: &WorldGeom, layer: &Layer, index: usize) -> f64 {
    if g.parts.iter().all(|(k, _)| *k == PartKind::Point) {
        let casualties = layer
            .features
            .get(index)
            .and_then(|f| layer.schema.casualties(f))
            .unwrap_or(0.0);
        1.0 + casualties.max(0.0)
    } else {
        let w = (g.max[0] - g.min[0]).max(1e-15);
        let h = (g.max[1] - g.min[1]).max(1e-15);
        w * h
    }
}

/// A feature that may get a label this frame.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelCandidate {
    pub feature: FeatureRef,
    pub text: String,
    /// Where the label belongs on screen: an area's centre (of its part in view), a point.
    pub anchor: Pos2,
    /// Room to leave around the anchor (a point symbol's radius); 0: centred on the anchor.
    pub clearance: f32,
    /// Font size in points.
    pub size: f32,
}

/// A label that found room: `rect` (the text's box) overlaps no other placed label.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// Index into the candidates.
    pub candidate: usize,
    pub rect: Rect,
}

fn truncated(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(MAX_LABEL_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

impl OverlayCache {
    /// Up to `max` label candidates for this frame, best first: the visible layers whose style
    /// has labels, top layer first; in each, the features in view and shown by the mask with a
    /// non-empty value of the label property, larger areas and more casualties first.
    pub fn label_candidates(
        &mut self,
        layers: &[Layer],
        view: &ViewTransform,
        max: usize,
    ) -> Vec<LabelCandidate> {
        self.sync_missing(layers);
        let [a, b] = view.visible_world();
        let envelope = AABB::from_corners(
            [a[0].min(b[0]), a[1].min(b[1])],
            [a[0].max(b[0]), a[1].max(b[1])],
        );
        let point_scale = band_point_scale(band_for_zoom(view.zoom));
        let mut out = Vec::new();
        for layer in layers.iter().rev() {
            if out.len() >= max {
                break;
            }
            if !layer.visible || layer.opacity <= 0.0 {
                continue;
            }
            let Some(cache) = self.layers.get_mut(&layer.id) else {
                continue;
            };
            let Some(labels) = cache.style.labels.clone() else {
                continue;
            };
            let order = match cache.label_order.take() {
                Some(o) if o.priority.len() == cache.geoms.len() => o,
                _ => LabelOrder::new(cache, layer),
            };
            let wanted = max - out.len();
            let in_view = |g: &WorldGeom| {
                g.max[0] >= envelope.lower()[0]
                    && g.min[0] <= envelope.upper()[0]
                    && g.max[1] >= envelope.lower()[1]
                    && g.min[1] <= envelope.upper()[1]
            };
            let mut probe: Vec<u32> = cache
                .tree
                .locate_in_envelope_intersecting(&envelope)
                .take(RTREE_PROBE + 1)
                .map(|e| e.data)
                .collect();
            let walk: Box<dyn Iterator<Item = u32> + '_> = if probe.len() <= RTREE_PROBE {
                probe.sort_unstable_by(|a, b| {
                    order.priority[*b as usize]
                        .total_cmp(&order.priority[*a as usize])
                        .then(a.cmp(b))
                });
                Box::new(probe.into_iter())
            } else {
                Box::new(
                    order
                        .order
                        .iter()
                        .copied()
                        .filter(|i| cache.geoms[*i as usize].as_ref().is_some_and(&in_view)),
                )
            };
            let mut found = 0;
            for i in walk {
                if found >= wanted {
                    break;
                }
                let index = i as usize;
                if !cache.shown(index) {
                    continue;
                }
                let (Some(Some(g)), Some(feature)) =
                    (cache.geoms.get(index), layer.features.get(index))
                else {
                    continue;
                };
                let Some(value) = feature.properties.get(&labels.property) else {
                    continue;
                };
                let text = truncated(&value_text(value));
                if text.is_empty() {
                    continue;
                }
                let is_point = g.parts.iter().all(|(k, _)| *k == PartKind::Point);
                let (anchor, clearance) = if is_point {
                    let radius = cache.resolver.feature_style(layer, feature).point_radius;
                    (view.to_screen(g.coords[0]), radius * point_scale + 2.0)
                } else {
                    // The centre of the part of the box in view, so a large area partly on
                    // screen keeps its label on screen.
                    let lo = [
                        g.min[0].max(envelope.lower()[0]),
                        g.min[1].max(envelope.lower()[1]),
                    ];
                    let hi = [
                        g.max[0].min(envelope.upper()[0]),
                        g.max[1].min(envelope.upper()[1]),
                    ];
                    (
                        view.to_screen([(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0]),
                        0.0,
                    )
                };
                out.push(LabelCandidate {
                    feature: FeatureRef {
                        layer: layer.id,
                        index,
                    },
                    text,
                    anchor,
                    clearance,
                    size: labels.size.clamp(6.0, 40.0),
                });
                found += 1;
            }
            cache.label_order = Some(order);
        }
        out
    }
}

/// Places `candidates` in order (best first) inside `clip`, at most `max_placed`, so that no two
/// placed rectangles overlap. `measure` gives a candidate's text size in points (the caller lays
/// the text out there and may keep the layout for painting).
pub fn place_labels(
    candidates: &[LabelCandidate],
    clip: Rect,
    max_placed: usize,
    mut measure: impl FnMut(usize, &LabelCandidate) -> Vec2,
) -> Vec<PlacedLabel> {
    let mut placed: Vec<PlacedLabel> = Vec::new();
    let mut grid: HashMap<(i32, i32), Vec<u32>> = HashMap::new();
    #[allow(clippy::cast_possible_truncation)] // screen points / cell
    let cell = |x: f32| (x / GRID_CELL).floor() as i32;
    for (ci, c) in candidates.iter().enumerate() {
        if placed.len() >= max_placed {
            break;
        }
        if !clip.contains(c.anchor) {
            continue;
        }
        let size = measure(ci, c);
        if !(size.x > 0.0 && size.y > 0.0) {
            continue;
        }
        let half = size / 2.0;
        let d = c.clearance;
        let centres: &[Vec2] = if d > 0.0 {
            &[
                vec2(d + half.x, 0.0),
                vec2(-d - half.x, 0.0),
                vec2(0.0, -d - half.y),
                vec2(0.0, d + half.y),
            ]
        } else {
            &[Vec2::ZERO]
        };
        for offset in centres {
            let rect = Rect::from_center_size(c.anchor + *offset, size);
            if !clip.contains_rect(rect) {
                continue;
            }
            let padded = rect.expand(LABEL_GAP / 2.0);
            let (x0, x1) = (cell(padded.min.x), cell(padded.max.x));
            let (y0, y1) = (cell(padded.min.y), cell(padded.max.y));
            let collides = (x0..=x1).any(|x| {
                (y0..=y1).any(|y| {
                    grid.get(&(x, y)).is_some_and(|ids| {
                        ids.iter().any(|p| {
                            let other = placed[*p as usize].rect.expand(LABEL_GAP / 2.0);
                            overlap(other, padded)
                        })
                    })
                })
            });
            if collides {
                continue;
            }
            let id = len_u32(placed.len());
            for x in x0..=x1 {
                for y in y0..=y1 {
                    grid.entry((x, y)).or_default().push(id);
                }
            }
            placed.push(PlacedLabel {
                candidate: ci,
                rect,
            });
            break;
        }
    }
    placed
}

/// Whether two rectangles share some area (touching edges do not count).
#[must_use]
fn overlap(a: Rect, b: Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}
