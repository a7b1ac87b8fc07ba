//! Writes what the embedded basemap draws for one view as an SVG, to look at it without
//! starting the app: `cargo run --release --example basemap_snapshot -- LON LAT ZOOM OUT.svg`
//! (defaults: 47.5 40.3 8 basemap.svg; 1400×900). Convert with e.g. `convert OUT.svg OUT.png`.

use std::fmt::Write as _;

use egui::{Pos2, Rect, Shape, vec2};
use minemap::map::basemap::EmbeddedBasemap;
use minemap::map::projection::{ViewTransform, lonlat_to_world};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize, default: f64| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (lon, lat, zoom) = (num(0, 47.5), num(1, 40.3), num(2, 8.0));
    let out = args.get(3).cloned().unwrap_or_else(|| "basemap.svg".into());

    let clip = Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0));
    let view = ViewTransform::new(lonlat_to_world(lon, lat), zoom, clip);
    let mut map = EmbeddedBasemap::load()?;
    let started = std::time::Instant::now();
    let frame = map.frame(&view);
    eprintln!("first frame {:?}: {:?}", started.elapsed(), frame.stats);

    let rgb = |c: egui::Color32| format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b());
    let mut svg = String::from(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="900" viewBox="0 0 1400 900">"#,
    );
    for shape in &frame.shapes {
        match shape {
            Shape::Rect(r) => {
                let _ = write!(
                    svg,
                    r#"<rect width="1400" height="900" fill="{}"/>"#,
                    rgb(r.fill)
                );
            }
            Shape::Mesh(mesh) => {
                let fill = mesh
                    .vertices
                    .first()
                    .map_or("#000".into(), |v| rgb(v.color));
                let _ = write!(
                    svg,
                    r#"<path fill="{fill}" stroke="{fill}" stroke-width="0.3" d=""#
                );
                for t in mesh.indices.chunks_exact(3) {
                    let p = |i: u32| mesh.vertices[i as usize].pos;
                    let (a, b, c) = (p(t[0]), p(t[1]), p(t[2]));
                    let _ = write!(
                        svg,
                        "M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z",
                        a.x, a.y, b.x, b.y, c.x, c.y
                    );
                }
                svg.push_str(r#""/>"#);
            }
            Shape::Path(path) => {
                let color = match &path.stroke.color {
                    egui::epaint::ColorMode::Solid(c) => rgb(*c),
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
            _ => {}
        }
    }
    for label in &frame.labels {
        let _ = write!(
            svg,
            r##"<circle cx="{:.1}" cy="{:.1}" r="2" fill="#5f5f5f"/><text x="{:.1}" y="{:.1}" font-family="sans-serif" font-size="{}" fill="#3c3c42">{}</text>"##,
            label.anchor.x,
            label.anchor.y,
            label.text_pos.x,
            label.text_pos.y + label.font_size * 0.35,
            label.font_size,
            label.name.replace('&', "&amp;").replace('<', "&lt;")
        );
    }
    svg.push_str("</svg>\n");
    std::fs::write(&out, svg)?;
    eprintln!("wrote {out}");
    Ok(())
}
