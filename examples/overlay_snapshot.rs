//! Writes what the map draws for the sample data (embedded basemap, hazard areas, clearance
//! sectors, incidents, labels) as an SVG, to look at symbology without starting the app:
//! `cargo run --release --example overlay_snapshot -- OUT.svg [ZOOM [LON LAT [STYLE]]]`
//! (defaults: overlay.svg, the app's opening national view z7 at 47.5 40.2, STYLE `gichd`;
//! `categorised` colours hazards by contamination, `graduated` incidents by casualties).
//! 1400×900; convert with e.g. `convert OUT.svg OUT.png`. Label sizes are estimated from the
//! character count (the SVG renderer sets the text), which is enough to see the placement.

use std::fmt::Write as _;
use std::path::Path;

use egui::{Color32, Pos2, Rect, Shape, vec2};
use minemap::io::geojson::read_geojson_file;
use minemap::map::basemap::EmbeddedBasemap;
use minemap::map::overlay::{
    Highlight, LabelCandidate, MAX_LABEL_CANDIDATES, MAX_LABELS, OverlayCache, place_labels,
};
use minemap::map::projection::{ViewTransform, lonlat_to_world};
use minemap::map::style::{self, LayerStyle};
use minemap::model::{Layer, LayerRole};

fn rgb(c: Color32) -> (String, f32) {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    (format!("#{r:02x}{g:02x}{b:02x}"), f32::from(a) / 255.0)
}

fn write_shapes(svg: &mut String, shapes: &[Shape]) {
    for shape in shapes {
        match shape {
            Shape::Rect(r) => {
                let (fill, _) = rgb(r.fill);
                let _ = write!(svg, r#"<rect width="1400" height="900" fill="{fill}"/>"#);
            }
            Shape::Mesh(mesh) => {
                for t in mesh.indices.chunks_exact(3) {
                    let v = |i: u32| mesh.vertices[i as usize];
                    let (a, b, c) = (v(t[0]), v(t[1]), v(t[2]));
                    let (fill, alpha) = rgb(a.color);
                    // Opaque triangles get a hairline of their own colour, or the renderer's
                    // anti-aliasing shows every seam.
                    let seam = if alpha > 0.99 {
                        format!(r#" stroke="{fill}" stroke-width="0.4""#)
                    } else {
                        String::new()
                    };
                    let _ = write!(
                        svg,
                        r#"<path fill="{fill}" fill-opacity="{alpha:.2}"{seam} d="M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z"/>"#,
                        a.pos.x, a.pos.y, b.pos.x, b.pos.y, c.pos.x, c.pos.y
                    );
                }
            }
            Shape::Path(path) => {
                let color = match &path.stroke.color {
                    egui::epaint::ColorMode::Solid(c) => rgb(*c).0,
                    egui::epaint::ColorMode::UV(_) => "#000".into(),
                };
                let _ = write!(
                    svg,
                    r#"<polyline fill="none" stroke="{color}" stroke-width="{}" points=""#,
                    path.stroke.width
                );
                for p in &path.points {
                    let _ = write!(svg, "{:.1},{:.1} ", p.x, p.y);
                }
                svg.push_str(r#""/>"#);
            }
            Shape::Vec(v) => write_shapes(svg, v),
            _ => {}
        }
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args
        .first()
        .cloned()
        .unwrap_or_else(|| "overlay.svg".into());
    let num = |i: usize, default: f64| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (zoom, lon, lat) = (num(1, 7.0), num(2, 47.5), num(3, 40.2));
    let mode = args.get(4).cloned().unwrap_or_else(|| "gichd".into());

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let mut layers: Vec<Layer> = Vec::new();
    for name in [
        "hazard_areas.geojson",
        "clearance_sectors.geojson",
        "incidents.geojson",
    ] {
        layers.push(read_geojson_file(&dir.join(name), &|_| ())?.layer);
    }
    let clip = Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0));
    let view = ViewTransform::new(lonlat_to_world(lon, lat), zoom, clip);

    let mut overlay = OverlayCache::new();
    for layer in &layers {
        let mut s = LayerStyle::default_for(layer);
        match (mode.as_str(), layer.role) {
            ("categorised", LayerRole::HazardAreas) => {
                s = LayerStyle {
                    labels: s.labels,
                    ..style::categorise(layer, "contamination")
                };
            }
            ("graduated", LayerRole::Incidents) => {
                s = style::graduate(layer, style::CASUALTIES_PROPERTY, 5);
            }
            _ => {}
        }
        for e in style::legend(layer, &s) {
            eprintln!("{}: {} ({})", layer.name, e.label, e.count);
        }
        overlay.set_style(layer.id, s);
    }

    let mut svg = String::from(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="900" viewBox="0 0 1400 900">"#,
    );
    let mut basemap = EmbeddedBasemap::load()?;
    let frame = basemap.frame(&view);
    write_shapes(&mut svg, &frame.shapes);

    // Build every band mesh first (the app spreads this over a few frames).
    let mut shapes = overlay.prepare_frame(&layers, &view, &Highlight::default());
    while overlay.last_frame_stats().pending {
        shapes = overlay.prepare_frame(&layers, &view, &Highlight::default());
    }
    eprintln!("overlay: {:?}", overlay.last_frame_stats());
    write_shapes(&mut svg, &shapes);

    let started = std::time::Instant::now();
    let candidates = overlay.label_candidates(&layers, &view, MAX_LABEL_CANDIDATES);
    let measure = |_: usize, c: &LabelCandidate| {
        #[allow(clippy::cast_precision_loss)]
        let w = c.text.chars().count() as f32 * c.size * 0.58;
        vec2(w, c.size * 1.25)
    };
    let placed = place_labels(&candidates, clip.shrink(2.0), MAX_LABELS, measure);
    eprintln!(
        "labels: {} candidates, {} placed in {:?}",
        candidates.len(),
        placed.len(),
        started.elapsed()
    );
    for p in &placed {
        let c = &candidates[p.candidate];
        let text = c.text.replace('&', "&amp;").replace('<', "&lt;");
        // Halo first, text over it (as the map paints them).
        let (x, y) = (p.rect.min.x, p.rect.max.y - c.size * 0.3);
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{y:.1}" font-family="sans-serif" font-size="{}" fill="#f0f0f0" stroke="#f0f0f0" stroke-width="3">{text}</text><text x="{x:.1}" y="{y:.1}" font-family="sans-serif" font-size="{}" fill="#1a1a1a">{text}</text>"##,
            c.size, c.size,
        );
    }
    svg.push_str("</svg>\n");
    std::fs::write(&out, svg)?;
    eprintln!("wrote {out}");
    Ok(())
}
