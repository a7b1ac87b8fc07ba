//! Buffers in metres: "within D m of this feature" as a polygon a filter can test against.
//! The geometry is projected to a local equal-area frame centred on it (never buffered in
//! degrees), buffered there with geo's `Buffer` (round joins), simplified to half a metre
//! so the expression stays short, and projected back to longitude/latitude.

use geo::{BoundingRect, Buffer, Geometry, MapCoords, MultiPolygon, Simplify};
use wkt::ToWkt;

use super::geodesy::LocalEqualArea;

/// Vertices closer than this (m) to the simplified outline are dropped.
const SIMPLIFY_M: f64 = 0.5;

/// The area within `distance_m` metres of `geometry`, in longitude/latitude. `None` for an
/// empty geometry or a distance that is not a finite, non-negative number.
#[must_use]
pub fn buffer_m(geometry: &Geometry<f64>, distance_m: f64) -> Option<MultiPolygon<f64>> {
    if !distance_m.is_finite() || distance_m < 0.0 {
        return None;
    }
    let bbox = geometry.bounding_rect()?;
    let centre = bbox.center();
    let frame = LocalEqualArea::new(centre.x, centre.y);
    let local = geometry.map_coords(|c| {
        let [x, y] = frame.project(c.x, c.y);
        geo::coord! { x: x, y: y }
    });
    // A zero distance still gives the area itself (points and lines get a hair's width).
    let buffered = local.buffer(distance_m.max(0.01)).simplify(SIMPLIFY_M);
    Some(buffered.map_coords(|c| {
        let [lon, lat] = frame.unproject(c.x, c.y);
        geo::coord! { x: lon, y: lat }
    }))
}

/// [`buffer_m`] as WKT (`MULTIPOLYGON(((…)))`), for a CQL2 `S_INTERSECTS`.
#[must_use]
pub fn buffer_wkt(geometry: &Geometry<f64>, distance_m: f64) -> Option<String> {
    let buffered = buffer_m(geometry, distance_m)?;
    (!buffered.0.is_empty()).then(|| buffered.wkt_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::analysis::geodesy::geodesic_distance_m;
    use geo::{Contains, Point};

    #[test]
    fn a_point_buffered_by_500_m_reaches_500_m_in_every_direction() {
        let centre = Geometry::Point(Point::new(46.9, 39.9));
        let b = buffer_m(&centre, 500.0).unwrap();
        for p in b.0[0].exterior().points() {
            let d = geodesic_distance_m([46.9, 39.9], [p.x(), p.y()]);
            assert!((d - 500.0).abs() < 3.0, "vertex {d} m from the centre");
        }
        // 490 m north is inside, 510 m north is outside (1° latitude ≈ 111 km here).
        let north = |m: f64| Point::new(46.9, 39.9 + m / 111_030.0);
        assert!(b.contains(&north(490.0)));
        assert!(!b.contains(&north(510.0)));
    }

    #[test]
    fn wkt_is_a_multipolygon_and_bad_distances_give_none() {
        let g = Geometry::Point(Point::new(46.9, 39.9));
        assert!(buffer_wkt(&g, 100.0).unwrap().starts_with("MULTIPOLYGON"));
        assert!(buffer_wkt(&g, f64::NAN).is_none());
        assert!(buffer_wkt(&g, -1.0).is_none());
    }
}
