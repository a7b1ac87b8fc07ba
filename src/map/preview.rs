//! What a tool shows on the map before anything is changed: the sectors a split would make
//! (outlines and their numbers), drawn over the layers with the same projection as they are.

use egui::{Align2, Color32, FontId, Painter, Pos2, Shape, Stroke};
use geo::{Centroid, Geometry, LineString};

use super::projection::{ViewTransform, lonlat_to_world};

/// Outline of previewed sectors: a bright blue that reads over red and orange fills.
pub const PREVIEW_OUTLINE: Color32 = Color32::from_rgb(0x00, 0x6C, 0xFF);
/// Numbers are drawn only on sectors at least this wide on screen.
const MIN_LABEL_PX: f32 = 18.0;

fn ring_points(view: &ViewTransform, ring: &LineString<f64>) -> Vec<Pos2> {
    ring.coords()
        .map(|c| view.to_screen(lonlat_to_world(c.x, c.y)))
        .collect()
}

/// Draws each geometry's outline (dashed) and, where there is room, its label.
pub fn paint_outlines(painter: &Painter, view: &ViewTransform, items: &[(&Geometry<f64>, String)]) {
    let stroke = Stroke::new(1.5, PREVIEW_OUTLINE);
    for (geometry, label) in items {
        let polygons: Vec<&geo::Polygon<f64>> = match geometry {
            Geometry::Polygon(p) => vec![p],
            Geometry::MultiPolygon(mp) => mp.0.iter().collect(),
            _ => Vec::new(),
        };
        let mut min = Pos2::new(f32::INFINITY, f32::INFINITY);
        let mut max = Pos2::new(f32::NEG_INFINITY, f32::NEG_INFINITY);
        for p in &polygons {
            for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
                let pts = ring_points(view, ring);
                for q in &pts {
                    min = min.min(*q);
                    max = max.max(*q);
                }
                painter.extend(Shape::dashed_line(&pts, stroke, 5.0, 3.0));
            }
        }
        let size = max - min;
        if size.x.min(size.y) >= MIN_LABEL_PX
            && let Some(c) = geometry.centroid()
        {
            let at = view.to_screen(lonlat_to_world(c.x(), c.y()));
            painter.text(
                at,
                Align2::CENTER_CENTER,
                label,
                FontId::proportional(11.0),
                PREVIEW_OUTLINE,
            );
        }
    }
}
