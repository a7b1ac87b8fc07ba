//! Totals that can be reported: counts and areas by any property, union areas with overlaps
//! counted once, and the land-release summary of hazard areas (IMAS 07.11).
//!
//! Counts and sums are cheap (they read the cached [`FeatureMeasures`]) and can run every
//! frame on the visible features. Union areas are not: [`union_area_m2`] takes a progress
//! callback and a cancel flag and is meant for a background thread.
//!
//! # Union method
//! Polygons whose bounding boxes touch are grouped (R-tree, union–find). A polygon alone in its
//! group adds its geodesic area. For a group of several, the parts are projected to an
//! ellipsoidal equal-area plane centred on the group ([`LocalEqualArea`]), united with geo's
//! `unary_union` (i_overlay), and the area lost to overlaps in the plane is taken off the sum
//! of their geodesic areas: `union = Σ geodesic − (Σ planar − planar union)`. With no overlap
//! the union equals the sum exactly; the overlap itself is measured in an equal-area plane.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use geo::{
    Area, BoundingRect, Coord, Geometry, LineString, MultiPolygon, Orient, Polygon,
    orient::Direction,
};
use rayon::prelude::*;
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};

use super::geodesy::{LocalEqualArea, polygon_area_perimeter, wrap180};
use super::measures::FeatureMeasures;
use super::{Cancelled, Selection, check_cancel, is_hazard_area};
use crate::model::{Layer, PropertyRole, value_text};

/// Counts and sums over a set of features.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Tally {
    pub features: usize,
    /// Polygons and multipolygons.
    pub polygons: usize,
    /// Points and multipoints.
    pub points: usize,
    pub lines: usize,
    /// Sum of geodesic areas (overlaps counted as often as they occur).
    pub area_m2: f64,
    pub perimeter_m: f64,
    pub length_m: f64,
}

impl Tally {
    /// Counts one feature.
    pub fn add(&mut self, geometry: Option<&Geometry<f64>>, m: &FeatureMeasures) {
        self.features += 1;
        match geometry {
            Some(
                Geometry::Polygon(_)
                | Geometry::MultiPolygon(_)
                | Geometry::Rect(_)
                | Geometry::Triangle(_),
            ) => self.polygons += 1,
            Some(Geometry::Point(_) | Geometry::MultiPoint(_)) => self.points += 1,
            Some(Geometry::Line(_) | Geometry::LineString(_) | Geometry::MultiLineString(_)) => {
                self.lines += 1;
            }
            _ => {}
        }
        self.area_m2 += m.area_m2;
        self.perimeter_m += m.perimeter_m;
        self.length_m += m.length_m;
    }

    /// Adds another tally (features of another layer).
    pub fn merge(&mut self, other: &Self) {
        self.features += other.features;
        self.polygons += other.polygons;
        self.points += other.points;
        self.lines += other.lines;
        self.area_m2 += other.area_m2;
        self.perimeter_m += other.perimeter_m;
        self.length_m += other.length_m;
    }
}

/// Totals of a selection, overall and by the value of a property.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Totals {
    pub all: Tally,
    /// By property value (as text; [`NO_VALUE`] when absent). Empty without a `group_by`.
    pub groups: BTreeMap<String, Tally>,
}

impl Totals {
    /// Adds the totals of another layer.
    pub fn merge(&mut self, other: &Self) {
        self.all.merge(&other.all);
        for (k, v) in &other.groups {
            self.groups.entry(k.clone()).or_default().merge(v);
        }
    }
}

/// The group of features that lack the grouping property.
pub const NO_VALUE: &str = "(none)";

/// The group a feature falls in for `group_by`: the property's text, or [`NO_VALUE`].
#[must_use]
pub fn group_key(layer: &Layer, index: usize, group_by: &str) -> String {
    layer
        .features
        .get(index)
        .and_then(|f| f.properties.get(group_by))
        .filter(|v| !v.is_null())
        .map(value_text)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| NO_VALUE.to_owned())
}

/// Counts and sums of the selected features of `layer`, overall and grouped by the property
/// `group_by`. `measures` are the layer's (from [`super::measures::MeasureCache`]), index for
/// index. Cheap enough to call every frame.
#[must_use]
pub fn totals(
    layer: &Layer,
    measures: &[FeatureMeasures],
    selection: Selection<'_>,
    group_by: Option<&str>,
) -> Totals {
    let mut out = Totals::default();
    for i in selection.indices(layer.features.len()) {
        let (Some(f), Some(m)) = (layer.features.get(i), measures.get(i)) else {
            continue;
        };
        out.all.add(f.geometry.as_ref(), m);
        if let Some(key) = group_by {
            out.groups
                .entry(group_key(layer, i, key))
                .or_default()
                .add(f.geometry.as_ref(), m);
        }
    }
    out
}

/// Land release over hazard areas, in m² (DOMAIN.md): remaining = estimated − cancelled −
/// reduced − cleared, per hazard area, never below zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct LandRelease {
    pub hazard_areas: usize,
    pub estimated_m2: f64,
    pub cancelled_m2: f64,
    pub reduced_m2: f64,
    pub cleared_m2: f64,
    pub remaining_m2: f64,
    /// Hazard areas without an estimated-area property, whose geodesic area was used.
    pub estimated_from_geometry: usize,
}

impl LandRelease {
    pub fn merge(&mut self, o: &Self) {
        self.hazard_areas += o.hazard_areas;
        self.estimated_m2 += o.estimated_m2;
        self.cancelled_m2 += o.cancelled_m2;
        self.reduced_m2 += o.reduced_m2;
        self.cleared_m2 += o.cleared_m2;
        self.remaining_m2 += o.remaining_m2;
        self.estimated_from_geometry += o.estimated_from_geometry;
    }
}

/// The land-release summary of the selected hazard areas of `layer`. Figures come from the
/// properties mapped to the `EstimatedArea`, `CancelledArea`, `ReducedArea` and `ClearedArea`
/// roles where present; the estimate falls back to the geodesic area.
#[must_use]
pub fn land_release(
    layer: &Layer,
    measures: &[FeatureMeasures],
    selection: Selection<'_>,
) -> LandRelease {
    let mut out = LandRelease::default();
    let released = |f, role| {
        layer
            .schema
            .number(f, role)
            .filter(|v: &f64| v.is_finite() && *v > 0.0)
            .unwrap_or(0.0)
    };
    for i in selection.indices(layer.features.len()) {
        let (Some(f), Some(m)) = (layer.features.get(i), measures.get(i)) else {
            continue;
        };
        if !is_hazard_area(layer, f) {
            continue;
        }
        out.hazard_areas += 1;
        let estimated = match layer
            .schema
            .number(f, PropertyRole::EstimatedArea)
            .filter(|v| v.is_finite() && *v >= 0.0)
        {
            Some(v) => v,
            None => {
                out.estimated_from_geometry += 1;
                m.area_m2
            }
        };
        let cancelled = released(f, PropertyRole::CancelledArea);
        let reduced = released(f, PropertyRole::ReducedArea);
        let cleared = released(f, PropertyRole::ClearedArea);
        out.estimated_m2 += estimated;
        out.cancelled_m2 += cancelled;
        out.reduced_m2 += reduced;
        out.cleared_m2 += cleared;
        out.remaining_m2 += (estimated - cancelled - reduced - cleared).max(0.0);
    }
    out
}

/// The polygons of the selected polygonal features of a layer, for [`union_area_m2`].
#[must_use]
pub fn selected_polygons<'a>(layer: &'a Layer, selection: Selection<'_>) -> Vec<&'a Geometry<f64>> {
    selection
        .indices(layer.features.len())
        .filter_map(|i| layer.features.get(i)?.geometry.as_ref())
        .filter(|g| matches!(g, Geometry::Polygon(_) | Geometry::MultiPolygon(_)))
        .collect()
}

/// One polygon part with what the union needs to know about it.
struct Part<'a> {
    polygon: &'a Polygon<f64>,
    /// Bounding box with longitudes unwrapped around the ring's first vertex.
    min: [f64; 2],
    max: [f64; 2],
    vertices: usize,
}

fn parts_of<'a>(geometries: &[&'a Geometry<f64>]) -> Vec<Part<'a>> {
    let mut parts = Vec::new();
    let mut push = |p: &'a Polygon<f64>| {
        let Some(first) = p.exterior().0.first() else {
            return;
        };
        let finite = p
            .exterior()
            .0
            .iter()
            .all(|c| c.x.is_finite() && c.y.is_finite());
        if !finite || p.exterior().0.len() < 4 {
            return;
        }
        let (mut min, mut max) = ([f64::MAX; 2], [f64::MIN; 2]);
        for c in &p.exterior().0 {
            let x = first.x + wrap180(c.x - first.x);
            min = [min[0].min(x), min[1].min(c.y)];
            max = [max[0].max(x), max[1].max(c.y)];
        }
        let vertices =
            p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>();
        parts.push(Part {
            polygon: p,
            min,
            max,
            vertices,
        });
    };
    for g in geometries {
        match g {
            Geometry::Polygon(p) => push(p),
            Geometry::MultiPolygon(mp) => mp.iter().for_each(&mut push),
            _ => {}
        }
    }
    parts
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Groups of parts whose boxes touch, transitively (each group sorted).
fn touching_groups(parts: &[Part<'_>]) -> Vec<Vec<usize>> {
    type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;
    let mut entries: Vec<Entry> = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        // Boxes are in [-540, 540]; a copy shifted by ±360 meets boxes on the other side of
        // the antimeridian.
        for shift in [0.0, -360.0, 360.0] {
            let (lo, hi) = (p.min[0] + shift, p.max[0] + shift);
            if shift != 0.0 && (hi < -180.0 || lo > 180.0) {
                continue;
            }
            entries.push(GeomWithData::new(
                Rectangle::from_corners([lo, p.min[1]], [hi, p.max[1]]),
                i,
            ));
        }
    }
    let tree = RTree::bulk_load(entries);
    let mut parent: Vec<usize> = (0..parts.len()).collect();
    for (a, b) in tree.intersection_candidates_with_other_tree(&tree) {
        if a.data != b.data {
            let (ra, rb) = (find(&mut parent, a.data), find(&mut parent, b.data));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..parts.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().collect()
}

/// An equal-area plane centred on a set of polygons (mean of their box centres).
fn projection_for(polygons: &[&Polygon<f64>]) -> LocalEqualArea {
    let (mut sx, mut sy, mut n) = (0.0_f64, 0.0_f64, 0.0_f64);
    let reference = polygons
        .first()
        .and_then(|p| p.exterior().0.first())
        .map_or(0.0, |c| c.x);
    for p in polygons {
        if let Some(r) = p.bounding_rect() {
            let c = r.center();
            sx += reference + wrap180(c.x - reference);
            sy += c.y;
            n += 1.0;
        }
    }
    LocalEqualArea::new(wrap180(sx / n.max(1.0)), sy / n.max(1.0))
}

/// Polygons per tile above which a group is cut into tiles whose unions run in parallel.
const TILE_PARTS: usize = 256;

/// Σ planar areas and the planar area of the union of polygons, in an equal-area plane
/// centred on them. Large groups are cut into a grid of tiles: polygons crossing a tile edge
/// are clipped to each tile they touch (Sutherland–Hodgman, which keeps winding numbers
/// inside the tile), and the union area is the sum of the tiles' union areas — the same
/// figure, computed in parallel and with smaller sweeps.
fn planar_union_areas(
    polygons: &[&Polygon<f64>],
    cancel: &AtomicBool,
) -> Result<(f64, f64), Cancelled> {
    let laea = projection_for(polygons);
    let projected: Vec<Polygon<f64>> = polygons
        .par_iter()
        .map(|p| laea.project_polygon(p).orient(Direction::Default))
        .collect();
    let planar_sum: f64 = projected.iter().map(Area::unsigned_area).sum();
    if projected.len() <= TILE_PARTS {
        return Ok((
            planar_sum,
            geo::unary_union(projected.iter()).unsigned_area(),
        ));
    }
    let Some(bounds) = MultiPolygon::new(projected.clone()).bounding_rect() else {
        return Ok((planar_sum, 0.0));
    };
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let k = ((projected.len() as f64 / TILE_PARTS as f64).sqrt().ceil() as usize).max(1);
    #[allow(clippy::cast_precision_loss)]
    let (w, h) = (bounds.width() / k as f64, bounds.height() / k as f64);
    let (x0, y0) = (bounds.min().x, bounds.min().y);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let cell = |v: f64, origin: f64, size: f64| -> usize {
        if size > 0.0 {
            (((v - origin) / size).floor().max(0.0) as usize).min(k - 1)
        } else {
            0
        }
    };
    let mut tiles: Vec<Vec<Polygon<f64>>> = vec![Vec::new(); k * k];
    for p in &projected {
        let Some(b) = p.bounding_rect() else { continue };
        let (i0, i1) = (cell(b.min().x, x0, w), cell(b.max().x, x0, w));
        let (j0, j1) = (cell(b.min().y, y0, h), cell(b.max().y, y0, h));
        if i0 == i1 && j0 == j1 {
            tiles[j0 * k + i0].push(p.clone());
            continue;
        }
        for j in j0..=j1 {
            for i in i0..=i1 {
                #[allow(clippy::cast_precision_loss)]
                let rect = [
                    if i == 0 {
                        f64::NEG_INFINITY
                    } else {
                        x0 + i as f64 * w
                    },
                    if i + 1 == k {
                        f64::INFINITY
                    } else {
                        x0 + (i + 1) as f64 * w
                    },
                    if j == 0 {
                        f64::NEG_INFINITY
                    } else {
                        y0 + j as f64 * h
                    },
                    if j + 1 == k {
                        f64::INFINITY
                    } else {
                        y0 + (j + 1) as f64 * h
                    },
                ];
                if let Some(clipped) = clip_polygon(p, rect) {
                    tiles[j * k + i].push(clipped);
                }
            }
        }
    }
    let areas: Result<Vec<f64>, Cancelled> = tiles
        .par_iter()
        .map(|tile| {
            check_cancel(cancel)?;
            Ok(if tile.is_empty() {
                0.0
            } else {
                geo::unary_union(tile.iter()).unsigned_area()
            })
        })
        .collect();
    Ok((planar_sum, areas?.iter().sum()))
}

/// A polygon clipped to `[x_min, x_max, y_min, y_max]`, or `None` when nothing of its
/// exterior is left. Rings keep their winding.
fn clip_polygon(p: &Polygon<f64>, rect: [f64; 4]) -> Option<Polygon<f64>> {
    let exterior = clip_ring(p.exterior(), rect)?;
    // The first ring of a tile decides i_overlay's fill rule: it must be a real exterior.
    if exterior.signed_area() <= 0.0 {
        return None;
    }
    let holes = p
        .interiors()
        .iter()
        .filter_map(|h| clip_ring(h, rect).map(|q| q.exterior().clone()))
        .collect();
    Some(Polygon::new(exterior.exterior().clone(), holes))
}

/// Sutherland–Hodgman clipping of a closed ring against an axis-aligned rectangle.
fn clip_ring(ring: &LineString<f64>, rect: [f64; 4]) -> Option<Polygon<f64>> {
    let mut pts: Vec<Coord<f64>> = ring.0.clone();
    if pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    // (axis, bound, keep when coordinate >= bound?)
    for (axis, bound, keep_above) in [
        (0, rect[0], true),
        (0, rect[1], false),
        (1, rect[2], true),
        (1, rect[3], false),
    ] {
        if !bound.is_finite() || pts.is_empty() {
            continue;
        }
        let coord = |c: &Coord<f64>| if axis == 0 { c.x } else { c.y };
        let inside = |c: &Coord<f64>| {
            if keep_above {
                coord(c) >= bound
            } else {
                coord(c) <= bound
            }
        };
        let mut out = Vec::with_capacity(pts.len() + 4);
        for idx in 0..pts.len() {
            let cur = pts[idx];
            let prev = pts[(idx + pts.len() - 1) % pts.len()];
            let cross = |a: Coord<f64>, b: Coord<f64>| {
                let t = (bound - coord(&a)) / (coord(&b) - coord(&a));
                Coord {
                    x: a.x + t * (b.x - a.x),
                    y: a.y + t * (b.y - a.y),
                }
            };
            match (inside(&prev), inside(&cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(prev, cur)),
                (false, true) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, false) => {}
            }
        }
        pts = out;
    }
    (pts.len() >= 3).then(|| Polygon::new(LineString(pts), Vec::new()))
}

/// Area in m² of the union of polygons and multipolygons: overlaps counted once (see the
/// module doc). Points and lines are ignored. `progress` gets the fraction done (0..=1) from
/// worker threads; setting `cancel` stops the work with `Err(Cancelled)` soon after.
///
/// # Errors
/// [`Cancelled`] when `cancel` was set.
pub fn union_area_m2(
    geometries: &[&Geometry<f64>],
    progress: &(dyn Fn(f32) + Sync),
    cancel: &AtomicBool,
) -> Result<f64, Cancelled> {
    let parts = parts_of(geometries);
    check_cancel(cancel)?;
    let groups = touching_groups(&parts);
    check_cancel(cancel)?;
    let total_vertices: usize = parts.iter().map(|p| p.vertices).sum::<usize>().max(1);
    let done = AtomicUsize::new(0);
    let areas: Result<Vec<f64>, Cancelled> = groups
        .par_iter()
        .map(|group| {
            check_cancel(cancel)?;
            let geodesic: f64 = group
                .iter()
                .map(|&i| polygon_area_perimeter(parts[i].polygon).area_m2)
                .sum();
            let area = if group.len() == 1 {
                geodesic
            } else {
                let polys: Vec<&Polygon<f64>> = group.iter().map(|&i| parts[i].polygon).collect();
                let (planar_sum, planar_union) = planar_union_areas(&polys, cancel)?;
                (geodesic - (planar_sum - planar_union)).max(0.0)
            };
            let v: usize = group.iter().map(|&i| parts[i].vertices).sum();
            let n = done.fetch_add(v, Ordering::Relaxed) + v;
            #[allow(clippy::cast_precision_loss)] // a progress fraction
            progress(n as f32 / total_vertices as f32);
            Ok(area)
        })
        .collect();
    // `+ 0.0` turns the empty sum's -0.0 into 0.
    Ok(areas?.iter().sum::<f64>() + 0.0)
}

/// Area in m² of the intersection of two polygonal geometries (0 when they do not overlap),
/// and `[lon, lat]` of a point of the overlap; measured in an equal-area plane centred on them.
#[must_use]
pub fn overlap_area_m2(a: &Geometry<f64>, b: &Geometry<f64>) -> (f64, Option<[f64; 2]>) {
    use geo::{BooleanOps, InteriorPoint};
    let polys = |g: &Geometry<f64>| -> Vec<Polygon<f64>> {
        match g {
            Geometry::Polygon(p) => vec![p.clone()],
            Geometry::MultiPolygon(mp) => mp.0.clone(),
            _ => Vec::new(),
        }
    };
    let (pa, pb) = (polys(a), polys(b));
    let all: Vec<&Polygon<f64>> = pa.iter().chain(pb.iter()).collect();
    if pa.is_empty() || pb.is_empty() {
        return (0.0, None);
    }
    let laea = projection_for(&all);
    let project = |ps: &[Polygon<f64>]| {
        MultiPolygon::new(
            ps.iter()
                .map(|p| laea.project_polygon(p).orient(Direction::Default))
                .collect(),
        )
    };
    let inter = project(&pa).intersection(&project(&pb));
    let area = inter.unsigned_area();
    let location = inter.interior_point().map(|p| laea.unproject(p.x(), p.y()));
    (area, location)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use geo::polygon;

    use super::*;
    use crate::analysis::geodesy::geodesic_area_m2;

    fn never(_: f32) {}

    #[test]
    fn union_counts_an_overlap_once() {
        let a = Geometry::Polygon(
            polygon![(x: 47.0, y: 40.0), (x: 47.01, y: 40.0), (x: 47.01, y: 40.01), (x: 47.0, y: 40.01)],
        );
        let b = Geometry::Polygon(
            polygon![(x: 47.005, y: 40.0), (x: 47.015, y: 40.0), (x: 47.015, y: 40.01), (x: 47.005, y: 40.01)],
        );
        let whole = Geometry::Polygon(
            polygon![(x: 47.0, y: 40.0), (x: 47.015, y: 40.0), (x: 47.015, y: 40.01), (x: 47.0, y: 40.01)],
        );
        let cancel = AtomicBool::new(false);
        let u = union_area_m2(&[&a, &b], &never, &cancel).unwrap();
        let expected = geodesic_area_m2(&whole);
        assert!((u - expected).abs() / expected < 1e-5, "{u} {expected}");
        let (overlap, at) = overlap_area_m2(&a, &b);
        let half = geodesic_area_m2(&a) / 2.0;
        assert!((overlap - half).abs() / half < 1e-4, "{overlap} {half}");
        let at = at.unwrap();
        assert!(at[0] > 47.005 && at[0] < 47.01 && at[1] > 40.0 && at[1] < 40.01);
    }

    #[test]
    fn a_large_group_cut_into_tiles_has_the_same_union_as_in_one_piece() {
        let mut s: u64 = 3;
        let mut next = || {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            #[allow(clippy::cast_precision_loss)]
            let v = (s >> 11) as f64 / (1u64 << 53) as f64;
            v
        };
        // 1 500 overlapping rings, some with holes, in both windings.
        let polygons: Vec<Polygon<f64>> = (0..1500)
            .map(|k| {
                let (x, y, r) = (
                    47.0 + 0.3 * next(),
                    40.0 + 0.3 * next(),
                    0.004 + 0.01 * next(),
                );
                let ring = |r: f64, n: usize, ccw: bool| {
                    let mut pts: Vec<Coord<f64>> = (0..n)
                        .map(|i| {
                            #[allow(clippy::cast_precision_loss)]
                            let t = std::f64::consts::TAU * i as f64 / n as f64;
                            Coord {
                                x: x + r * t.cos(),
                                y: y + r * t.sin(),
                            }
                        })
                        .collect();
                    if !ccw {
                        pts.reverse();
                    }
                    LineString(pts)
                };
                let holes = if k % 7 == 0 {
                    vec![ring(r * 0.3, 9, k % 2 == 0)]
                } else {
                    vec![]
                };
                Polygon::new(ring(r, 12 + k % 20, k % 3 == 0), holes)
            })
            .collect();
        let refs: Vec<&Polygon<f64>> = polygons.iter().collect();
        let cancel = AtomicBool::new(false);
        let (sum, tiled) = planar_union_areas(&refs, &cancel).unwrap();
        let laea = projection_for(&refs);
        let projected: Vec<Polygon<f64>> = refs
            .iter()
            .map(|p| laea.project_polygon(p).orient(Direction::Default))
            .collect();
        let whole = geo::unary_union(projected.iter()).unsigned_area();
        assert!((tiled - whole).abs() / whole < 1e-9, "{tiled} vs {whole}");
        assert!(tiled < sum);
    }

    #[test]
    fn union_stops_when_cancelled() {
        let a = Geometry::Polygon(
            polygon![(x: 47.0, y: 40.0), (x: 47.01, y: 40.0), (x: 47.01, y: 40.01)],
        );
        let cancel = AtomicBool::new(true);
        assert_eq!(union_area_m2(&[&a], &never, &cancel), Err(Cancelled));
    }

    #[test]
    fn land_release_uses_properties_and_falls_back_to_geometry() {
        let mut with = crate::model::Feature {
            geometry: Some(Geometry::Polygon(
                polygon![(x: 47.0, y: 40.0), (x: 47.01, y: 40.0), (x: 47.01, y: 40.01)],
            )),
            ..Default::default()
        };
        let props = serde_json::json!({"feature_type": "hazard_area", "classification": "cha",
            "estimated_area_m2": 1000.0, "cancelled_area_m2": 100, "reduced_area_m2": "50", "cleared_area_m2": 25});
        with.properties = props.as_object().unwrap().clone().into();
        let mut without = with.clone();
        without.properties.remove("estimated_area_m2");
        let layer = Layer::new("h".into(), None, vec![with, without]);
        let measures = crate::analysis::measures::measure_layer(&layer);
        let lr = land_release(&layer, &measures, Selection::Indices(&[0]));
        assert_eq!(lr.hazard_areas, 1);
        assert!((lr.remaining_m2 - 825.0).abs() < 1e-9, "{lr:?}");
        let lr = land_release(&layer, &measures, Selection::All);
        assert_eq!(lr.estimated_from_geometry, 1);
        assert!((lr.estimated_m2 - 1000.0 - measures[1].area_m2).abs() < 1e-6);
    }
}
