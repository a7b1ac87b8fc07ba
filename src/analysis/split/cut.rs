//! Cutting in the `(u, v)` plane: the hazard area is sliced by every cut line at once
//! (i_overlay's `Slice` rule) and each piece is given to the cell its centroid falls in.
//!
//! One slice of the whole area costs about as much as one boolean operation, where clipping
//! each of 1 600 boxes separately would cost 1 600. All pieces, and every later union of
//! pieces, go through one fixed float↔integer grid ([`Cutter`]), so neighbouring pieces share
//! their cut edges exactly: merged slivers leave no seam, and no two sectors overlap.

use i_overlay::core::fill_rule::FillRule;
use i_overlay::core::overlay::ShapeType;
use i_overlay::core::overlay_rule::OverlayRule;
use i_overlay::float::overlay::{FloatOverlay, OverlayOptions};
use i_overlay::float::string_overlay::FloatStringOverlay;
use i_overlay::i_float::adapter::FloatPointAdapter;
use i_overlay::i_float::float::rect::FloatRect;
use i_overlay::string::rule::StringRule;

/// A ring in `(u, v)` metres without its closing point.
pub type Ring = Vec<[f64; 2]>;
/// A polygon as rings: exterior first, then holes.
pub type Shape = Vec<Ring>;

/// Where the cuts are: boundaries of the columns along `u` and of the rows along `v`, each
/// increasing, the first and last enclosing the whole area.
#[derive(Clone, Debug, PartialEq)]
pub struct Bands {
    pub cols: Vec<f64>,
    pub rows: Vec<f64>,
}

impl Bands {
    pub fn col_count(&self) -> usize {
        self.cols.len().saturating_sub(1)
    }

    pub fn row_count(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }
}

/// The pieces of the area inside one column × row cell.
#[derive(Clone, Debug)]
pub struct Cell {
    pub col: usize,
    pub row: usize,
    pub shapes: Vec<Shape>,
    /// Planar area in m² (equal-area frame: the area on the ground).
    pub area: f64,
}

/// The float↔integer grid shared by the slice and every union of one split.
pub struct Cutter {
    adapter: FloatPointAdapter<[f64; 2], f64>,
    /// How far a cut vertex may lie from its line after rounding to the integer grid.
    pub eps: f64,
    margin: f64,
}

impl Cutter {
    /// A grid covering `bands` (which enclose the area) with a margin for the cut lines' ends.
    pub fn new(bands: &Bands) -> Self {
        let (u0, u1) = (first(&bands.cols), last(&bands.cols));
        let (v0, v1) = (first(&bands.rows), last(&bands.rows));
        let margin = 1.0 + 0.01 * (u1 - u0).max(v1 - v0);
        let rect = FloatRect::new(
            u0 - 2.0 * margin,
            u1 + 2.0 * margin,
            v0 - 2.0 * margin,
            v1 + 2.0 * margin,
        );
        let adapter = FloatPointAdapter::new(rect);
        let eps = 4.0 * adapter.inv_scale;
        Self {
            adapter,
            eps,
            margin,
        }
    }

    /// Slices `shapes` along every inner boundary of `bands` and groups the pieces by cell,
    /// in row-major order. Cells without area are left out.
    pub fn cut(&self, shapes: &[Shape], bands: &Bands) -> Vec<Cell> {
        let (u0, u1) = (
            first(&bands.cols) - self.margin,
            last(&bands.cols) + self.margin,
        );
        let (v0, v1) = (
            first(&bands.rows) - self.margin,
            last(&bands.rows) + self.margin,
        );
        let mut lines: Vec<Vec<[f64; 2]>> = Vec::new();
        for &u in inner(&bands.cols) {
            lines.push(vec![[u, v0], [u, v1]]);
        }
        for &v in inner(&bands.rows) {
            lines.push(vec![[u0, v], [u1, v]]);
        }
        let vertices: usize = shapes.iter().flatten().map(Vec::len).sum();
        let pieces =
            FloatStringOverlay::with_adapter(self.adapter.clone(), vertices + 2 * lines.len())
                .unsafe_add_shapes(&shapes.to_vec())
                .unsafe_add_string_lines(&lines)
                .build_graph_view(FillRule::EvenOdd)
                .map(|graph| graph.extract_shapes_custom(StringRule::Slice, OverlayOptions::ogc()))
                .unwrap_or_default();

        let (cols, rows) = (bands.col_count().max(1), bands.row_count().max(1));
        let mut cells: Vec<Option<Cell>> = (0..cols * rows).map(|_| None).collect();
        for piece in pieces {
            let (area, centroid) = shape_area_centroid(&piece);
            if area <= 0.0 {
                continue;
            }
            // A piece lies inside one convex cell, so its centroid does too.
            let col = band_of(&bands.cols, centroid[0]);
            let row = band_of(&bands.rows, centroid[1]);
            let cell = cells[row * cols + col].get_or_insert_with(|| Cell {
                col,
                row,
                shapes: Vec::new(),
                area: 0.0,
            });
            cell.area += area;
            cell.shapes.push(piece);
        }
        cells.into_iter().flatten().collect()
    }

    /// The union of pieces cut by this cutter (they share edges exactly on its grid).
    pub fn union(&self, shapes: &[Shape]) -> Vec<Shape> {
        let vertices: usize = shapes.iter().flatten().map(Vec::len).sum();
        FloatOverlay::new_custom(
            self.adapter.clone(),
            OverlayOptions::ogc(),
            i_overlay::core::solver::Solver::default(),
            vertices,
        )
        .unsafe_add_source(&shapes.to_vec(), ShapeType::Subject)
        .overlay(OverlayRule::Subject, FillRule::NonZero)
    }
}

fn first(v: &[f64]) -> f64 {
    v.first().copied().unwrap_or(0.0)
}

fn last(v: &[f64]) -> f64 {
    v.last().copied().unwrap_or(0.0)
}

/// The boundaries between bands (all but the first and the last).
fn inner(v: &[f64]) -> &[f64] {
    if v.len() > 2 { &v[1..v.len() - 1] } else { &[] }
}

/// Index of the band of `boundaries` holding `x`, clamped to the existing bands.
pub fn band_of(boundaries: &[f64], x: f64) -> usize {
    let bands = boundaries.len().saturating_sub(1).max(1);
    boundaries
        .partition_point(|&b| b <= x)
        .saturating_sub(1)
        .min(bands - 1)
}

/// Net area (exterior minus holes, m²) and area centroid of a shape as i_overlay returns it
/// (exterior counter-clockwise, holes clockwise).
pub fn shape_area_centroid(shape: &Shape) -> (f64, [f64; 2]) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    // Relative to the first vertex, so large offsets do not cost precision.
    let Some(&[ox, oy]) = shape.first().and_then(|r| r.first()) else {
        return (0.0, [0.0, 0.0]);
    };
    for ring in shape {
        let n = ring.len();
        for i in 0..n {
            let p = ring[i];
            let q = ring[(i + 1) % n];
            let (px, py, qx, qy) = (p[0] - ox, p[1] - oy, q[0] - ox, q[1] - oy);
            let cross = px * qy - qx * py;
            a += cross;
            cx += (px + qx) * cross;
            cy += (py + qy) * cross;
        }
    }
    if a == 0.0 {
        return (0.0, [ox, oy]);
    }
    (0.5 * a, [ox + cx / (3.0 * a), oy + cy / (3.0 * a)])
}

/// Area (m²) of the part of the area with `u ≤ t`: each ring is clipped to the half-plane
/// (Sutherland–Hodgman against one edge keeps the area right even for concave rings, whose
/// clipped outline may run back along the cut) and holes are subtracted.
pub fn area_below(shapes: &[Shape], t: f64) -> f64 {
    let mut total = 0.0;
    for shape in shapes {
        for (i, ring) in shape.iter().enumerate() {
            let a = clipped_ring_area(ring, t).abs();
            if i == 0 {
                total += a;
            } else {
                total -= a;
            }
        }
    }
    total.max(0.0)
}

fn clipped_ring_area(ring: &[[f64; 2]], t: f64) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    let mut twice = 0.0;
    let mut prev_out: Option<[f64; 2]> = None;
    let mut first_out: Option<[f64; 2]> = None;
    let mut emit = |p: [f64; 2]| {
        if let Some(q) = prev_out {
            twice += q[0] * p[1] - p[0] * q[1];
        } else {
            first_out = Some(p);
        }
        prev_out = Some(p);
    };
    for i in 0..n {
        let p = ring[i];
        let q = ring[(i + 1) % n];
        let (p_in, q_in) = (p[0] <= t, q[0] <= t);
        if p_in {
            emit(p);
        }
        if p_in != q_in {
            let s = (t - p[0]) / (q[0] - p[0]);
            emit([t, p[1] + s * (q[1] - p[1])]);
        }
    }
    if let (Some(f), Some(l)) = (first_out, prev_out) {
        twice += l[0] * f[1] - f[0] * l[1];
    }
    0.5 * twice
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x0: f64, y0: f64, s: f64) -> Ring {
        vec![[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s]]
    }

    #[test]
    fn half_plane_area_of_a_concave_ring_with_a_hole_is_exact() {
        // A U shape (two 10×30 arms on a 30×10 base) with a 2×2 hole in the left arm.
        let u = vec![
            [0.0, 0.0],
            [30.0, 0.0],
            [30.0, 30.0],
            [20.0, 30.0],
            [20.0, 10.0],
            [10.0, 10.0],
            [10.0, 30.0],
            [0.0, 30.0],
        ];
        let shapes = vec![vec![u, square(4.0, 20.0, 2.0)]];
        assert!((area_below(&shapes, 100.0) - (700.0 - 4.0)).abs() < 1e-9);
        assert!((area_below(&shapes, 5.0) - (150.0 - 2.0)).abs() < 1e-9);
        assert!((area_below(&shapes, 15.0) - (300.0 + 50.0 - 4.0)).abs() < 1e-9);
        assert!(area_below(&shapes, -1.0).abs() < 1e-12);
    }

    #[test]
    fn slicing_a_square_by_a_grid_gives_one_piece_per_cell_with_exact_areas() {
        let bands = Bands {
            cols: vec![0.0, 4.0, 8.0, 10.0],
            rows: vec![0.0, 5.0, 10.0],
        };
        let cutter = Cutter::new(&bands);
        let cells = cutter.cut(&[vec![square(0.0, 0.0, 10.0)]], &bands);
        assert_eq!(cells.len(), 6);
        let areas: Vec<f64> = cells.iter().map(|c| c.area).collect();
        for (got, want) in areas.iter().zip([20.0, 20.0, 10.0, 20.0, 20.0, 10.0]) {
            assert!((got - want).abs() < 1e-6, "{areas:?}");
        }
        assert_eq!((cells[2].col, cells[2].row), (2, 0));
    }

    #[test]
    fn a_cell_the_boundary_cuts_in_two_keeps_both_pieces() {
        // A U shape cut by one horizontal line at y = 20: the top row holds both arms.
        let u = vec![
            [0.0, 0.0],
            [30.0, 0.0],
            [30.0, 30.0],
            [20.0, 30.0],
            [20.0, 10.0],
            [10.0, 10.0],
            [10.0, 30.0],
            [0.0, 30.0],
        ];
        let bands = Bands {
            cols: vec![0.0, 30.0],
            rows: vec![0.0, 20.0, 30.0],
        };
        let cells = Cutter::new(&bands).cut(&[vec![u]], &bands);
        assert_eq!(cells.len(), 2);
        assert_eq!(cells[1].shapes.len(), 2);
        assert!((cells[1].area - 200.0).abs() < 1e-6);
        assert!((cells[0].area - 500.0).abs() < 1e-6);
    }

    #[test]
    fn pieces_of_one_cutter_unite_without_a_seam() {
        let bands = Bands {
            cols: vec![0.0, 3.3, 10.0],
            rows: vec![0.0, 10.0],
        };
        let cutter = Cutter::new(&bands);
        let cells = cutter.cut(&[vec![square(0.0, 0.0, 10.0)]], &bands);
        let all: Vec<Shape> = cells.into_iter().flat_map(|c| c.shapes).collect();
        let united = cutter.union(&all);
        assert_eq!(united.len(), 1);
        assert_eq!(united[0].len(), 1, "no hole or slit left along the cut");
        assert!((shape_area_centroid(&united[0]).0 - 100.0).abs() < 1e-6);
    }
}
