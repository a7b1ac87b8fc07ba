//! Hit testing: the feature drawn under a screen point, topmost layer first, respecting the
//! visibility mask.

use egui::Pos2;
use rstar::AABB;

use super::bands::{band_for_zoom, band_point_scale};
use super::geom::{PartKind, WorldGeom};
use super::{DOT_HALF, DOT_MAX_PX, HIT_LINE_PX, HIT_POINT_PX, OverlayCache};
use crate::map::projection::ViewTransform;
use crate::map::style::{self, StyleResolver};
use crate::model::{Feature, FeatureRef, Layer};

impl OverlayCache {
    /// The drawn (visible, not filtered out) features whose bounding box comes within
    /// `radius_px` of `screen`, from the layers' R-trees: the candidates for snapping.
    #[must_use]
    pub fn features_near(
        &self,
        layers: &[Layer],
        view: &ViewTransform,
        screen: Pos2,
        radius_px: f32,
    ) -> Vec<FeatureRef> {
        let w = view.to_world(screen);
        let reach = f64::from(radius_px) / view.scale;
        let query = AABB::from_corners([w[0] - reach, w[1] - reach], [w[0] + reach, w[1] + reach]);
        let mut out = Vec::new();
        for layer in layers.iter().filter(|l| l.visible && l.opacity > 0.0) {
            let Some(cache) = self.layers.get(&layer.id) else {
                continue;
            };
            out.extend(
                cache
                    .tree
                    .locate_in_envelope_intersecting(&query)
                    .map(|e| e.data as usize)
                    .filter(|&i| cache.shown(i))
                    .map(|index| FeatureRef {
                        layer: layer.id,
                        index,
                    }),
            );
        }
        out
    }

    /// The feature drawn at `screen`: topmost visible layer first; areas by point-in-polygon
    /// (dots of tiny areas by their size on screen), points within `HIT_POINT_PX` of their
    /// symbol, lines within `HIT_LINE_PX`. Features hidden by the visibility mask are not hit.
    #[must_use]
    pub fn hit_test(
        &self,
        layers: &[Layer],
        view: &ViewTransform,
        screen: Pos2,
    ) -> Option<FeatureRef> {
        let w = view.to_world(screen);
        let reach = f64::from(style::MAX_POINT_RADIUS + HIT_POINT_PX) / view.scale;
        let query = AABB::from_corners([w[0] - reach, w[1] - reach], [w[0] + reach, w[1] + reach]);
        for layer in layers.iter().rev() {
            if !layer.visible || layer.opacity <= 0.0 {
                continue;
            }
            let Some(cache) = self.layers.get(&layer.id) else {
                continue;
            };
            // (distance in points, index): nearest wins, later features (drawn on top) win ties.
            let mut best: Option<(f32, usize)> = None;
            for entry in cache.tree.locate_in_envelope_intersecting(&query) {
                let i = entry.data as usize;
                if !cache.shown(i) {
                    continue;
                }
                let (Some(Some(g)), Some(feature)) = (cache.geoms.get(i), layer.features.get(i))
                else {
                    continue;
                };
                let Some(d) = hit_distance(g, layer, feature, &cache.resolver, view, w) else {
                    continue;
                };
                let better = match best {
                    None => true,
                    Some((bd, bi)) => d < bd || (d <= bd && i > bi),
                };
                if better {
                    best = Some((d, i));
                }
            }
            if let Some((_, index)) = best {
                return Some(FeatureRef {
                    layer: layer.id,
                    index,
                });
            }
        }
        None
    }
}

/// Distance in screen points from `w` to what `feature` draws, if within hit tolerance
/// (0 inside an area).
pub(super) fn hit_distance(
    g: &WorldGeom,
    layer: &Layer,
    feature: &Feature,
    resolver: &StyleResolver,
    view: &ViewTransform,
    w: [f64; 2],
) -> Option<f32> {
    let scale = view.scale;
    let size_px = (g.max[0] - g.min[0]).max(g.max[1] - g.min[1]) * scale;
    let mut best: Option<f32> = None;
    let mut consider = |d: f64, limit: f32| {
        #[allow(clippy::cast_possible_truncation)]
        let d = d as f32;
        if d <= limit && best.is_none_or(|b| d < b) {
            best = Some(d);
        }
    };
    for (kind, rings) in g.parts() {
        match kind {
            PartKind::Polygon => {
                let mut inside = false;
                for r in rings.clone() {
                    if point_in_ring(g.ring(r), w) {
                        inside = !inside;
                    }
                }
                if inside {
                    consider(0.0, 0.0);
                } else if size_px < DOT_MAX_PX * 2.0 {
                    // Drawn as a dot: hit it like one.
                    let c = g.centre();
                    let d = (c[0] - w[0]).hypot(c[1] - w[1]) * scale;
                    consider(d, DOT_HALF + HIT_LINE_PX);
                } else {
                    for r in rings {
                        consider(
                            ring_distance(g.ring(r), w, true) * scale,
                            style::OUTLINE_WIDTH,
                        );
                    }
                }
            }
            PartKind::Line => {
                for r in rings {
                    consider(ring_distance(g.ring(r), w, false) * scale, HIT_LINE_PX);
                }
            }
            PartKind::Point => {
                let radius = resolver.feature_style(layer, feature).point_radius
                    * band_point_scale(band_for_zoom(view.zoom));
                for r in rings {
                    if let Some(p) = g.ring(r).first() {
                        let d = (p[0] - w[0]).hypot(p[1] - w[1]) * scale;
                        consider(d, HIT_POINT_PX.max(radius + 2.0));
                    }
                }
            }
        }
    }
    best
}

/// Even-odd crossing test of `p` against one ring.
pub(super) fn point_in_ring(ring: &[[f64; 2]], p: [f64; 2]) -> bool {
    let mut inside = false;
    let n = ring.len();
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (a, b) = (ring[i], ring[j]);
        if (a[1] > p[1]) != (b[1] > p[1]) {
            let x = a[0] + (p[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
            if p[0] < x {
                inside = !inside;
            }
        }
        j = i;
    }
    inside
}

pub(super) fn segment_distance(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a[0] + t * dx - p[0]).hypot(a[1] + t * dy - p[1])
}

pub(super) fn ring_distance(ring: &[[f64; 2]], p: [f64; 2], closed: bool) -> f64 {
    let mut d = f64::INFINITY;
    for s in ring.windows(2) {
        d = d.min(segment_distance(s[0], s[1], p));
    }
    if closed
        && ring.len() > 2
        && let (Some(a), Some(b)) = (ring.last(), ring.first())
    {
        d = d.min(segment_distance(*a, *b, p));
    }
    if ring.len() == 1 {
        d = (ring[0][0] - p[0]).hypot(ring[0][1] - p[1]);
    }
    d
}
