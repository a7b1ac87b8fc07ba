//! Incidents and hazard areas: which hazard area holds each incident, or which is nearest and
//! how far (geodesic metres) its boundary is; incidents outside every hazard area (possible new
//! indications); incidents and casualties per hazard area, inside and within a buffer.
//!
//! # Method
//! Hazard areas are indexed by bounding box in an R-tree (rstar). Candidates come from the
//! tree in order of their box's distance in degrees, turned into a safe lower bound in metres,
//! so the search stops as soon as no farther box can beat the best distance found. For a
//! candidate, the nearest point of each boundary segment is found in a plane tangent to the
//! ellipsoid at the incident (scaled by the meridian and prime-vertical radii), and the
//! distance to that point is then measured exactly on the ellipsoid (Karney). The distance is
//! stationary at the true nearest point, so the plane's small error in *where* that point is
//! costs far less than 0.1 % in *how far* it is (tests compare with dense sampling).
//! Containment is tested in longitude/latitude (boundary counts as inside); hazard areas
//! across the antimeridian are not handled here.

use std::collections::HashMap;

use geo::{BoundingRect, Coord, Geometry, Intersects, LineString, Point, Polygon};
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use super::geodesy::{WGS84_A, geodesic_distance_m, wrap180};
use super::{is_hazard_area, is_incident};
use crate::model::{FeatureRef, Layer};

type Entry = GeomWithData<Rectangle<[f64; 2]>, FeatureRef>;

/// The hazard areas of some layers, indexed for nearest and containment queries.
pub struct HazardIndex<'a> {
    tree: RTree<Entry>,
    geometries: HashMap<FeatureRef, &'a Geometry<f64>>,
}

/// The hazard area nearest an incident.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct NearestHazard {
    pub hazard: FeatureRef,
    /// The incident lies inside the hazard area (or on its boundary).
    pub inside: bool,
    /// Geodesic distance (m) to the boundary; 0 when inside.
    pub distance_m: f64,
}

/// Metres per degree of latitude, the smallest value on WGS84 (at the equator), less 1 %:
/// a safe factor to turn degree distances into lower bounds in metres.
const MIN_M_PER_DEG: f64 = 110_574.0 * 0.99;

impl<'a> HazardIndex<'a> {
    /// Indexes the hazard areas (see [`is_hazard_area`]) of `layers`.
    #[must_use]
    pub fn new(layers: &[&'a Layer]) -> Self {
        Self::from_features(layers.iter().flat_map(|layer| {
            layer
                .features
                .iter()
                .enumerate()
                .filter(|(_, f)| is_hazard_area(layer, f))
                .filter_map(|(i, f)| {
                    let r = FeatureRef {
                        layer: layer.id,
                        index: i,
                    };
                    f.geometry.as_ref().map(|g| (r, g))
                })
        }))
    }

    /// Indexes any polygonal geometries (for layers whose role is not set).
    pub fn from_features(items: impl Iterator<Item = (FeatureRef, &'a Geometry<f64>)>) -> Self {
        let mut entries = Vec::new();
        let mut geometries = HashMap::new();
        for (r, g) in items {
            if !matches!(g, Geometry::Polygon(_) | Geometry::MultiPolygon(_)) {
                continue;
            }
            let Some(bb) = g.bounding_rect() else {
                continue;
            };
            if !(bb.min().x.is_finite() && bb.max().y.is_finite()) {
                continue;
            }
            entries.push(GeomWithData::new(
                Rectangle::from_corners([bb.min().x, bb.min().y], [bb.max().x, bb.max().y]),
                r,
            ));
            geometries.insert(r, g);
        }
        Self {
            tree: RTree::bulk_load(entries),
            geometries,
        }
    }

    /// Number of hazard areas indexed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.geometries.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.geometries.is_empty()
    }

    /// The hazard area containing `[lon, lat]`, else the one whose boundary is nearest.
    #[must_use]
    pub fn nearest(&self, at: [f64; 2]) -> Option<NearestHazard> {
        if !(at[0].is_finite() && at[1].is_finite()) {
            return None;
        }
        let p = Point::new(at[0], at[1]);
        if let Some(inside) = self
            .tree
            .locate_all_at_point(&at)
            .filter(|e| {
                self.geometries
                    .get(&e.data)
                    .is_some_and(|g| g.intersects(&p))
            })
            .map(|e| e.data)
            .min()
        {
            return Some(NearestHazard {
                hazard: inside,
                inside: true,
                distance_m: 0.0,
            });
        }
        let mut best: Option<NearestHazard> = None;
        for (e, d2) in self.tree.nearest_neighbor_iter_with_distance_2(&at) {
            let d_deg = d2.sqrt();
            let lat_max = (at[1].abs() + d_deg).min(89.0);
            let lower_bound_m = d_deg * MIN_M_PER_DEG * lat_max.to_radians().cos();
            if best.is_some_and(|b| lower_bound_m > b.distance_m) {
                break;
            }
            let Some(g) = self.geometries.get(&e.data) else {
                continue;
            };
            let d = distance_to_boundary_m(g, at);
            if best.is_none_or(|b| d < b.distance_m) {
                best = Some(NearestHazard {
                    hazard: e.data,
                    inside: false,
                    distance_m: d,
                });
            }
        }
        best
    }

    /// Every hazard area within `buffer_m` metres of `[lon, lat]` (containing it or not), with
    /// the distance to its boundary (0 inside).
    #[must_use]
    pub fn within(&self, at: [f64; 2], buffer_m: f64) -> Vec<NearestHazard> {
        if !(at[0].is_finite() && at[1].is_finite()) {
            return Vec::new();
        }
        let dlat = buffer_m / MIN_M_PER_DEG;
        let dlon = dlat / at[1].abs().min(89.0).to_radians().cos();
        let env = AABB::from_corners([at[0] - dlon, at[1] - dlat], [at[0] + dlon, at[1] + dlat]);
        let p = Point::new(at[0], at[1]);
        let mut out: Vec<NearestHazard> = self
            .tree
            .locate_in_envelope_intersecting(&env)
            .filter_map(|e| {
                let g = self.geometries.get(&e.data)?;
                let inside = g.intersects(&p);
                let distance_m = if inside {
                    0.0
                } else {
                    distance_to_boundary_m(g, at)
                };
                (distance_m <= buffer_m).then_some(NearestHazard {
                    hazard: e.data,
                    inside,
                    distance_m,
                })
            })
            .collect();
        out.sort_by_key(|n| n.hazard);
        out
    }
}

/// Geodesic distance (m) from `[lon, lat]` to the nearest point of a polygon's boundary
/// (holes included); `f64::INFINITY` for a geometry without rings.
#[must_use]
pub fn distance_to_boundary_m(geometry: &Geometry<f64>, at: [f64; 2]) -> f64 {
    let polygons: Vec<&Polygon<f64>> = match geometry {
        Geometry::Polygon(p) => vec![p],
        Geometry::MultiPolygon(mp) => mp.iter().collect(),
        _ => Vec::new(),
    };
    let plane = TangentPlane::new(at);
    // Candidates from the plane, then the exact distance for the few closest.
    let mut candidates: Vec<(f64, [f64; 2])> = Vec::new();
    for ring in polygons
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
    {
        nearest_on_ring(&plane, ring, &mut candidates);
    }
    let Some(best_plane) = candidates.iter().map(|c| c.0).reduce(f64::min) else {
        return f64::INFINITY;
    };
    candidates
        .iter()
        .filter(|c| c.0 <= best_plane * 1.02 + 1.0)
        .map(|c| geodesic_distance_m(at, c.1))
        .fold(f64::INFINITY, f64::min)
}

/// A plane tangent to the ellipsoid at a point, in metres east and north.
struct TangentPlane {
    lon0: f64,
    lat0: f64,
    kx: f64,
    ky: f64,
}

impl TangentPlane {
    fn new(at: [f64; 2]) -> Self {
        let e2 = super::geodesy::WGS84_F * (2.0 - super::geodesy::WGS84_F);
        let (s, c) = at[1].to_radians().sin_cos();
        let w2 = 1.0 - e2 * s * s;
        let n = WGS84_A / w2.sqrt();
        let m = WGS84_A * (1.0 - e2) / (w2 * w2.sqrt());
        Self {
            lon0: at[0],
            lat0: at[1],
            kx: n * c * std::f64::consts::PI / 180.0,
            ky: m * std::f64::consts::PI / 180.0,
        }
    }

    fn to_plane(&self, c: Coord<f64>) -> [f64; 2] {
        [
            wrap180(c.x - self.lon0) * self.kx,
            (c.y - self.lat0) * self.ky,
        ]
    }

    fn to_lonlat(&self, p: [f64; 2]) -> [f64; 2] {
        [
            wrap180(self.lon0 + p[0] / self.kx.max(1e-9)),
            self.lat0 + p[1] / self.ky,
        ]
    }
}

/// For each segment of a ring: (planar distance from the plane's origin, nearest point).
fn nearest_on_ring(plane: &TangentPlane, ring: &LineString<f64>, out: &mut Vec<(f64, [f64; 2])>) {
    let pts: Vec<[f64; 2]> = ring.0.iter().map(|&c| plane.to_plane(c)).collect();
    if pts.len() == 1 {
        out.push((pts[0][0].hypot(pts[0][1]), plane.to_lonlat(pts[0])));
    }
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            ((-a[0] * dx - a[1] * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let q = [a[0] + t * dx, a[1] + t * dy];
        out.push((q[0].hypot(q[1]), plane.to_lonlat(q)));
    }
}

/// What to count and flag.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IncidentOptions {
    /// Incidents within this distance (m) of a hazard area count for it as "nearby".
    pub buffer_m: f64,
    /// Flag incidents outside every hazard area only when farther than this (m); 0 flags all.
    pub new_indication_beyond_m: f64,
}

impl Default for IncidentOptions {
    fn default() -> Self {
        Self {
            buffer_m: 500.0,
            new_indication_beyond_m: 0.0,
        }
    }
}

/// One incident and its hazard area.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct IncidentLink {
    pub incident: FeatureRef,
    /// The containing or nearest hazard area (`None` when there is none at all).
    pub nearest: Option<NearestHazard>,
    /// Outside every hazard area (and beyond the chosen distance): a possible new indication.
    pub possible_new_indication: bool,
    /// Killed + injured, where the incident says.
    pub casualties: Option<f64>,
}

/// Incidents and casualties in and near one hazard area.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct HazardIncidents {
    pub incidents_inside: usize,
    pub casualties_inside: f64,
    /// Within the buffer distance, inside included.
    pub incidents_within: usize,
    pub casualties_within: f64,
}

/// Everything [`link_incidents`] finds.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct IncidentReport {
    pub links: Vec<IncidentLink>,
    /// Only hazard areas with at least one incident within the buffer.
    pub per_hazard: HashMap<FeatureRef, HazardIncidents>,
}

impl IncidentReport {
    /// Rewrites every feature position with `map` (layer, position → position), for a
    /// report computed on a subset of a layer's features (a filter's survivors) whose
    /// references must point into the full layer. A position `map` does not know stays.
    pub fn remap(&mut self, map: &dyn Fn(crate::model::LayerId, usize) -> Option<usize>) {
        let fix = |r: &mut FeatureRef| {
            if let Some(i) = map(r.layer, r.index) {
                r.index = i;
            }
        };
        for link in &mut self.links {
            fix(&mut link.incident);
            if let Some(n) = &mut link.nearest {
                fix(&mut n.hazard);
            }
        }
        self.per_hazard = std::mem::take(&mut self.per_hazard)
            .into_iter()
            .map(|(mut r, v)| {
                fix(&mut r);
                (r, v)
            })
            .collect();
    }
}

/// Links every incident (see [`is_incident`]) of `incident_layers` to the hazard areas of
/// `hazard_layers` (the same layers may be given twice). Runs in parallel.
#[must_use]
pub fn link_incidents(
    hazard_layers: &[&Layer],
    incident_layers: &[&Layer],
    options: &IncidentOptions,
) -> IncidentReport {
    let index = HazardIndex::new(hazard_layers);
    let incidents: Vec<(FeatureRef, [f64; 2], Option<f64>)> = incident_layers
        .iter()
        .flat_map(|layer| {
            layer
                .features
                .iter()
                .enumerate()
                .filter(|(_, f)| is_incident(layer, f))
                .filter_map(|(i, f)| {
                    let at = representative_point(f.geometry.as_ref()?)?;
                    Some((
                        FeatureRef {
                            layer: layer.id,
                            index: i,
                        },
                        at,
                        layer.schema.casualties(f),
                    ))
                })
        })
        .collect();
    let results: Vec<(IncidentLink, Vec<NearestHazard>)> = incidents
        .par_iter()
        .map(|&(incident, at, casualties)| {
            let nearest = index.nearest(at);
            let possible_new_indication =
                nearest.is_none_or(|n| !n.inside && n.distance_m > options.new_indication_beyond_m);
            let nearby = index.within(at, options.buffer_m);
            (
                IncidentLink {
                    incident,
                    nearest,
                    possible_new_indication,
                    casualties,
                },
                nearby,
            )
        })
        .collect();
    let mut report = IncidentReport::default();
    for (link, nearby) in results {
        let c = link.casualties.unwrap_or(0.0);
        for n in nearby {
            let entry = report.per_hazard.entry(n.hazard).or_default();
            entry.incidents_within += 1;
            entry.casualties_within += c;
            if n.inside {
                entry.incidents_inside += 1;
                entry.casualties_inside += c;
            }
        }
        report.links.push(link);
    }
    report
}

/// An [`IncidentReport`] with the figures a panel shows, worked out once: the totals inside
/// and outside hazard areas, the possible new indications, the hazard areas most struck
/// first, and each incident's link found without a scan.
#[derive(Clone, Debug, Default)]
pub struct IncidentOverview {
    pub report: IncidentReport,
    /// Incidents and their casualties inside a hazard area.
    pub inside: (usize, f64),
    /// Incidents and their casualties outside every hazard area.
    pub outside: (usize, f64),
    /// Indices into `report.links` of the possible new indications.
    pub flagged: Vec<usize>,
    /// Hazard areas with incidents within the buffer: most casualties, then most incidents,
    /// first.
    pub hazards: Vec<(FeatureRef, HazardIncidents)>,
    link_of: HashMap<FeatureRef, usize>,
}

impl IncidentOverview {
    #[must_use]
    pub fn new(report: IncidentReport) -> Self {
        let (mut inside, mut outside) = ((0, 0.0), (0, 0.0));
        for link in &report.links {
            let tally = if link.nearest.is_some_and(|n| n.inside) {
                &mut inside
            } else {
                &mut outside
            };
            tally.0 += 1;
            tally.1 += link.casualties.unwrap_or(0.0);
        }
        let flagged = (0..report.links.len())
            .filter(|&i| report.links[i].possible_new_indication)
            .collect();
        let mut hazards: Vec<(FeatureRef, HazardIncidents)> =
            report.per_hazard.iter().map(|(r, n)| (*r, *n)).collect();
        hazards.sort_by(|a, b| {
            b.1.casualties_within
                .total_cmp(&a.1.casualties_within)
                .then(b.1.incidents_within.cmp(&a.1.incidents_within))
                .then(a.0.cmp(&b.0))
        });
        let link_of = report
            .links
            .iter()
            .enumerate()
            .map(|(i, l)| (l.incident, i))
            .collect();
        Self {
            report,
            inside,
            outside,
            flagged,
            hazards,
            link_of,
        }
    }

    /// The link of an incident.
    #[must_use]
    pub fn link(&self, incident: FeatureRef) -> Option<&IncidentLink> {
        self.report.links.get(*self.link_of.get(&incident)?)
    }
}

/// `[lon, lat]` of a point, or of a multipoint's first point.
#[must_use]
pub fn representative_point(geometry: &Geometry<f64>) -> Option<[f64; 2]> {
    match geometry {
        Geometry::Point(p) => Some([p.x(), p.y()]),
        Geometry::MultiPoint(mp) => mp.0.first().map(|p| [p.x(), p.y()]),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use geo::polygon;

    use super::*;
    use crate::model::{Feature, LayerId};

    fn square() -> Geometry<f64> {
        Geometry::Polygon(
            polygon![(x: 47.0, y: 40.0), (x: 47.02, y: 40.0), (x: 47.02, y: 40.02), (x: 47.0, y: 40.02)],
        )
    }

    /// Minimum of Karney distances to points every ~0.5 m along the boundary.
    fn dense_distance(g: &Geometry<f64>, at: [f64; 2]) -> f64 {
        let Geometry::Polygon(p) = g else { panic!() };
        let mut best = f64::INFINITY;
        for w in p.exterior().0.windows(2) {
            for k in 0..=4000 {
                let t = f64::from(k) / 4000.0;
                let q = [
                    w[0].x + t * (w[1].x - w[0].x),
                    w[0].y + t * (w[1].y - w[0].y),
                ];
                best = best.min(geodesic_distance_m(at, q));
            }
        }
        best
    }

    #[test]
    fn distance_to_boundary_matches_dense_sampling_within_a_tenth_of_a_percent() {
        let g = square();
        for at in [[47.03, 40.01], [46.9, 39.9], [47.01, 40.3], [48.0, 41.0]] {
            let d = distance_to_boundary_m(&g, at);
            let reference = dense_distance(&g, at);
            assert!(
                (d - reference).abs() / reference < 1e-3,
                "{at:?}: {d} vs {reference}"
            );
            assert!(d <= reference + 0.01);
        }
    }

    #[test]
    fn an_incident_inside_a_hazard_area_is_at_distance_zero_and_the_nearest_is_found_otherwise() {
        let far =
            Geometry::Polygon(polygon![(x: 45.0, y: 38.0), (x: 45.1, y: 38.0), (x: 45.1, y: 38.1)]);
        let near = square();
        let a = FeatureRef {
            layer: LayerId(1),
            index: 0,
        };
        let b = FeatureRef {
            layer: LayerId(1),
            index: 1,
        };
        let index = HazardIndex::from_features([(a, &far), (b, &near)].into_iter());
        let inside = index.nearest([47.01, 40.01]).unwrap();
        assert!(inside.inside && inside.distance_m == 0.0 && inside.hazard == b);
        let outside = index.nearest([47.05, 40.01]).unwrap();
        assert_eq!(outside.hazard, b);
        assert!(
            (outside.distance_m - 2557.0).abs() < 10.0,
            "{}",
            outside.distance_m
        );
        assert_eq!(index.within([47.05, 40.01], 3000.0).len(), 1);
        assert!(index.within([47.05, 40.01], 2000.0).is_empty());
    }

    #[test]
    fn incidents_outside_every_hazard_area_are_flagged_and_counted_per_hazard() {
        let hazard = Feature {
            geometry: Some(square()),
            properties: serde_json::json!({"feature_type": "hazard_area"})
                .as_object()
                .unwrap()
                .clone()
                .into(),
            ..Feature::default()
        };
        let accident = |lon: f64, killed: u32| Feature {
            geometry: Some(Geometry::Point(Point::new(lon, 40.01))),
            properties:
                serde_json::json!({"feature_type": "accident", "killed": killed, "injured": 1})
                    .as_object()
                    .unwrap()
                    .clone()
                    .into(),
            ..Feature::default()
        };
        let layer = Layer::new(
            "mixed".into(),
            None,
            vec![
                hazard,
                accident(47.01, 2),
                accident(47.021, 0),
                accident(47.2, 1),
            ],
        );
        let report = link_incidents(
            &[&layer],
            &[&layer],
            &IncidentOptions {
                buffer_m: 500.0,
                new_indication_beyond_m: 1000.0,
            },
        );
        assert_eq!(report.links.len(), 3);
        let flags: Vec<bool> = report
            .links
            .iter()
            .map(|l| l.possible_new_indication)
            .collect();
        assert_eq!(flags, [false, false, true]);
        let h = report.per_hazard[&FeatureRef {
            layer: layer.id,
            index: 0,
        }];
        assert_eq!((h.incidents_inside, h.incidents_within), (1, 2));
        assert!(
            (h.casualties_inside - 3.0).abs() < 1e-9 && (h.casualties_within - 4.0).abs() < 1e-9
        );
    }
}
