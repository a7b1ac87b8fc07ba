//! Merging slivers: grid cells the boundary left with less than a share of a full box go to
//! the neighbouring sector they share the longest edge with.
//!
//! Neighbours are the cells across a cut line (left, right, below, above). The shared edge is
//! measured on the cut line itself: the overlap of the two cells' edges lying on it, which the
//! common integer grid of the [`Cutter`](super::cut::Cutter) makes exact. Slivers are taken
//! smallest first; a sliver that touches no other sector along an edge (an island of a
//! multipolygon, a piece touching only at a corner) stays a sector of its own.

use std::collections::HashMap;

use super::cut::{Bands, Cell, Cutter, Shape};

/// A cell's edges on its cut lines: `[from, to]` intervals along each line, keyed by the
/// `(column, row)` of the cell across it.
type CutEdges = HashMap<(usize, usize), Vec<[f64; 2]>>;

/// A sector after merging: the cells it is made of, the first being the one whose place in
/// the grid it keeps.
#[derive(Clone, Debug)]
pub struct Merged {
    pub col: usize,
    pub row: usize,
    pub shapes: Vec<Shape>,
    /// Number of cells merged into this one (0 for a plain box).
    pub merged_slivers: usize,
}

/// Merges every cell under `threshold_m2` into its neighbour with the longest shared edge.
pub fn merge_slivers(
    cells: Vec<Cell>,
    bands: &Bands,
    cutter: &Cutter,
    threshold_m2: f64,
) -> Vec<Merged> {
    let n = cells.len();
    let at: HashMap<(usize, usize), usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.col, c.row), i))
        .collect();

    // Shared edge length between each pair of neighbouring cells.
    let edges: Vec<CutEdges> = cells
        .iter()
        .map(|c| edges_on_cut_lines(c, bands, cutter.eps))
        .collect();
    let mut adjacency: Vec<HashMap<usize, f64>> = vec![HashMap::new(); n];
    for (i, cell_edges) in edges.iter().enumerate() {
        for (neighbour, intervals) in cell_edges {
            let Some(&j) = at.get(neighbour) else {
                continue;
            };
            let Some(theirs) = edges[j].get(&(cells[i].col, cells[i].row)) else {
                continue;
            };
            let shared = overlap(intervals, theirs);
            if shared > 0.0 {
                adjacency[i].insert(j, shared);
            }
        }
    }

    // Union-find over cells; `owner[i] == i` for a sector's anchor cell.
    let mut owner: Vec<usize> = (0..n).collect();
    let mut area: Vec<f64> = cells.iter().map(|c| c.area).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut order: Vec<usize> = (0..n).filter(|&i| area[i] < threshold_m2).collect();
    order.sort_by(|&a, &b| area[a].total_cmp(&area[b]).then(a.cmp(&b)));
    for s in order {
        if owner[s] != s || area[s] >= threshold_m2 {
            continue;
        }
        // The longest shared edge; ties (within a micrometre: the same edge measured on two
        // sides) go to the larger neighbour, then the earlier cell.
        let mut best: Option<(usize, f64)> = None;
        for (&t, &len) in &adjacency[s] {
            let better = best.is_none_or(|(b, blen)| {
                if (len - blen).abs() > 1e-6 {
                    len > blen
                } else if (area[t] - area[b]).abs() > 1e-6 {
                    area[t] > area[b]
                } else {
                    t < b
                }
            });
            if better {
                best = Some((t, len));
            }
        }
        let Some((t, _)) = best else {
            continue;
        };
        owner[s] = t;
        area[t] += area[s];
        let moved = std::mem::take(&mut members[s]);
        members[t].extend(moved);
        for (k, len) in std::mem::take(&mut adjacency[s]) {
            adjacency[k].remove(&s);
            if k != t {
                *adjacency[t].entry(k).or_insert(0.0) += len;
                *adjacency[k].entry(t).or_insert(0.0) += len;
            }
        }
        adjacency[t].remove(&s);
    }

    let mut cells: Vec<Option<Cell>> = cells.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for anchor in 0..n {
        if owner[anchor] != anchor {
            continue;
        }
        let group: Vec<Cell> = members[anchor]
            .iter()
            .filter_map(|&i| cells[i].take())
            .collect();
        let Some(first) = group.first() else {
            continue;
        };
        let (col, row) = (first.col, first.row);
        let merged_slivers = group.len() - 1;
        let shapes = if merged_slivers == 0 {
            group.into_iter().flat_map(|c| c.shapes).collect()
        } else {
            let pieces: Vec<Shape> = group.into_iter().flat_map(|c| c.shapes).collect();
            cutter.union(&pieces)
        };
        out.push(Merged {
            col,
            row,
            shapes,
            merged_slivers,
        });
    }
    out
}

/// The intervals of a cell's edges lying on its four cut lines, keyed by the cell across each.
fn edges_on_cut_lines(cell: &Cell, bands: &Bands, eps: f64) -> CutEdges {
    let mut out = CutEdges::new();
    let on = |x: f64, boundary: Option<&f64>| boundary.is_some_and(|b| (x - b).abs() <= eps);
    for ring in cell.shapes.iter().flatten() {
        let n = ring.len();
        for i in 0..n {
            let (p, q) = (ring[i], ring[(i + 1) % n]);
            if (p[0] - q[0]).abs() <= eps {
                let interval = [p[1].min(q[1]), p[1].max(q[1])];
                if cell.col > 0 && on(p[0], bands.cols.get(cell.col)) {
                    out.entry((cell.col - 1, cell.row))
                        .or_default()
                        .push(interval);
                } else if on(p[0], bands.cols.get(cell.col + 1)) {
                    out.entry((cell.col + 1, cell.row))
                        .or_default()
                        .push(interval);
                }
            } else if (p[1] - q[1]).abs() <= eps {
                let interval = [p[0].min(q[0]), p[0].max(q[0])];
                if cell.row > 0 && on(p[1], bands.rows.get(cell.row)) {
                    out.entry((cell.col, cell.row - 1))
                        .or_default()
                        .push(interval);
                } else if on(p[1], bands.rows.get(cell.row + 1)) {
                    out.entry((cell.col, cell.row + 1))
                        .or_default()
                        .push(interval);
                }
            }
        }
    }
    out
}

/// Total length where two sets of intervals on one line overlap.
fn overlap(a: &[[f64; 2]], b: &[[f64; 2]]) -> f64 {
    let mut total = 0.0;
    for x in a {
        for y in b {
            total += (x[1].min(y[1]) - x[0].max(y[0])).max(0.0);
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::split::cut::shape_area_centroid;

    #[test]
    fn a_sliver_goes_to_the_neighbour_with_the_longest_shared_edge() {
        // A 22×20 rectangle in 10×10 boxes: column 2 is a 2 m wide strip of two slivers,
        // each sharing 10 m with its left neighbour and 2 m with the other sliver.
        let bands = Bands {
            cols: vec![0.0, 10.0, 20.0, 30.0],
            rows: vec![0.0, 10.0, 20.0],
        };
        let cutter = Cutter::new(&bands);
        let rect = vec![vec![[0.0, 0.0], [22.0, 0.0], [22.0, 20.0], [0.0, 20.0]]];
        let cells = cutter.cut(&[rect], &bands);
        assert_eq!(cells.len(), 6);
        let merged = merge_slivers(cells, &bands, &cutter, 25.0);
        assert_eq!(merged.len(), 4);
        let widened: Vec<&Merged> = merged.iter().filter(|m| m.merged_slivers == 1).collect();
        assert_eq!(widened.len(), 2);
        for m in widened {
            assert_eq!(m.col, 1);
            let area: f64 = m.shapes.iter().map(|s| shape_area_centroid(s).0).sum();
            assert!((area - 120.0).abs() < 1e-6);
            assert_eq!(m.shapes.len(), 1, "merged into one polygon");
            assert_eq!(m.shapes[0].len(), 1);
        }
    }

    #[test]
    fn a_sliver_touching_only_at_a_corner_stays_alone() {
        // Two squares meeting at one corner, the upper one a sliver of its box.
        let bands = Bands {
            cols: vec![0.0, 10.0, 20.0],
            rows: vec![0.0, 10.0, 20.0],
        };
        let cutter = Cutter::new(&bands);
        let a = vec![vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]];
        let b = vec![vec![[10.0, 10.0], [11.0, 10.0], [11.0, 11.0], [10.0, 11.0]]];
        let cells = cutter.cut(&[a, b], &bands);
        assert_eq!(cells.len(), 2);
        let merged = merge_slivers(cells, &bands, &cutter, 20.0);
        assert_eq!(merged.len(), 2);
        assert!(merged.iter().all(|m| m.merged_slivers == 0));
    }
}
