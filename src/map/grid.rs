//! Draws the MGRS/UTM grid ([`crate::analysis::grid`]) over the map: zone boundaries, 100 km
//! square lines, the finer lines of the view's spacing, the squares' labels (`38T NK`) and the
//! easting/northing digits where lines leave the map, each with a halo so it reads on the
//! basemap and on hazard fills. Used by the window and by map images alike.

use egui::{Align2, Color32, FontId, Painter, Pos2, Stroke, pos2, vec2};

use crate::analysis::grid::{GridAxis, GridLineKind, line_digits, square_at, utm_grid};
use crate::map::projection::{ViewTransform, lonlat_to_world, world_to_lonlat};

/// Grid colour: a dark blue that no hazard or basemap colour uses.
const GRID_BLUE: Color32 = Color32::from_rgb(24, 58, 140);
const ZONE: Stroke = Stroke {
    width: 1.8,
    color: Color32::from_rgb(120, 20, 120),
};
const HALO: Color32 = Color32::from_rgba_premultiplied(0xF4, 0xF4, 0xF4, 0xE6);

/// Ground metres per screen point at the view's centre, along the parallel (Web Mercator's
/// scale; the scale bar measures geodesically).
#[must_use]
pub fn metres_per_point(view: &ViewTransform) -> f64 {
    let (_, lat) = world_to_lonlat(view.center_world);
    40_075_016.686 * lat.to_radians().cos() / view.scale
}

/// Text with a light halo around it (drawn four times offset, then the text).
pub fn text_with_halo(
    painter: &Painter,
    pos: Pos2,
    anchor: Align2,
    text: &str,
    font: FontId,
    color: Color32,
) {
    let galley = painter.layout_no_wrap(text.to_owned(), font, Color32::PLACEHOLDER);
    let rect = anchor.anchor_size(pos, galley.size());
    for d in [
        vec2(-1.0, -1.0),
        vec2(1.0, -1.0),
        vec2(-1.0, 1.0),
        vec2(1.0, 1.0),
    ] {
        painter.galley(rect.min + d, galley.clone(), HALO);
    }
    painter.galley(rect.min, galley, color);
}

/// Paints the grid for `view` (clipped by the painter).
pub fn paint_grid(painter: &Painter, view: &ViewTransform) {
    let clip = view.clip;
    let (w, n) = world_to_lonlat(view.to_world(clip.min));
    let (e, s) = world_to_lonlat(view.to_world(clip.max));
    let grid = utm_grid([w, s, e, n], metres_per_point(view));
    let to_screen = |p: &[f64; 2]| view.to_screen(lonlat_to_world(p[0], p[1]));
    let spacing = grid.spacing_m.unwrap_or(100_000.0);
    let font = FontId::proportional(11.0);
    let minor = Stroke::new(0.8, GRID_BLUE.gamma_multiply(0.75));
    let major = Stroke::new(1.4, GRID_BLUE);
    // Lines first (minor under major), labels after, so no line crosses a label.
    for pass in [
        GridLineKind::Minor,
        GridLineKind::HundredKm,
        GridLineKind::ZoneBoundary,
    ] {
        for line in grid.lines.iter().filter(|l| l.kind == pass) {
            let stroke = match pass {
                GridLineKind::Minor => minor,
                GridLineKind::HundredKm => major,
                GridLineKind::ZoneBoundary => ZONE,
            };
            let points: Vec<Pos2> = line.points.iter().map(to_screen).collect();
            painter.add(egui::Shape::line(points, stroke));
        }
    }
    let inset = 3.0;
    for line in grid
        .lines
        .iter()
        .filter(|l| l.kind != GridLineKind::ZoneBoundary)
    {
        let text = line_digits(line.value, spacing);
        let points: Vec<Pos2> = line.points.iter().map(to_screen).collect();
        match line.axis {
            GridAxis::Easting => {
                for (edge, anchor, dy) in [
                    (clip.min.y, Align2::CENTER_TOP, inset),
                    (clip.max.y, Align2::CENTER_BOTTOM, -inset - 18.0),
                ] {
                    if let Some(x) = crossing(&points, edge, true)
                        && x > clip.min.x + 30.0
                        && x < clip.max.x - 30.0
                    {
                        text_with_halo(
                            painter,
                            pos2(x, edge + dy),
                            anchor,
                            &text,
                            font.clone(),
                            GRID_BLUE,
                        );
                    }
                }
            }
            GridAxis::Northing => {
                for (edge, anchor, dx) in [
                    (clip.min.x, Align2::LEFT_CENTER, inset),
                    (clip.max.x, Align2::RIGHT_CENTER, -inset),
                ] {
                    if let Some(y) = crossing(&points, edge, false)
                        && y > clip.min.y + 20.0
                        && y < clip.max.y - 40.0
                    {
                        text_with_halo(
                            painter,
                            pos2(edge + dx, y),
                            anchor,
                            &text,
                            font.clone(),
                            GRID_BLUE,
                        );
                    }
                }
            }
            GridAxis::Meridian | GridAxis::Parallel => {}
        }
    }
    let square_font = FontId::proportional(14.0);
    for square in &grid.squares {
        // Kept clear of the edge digits and of the scale bar in the bottom-left corner, as
        // long as the label stays in its own square.
        let corner = to_screen(&square.lonlat);
        let p = pos2(
            corner.x.max(clip.min.x + 30.0),
            corner.y.min(clip.max.y - 52.0),
        );
        let (lon, lat) = world_to_lonlat(view.to_world(p));
        if clip.shrink(20.0).contains(p) && square_at(lon, lat).as_ref() == Some(&square.text) {
            text_with_halo(
                painter,
                p + vec2(4.0, -4.0),
                Align2::LEFT_BOTTOM,
                &square.text,
                square_font.clone(),
                GRID_BLUE,
            );
        }
    }
}

/// Where a screen polyline crosses the horizontal line `y = at` (`horizontal`) or the vertical
/// line `x = at`: the other coordinate of the first crossing.
fn crossing(points: &[Pos2], at: f32, horizontal: bool) -> Option<f32> {
    points.windows(2).find_map(|s| {
        let (a, b) = if horizontal {
            ((s[0].y, s[0].x), (s[1].y, s[1].x))
        } else {
            ((s[0].x, s[0].y), (s[1].x, s[1].y))
        };
        if (a.0 - at) * (b.0 - at) <= 0.0 && a.0 != b.0 {
            Some(a.1 + (at - a.0) / (b.0 - a.0) * (b.1 - a.1))
        } else {
            None
        }
    })
}
