//! A CPU rasteriser for epaint's triangle meshes, so map images are drawn from the very meshes
//! the window shows, without a GPU or a window.
//!
//! Why our own: the crates that rasterise egui output on the CPU (`egui_software_backend` 0.0.3)
//! target egui 0.34, and `tiny-skia` fills paths with one paint each, which cannot sample the
//! font atlas per vertex nor interpolate epaint's feathering colours (its anti-aliasing).
//! epaint's meshes need only what a GPU does for them: triangles with per-vertex colours and
//! texture coordinates, multiplied and blended with premultiplied alpha in gamma space (as
//! egui's own renderers do).
//!
//! Scan conversion samples pixel centres with half-open spans computed from each edge in a
//! canonical direction, so two triangles sharing an edge never both cover a pixel (no
//! double-blended seams in 50 % hazard fills). Rows are cut into bands filled in parallel
//! (rayon); each band draws its triangles in paint order.

use egui::epaint::{ClippedPrimitive, Primitive, Vertex};
use egui::{Color32, Rect};
use rayon::prelude::*;

/// Rows per band: small enough for both cores to share a 1000-row image evenly.
const BAND_ROWS: usize = 32;

/// An RGBA texture (the font atlas), premultiplied.
#[derive(Clone, Debug, Default)]
pub struct Texture {
    pub size: [usize; 2],
    pub pixels: Vec<Color32>,
}

impl Texture {
    /// Bilinear sample at normalised `uv`, as `[r, g, b, a]` in 0..1.
    fn sample(&self, u: f32, v: f32) -> [f32; 4] {
        let [w, h] = self.size;
        if w == 0 || h == 0 {
            return [1.0; 4];
        }
        #[allow(clippy::cast_precision_loss)] // atlas sides are < 2^24
        let (x, y) = (u * w as f32 - 0.5, v * h as f32 - 0.5);
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        #[allow(clippy::cast_possible_truncation)] // floored, clamped below
        let (xi, yi) = (x0 as i64, y0 as i64);
        let texel = |tx: i64, ty: i64| -> [f32; 4] {
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_possible_wrap
            )]
            let (cx, cy) = (
                tx.clamp(0, w as i64 - 1) as usize,
                ty.clamp(0, h as i64 - 1) as usize,
            );
            let c = self.pixels[cy * w + cx];
            [
                f32::from(c.r()) / 255.0,
                f32::from(c.g()) / 255.0,
                f32::from(c.b()) / 255.0,
                f32::from(c.a()) / 255.0,
            ]
        };
        let (a, b, c, d) = (
            texel(xi, yi),
            texel(xi + 1, yi),
            texel(xi, yi + 1),
            texel(xi + 1, yi + 1),
        );
        let mut out = [0.0; 4];
        for k in 0..4 {
            let top = a[k] + (b[k] - a[k]) * fx;
            let bottom = c[k] + (d[k] - c[k]) * fx;
            out[k] = top + (bottom - top) * fy;
        }
        out
    }
}

/// A triangle of one primitive, found by binning: `(primitive, first index)`.
type TriRef = (u32, u32);

/// Rasterises `primitives` (positions in points, scaled by `pixels_per_point`) over an opaque
/// `background` into a `width × height` RGBA image (row-major, 4 bytes a pixel).
#[must_use]
pub fn rasterise(
    width: usize,
    height: usize,
    background: Color32,
    primitives: &[ClippedPrimitive],
    texture: &Texture,
    pixels_per_point: f32,
) -> Vec<u8> {
    if width == 0 || height == 0 {
        return Vec::new();
    }
    let bands = height.div_ceil(BAND_ROWS);
    let mut bins: Vec<Vec<TriRef>> = vec![Vec::new(); bands];
    for (p, prim) in primitives.iter().enumerate() {
        let Primitive::Mesh(mesh) = &prim.primitive else {
            continue;
        };
        for (t, tri) in mesh.indices.chunks_exact(3).enumerate() {
            let ys = tri
                .iter()
                .filter_map(|&i| mesh.vertices.get(i as usize))
                .map(|v| v.pos.y * pixels_per_point);
            let (lo, hi) = ys.fold((f32::MAX, f32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
            // NaN positions compare as nothing: skipped with the flat ones.
            if lo.partial_cmp(&hi) != Some(std::cmp::Ordering::Less) || hi < 0.0 {
                continue;
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped ≥ 0
            let (first, last) = (
                (lo.max(0.0) as usize) / BAND_ROWS,
                ((hi.max(0.0) as usize) / BAND_ROWS).min(bands.saturating_sub(1)),
            );
            #[allow(clippy::cast_possible_truncation)] // meshes of < 4 G triangles
            let r = (p as u32, (t * 3) as u32);
            for bin in bins.iter_mut().take(last + 1).skip(first) {
                bin.push(r);
            }
        }
    }
    let [r, g, b, _] = background.to_array();
    let mut pixels = vec![0u8; width * height * 4];
    pixels
        .par_chunks_mut(width * 4 * BAND_ROWS)
        .zip(bins.par_iter())
        .enumerate()
        .for_each(|(band, (rows, bin))| {
            let mut acc: Vec<[f32; 4]> =
                vec![[f32::from(r), f32::from(g), f32::from(b), 255.0]; rows.len() / 4];
            let y0 = band * BAND_ROWS;
            let band_rows = rows.len() / 4 / width.max(1);
            for &(p, first) in bin {
                let prim = &primitives[p as usize];
                let Primitive::Mesh(mesh) = &prim.primitive else {
                    continue;
                };
                let idx = &mesh.indices[first as usize..first as usize + 3];
                let v = |k: usize| mesh.vertices.get(idx[k] as usize).copied();
                let (Some(a), Some(b), Some(c)) = (v(0), v(1), v(2)) else {
                    continue;
                };
                let clip = pixel_clip(prim.clip_rect, pixels_per_point, width, height);
                let target = Target {
                    acc: &mut acc,
                    width,
                    y0,
                    rows: band_rows,
                };
                triangle(target, clip, [a, b, c], texture, pixels_per_point);
            }
            for (out, px) in rows.chunks_exact_mut(4).zip(&acc) {
                for k in 0..4 {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=255
                    let byte = px[k].round().clamp(0.0, 255.0) as u8;
                    out[k] = byte;
                }
            }
        });
    pixels
}

/// The band being drawn: colours as f32 0..255 (premultiplied), rows `y0..y0 + rows`.
struct Target<'a> {
    acc: &'a mut [[f32; 4]],
    width: usize,
    y0: usize,
    rows: usize,
}

/// A clip rectangle in whole pixels `[x0, y0, x1, y1)`.
fn pixel_clip(rect: Rect, ppp: f32, width: usize, height: usize) -> [usize; 4] {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let f = |v: f32, max: usize| (v * ppp).round().clamp(0.0, max as f32) as usize;
    [
        f(rect.min.x, width),
        f(rect.min.y, height),
        f(rect.max.x, width),
        f(rect.max.y, height),
    ]
}

/// A vertex in pixels with its colour as f32 0..255 and its texture coordinate.
#[derive(Clone, Copy)]
struct Px {
    x: f32,
    y: f32,
    attr: [f32; 6],
}

fn to_px(v: Vertex, ppp: f32) -> Px {
    let [r, g, b, a] = v.color.to_array();
    Px {
        x: v.pos.x * ppp,
        y: v.pos.y * ppp,
        attr: [
            f32::from(r),
            f32::from(g),
            f32::from(b),
            f32::from(a),
            v.uv.x,
            v.uv.y,
        ],
    }
}

/// The x where the edge `p → q` (p above q) crosses the row centre `yc`. Computed from the
/// upper endpoint in the same way for both triangles that share the edge, so their spans meet
/// exactly.
fn edge_x(p: &Px, q: &Px, yc: f32) -> f32 {
    p.x + (yc - p.y) * (q.x - p.x) / (q.y - p.y)
}

#[allow(clippy::too_many_lines)] // one scan conversion, clearer in one piece
fn triangle(target: Target<'_>, clip: [usize; 4], v: [Vertex; 3], texture: &Texture, ppp: f32) {
    let mut p = v.map(|v| to_px(v, ppp));
    // Top to bottom, ties left to right: the canonical order of every edge.
    p.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let [a, b, c] = p;
    let det = (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
    if det.abs() < 1e-12 || !det.is_finite() {
        return;
    }
    // Attribute gradients over the plane of the triangle.
    let mut ddx = [0.0f32; 6];
    let mut ddy = [0.0f32; 6];
    let mut flat = true;
    let mut same = [true; 6];
    for k in 0..6 {
        let (fa, fb, fc) = (a.attr[k], b.attr[k], c.attr[k]);
        ddx[k] = ((fb - fa) * (c.y - a.y) - (fc - fa) * (b.y - a.y)) / det;
        ddy[k] = ((fc - fa) * (b.x - a.x) - (fb - fa) * (c.x - a.x)) / det;
        same[k] = fa == fb && fb == fc;
        flat &= same[k];
    }
    // Untextured triangles (epaint's white texel: fills, lines and their feathering) sample
    // the atlas once, not per pixel.
    let texel = (same[4] && same[5]).then(|| texture.sample(a.attr[4], a.attr[5]));
    let shade = |attr: &[f32; 6]| -> [f32; 4] {
        let t = texel.unwrap_or_else(|| texture.sample(attr[4], attr[5]));
        [
            attr[0] * t[0],
            attr[1] * t[1],
            attr[2] * t[2],
            attr[3] * t[3],
        ]
    };
    let flat_colour = flat.then(|| shade(&a.attr));
    if flat_colour.is_some_and(|c| c[3] <= 0.0) {
        return;
    }
    let band_top = target.y0;
    let band_bottom = target.y0 + target.rows;
    let row_lo = band_top.max(clip[1]);
    let row_hi = band_bottom.min(clip[3]);
    // Rows whose centres lie in [a.y, c.y).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped ≥ 0
    let first = ((a.y - 0.5).ceil().max(0.0) as usize).max(row_lo);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let last = ((c.y - 0.5).ceil().max(0.0) as usize).min(row_hi);
    for row in first..last {
        #[allow(clippy::cast_precision_loss)] // rows < 2^24
        let yc = row as f32 + 0.5;
        let x_long = edge_x(&a, &c, yc);
        let x_short = if yc < b.y {
            edge_x(&a, &b, yc)
        } else {
            edge_x(&b, &c, yc)
        };
        let (xl, xr) = if x_long < x_short {
            (x_long, x_short)
        } else {
            (x_short, x_long)
        };
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let col_lo = ((xl - 0.5).ceil().max(0.0) as usize).max(clip[0]);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let col_hi = ((xr - 0.5).ceil().max(0.0) as usize).min(clip[2]);
        if col_lo >= col_hi {
            continue;
        }
        let line = (row - band_top) * target.width;
        let dst = &mut target.acc[line + col_lo..line + col_hi];
        if let Some(src) = flat_colour {
            blend_span(dst, src);
        } else {
            #[allow(clippy::cast_precision_loss)]
            let x0 = col_lo as f32 + 0.5;
            let mut attr = [0.0f32; 6];
            for k in 0..6 {
                attr[k] = a.attr[k] + (x0 - a.x) * ddx[k] + (yc - a.y) * ddy[k];
            }
            for px in dst {
                let src = shade(&attr);
                blend(px, src);
                for k in 0..6 {
                    attr[k] += ddx[k];
                }
            }
        }
    }
}

/// Premultiplied "over": `dst = src + dst · (1 − src.a)`.
#[inline]
fn blend(dst: &mut [f32; 4], src: [f32; 4]) {
    let keep = 1.0 - src[3].clamp(0.0, 255.0) / 255.0;
    for k in 0..4 {
        dst[k] = src[k] + dst[k] * keep;
    }
}

fn blend_span(dst: &mut [[f32; 4]], src: [f32; 4]) {
    if src[3] >= 255.0 {
        dst.fill(src);
    } else {
        for px in dst {
            blend(px, src);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::{Mesh, WHITE_UV};
    use egui::pos2;

    fn white_texture() -> Texture {
        Texture {
            size: [1, 1],
            pixels: vec![Color32::WHITE],
        }
    }

    fn prim(mesh: Mesh) -> ClippedPrimitive {
        ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }
    }

    fn at(img: &[u8], width: usize, x: usize, y: usize) -> [u8; 4] {
        let i = (y * width + x) * 4;
        [img[i], img[i + 1], img[i + 2], img[i + 3]]
    }

    #[test]
    fn two_half_transparent_triangles_sharing_an_edge_leave_no_seam() {
        // A square of two triangles at 50 % red over white: every pixel inside is blended
        // exactly once, including those on the shared diagonal.
        let mut mesh = Mesh::default();
        let red = Color32::from_rgba_unmultiplied(255, 0, 0, 128);
        for p in [
            pos2(2.0, 2.0),
            pos2(30.0, 2.0),
            pos2(30.0, 30.0),
            pos2(2.0, 30.0),
        ] {
            mesh.vertices.push(Vertex {
                pos: p,
                uv: WHITE_UV,
                color: red,
            });
        }
        mesh.indices = vec![0, 1, 2, 0, 2, 3];
        let img = rasterise(32, 32, Color32::WHITE, &[prim(mesh)], &white_texture(), 1.0);
        let inside = at(&img, 32, 5, 5);
        for y in 2..30 {
            for x in 2..30 {
                assert_eq!(at(&img, 32, x, y), inside, "pixel {x},{y}");
            }
        }
        assert_eq!(at(&img, 32, 0, 0), [255, 255, 255, 255]);
        assert_eq!(at(&img, 32, 31, 31), [255, 255, 255, 255]);
        assert!(inside[0] == 255 && (126..=128).contains(&inside[1]));
    }

    #[test]
    fn pixels_per_point_scales_positions() {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_max(pos2(0.0, 0.0), pos2(5.0, 5.0)),
            Color32::BLACK,
        );
        let img = rasterise(20, 20, Color32::WHITE, &[prim(mesh)], &white_texture(), 2.0);
        assert_eq!(at(&img, 20, 9, 9), [0, 0, 0, 255]);
        assert_eq!(at(&img, 20, 10, 10), [255, 255, 255, 255]);
    }

    #[test]
    fn vertex_colours_are_interpolated_across_a_triangle() {
        // Feathering: epaint's anti-aliasing fades colour to transparent across thin triangles.
        let mut mesh = Mesh::default();
        let (opaque, clear) = (Color32::BLACK, Color32::TRANSPARENT);
        for (p, c) in [
            (pos2(0.0, 0.0), opaque),
            (pos2(0.0, 40.0), opaque),
            (pos2(40.0, 0.0), clear),
            (pos2(40.0, 40.0), clear),
        ] {
            mesh.vertices.push(Vertex {
                pos: p,
                uv: WHITE_UV,
                color: c,
            });
        }
        mesh.indices = vec![0, 1, 2, 2, 1, 3];
        let img = rasterise(40, 40, Color32::WHITE, &[prim(mesh)], &white_texture(), 1.0);
        let left = at(&img, 40, 1, 20)[0];
        let mid = at(&img, 40, 20, 20)[0];
        let right = at(&img, 40, 38, 20)[0];
        assert!(
            left < 20 && right > 235 && (110..=145).contains(&mid),
            "{left} {mid} {right}"
        );
    }
}
