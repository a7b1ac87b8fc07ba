//! Pieces every importer shares: rings closed and noted as the GeoJSON reader notes them,
//! rings sorted into shells and holes by winding, the layer's name from its file.

use std::path::Path;

use geo::{Coord, Geometry, LineString, MultiPolygon, Polygon};

use crate::model::{GeometryNote, GeometryNoteKind};

/// The file's name without its extension, as the layers panel shows it.
pub(crate) fn layer_name(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// A ring as written, closed if it was not, with the same notes the GeoJSON reader makes
/// (too few positions, not closed), so QA treats every format alike.
pub(crate) fn ring(positions: Vec<Coord<f64>>, notes: &mut Vec<GeometryNote>) -> LineString<f64> {
    let written = positions.len();
    let mut ls = LineString(positions);
    let location = ls.0.first().map(|c| [c.x, c.y]);
    if written < 4 {
        notes.push(GeometryNote {
            kind: GeometryNoteKind::TooFewPositions,
            message: format!("ring has {written} positions; a ring needs at least 4"),
            location,
            positions: Some(written),
        });
    }
    if let (Some(first), Some(last)) = (ls.0.first(), ls.0.last())
        && first != last
    {
        notes.push(GeometryNote {
            kind: GeometryNoteKind::UnclosedRing,
            message: "ring is not closed: its last position differs from its first".into(),
            location,
            positions: None,
        });
        ls.close();
    }
    ls
}

/// Twice the signed planar area of a ring (shoelace): positive when counter-clockwise.
pub(crate) fn signed_area2(ring: &[Coord<f64>]) -> f64 {
    let Some(&first) = ring.first() else {
        return 0.0;
    };
    // Relative to the first vertex, so projected coordinates in the millions keep precision.
    ring.windows(2)
        .map(|w| {
            let (a, b) = (w[0] - first, w[1] - first);
            a.x * b.y - b.x * a.y
        })
        .sum()
}

/// True when `p` lies inside the closed `ring` (even–odd rule).
fn inside(p: Coord<f64>, ring: &[Coord<f64>]) -> bool {
    let mut inside = false;
    for w in ring.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
    }
    inside
}

/// Rings of a Shapefile polygon (or any format that tells shells from holes by winding alone)
/// sorted into polygons: the Shapefile specification draws outer rings clockwise and holes
/// counter-clockwise. Each hole goes to the smallest shell that holds its first vertex; a hole
/// no shell holds is kept as a shell of its own, as GDAL does, so no area is lost. Rings come
/// out in GeoJSON's order (RFC 7946: shells counter-clockwise, holes clockwise).
pub(crate) fn polygons_by_winding(
    rings: Vec<LineString<f64>>,
    outer_clockwise: bool,
) -> Option<Geometry<f64>> {
    let mut shells: Vec<(LineString<f64>, f64, Vec<LineString<f64>>)> = Vec::new();
    let mut holes = Vec::new();
    for ring in rings {
        let area2 = signed_area2(&ring.0);
        let clockwise = area2 < 0.0;
        if clockwise == outer_clockwise {
            shells.push((ring, area2.abs(), Vec::new()));
        } else {
            holes.push(ring);
        }
    }
    for hole in holes {
        let probe = hole.0.first().copied();
        let home = probe.and_then(|p| {
            shells
                .iter()
                .enumerate()
                .filter(|(_, (shell, _, _))| inside(p, &shell.0))
                .min_by(|a, b| a.1.1.total_cmp(&b.1.1))
                .map(|(i, _)| i)
        });
        match home {
            Some(i) => shells[i].2.push(hole),
            None => {
                let area2 = signed_area2(&hole.0).abs();
                shells.push((hole, area2, Vec::new()));
            }
        }
    }
    let mut polygons: Vec<Polygon<f64>> = shells
        .into_iter()
        .map(|(mut shell, _, mut holes)| {
            if signed_area2(&shell.0) < 0.0 {
                shell.0.reverse();
            }
            for h in &mut holes {
                if signed_area2(&h.0) > 0.0 {
                    h.0.reverse();
                }
            }
            Polygon::new(shell, holes)
        })
        .collect();
    match polygons.len() {
        0 => None,
        1 => polygons.pop().map(Geometry::Polygon),
        _ => Some(Geometry::MultiPolygon(MultiPolygon(polygons))),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use geo::coord;

    fn square(x0: f64, y0: f64, size: f64, clockwise: bool) -> LineString<f64> {
        let mut c = vec![
            coord! {x: x0, y: y0},
            coord! {x: x0 + size, y: y0},
            coord! {x: x0 + size, y: y0 + size},
            coord! {x: x0, y: y0 + size},
            coord! {x: x0, y: y0},
        ];
        if clockwise {
            c.reverse();
        }
        LineString(c)
    }

    #[test]
    fn holes_go_to_the_shell_that_holds_them_whatever_the_ring_order() {
        // Shapefile order: shell A, shell B, then a hole of A and a hole of B.
        let rings = vec![
            square(0.0, 0.0, 10.0, true),
            square(20.0, 0.0, 10.0, true),
            square(22.0, 2.0, 2.0, false),
            square(2.0, 2.0, 2.0, false),
        ];
        let Some(Geometry::MultiPolygon(mp)) = polygons_by_winding(rings, true) else {
            panic!("multipolygon expected")
        };
        assert_eq!(mp.0.len(), 2);
        assert_eq!(mp.0[0].interiors().len(), 1);
        assert!(
            mp.0[0].interiors()[0]
                .0
                .iter()
                .all(|c| (2.0..=4.0).contains(&c.x))
        );
        assert!(mp.0[1].interiors()[0].0.iter().all(|c| c.x >= 22.0));
        // RFC 7946 orientation on the way out.
        assert!(signed_area2(&mp.0[0].exterior().0) > 0.0);
        assert!(signed_area2(&mp.0[0].interiors()[0].0) < 0.0);
    }

    #[test]
    fn a_hole_without_a_shell_is_kept_as_a_shell() {
        let rings = vec![square(0.0, 0.0, 1.0, false)];
        let Some(Geometry::Polygon(p)) = polygons_by_winding(rings, true) else {
            panic!("polygon expected")
        };
        assert!(p.interiors().is_empty());
    }
}
