//! The drawing and editing tools on the map: vertex handles of the selected polygon (drag a
//! vertex, drag an edge's midpoint to add one, remove one), snapping to the vertices and
//! edges of drawn features, and the picture of a drawing in progress with its live geodesic
//! figures. Positions are longitude/latitude; what is near is decided in screen pixels, so
//! it behaves the same at every zoom.

use egui::{Color32, FontId, Painter, Pos2, Shape, Stroke};
use geo::{Coord, Geometry, LineString, Polygon};

use super::overlay::OverlayCache;
use super::projection::{ViewTransform, lonlat_to_world, world_to_lonlat};
use crate::analysis::drawing::{Draft, Tool};
use crate::model::{FeatureRef, Layer};

/// Radius of a vertex handle, and how close the pointer must be to take it (px).
pub const HANDLE_PX: f32 = 6.0;
/// How close a vertex or edge must be to snap to it (px).
pub const SNAP_PX: f32 = 10.0;

/// Handles and drafts: white with a dark ring, readable on every fill.
const HANDLE_FILL: Color32 = Color32::WHITE;
const HANDLE_RING: Color32 = Color32::from_rgb(0x10, 0x10, 0x10);
const DRAFT_LINE: Color32 = Color32::from_rgb(0x00, 0x6C, 0xFF);
const SNAP_MARK: Color32 = Color32::from_rgb(0xFF, 0x00, 0xC8);

/// One vertex of a polygonal geometry: which polygon (of a MultiPolygon), which ring (0 the
/// exterior) and which position (the closing repeat of the first is never addressed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VertexRef {
    pub polygon: usize,
    pub ring: usize,
    pub vertex: usize,
}

/// What the pointer is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handle {
    Vertex(VertexRef),
    /// The middle of the edge that starts at this vertex: dragging it inserts a vertex.
    Midpoint(VertexRef),
}

fn polygons(geometry: &Geometry<f64>) -> Vec<&Polygon<f64>> {
    match geometry {
        Geometry::Polygon(p) => vec![p],
        Geometry::MultiPolygon(mp) => mp.0.iter().collect(),
        _ => Vec::new(),
    }
}

fn rings(p: &Polygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    std::iter::once(p.exterior()).chain(p.interiors())
}

/// The ring's vertices without the closing repeat.
fn open_ring(ring: &LineString<f64>) -> &[Coord<f64>] {
    let c = &ring.0;
    if c.len() > 1 && c.first() == c.last() {
        &c[..c.len() - 1]
    } else {
        c
    }
}

fn screen(view: &ViewTransform, c: Coord<f64>) -> Pos2 {
    view.to_screen(lonlat_to_world(c.x, c.y))
}

/// Every vertex and edge midpoint of a polygonal geometry, with its place on screen.
fn handles(view: &ViewTransform, geometry: &Geometry<f64>) -> Vec<(Handle, Pos2)> {
    let mut out = Vec::new();
    for (pi, p) in polygons(geometry).into_iter().enumerate() {
        for (ri, ring) in rings(p).enumerate() {
            let v = open_ring(ring);
            for (k, c) in v.iter().enumerate() {
                let at = VertexRef {
                    polygon: pi,
                    ring: ri,
                    vertex: k,
                };
                let here = screen(view, *c);
                out.push((Handle::Vertex(at), here));
                let next = screen(view, v[(k + 1) % v.len()]);
                out.push((Handle::Midpoint(at), here + (next - here) / 2.0));
            }
        }
    }
    out
}

/// The handle under `pointer` (vertices before midpoints), if any.
#[must_use]
pub fn handle_at(view: &ViewTransform, geometry: &Geometry<f64>, pointer: Pos2) -> Option<Handle> {
    let all = handles(view, geometry);
    let near = |h: &&(Handle, Pos2)| h.1.distance(pointer) <= HANDLE_PX + 2.0;
    all.iter()
        .filter(|h| matches!(h.0, Handle::Vertex(_)))
        .find(near)
        .or_else(|| all.iter().find(near))
        .map(|h| h.0)
}

/// Applies `edit` to the ring `at` names, keeping it closed; `None` when there is no such
/// ring or the edit would leave it with fewer than three vertices.
fn edit_ring(
    geometry: &Geometry<f64>,
    at: VertexRef,
    edit: impl FnOnce(&mut Vec<Coord<f64>>) -> bool,
) -> Option<Geometry<f64>> {
    let mut out = geometry.clone();
    let polygon: &mut Polygon<f64> = match &mut out {
        Geometry::Polygon(p) if at.polygon == 0 => p,
        Geometry::MultiPolygon(mp) => mp.0.get_mut(at.polygon)?,
        _ => return None,
    };
    let mut ok = false;
    let change = |ring: &mut LineString<f64>| {
        let mut v = open_ring(ring).to_vec();
        ok = edit(&mut v) && v.len() >= 3;
        if ok {
            if let Some(first) = v.first().copied() {
                v.push(first);
            }
            ring.0 = v;
        }
    };
    if at.ring == 0 {
        polygon.exterior_mut(change);
    } else {
        let hole = at.ring - 1;
        polygon.interiors_mut(|holes| {
            if let Some(r) = holes.get_mut(hole) {
                change(r);
            }
        });
    }
    ok.then_some(out)
}

/// The geometry with vertex `at` moved to `to` (`[lon, lat]`).
#[must_use]
pub fn move_vertex(geometry: &Geometry<f64>, at: VertexRef, to: [f64; 2]) -> Option<Geometry<f64>> {
    edit_ring(geometry, at, |v| match v.get_mut(at.vertex) {
        Some(c) => {
            *c = Coord { x: to[0], y: to[1] };
            true
        }
        None => false,
    })
}

/// The geometry with a vertex at `to` inserted after vertex `after`.
#[must_use]
pub fn insert_vertex(
    geometry: &Geometry<f64>,
    after: VertexRef,
    to: [f64; 2],
) -> Option<Geometry<f64>> {
    edit_ring(geometry, after, |v| {
        if after.vertex < v.len() {
            v.insert(after.vertex + 1, Coord { x: to[0], y: to[1] });
            true
        } else {
            false
        }
    })
}

/// The geometry without vertex `at`; `None` when its ring would have fewer than three.
#[must_use]
pub fn remove_vertex(geometry: &Geometry<f64>, at: VertexRef) -> Option<Geometry<f64>> {
    edit_ring(geometry, at, |v| {
        if at.vertex < v.len() {
            v.remove(at.vertex);
            true
        } else {
            false
        }
    })
}

/// What a position snapped to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Snap {
    pub lonlat: [f64; 2],
    pub at: Pos2,
    pub to_vertex: bool,
}

/// The nearest vertex (preferred) or edge point of a drawn feature within [`SNAP_PX`] of
/// `pointer`, leaving out `exclude` (the feature being edited).
#[must_use]
pub fn snap(
    overlay: &OverlayCache,
    layers: &[Layer],
    view: &ViewTransform,
    pointer: Pos2,
    exclude: Option<FeatureRef>,
) -> Option<Snap> {
    let mut best_vertex: Option<(f32, Pos2)> = None;
    let mut best_edge: Option<(f32, Pos2)> = None;
    for r in overlay.features_near(layers, view, pointer, SNAP_PX) {
        if Some(r) == exclude {
            continue;
        }
        let Some(g) = layers
            .iter()
            .find(|l| l.id == r.layer)
            .and_then(|l| l.features.get(r.index))
            .and_then(|f| f.geometry.as_ref())
        else {
            continue;
        };
        let mut paths: Vec<Vec<Pos2>> = Vec::new();
        match g {
            Geometry::Point(p) => paths.push(vec![screen(view, p.0)]),
            Geometry::LineString(l) => paths.push(l.0.iter().map(|c| screen(view, *c)).collect()),
            Geometry::MultiLineString(ml) => {
                paths.extend(
                    ml.0.iter()
                        .map(|l| l.0.iter().map(|c| screen(view, *c)).collect()),
                );
            }
            _ => {
                for p in polygons(g) {
                    paths.extend(rings(p).map(|r| r.0.iter().map(|c| screen(view, *c)).collect()));
                }
            }
        }
        for path in &paths {
            for (k, &a) in path.iter().enumerate() {
                let d = a.distance(pointer);
                if d <= SNAP_PX && best_vertex.is_none_or(|(bd, _)| d < bd) {
                    best_vertex = Some((d, a));
                }
                if let Some(&b) = path.get(k + 1) {
                    let q = nearest_on_segment(a, b, pointer);
                    let d = q.distance(pointer);
                    if d <= SNAP_PX && best_edge.is_none_or(|(bd, _)| d < bd) {
                        best_edge = Some((d, q));
                    }
                }
            }
        }
    }
    let (at, to_vertex) = match (best_vertex, best_edge) {
        (Some((_, v)), _) => (v, true),
        (None, Some((_, e))) => (e, false),
        (None, None) => return None,
    };
    let (lon, lat) = world_to_lonlat(view.to_world(at));
    Some(Snap {
        lonlat: [lon, lat],
        at,
        to_vertex,
    })
}

fn nearest_on_segment(a: Pos2, b: Pos2, p: Pos2) -> Pos2 {
    let ab = b - a;
    let len2 = ab.length_sq();
    if len2 <= f32::EPSILON {
        return a;
    }
    let t = ((p - a).dot(ab) / len2).clamp(0.0, 1.0);
    a + ab * t
}

/// Draws the vertex handles (and smaller midpoint handles) of the selected polygon.
pub fn paint_handles(painter: &Painter, view: &ViewTransform, geometry: &Geometry<f64>) {
    let ring = Stroke::new(1.5, HANDLE_RING);
    for (h, at) in handles(view, geometry) {
        match h {
            Handle::Vertex(_) => {
                painter.circle(at, HANDLE_PX - 1.5, HANDLE_FILL, ring);
            }
            Handle::Midpoint(_) => {
                painter.circle(
                    at,
                    3.0,
                    HANDLE_FILL.gamma_multiply(0.6),
                    Stroke::new(1.0, HANDLE_RING),
                );
            }
        }
    }
}

/// Draws a drawing in progress (pointer included), and `lines` (its live figures) beside the
/// pointer.
pub fn paint_draft(
    painter: &Painter,
    view: &ViewTransform,
    draft: &Draft,
    pointer: Option<[f64; 2]>,
    lines: &[String],
) {
    let v = draft.with_pointer(pointer);
    let pts: Vec<Pos2> = v
        .iter()
        .map(|p| view.to_screen(lonlat_to_world(p[0], p[1])))
        .collect();
    let stroke = Stroke::new(2.0, DRAFT_LINE);
    if pts.len() >= 3 && !matches!(draft.tool, Tool::BaseLine | Tool::Measure) {
        // The closing edge, dashed: it is not drawn yet.
        if let (Some(&first), Some(&last)) = (pts.first(), pts.last()) {
            painter.extend(Shape::dashed_line(&[last, first], stroke, 6.0, 3.0));
        }
    }
    painter.add(Shape::line(pts.clone(), stroke));
    for p in &pts {
        painter.circle(*p, 3.5, HANDLE_FILL, Stroke::new(1.5, DRAFT_LINE));
    }
    if let Some(last) = pts.last() {
        let text = lines.join("\n");
        let galley = painter.layout_no_wrap(text, FontId::proportional(12.0), Color32::BLACK);
        let at = *last + egui::vec2(14.0, 10.0);
        let rect = egui::Rect::from_min_size(at, galley.size()).expand(4.0);
        painter.rect_filled(rect, 3.0, Color32::from_white_alpha(220));
        painter.galley(at, galley, Color32::BLACK);
    }
}

/// Marks the place a position snapped to.
pub fn paint_snap(painter: &Painter, snap: &Snap) {
    let stroke = Stroke::new(2.0, SNAP_MARK);
    if snap.to_vertex {
        painter.circle_stroke(snap.at, HANDLE_PX + 2.0, stroke);
    } else {
        let r = HANDLE_PX;
        painter.line_segment(
            [snap.at - egui::vec2(r, r), snap.at + egui::vec2(r, r)],
            stroke,
        );
        painter.line_segment(
            [snap.at - egui::vec2(r, -r), snap.at + egui::vec2(r, -r)],
            stroke,
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use geo::polygon;

    fn square() -> Geometry<f64> {
        Geometry::Polygon(polygon![
            (x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0), (x: 0.0, y: 0.0)
        ])
    }

    fn exterior(g: &Geometry<f64>) -> Vec<(f64, f64)> {
        match g {
            Geometry::Polygon(p) => p.exterior().0.iter().map(|c| (c.x, c.y)).collect(),
            _ => panic!("a polygon"),
        }
    }

    #[test]
    fn moving_the_first_vertex_moves_the_closing_one_too() {
        let at = VertexRef {
            polygon: 0,
            ring: 0,
            vertex: 0,
        };
        let g = move_vertex(&square(), at, [-0.5, -0.5]).unwrap();
        let e = exterior(&g);
        assert_eq!(e.first(), Some(&(-0.5, -0.5)));
        assert_eq!(e.last(), Some(&(-0.5, -0.5)));
        assert_eq!(e.len(), 5);
    }

    #[test]
    fn a_vertex_is_inserted_after_its_edge_start_and_removed_again() {
        let at = VertexRef {
            polygon: 0,
            ring: 0,
            vertex: 1,
        };
        let g = insert_vertex(&square(), at, [1.5, 0.5]).unwrap();
        assert_eq!(exterior(&g)[2], (1.5, 0.5));
        let back = remove_vertex(&g, VertexRef { vertex: 2, ..at }).unwrap();
        assert_eq!(exterior(&back), exterior(&square()));
    }

    #[test]
    fn a_triangle_keeps_its_three_vertices() {
        let tri = remove_vertex(
            &square(),
            VertexRef {
                polygon: 0,
                ring: 0,
                vertex: 0,
            },
        )
        .unwrap();
        assert!(
            remove_vertex(
                &tri,
                VertexRef {
                    polygon: 0,
                    ring: 0,
                    vertex: 0
                }
            )
            .is_none()
        );
    }
}
