//! Geometry prep: a feature's geometry projected to Web Mercator world coordinates once (f64),
//! flattened into rings and parts with its bounding box.

use geo::Geometry;
use rstar::primitives::Rectangle;

use crate::map::projection::lonlat_to_world;

/// The kind of one part of a feature's geometry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PartKind {
    Polygon,
    Line,
    Point,
}

/// A feature's geometry in world coordinates (f64), flattened: `coords` holds every ring,
/// line and point; `ring_ends` the end of each ring in `coords`; `parts` the kind and the end
/// of each part in `ring_ends` (a polygon's first ring is its exterior).
#[derive(Clone, Debug, Default)]
pub(super) struct WorldGeom {
    pub(super) coords: Vec<[f64; 2]>,
    pub(super) ring_ends: Vec<u32>,
    pub(super) parts: Vec<(PartKind, u32)>,
    pub(super) min: [f64; 2],
    pub(super) max: [f64; 2],
}

#[allow(clippy::cast_possible_truncation)] // geometry sizes fit u32
pub(super) fn len_u32(n: usize) -> u32 {
    n as u32
}

impl WorldGeom {
    pub(super) fn from_geometry(geometry: &Geometry<f64>) -> Option<Self> {
        let mut g = Self::default();
        g.push_geometry(geometry);
        if g.coords.is_empty() {
            return None;
        }
        // Vec growth leaves up to half the capacity unused: 200 000 features make that 100 MB.
        g.coords.shrink_to_fit();
        g.ring_ends.shrink_to_fit();
        g.parts.shrink_to_fit();
        let mut min = [f64::INFINITY; 2];
        let mut max = [f64::NEG_INFINITY; 2];
        for c in &g.coords {
            min = [min[0].min(c[0]), min[1].min(c[1])];
            max = [max[0].max(c[0]), max[1].max(c[1])];
        }
        g.min = min;
        g.max = max;
        Some(g)
    }

    pub(super) fn push_ring(
        &mut self,
        coords: impl Iterator<Item = geo::Coord<f64>>,
        closed: bool,
    ) -> bool {
        let start = self.coords.len();
        for c in coords {
            if !(c.x.is_finite() && c.y.is_finite()) {
                continue;
            }
            let w = lonlat_to_world(c.x, c.y);
            if self.coords.len() > start && self.coords.last() == Some(&w) {
                continue;
            }
            self.coords.push(w);
        }
        // Rings are stored open: the closing position repeats the first.
        if closed && self.coords.len() > start + 1 && self.coords.last() == self.coords.get(start) {
            self.coords.pop();
        }
        let n = self.coords.len() - start;
        let enough = if closed { n >= 3 } else { n >= 1 };
        if enough {
            self.ring_ends.push(len_u32(self.coords.len()));
        } else {
            self.coords.truncate(start);
        }
        enough
    }

    pub(super) fn push_polygon(&mut self, polygon: &geo::Polygon<f64>) {
        if !self.push_ring(polygon.exterior().coords().copied(), true) {
            return;
        }
        for hole in polygon.interiors() {
            self.push_ring(hole.coords().copied(), true);
        }
        self.parts
            .push((PartKind::Polygon, len_u32(self.ring_ends.len())));
    }

    pub(super) fn push_line(&mut self, line: &geo::LineString<f64>) {
        if self.push_ring(line.coords().copied(), false) {
            self.parts
                .push((PartKind::Line, len_u32(self.ring_ends.len())));
        }
    }

    pub(super) fn push_point(&mut self, p: geo::Point<f64>) {
        if self.push_ring(std::iter::once(p.0), false) {
            self.parts
                .push((PartKind::Point, len_u32(self.ring_ends.len())));
        }
    }

    pub(super) fn push_geometry(&mut self, geometry: &Geometry<f64>) {
        match geometry {
            Geometry::Point(p) => self.push_point(*p),
            Geometry::MultiPoint(mp) => mp.iter().for_each(|p| self.push_point(*p)),
            Geometry::Line(l) => self.push_line(&geo::LineString::from(*l)),
            Geometry::LineString(l) => self.push_line(l),
            Geometry::MultiLineString(ml) => ml.iter().for_each(|l| self.push_line(l)),
            Geometry::Polygon(p) => self.push_polygon(p),
            Geometry::MultiPolygon(mp) => mp.iter().for_each(|p| self.push_polygon(p)),
            Geometry::Rect(r) => self.push_polygon(&r.to_polygon()),
            Geometry::Triangle(t) => self.push_polygon(&t.to_polygon()),
            Geometry::GeometryCollection(gc) => gc.iter().for_each(|g| self.push_geometry(g)),
        }
    }

    pub(super) fn ring(&self, r: usize) -> &[[f64; 2]] {
        let start = if r == 0 {
            0
        } else {
            self.ring_ends[r - 1] as usize
        };
        &self.coords[start..self.ring_ends[r] as usize]
    }

    /// Each part with the range of its rings.
    pub(super) fn parts(&self) -> impl Iterator<Item = (PartKind, std::ops::Range<usize>)> + '_ {
        let mut start = 0;
        self.parts.iter().map(move |(kind, end)| {
            let r = start..*end as usize;
            start = *end as usize;
            (*kind, r)
        })
    }

    pub(super) fn centre(&self) -> [f64; 2] {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
        ]
    }

    pub(super) fn envelope(&self) -> Rectangle<[f64; 2]> {
        Rectangle::from_corners(self.min, self.max)
    }
}
