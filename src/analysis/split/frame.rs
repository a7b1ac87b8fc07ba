//! The plane a hazard area is cut in: a local equal-area projection centred on it, turned so
//! that its first axis runs along the base-line.
//!
//! Coordinates in this frame are `(u, v)` metres: `u` along the base-line, `v` across it, away
//! from the base-line into the hazard area. Grid boxes are `u`×`v` rectangles; strips and equal
//! parts are bands of `u`.
//!
//! The projection is [`LocalEqualArea`] (ellipsoidal Lambert azimuthal equal-area, the one
//! `analysis::geodesy` already uses for its area fast path) centred on the middle of the
//! hazard area's bounding box. It is equal-area, so planar areas in the frame are geodesic
//! areas (within 3e-7 for areas up to ~10 km across): equal parts and sliver thresholds are
//! measured on the ground. Lengths are within 1e-6 of true within 10 km of the centre, so a
//! 25 m box is 25 m on the ground to well under a millimetre.

use geo::{Coord, LineString, MinimumRotatedRect, MultiPolygon};

use super::SplitError;
use crate::analysis::geodesy::{LocalEqualArea, wrap180};

/// Largest extent (km) of a hazard area this module cuts in one plane: beyond it box sizes
/// would drift by more than 0.05 % from the projection's scale error.
pub const MAX_EXTENT_KM: f64 = 200.0;

/// Which way the sectors run.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub enum Orientation {
    /// Along the longest side of the hazard area's minimum rotated rectangle; of the two
    /// directions along it the one with a bearing in [0°, 180°) (eastward) is taken.
    #[default]
    Auto,
    /// The base-line's bearing in degrees, clockwise from north.
    Degrees(f64),
    /// A base-line drawn by the user (longitude/latitude, at least two distinct points). Its
    /// direction is from its first to its last point; sectors are numbered from its start, and
    /// rows from the base-line into the hazard area. The grid is aligned on its first point.
    BaseLine(LineString<f64>),
}

/// The cutting frame of one hazard area: projection, base-line direction and origin.
#[derive(Clone, Copy, Debug)]
pub struct SplitFrame {
    laea: LocalEqualArea,
    /// Origin of `(u, v)` in projected metres.
    origin: [f64; 2],
    /// Unit vector of `u` (along the base-line) in projected metres (x east, y north).
    u_axis: [f64; 2],
    /// Unit vector of `v` (across the base-line, into the area).
    v_axis: [f64; 2],
    /// Where the grid starts along `u` and `v`: the base-line's first point, or `None` to start
    /// at the area's own minimum.
    pub(super) grid_anchor: Option<[f64; 2]>,
}

impl SplitFrame {
    /// The frame for a hazard area (`polygons` in longitude/latitude) and an orientation.
    ///
    /// # Errors
    /// [`SplitError::BadOrientation`] for a NaN or infinite angle or a base-line without
    /// two distinct points; [`SplitError::TooLarge`] for an area wider than [`MAX_EXTENT_KM`].
    pub fn new(
        polygons: &MultiPolygon<f64>,
        orientation: &Orientation,
    ) -> Result<Self, SplitError> {
        let laea = centred_projection(polygons).ok_or(SplitError::Empty)?;
        let projected = project_multi(&laea, polygons);
        let (u_axis, grid_anchor) = match orientation {
            Orientation::Auto => (auto_axis(&projected), None),
            Orientation::Degrees(bearing) => {
                if !bearing.is_finite() {
                    return Err(SplitError::BadOrientation(format!(
                        "the angle {bearing} is not a number of degrees"
                    )));
                }
                let b = bearing.to_radians();
                ([b.sin(), b.cos()], None)
            }
            Orientation::BaseLine(line) => {
                let (first, last) = match (line.0.first(), line.0.last()) {
                    (Some(f), Some(l)) => (*f, *l),
                    _ => {
                        return Err(SplitError::BadOrientation(
                            "the base-line has no points".into(),
                        ));
                    }
                };
                if ![first.x, first.y, last.x, last.y]
                    .iter()
                    .all(|c| c.is_finite())
                {
                    return Err(SplitError::BadOrientation(
                        "the base-line has a coordinate that is not a number".into(),
                    ));
                }
                let a = laea.project(first.x, first.y);
                let b = laea.project(last.x, last.y);
                let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                let len = dx.hypot(dy);
                if len < 1e-3 {
                    return Err(SplitError::BadOrientation(format!(
                        "the base-line starts and ends at the same place ({:.6}, {:.6})",
                        first.x, first.y
                    )));
                }
                ([dx / len, dy / len], Some(a))
            }
        };
        // `v` is the left-hand perpendicular of `u` (a right-handed frame), turned round when
        // the area lies on the other side of the base-line, so rows count away from it.
        let mut v_axis = [-u_axis[1], u_axis[0]];
        let origin = grid_anchor.unwrap_or([0.0, 0.0]);
        if grid_anchor.is_some() {
            let c = area_centroid(&projected);
            let side = (c[0] - origin[0]) * v_axis[0] + (c[1] - origin[1]) * v_axis[1];
            if side < 0.0 {
                v_axis = [-v_axis[0], -v_axis[1]];
            }
        }
        let frame = Self {
            laea,
            origin,
            u_axis,
            v_axis,
            grid_anchor: grid_anchor.map(|_| [0.0, 0.0]),
        };
        let (lo, hi) = frame.uv_bounds_of(&projected).ok_or(SplitError::Empty)?;
        if (hi[0] - lo[0]).max(hi[1] - lo[1]) > MAX_EXTENT_KM * 1000.0 {
            return Err(SplitError::TooLarge {
                extent_km: (hi[0] - lo[0]).max(hi[1] - lo[1]) / 1000.0,
            });
        }
        Ok(frame)
    }

    /// The base-line's bearing in degrees clockwise from north, in [0, 360).
    #[must_use]
    pub fn bearing_deg(&self) -> f64 {
        self.u_axis[0]
            .atan2(self.u_axis[1])
            .to_degrees()
            .rem_euclid(360.0)
    }

    /// True when `(u, v)` turns the same way as east/north (so rings keep their winding).
    #[must_use]
    pub fn is_right_handed(&self) -> bool {
        self.u_axis[0] * self.v_axis[1] - self.u_axis[1] * self.v_axis[0] > 0.0
    }

    /// Longitude/latitude (degrees) to `(u, v)` metres.
    #[must_use]
    pub fn to_uv(&self, lon: f64, lat: f64) -> [f64; 2] {
        self.projected_to_uv(self.laea.project(lon, lat))
    }

    /// `(u, v)` metres to longitude/latitude (degrees).
    #[must_use]
    pub fn to_lon_lat(&self, u: f64, v: f64) -> [f64; 2] {
        let x = self.origin[0] + u * self.u_axis[0] + v * self.v_axis[0];
        let y = self.origin[1] + u * self.u_axis[1] + v * self.v_axis[1];
        self.laea.unproject(x, y)
    }

    fn projected_to_uv(&self, p: [f64; 2]) -> [f64; 2] {
        let (dx, dy) = (p[0] - self.origin[0], p[1] - self.origin[1]);
        [
            dx * self.u_axis[0] + dy * self.u_axis[1],
            dx * self.v_axis[0] + dy * self.v_axis[1],
        ]
    }

    /// Every polygon as `(u, v)` rings without the closing point (the form i_overlay takes):
    /// one `Vec` of rings per polygon, exterior first.
    #[must_use]
    pub fn polygons_to_uv(&self, polygons: &MultiPolygon<f64>) -> Vec<Vec<Vec<[f64; 2]>>> {
        polygons
            .iter()
            .map(|p| {
                std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .map(|ring| {
                        let mut pts: Vec<[f64; 2]> =
                            ring.0.iter().map(|c| self.to_uv(c.x, c.y)).collect();
                        if pts.len() > 1 && pts.first() == pts.last() {
                            pts.pop();
                        }
                        pts
                    })
                    .filter(|ring| ring.len() >= 3)
                    .collect::<Vec<_>>()
            })
            .filter(|rings| !rings.is_empty())
            .collect()
    }

    fn uv_bounds_of(&self, projected: &MultiPolygon<f64>) -> Option<([f64; 2], [f64; 2])> {
        let mut lo = [f64::INFINITY; 2];
        let mut hi = [f64::NEG_INFINITY; 2];
        for p in projected {
            for c in &p.exterior().0 {
                let [u, v] = self.projected_to_uv([c.x, c.y]);
                lo = [lo[0].min(u), lo[1].min(v)];
                hi = [hi[0].max(u), hi[1].max(v)];
            }
        }
        (lo[0] <= hi[0] && lo[1] <= hi[1]).then_some((lo, hi))
    }
}

/// The equal-area projection centred on the middle of the area's bounding box (longitudes
/// taken relative to the first vertex, so an area across the antimeridian is centred right).
fn centred_projection(polygons: &MultiPolygon<f64>) -> Option<LocalEqualArea> {
    let first = polygons.iter().find_map(|p| p.exterior().0.first())?;
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (0.0_f64, 0.0_f64, first.y, first.y);
    for p in polygons {
        for c in &p.exterior().0 {
            let dx = wrap180(c.x - first.x);
            min_x = min_x.min(dx);
            max_x = max_x.max(dx);
            min_y = min_y.min(c.y);
            max_y = max_y.max(c.y);
        }
    }
    Some(LocalEqualArea::new(
        wrap180(first.x + 0.5 * (min_x + max_x)),
        0.5 * (min_y + max_y),
    ))
}

fn project_multi(laea: &LocalEqualArea, polygons: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    MultiPolygon(polygons.iter().map(|p| laea.project_polygon(p)).collect())
}

/// Direction of the longest side of the minimum rotated rectangle, pointing eastward.
fn auto_axis(projected: &MultiPolygon<f64>) -> [f64; 2] {
    let mut best = [1.0, 0.0];
    if let Some(rect) = projected.minimum_rotated_rect() {
        let mut longest = 0.0;
        for w in rect.exterior().0.windows(2) {
            let (dx, dy) = (w[1].x - w[0].x, w[1].y - w[0].y);
            let len = dx.hypot(dy);
            if len > longest {
                longest = len;
                best = [dx / len, dy / len];
            }
        }
    }
    // Bearing in [0°, 180°): pointing east, or due north.
    let bearing = best[0].atan2(best[1]).to_degrees();
    if !(0.0..180.0).contains(&bearing) {
        best = [-best[0], -best[1]];
    }
    // −0.0 from the flip must not turn a due-north axis into due south.
    [best[0] + 0.0, best[1] + 0.0]
}

/// Area-weighted centroid of the projected exteriors (enough to tell a side of a line).
fn area_centroid(projected: &MultiPolygon<f64>) -> [f64; 2] {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for p in projected {
        let (pa, px, py) = ring_moments(p.exterior().0.as_slice());
        a += pa;
        cx += px;
        cy += py;
    }
    if a.abs() > 0.0 {
        [cx / a, cy / a]
    } else {
        projected
            .iter()
            .find_map(|p| p.exterior().0.first())
            .map_or([0.0, 0.0], |c| [c.x, c.y])
    }
}

/// |area|, and the first moments scaled to that area's sign (so they divide to the centroid).
fn ring_moments(ring: &[Coord<f64>]) -> (f64, f64, f64) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in ring.windows(2) {
        let cross = w[0].x * w[1].y - w[1].x * w[0].y;
        a += cross;
        cx += (w[0].x + w[1].x) * cross;
        cy += (w[0].y + w[1].y) * cross;
    }
    let sign = if a < 0.0 { -1.0 } else { 1.0 };
    (0.5 * a * sign, cx * sign / 6.0, cy * sign / 6.0)
}
