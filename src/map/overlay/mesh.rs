//! Meshes: a feature's band mesh (fill tessellated with lyon, outlines as ribbons of constant
//! screen width, dashes, dots for tiny areas, discs for point symbols).

use egui::Color32;
use lyon_tessellation::math::point;
use lyon_tessellation::path::PathEvent;
use lyon_tessellation::{BuffersBuilder, FillOptions, FillTessellator, FillVertex, VertexBuffers};

use super::bands::simplify;
use super::geom::{PartKind, WorldGeom, len_u32};
use super::{
    CIRCLE_SEGMENTS, DOT_HALF, DOT_INNER_HALF, DOT_MAX_PX, OUTLINE_MIN_PX, SIMPLIFY_PX,
    SIMPLIFY_SMALL_FRACTION,
};
use crate::map::style::{self, FeatureStyle};

/// A mesh vertex: `pos` in band pixels relative to the chunk corner, `off` in screen points
/// (ribbon widths, dots and point symbols keep their size whatever the zoom).
#[derive(Clone, Copy, Debug)]
pub(super) struct BandVertex {
    pub(super) pos: [f32; 2],
    pub(super) off: [f32; 2],
    pub(super) colour: Color32,
}

#[derive(Clone, Debug, Default)]
pub(super) struct FeatureMesh {
    pub(super) vertices: Vec<BandVertex>,
    pub(super) indices: Vec<u32>,
    /// For an area drawn as a dot: its cell (one pixel at the band's middle zoom). Dots in the
    /// same cell look the same, so a chunk merges only the topmost of them.
    pub(super) dot_cell: Option<(i64, i64)>,
}

impl FeatureMesh {
    pub(super) fn push(&mut self, pos: [f64; 2], off: [f32; 2], colour: Color32) -> u32 {
        #[allow(clippy::cast_possible_truncation)] // band pixels relative to the chunk corner
        self.vertices.push(BandVertex {
            pos: [pos[0] as f32, pos[1] as f32],
            off,
            colour,
        });
        len_u32(self.vertices.len() - 1)
    }
}

/// The merged mesh of the visible members of a chunk.
#[derive(Clone, Debug, Default)]
pub(super) struct MergedMesh {
    pub(super) vertices: Vec<BandVertex>,
    pub(super) indices: Vec<u32>,
    pub(super) features: usize,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct BandParams {
    pub(super) band_scale: f64,
    pub(super) mid_scale: f64,
    /// Point symbols' size factor in this band (smaller when zoomed out).
    pub(super) point_scale: f32,
}

/// Builds the band mesh of one feature, in band pixels relative to the chunk corner `origin`.
pub(super) fn build_mesh(
    g: &WorldGeom,
    fs: &FeatureStyle,
    params: BandParams,
    origin: [f64; 2],
) -> FeatureMesh {
    let mut mesh = FeatureMesh::default();
    let to_band = |w: [f64; 2]| {
        [
            (w[0] - origin[0]) * params.band_scale,
            (w[1] - origin[1]) * params.band_scale,
        ]
    };
    let size_mid = (g.max[0] - g.min[0]).max(g.max[1] - g.min[1]) * params.mid_scale;
    // Dash lengths in band pixels, so that they are `DASH_LENGTH` points at the middle zoom.
    let band_per_point = params.band_scale / params.mid_scale;
    let mut tessellator = FillTessellator::new();
    for (kind, rings) in g.parts() {
        match kind {
            PartKind::Point => {
                for r in rings {
                    if let Some(p) = g.ring(r).first() {
                        let c = to_band(*p);
                        let ring_w = fs.stroke.width;
                        let radius = fs.point_radius * params.point_scale;
                        disc(&mut mesh, c, radius + ring_w, fs.stroke.color);
                        disc(&mut mesh, c, radius, fs.point_fill);
                    }
                }
            }
            PartKind::Line => {
                for r in rings {
                    let pts: Vec<[f64; 2]> = g.ring(r).iter().map(|w| to_band(*w)).collect();
                    let pts = simplify(&pts, SIMPLIFY_PX * band_per_point, false);
                    if pts.len() == 1 {
                        square(&mut mesh, pts[0], DOT_INNER_HALF, fs.stroke.color);
                    } else {
                        ribbon(
                            &mut mesh,
                            &pts,
                            false,
                            fs.stroke.width / 2.0,
                            fs.stroke.color,
                        );
                    }
                }
            }
            PartKind::Polygon => {
                if size_mid < DOT_MAX_PX {
                    let c = to_band(g.centre());
                    // Outline colour around fill colour: a hazard area's marker still says its
                    // status and classification.
                    square(&mut mesh, c, DOT_HALF, fs.stroke.color);
                    square(&mut mesh, c, DOT_INNER_HALF, fs.dot);
                    #[allow(clippy::cast_possible_truncation)] // band pixels in a chunk
                    let cell = (
                        (c[0] / band_per_point).floor() as i64,
                        (c[1] / band_per_point).floor() as i64,
                    );
                    mesh.dot_cell = Some(cell);
                    // One dot for the whole feature, however many parts it has.
                    return mesh;
                }
                let tolerance = if size_mid < OUTLINE_MIN_PX {
                    (SIMPLIFY_SMALL_FRACTION * size_mid).max(SIMPLIFY_PX)
                } else {
                    SIMPLIFY_PX
                } * band_per_point;
                let mut kept: Vec<Vec<[f64; 2]>> = Vec::new();
                for r in rings {
                    let pts: Vec<[f64; 2]> = g.ring(r).iter().map(|w| to_band(*w)).collect();
                    let pts = simplify(&pts, tolerance, true);
                    if pts.len() >= 3 {
                        kept.push(pts);
                    } else if kept.is_empty() {
                        break; // the exterior collapsed: the holes mean nothing alone
                    }
                }
                if kept.is_empty() {
                    continue;
                }
                if fs.fill.a() > 0 {
                    fill(&mut tessellator, &mut mesh, &kept, fs.fill);
                }
                if size_mid >= OUTLINE_MIN_PX && fs.stroke.width > 0.0 {
                    for ring in &kept {
                        if fs.dashed {
                            dashed_ribbon(
                                &mut mesh,
                                ring,
                                f64::from(style::DASH_LENGTH) * band_per_point,
                                f64::from(style::GAP_LENGTH) * band_per_point,
                                fs.stroke.width / 2.0,
                                fs.stroke.color,
                            );
                        } else {
                            ribbon(
                                &mut mesh,
                                ring,
                                true,
                                fs.stroke.width / 2.0,
                                fs.stroke.color,
                            );
                        }
                    }
                }
            }
        }
    }
    mesh
}

/// Fills rings (exterior first, then holes) with the even-odd rule: holes stay empty, concave
/// shells fill correctly. A tessellation failure (degenerate input) leaves the fill out rather
/// than fail the frame; the outline still shows the shape.
pub(super) fn fill(
    tessellator: &mut FillTessellator,
    mesh: &mut FeatureMesh,
    rings: &[Vec<[f64; 2]>],
    colour: Color32,
) {
    #[allow(clippy::cast_possible_truncation)] // band pixels relative to the chunk corner
    let p = |c: [f64; 2]| point(c[0] as f32, c[1] as f32);
    let events = rings.iter().flat_map(|ring| {
        let n = ring.len();
        let first = p(ring[0]);
        let last = p(ring[n - 1]);
        std::iter::once(PathEvent::Begin { at: first })
            .chain((1..n).map(move |i| PathEvent::Line {
                from: p(ring[i - 1]),
                to: p(ring[i]),
            }))
            .chain(std::iter::once(PathEvent::End {
                last,
                first,
                close: true,
            }))
    });
    let mut buffers: VertexBuffers<[f32; 2], u32> = VertexBuffers::new();
    let result = tessellator.tessellate(
        events,
        &FillOptions::even_odd(),
        &mut BuffersBuilder::new(&mut buffers, |v: FillVertex| v.position().to_array()),
    );
    if result.is_err() {
        return;
    }
    let base = len_u32(mesh.vertices.len());
    mesh.vertices
        .extend(buffers.vertices.iter().map(|v| BandVertex {
            pos: *v,
            off: [0.0, 0.0],
            colour,
        }));
    mesh.indices
        .extend(buffers.indices.iter().map(|i| i + base));
}

/// A square of fixed screen size (half side `half` points) at `c`.
pub(super) fn square(mesh: &mut FeatureMesh, c: [f64; 2], half: f32, colour: Color32) {
    let h = half;
    let a = mesh.push(c, [-h, -h], colour);
    let b = mesh.push(c, [h, -h], colour);
    let d = mesh.push(c, [h, h], colour);
    let e = mesh.push(c, [-h, h], colour);
    mesh.indices.extend_from_slice(&[a, b, d, a, d, e]);
}

/// A filled circle of `radius` screen points at `c`.
pub(super) fn disc(mesh: &mut FeatureMesh, c: [f64; 2], radius: f32, colour: Color32) {
    let centre = mesh.push(c, [0.0, 0.0], colour);
    for s in 0..CIRCLE_SEGMENTS {
        #[allow(clippy::cast_precision_loss)]
        let a = std::f32::consts::TAU * s as f32 / CIRCLE_SEGMENTS as f32;
        mesh.push(c, [radius * a.cos(), radius * a.sin()], colour);
    }
    for s in 0..CIRCLE_SEGMENTS {
        let a = centre + 1 + len_u32(s);
        let b = centre + 1 + len_u32((s + 1) % CIRCLE_SEGMENTS);
        mesh.indices.extend_from_slice(&[centre, a, b]);
    }
}

pub(super) fn unit(d: [f64; 2]) -> Option<[f64; 2]> {
    let l = d[0].hypot(d[1]);
    (l > 0.0).then(|| [d[0] / l, d[1] / l])
}

/// A line of `half_width` screen points either side of `pts` (band pixels): each vertex is
/// pushed along its miter normal by a screen offset, so the width is constant at every zoom
/// while the positions scale with the view.
pub(super) fn ribbon(
    mesh: &mut FeatureMesh,
    pts: &[[f64; 2]],
    closed: bool,
    half_width: f32,
    colour: Color32,
) {
    let n = pts.len();
    if n < 2 {
        return;
    }
    let dir = |i: usize, j: usize| unit([pts[j][0] - pts[i][0], pts[j][1] - pts[i][1]]);
    let base = len_u32(mesh.vertices.len());
    for (i, p) in pts.iter().enumerate() {
        let incoming = if i > 0 {
            dir(i - 1, i)
        } else if closed {
            dir(n - 1, 0)
        } else {
            None
        };
        let outgoing = if i + 1 < n {
            dir(i, i + 1)
        } else if closed {
            dir(n - 1, 0)
        } else {
            None
        };
        let normal = |d: [f64; 2]| [-d[1], d[0]];
        let (nx, ny) = match (incoming.map(normal), outgoing.map(normal)) {
            (Some(a), Some(b)) => {
                let m = unit([a[0] + b[0], a[1] + b[1]]).unwrap_or(b);
                // Miter length 1/cos(half angle), capped so spikes stay short.
                let cos = (m[0] * b[0] + m[1] * b[1]).max(0.4);
                (m[0] / cos, m[1] / cos)
            }
            (Some(a), None) | (None, Some(a)) => (a[0], a[1]),
            (None, None) => (0.0, 0.0),
        };
        #[allow(clippy::cast_possible_truncation)]
        let off = [nx as f32 * half_width, ny as f32 * half_width];
        mesh.push(*p, off, colour);
        mesh.push(*p, [-off[0], -off[1]], colour);
    }
    let segments = if closed { n } else { n - 1 };
    for s in 0..segments {
        let a = base + 2 * len_u32(s);
        let b = base + 2 * len_u32((s + 1) % n);
        mesh.indices
            .extend_from_slice(&[a, a + 1, b, a + 1, b + 1, b]);
    }
}

/// A closed ring drawn as dashes of `dash` and gaps of `gap` (band pixels).
pub(super) fn dashed_ribbon(
    mesh: &mut FeatureMesh,
    ring: &[[f64; 2]],
    dash: f64,
    gap: f64,
    half_width: f32,
    colour: Color32,
) {
    let mut closed: Vec<[f64; 2]> = ring.to_vec();
    if let Some(first) = ring.first() {
        closed.push(*first);
    }
    let mut on = true;
    let mut left = dash;
    let mut current: Vec<[f64; 2]> = vec![closed[0]];
    for s in closed.windows(2) {
        let (a, b) = (s[0], s[1]);
        let len = (b[0] - a[0]).hypot(b[1] - a[1]);
        let mut t0 = 0.0;
        while len - t0 > left {
            t0 += left;
            let f = t0 / len;
            let p = [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
            if on {
                current.push(p);
                ribbon(mesh, &current, false, half_width, colour);
                current.clear();
            } else {
                current = vec![p];
            }
            on = !on;
            left = if on { dash } else { gap };
        }
        left -= len - t0;
        if on {
            current.push(b);
        }
    }
    if on && current.len() > 1 {
        ribbon(mesh, &current, false, half_width, colour);
    }
}
