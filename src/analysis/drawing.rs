//! Drawing on the map, headless: the tools (select, measure, polygon, rectangle, base-line),
//! a drawing in progress as a small draft of longitude/latitude vertices, and its live
//! geodesic figures. A draft becomes data only when it is finished, through a command, as
//! one undo step.

use geo::{Coord, Geometry, LineString, Polygon};

use super::geodesy::{LocalEqualArea, geodesic_area_m2, geodesic_bearing_deg, geodesic_distance_m};

/// What a click on the map does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    /// Select features; drag a vertex handle of the selected polygon to edit it.
    #[default]
    Select,
    /// Measure a distance along clicks, and the area they enclose; changes no data.
    Measure,
    /// Draw a sector polygon by clicks.
    Polygon,
    /// Draw a sector rectangle by two corners.
    Rectangle,
    /// Draw the base-line the planner lays sectors from.
    BaseLine,
}

impl Tool {
    pub const ALL: [Self; 5] = [
        Self::Select,
        Self::Measure,
        Self::Polygon,
        Self::Rectangle,
        Self::BaseLine,
    ];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Select => "Select",
            Self::Measure => "Measure",
            Self::Polygon => "Draw polygon",
            Self::Rectangle => "Draw rectangle",
            Self::BaseLine => "Draw base-line",
        }
    }

    #[must_use]
    pub fn help(self) -> &'static str {
        match self {
            Self::Select => {
                "Click a feature to select it; drag a vertex of the selected polygon to move it, its edge's midpoint to add one"
            }
            Self::Measure => "Click along a path: distance and area, geodesic. Esc clears",
            Self::Polygon => {
                "Click the vertices; double-click or Enter finishes, Backspace removes the last, Esc cancels"
            }
            Self::Rectangle => "Click two opposite corners",
            Self::BaseLine => {
                "Click the base-line's start and end (Enter finishes); the planner lays sectors from it"
            }
        }
    }
}

/// A drawing in progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub tool: Tool,
    /// The clicked vertices, `[lon, lat]`.
    pub vertices: Vec<[f64; 2]>,
}

/// Live figures of a draft, with the pointer as its next vertex.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DraftFigures {
    /// Length (m) and bearing (°) of the segment being drawn.
    pub segment: Option<(f64, f64)>,
    /// Length of the path so far, pointer included (m).
    pub length_m: f64,
    /// Perimeter and area (m, m²) of the closed shape, when it has three vertices or more.
    pub perimeter_m: f64,
    pub area_m2: f64,
}

impl Draft {
    /// The vertices with the pointer appended, when there is one.
    #[must_use]
    pub fn with_pointer(&self, pointer: Option<[f64; 2]>) -> Vec<[f64; 2]> {
        let mut v = self.vertices.clone();
        if let Some(p) = pointer {
            if self.tool == Tool::Rectangle && v.len() == 1 {
                return rectangle_corners(v[0], p);
            }
            v.push(p);
        }
        v
    }

    /// Lengths, bearing and area, geodesic, with the pointer as the next vertex.
    #[must_use]
    pub fn figures(&self, pointer: Option<[f64; 2]>) -> DraftFigures {
        let v = self.with_pointer(pointer);
        let mut f = DraftFigures::default();
        for w in v.windows(2) {
            f.length_m += geodesic_distance_m(w[0], w[1]);
        }
        if let (Some(a), Some(b)) = (v.len().checked_sub(2).and_then(|i| v.get(i)), v.last()) {
            f.segment = Some((geodesic_distance_m(*a, *b), geodesic_bearing_deg(*a, *b)));
        }
        if v.len() >= 3 {
            if let (Some(first), Some(last)) = (v.first(), v.last()) {
                f.perimeter_m = f.length_m + geodesic_distance_m(*last, *first);
            }
            f.area_m2 = polygon_of(&v).map_or(0.0, |p| geodesic_area_m2(&Geometry::Polygon(p)));
        }
        f
    }

    /// The finished shape: a polygon (three vertices or more), or for the base-line tool a
    /// line (two or more).
    #[must_use]
    pub fn geometry(&self) -> Option<Geometry<f64>> {
        match self.tool {
            Tool::BaseLine => (self.vertices.len() >= 2).then(|| {
                Geometry::LineString(LineString(
                    self.vertices.iter().map(|&[x, y]| Coord { x, y }).collect(),
                ))
            }),
            Tool::Rectangle if self.vertices.len() == 2 => {
                polygon_of(&rectangle_corners(self.vertices[0], self.vertices[1]))
                    .map(Geometry::Polygon)
            }
            _ => polygon_of(&self.vertices).map(Geometry::Polygon),
        }
    }

    /// True when the tool has all the clicks it takes (a rectangle's two corners).
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.tool == Tool::Rectangle && self.vertices.len() >= 2
    }
}

/// A closed polygon through `v` (three distinct vertices or more), exterior counter-clockwise
/// as RFC 7946 writes it.
fn polygon_of(v: &[[f64; 2]]) -> Option<Polygon<f64>> {
    let mut ring: Vec<Coord<f64>> = v.iter().map(|&[x, y]| Coord { x, y }).collect();
    ring.dedup();
    if ring.len() < 3 {
        return None;
    }
    let mut p = Polygon::new(LineString(ring), vec![]);
    use geo::orient::{Direction, Orient};
    p = p.orient(Direction::Default);
    Some(p)
}

/// The four corners of the rectangle with opposite corners `a` and `b`, square to north in a
/// local metric frame (not in degrees, so it stays a rectangle on the ground).
#[must_use]
pub fn rectangle_corners(a: [f64; 2], b: [f64; 2]) -> Vec<[f64; 2]> {
    let frame = LocalEqualArea::new((a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0);
    let pa = frame.project(a[0], a[1]);
    let pb = frame.project(b[0], b[1]);
    [
        [pa[0], pa[1]],
        [pb[0], pa[1]],
        [pb[0], pb[1]],
        [pa[0], pb[1]],
    ]
    .iter()
    .map(|p| frame.unproject(p[0], p[1]))
    .collect()
}

/// `geometry` moved by the ground offset from `from` to `to` (`[lon, lat]`): every vertex is
/// shifted by the same metres east and north in a local equal-area frame centred on `from`, so
/// the shape and its area stay as they were (a shift in degrees would stretch it).
#[must_use]
pub fn translate_m(geometry: &Geometry<f64>, from: [f64; 2], to: [f64; 2]) -> Geometry<f64> {
    use geo::MapCoords;
    let frame = LocalEqualArea::new(from[0], from[1]);
    let [dx, dy] = frame.project(to[0], to[1]);
    geometry.map_coords(|c| {
        let [x, y] = frame.project(c.x, c.y);
        let [lon, lat] = frame.unproject(x + dx, y + dy);
        Coord { x: lon, y: lat }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn a_moved_polygon_keeps_its_area_and_moves_by_the_ground_offset() {
        use crate::analysis::geodesy::{geodesic_destination, geodesic_distance_m};
        let a = [46.9, 40.0];
        let square = Draft {
            tool: Tool::Rectangle,
            vertices: vec![
                a,
                geodesic_destination(geodesic_destination(a, 90.0, 100.0), 0.0, 100.0),
            ],
        }
        .geometry()
        .unwrap();
        let to = geodesic_destination(a, 45.0, 500.0);
        let moved = translate_m(&square, a, to);
        let before = geodesic_area_m2(&square);
        let after = geodesic_area_m2(&moved);
        assert!(
            (before - after).abs() < 1e-3 * before,
            "{before} vs {after}"
        );
        let Geometry::Polygon(p) = &moved else {
            panic!("a polygon")
        };
        let Geometry::Polygon(q) = &square else {
            panic!("a polygon")
        };
        let (c0, c1) = (q.exterior().0[0], p.exterior().0[0]);
        let d = geodesic_distance_m([c0.x, c0.y], [c1.x, c1.y]);
        assert!((d - 500.0).abs() < 1.0, "{d}");
    }

    use super::*;
    use crate::analysis::geodesy::geodesic_destination;

    #[test]
    fn a_drawn_100_m_square_measures_10_000_m2_and_400_m() {
        let a = [46.9, 40.0];
        let b = geodesic_destination(a, 90.0, 100.0);
        let c = geodesic_destination(b, 0.0, 100.0);
        let d = geodesic_destination(a, 0.0, 100.0);
        let draft = Draft {
            tool: Tool::Polygon,
            vertices: vec![a, b, c, d],
        };
        let f = draft.figures(None);
        assert!((f.area_m2 - 10_000.0).abs() < 5.0, "{}", f.area_m2);
        assert!((f.perimeter_m - 400.0).abs() < 0.5, "{}", f.perimeter_m);
        let (len, bearing) = f.segment.unwrap();
        assert!(
            (len - 100.0).abs() < 0.5 && (bearing - 270.0).abs() < 0.5,
            "{len} {bearing}"
        );
        assert!(matches!(draft.geometry(), Some(Geometry::Polygon(_))));
    }

    #[test]
    fn a_rectangle_by_two_corners_is_square_on_the_ground() {
        let a = [46.9, 40.0];
        let c = geodesic_destination(geodesic_destination(a, 90.0, 200.0), 0.0, 50.0);
        let draft = Draft {
            tool: Tool::Rectangle,
            vertices: vec![a, c],
        };
        assert!(draft.is_complete());
        let area = geodesic_area_m2(&draft.geometry().unwrap());
        assert!((area - 10_000.0).abs() < 20.0, "{area}");
    }

    #[test]
    fn too_few_vertices_make_no_polygon_and_a_base_line_needs_two() {
        let one = Draft {
            tool: Tool::Polygon,
            vertices: vec![[46.9, 40.0], [46.91, 40.0]],
        };
        assert!(one.geometry().is_none());
        let line = Draft {
            tool: Tool::BaseLine,
            vertices: vec![[46.9, 40.0], [46.91, 40.0]],
        };
        assert!(matches!(line.geometry(), Some(Geometry::LineString(_))));
    }
}
