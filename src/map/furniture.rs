//! Map furniture: the scale bar (on the map and in images), and for map images the title,
//! legend, north arrow, attribution and date. Painted with egui, in screen points, so the same
//! code serves the window and the off-screen renderer (which scales points by its DPI).

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, pos2, vec2};

use crate::analysis::geodesy::geodesic_distance_m;
use crate::i18n::Lang;
use crate::i18n::format::{Unit, with_unit};
use crate::map::projection::{ViewTransform, world_to_lonlat};
use crate::map::style::LegendEntry;
use crate::map::style::legend::paint_swatch;

/// Longest the scale bar may be, in points.
pub const SCALE_BAR_MAX_PT: f64 = 140.0;
const INK: Color32 = Color32::from_rgb(30, 30, 34);
const PANEL: Color32 = Color32::from_rgba_premultiplied(0xF8, 0xF8, 0xF8, 0xF0);

/// The largest "round" length (1, 2 or 5 × 10ⁿ metres) not longer than `max_m`.
#[must_use]
pub fn nice_length_m(max_m: f64) -> f64 {
    if !(max_m.is_finite() && max_m > 0.0) {
        return 0.0;
    }
    let decade = 10f64.powf(max_m.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|f| f * decade)
        .find(|&l| l <= max_m * (1.0 + 1e-12))
        .unwrap_or(decade)
}

/// The scale bar of `view`: its length in metres and in points. The ground distance is
/// geodesic (WGS84, Karney), measured across the view's centre along the parallel, where Web
/// Mercator's scale is that of the centre's latitude.
#[must_use]
pub fn scale_bar(view: &ViewTransform) -> (f64, f64) {
    let c = view.clip.center();
    let half = 50.0;
    let a = world_to_lonlat(view.to_world(c - vec2(half, 0.0)));
    let b = world_to_lonlat(view.to_world(c + vec2(half, 0.0)));
    let metres_per_point = geodesic_distance_m([a.0, a.1], [b.0, b.1]) / (2.0 * f64::from(half));
    if !(metres_per_point.is_finite() && metres_per_point > 0.0) {
        return (0.0, 0.0);
    }
    let metres = nice_length_m(SCALE_BAR_MAX_PT * metres_per_point);
    (metres, metres / metres_per_point)
}

/// A length for the scale bar's label: `500 m`, `2 km`.
#[must_use]
pub fn length_label(metres: f64, lang: Lang) -> String {
    if metres >= 1000.0 {
        let km = metres / 1000.0;
        let decimals = usize::from(km.fract() > 1e-9);
        with_unit(km, decimals, Unit::Km, lang)
    } else {
        with_unit(metres, 0, Unit::M, lang)
    }
}

/// Paints the scale bar in the view's bottom-left corner: two alternating black and white
/// halves on a light panel, the length above.
pub fn paint_scale_bar(painter: &Painter, view: &ViewTransform, lang: Lang) {
    let (metres, points) = scale_bar(view);
    if points <= 0.0 {
        return;
    }
    #[allow(clippy::cast_possible_truncation)] // at most SCALE_BAR_MAX_PT
    let len = points as f32;
    let origin = pos2(view.clip.min.x + 14.0, view.clip.max.y - 14.0);
    let label = length_label(metres, lang);
    let galley = painter.layout_no_wrap(label, FontId::proportional(12.0), INK);
    let height = 6.0;
    let panel = Rect::from_min_max(
        pos2(origin.x - 6.0, origin.y - height - galley.size().y - 8.0),
        pos2(origin.x + len.max(galley.size().x) + 8.0, origin.y + 5.0),
    );
    painter.rect_filled(panel, 3.0, PANEL);
    let bar = Rect::from_min_max(
        pos2(origin.x, origin.y - height),
        pos2(origin.x + len, origin.y),
    );
    let mid = bar.center().x;
    painter.rect_filled(Rect::from_min_max(bar.min, pos2(mid, bar.max.y)), 0.0, INK);
    painter.rect_filled(
        Rect::from_min_max(pos2(mid, bar.min.y), bar.max),
        0.0,
        Color32::WHITE,
    );
    painter.rect_stroke(bar, 0.0, Stroke::new(1.0, INK), egui::StrokeKind::Middle);
    painter.galley(
        pos2(origin.x, bar.min.y - galley.size().y - 2.0),
        galley,
        INK,
    );
}

/// A north arrow with an "N" at `top` (Web Mercator: north is straight up).
pub fn paint_north_arrow(painter: &Painter, top: Pos2) {
    let size = 26.0;
    let tip = top + vec2(0.0, 16.0);
    let base_l = tip + vec2(-size * 0.36, size);
    let base_r = tip + vec2(size * 0.36, size);
    let notch = tip + vec2(0.0, size * 0.72);
    let panel = Rect::from_center_size(tip + vec2(0.0, size * 0.4), vec2(size + 10.0, size + 32.0));
    painter.rect_filled(panel, 3.0, PANEL);
    painter.add(egui::Shape::convex_polygon(
        vec![tip, notch, base_l],
        INK,
        Stroke::NONE,
    ));
    painter.add(egui::Shape::convex_polygon(
        vec![tip, base_r, notch],
        Color32::WHITE,
        Stroke::NONE,
    ));
    painter.add(egui::Shape::closed_line(
        vec![tip, base_r, notch, base_l],
        Stroke::new(1.0, INK),
    ));
    painter.text(
        top + vec2(0.0, 1.0),
        Align2::CENTER_TOP,
        "N",
        FontId::proportional(13.0),
        INK,
    );
}

/// The title, centred on `band` (white, with a rule under it).
pub fn paint_title(painter: &Painter, band: Rect, title: &str) {
    let galley = painter.layout_no_wrap(title.to_owned(), FontId::proportional(22.0), INK);
    painter.rect_filled(band, 0.0, Color32::WHITE);
    painter.line_segment(
        [band.left_bottom(), band.right_bottom()],
        Stroke::new(1.0, INK),
    );
    let pos = band.center() - galley.size() / 2.0;
    painter.galley(pos, galley, INK);
}

/// One layer's block of the legend.
#[derive(Clone, Debug)]
pub struct LegendBlock {
    pub title: String,
    pub entries: Vec<LegendEntry>,
}

/// The legend as a panel whose top-right corner is `top_right`; returns its rectangle.
pub fn paint_legend(
    painter: &Painter,
    top_right: Pos2,
    heading: &str,
    blocks: &[LegendBlock],
) -> Rect {
    let row = 18.0;
    let swatch = vec2(22.0, 14.0);
    let pad = 8.0;
    let font = FontId::proportional(12.0);
    let title_font = FontId::proportional(13.0);
    // Lay out first to know the panel's size.
    let heading = painter.layout_no_wrap(heading.to_owned(), FontId::proportional(15.0), INK);
    let mut width = heading.size().x;
    let mut height = heading.size().y + 6.0;
    let mut laid = Vec::new();
    for block in blocks.iter().filter(|b| !b.entries.is_empty()) {
        let t = painter.layout_no_wrap(block.title.clone(), title_font.clone(), INK);
        width = width.max(t.size().x);
        height += row + 2.0;
        let mut rows = Vec::new();
        for e in &block.entries {
            let text = format!("{} ({})", e.label, e.count);
            let g = painter.layout_no_wrap(text, font.clone(), INK);
            width = width.max(swatch.x + 6.0 + g.size().x);
            height += row;
            rows.push((e, g));
        }
        laid.push((t, rows));
    }
    let rect = Rect::from_min_size(
        pos2(top_right.x - width - 2.0 * pad, top_right.y),
        vec2(width + 2.0 * pad, height + 2.0 * pad),
    );
    painter.rect_filled(rect, 3.0, PANEL);
    painter.rect_stroke(
        rect,
        3.0,
        Stroke::new(0.8, Color32::from_gray(160)),
        egui::StrokeKind::Inside,
    );
    let mut y = rect.min.y + pad;
    let x = rect.min.x + pad;
    let heading_h = heading.size().y;
    painter.galley(pos2(x, y), heading, INK);
    y += heading_h + 6.0;
    for (t, rows) in laid {
        painter.galley(pos2(x, y + 2.0), t, INK);
        y += row + 2.0;
        for (e, g) in rows {
            let sw = Rect::from_min_size(pos2(x, y + (row - swatch.y) / 2.0), swatch);
            paint_swatch(painter, sw, e);
            let gy = y + (row - g.size().y) / 2.0;
            painter.galley(pos2(x + swatch.x + 6.0, gy), g, INK);
            y += row;
        }
    }
    rect
}

/// Attribution and date, right-aligned lines in the bottom-right corner.
pub fn paint_footer(painter: &Painter, clip: Rect, lines: &[String]) {
    let font = FontId::proportional(11.0);
    let mut y = clip.max.y - 5.0;
    for line in lines.iter().rev() {
        let g = painter.layout_no_wrap(line.clone(), font.clone(), Color32::from_gray(40));
        let pos = pos2(clip.max.x - g.size().x - 7.0, y - g.size().y);
        painter.rect_filled(Rect::from_min_size(pos, g.size()).expand(3.0), 2.0, PANEL);
        y = pos.y - 4.0;
        painter.galley(pos, g, Color32::from_gray(40));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::projection::lonlat_to_world;

    #[test]
    fn round_lengths_are_one_two_or_five_times_a_power_of_ten() {
        assert!((nice_length_m(140.0) - 100.0).abs() < 1e-9);
        assert!((nice_length_m(260.0) - 200.0).abs() < 1e-9);
        assert!((nice_length_m(999.0) - 500.0).abs() < 1e-9);
        assert!((nice_length_m(1000.0) - 1000.0).abs() < 1e-9);
        assert!((nice_length_m(37_000.0) - 20_000.0).abs() < 1e-9);
        assert!(nice_length_m(f64::NAN).abs() < 1e-12);
    }

    #[test]
    fn scale_bar_length_is_geodesic_at_the_centre_latitude() {
        // z14 at 40°N: 7.3 m a point, so 140 points are 1 025 m and the bar 1 km.
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0));
        let view = ViewTransform::new(lonlat_to_world(46.9, 40.0), 14.0, clip);
        let (metres, points) = scale_bar(&view);
        let mpp = 40_075_016.686 * 40f64.to_radians().cos() / (256.0 * 2f64.powi(14));
        assert!((metres - 1000.0).abs() < 1e-9, "{metres}");
        // The bar's points times the geodesic metres per point give the label's length;
        // spherical and ellipsoidal scale differ by < 0.5 % at 40°.
        assert!((points * mpp / metres - 1.0).abs() < 0.005, "{points} pt");
        assert!(points <= SCALE_BAR_MAX_PT && points > SCALE_BAR_MAX_PT / 2.5);
    }

    #[test]
    fn labels_use_km_from_a_kilometre_on_and_the_language_units() {
        assert_eq!(length_label(500.0, Lang::En), "500\u{a0}m");
        assert_eq!(length_label(2000.0, Lang::En), "2\u{a0}km");
        assert_eq!(length_label(2000.0, Lang::Ru), "2\u{a0}км");
    }
}
