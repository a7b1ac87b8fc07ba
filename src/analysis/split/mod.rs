//! Splitting a hazard area into clearance sectors: a grid of boxes, parallel strips (lanes) or
//! parts of equal area, laid out from a base-line.
//!
//! # Method
//! 1. The input is checked before any work ([`SplitError`]): sizes and counts, then the
//!    geometry with the geometry QA of [`crate::analysis::qa`] (a self-intersecting ring is
//!    refused with the place it crosses itself).
//! 2. The area is projected to a local equal-area plane centred on it and turned so the
//!    base-line runs along the first axis ([`SplitFrame`], `(u, v)` metres). Nothing is cut in
//!    degrees.
//! 3. The cut positions are laid out: every `width_m` along the base-line and every
//!    `height_m` across it for a grid; `count` equal widths for strips; for equal parts, the
//!    positions where the area on one side reaches `k/N` of the total, found by bisection on
//!    the exact area of the area's part below a line.
//! 4. The area, holes included, is sliced by all cut lines at once (i_overlay, the engine of
//!    geo's `BooleanOps`); each piece goes to the cell its centroid lies in. A cell or strip
//!    the boundary cuts in two stays one sector (a MultiPolygon).
//! 5. Grid cells under `merge_slivers_below` of a full box go to the neighbour they share the
//!    longest edge with.
//! 6. Sectors are numbered 1…N: strips and parts along the base-line; grid boxes row by row
//!    away from the base-line, every other row backwards (boustrophedon).
//! 7. Each sector is projected back to longitude/latitude (exteriors counter-clockwise, as
//!    RFC 7946 asks) and measured with [`geodesic_area_m2`]. The sum is checked against the
//!    parent's area: a cover that is off by more than 0.01 % is refused rather than returned.
//!
//! ```
//! use geo::{Geometry, polygon};
//! use minemap::analysis::split::{split_hazard_area, Orientation, SplitMethod, SplitOptions};
//! // About 200 m × 100 m near Aghdam.
//! let field = Geometry::Polygon(polygon![
//!     (x: 46.9000, y: 40.0000), (x: 46.9023, y: 40.0000),
//!     (x: 46.9023, y: 40.0009), (x: 46.9000, y: 40.0009), (x: 46.9000, y: 40.0000),
//! ]);
//! let options = SplitOptions {
//!     method: SplitMethod::Strips { count: 4 },
//!     orientation: Orientation::Degrees(90.0),
//!     merge_slivers_below: None,
//! };
//! let sectors = split_hazard_area(&field, &options).unwrap();
//! assert_eq!(sectors.len(), 4);
//! let total: f64 = sectors.iter().map(|s| s.area_m2).sum();
//! assert!((total - 19_600.0).abs() < 200.0, "{total}");
//! ```

mod cut;
mod features;
mod frame;
mod slivers;

use std::sync::atomic::AtomicBool;

use geo::{Coord, Geometry, LineString, MultiPolygon, Polygon};
use thiserror::Error;

pub use features::{sector_features, sector_id};
pub use frame::{MAX_EXTENT_KM, Orientation, SplitFrame};

use self::cut::{Bands, Cutter, Shape, area_below};
use self::slivers::{Merged, merge_slivers};
use super::geodesy::geodesic_area_m2;
use super::qa::{ProblemKind, QaOptions, validate};
use super::{Cancelled, check_cancel};
use crate::model::{Feature, Layer};

/// The largest number of sectors one split may make (estimated from the bounding box first).
pub const MAX_CELLS: usize = 100_000;

/// Box sizes planners use, in metres (width along the base-line × depth).
pub const BOX_25: (f64, f64) = (25.0, 25.0);
/// See [`BOX_25`].
pub const BOX_50: (f64, f64) = (50.0, 50.0);
/// See [`BOX_25`].
pub const BOX_100: (f64, f64) = (100.0, 100.0);
/// The box sizes offered to users.
pub const BOX_SIZES: [(f64, f64); 3] = [BOX_25, BOX_50, BOX_100];

/// The default for [`SplitOptions::merge_slivers_below`]: 20 % of a full box.
pub const DEFAULT_SLIVER_SHARE: f64 = 0.2;

/// How a hazard area is divided.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum SplitMethod {
    /// Boxes `width_m` along the base-line by `height_m` across it.
    Grid { width_m: f64, height_m: f64 },
    /// `count` parallel lanes of equal width, side by side along the base-line, each running
    /// across it.
    Strips { count: usize },
    /// `count` parts of equal area (within 1 %), side by side along the base-line.
    EqualParts { count: usize },
}

impl SplitMethod {
    /// A grid of `size` boxes (one of [`BOX_SIZES`] or any other).
    #[must_use]
    pub fn grid((width_m, height_m): (f64, f64)) -> Self {
        Self::Grid { width_m, height_m }
    }
}

impl Default for SplitMethod {
    fn default() -> Self {
        Self::grid(BOX_50)
    }
}

/// Everything a split needs besides the geometry.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SplitOptions {
    pub method: SplitMethod,
    pub orientation: Orientation,
    /// Grid cells with less than this share (0..1) of a full box's area are merged into a
    /// neighbour; `None` keeps every cell. Only grids have slivers: strips and equal parts
    /// always give their `count`.
    pub merge_slivers_below: Option<f64>,
}

impl Default for SplitOptions {
    fn default() -> Self {
        Self {
            method: SplitMethod::default(),
            orientation: Orientation::Auto,
            merge_slivers_below: Some(DEFAULT_SLIVER_SHARE),
        }
    }
}

/// One clearance sector.
#[derive(Clone, Debug, PartialEq)]
pub struct Sector {
    /// Longitude/latitude; a Polygon, or a MultiPolygon where the boundary cut the box or
    /// strip in parts. Exteriors counter-clockwise, holes clockwise.
    pub geometry: Geometry<f64>,
    /// `sector_index`, 1…N (see the module doc for the order).
    pub index: usize,
    /// Geodesic area, m².
    pub area_m2: f64,
    /// Position in the layout, counted from 0: the column along the base-line and the row
    /// away from it (always 0 for strips and parts).
    pub column: usize,
    pub row: usize,
    /// How many slivers were merged into this sector.
    pub merged_slivers: usize,
}

/// Why a hazard area was not split. Nothing is computed before these checks pass.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum SplitError {
    #[error("the box {what} {value} m is not a positive number of metres")]
    BadCellSize { what: &'static str, value: f64 },
    #[error("the number of {what} must be at least 1")]
    ZeroCount { what: &'static str },
    #[error(
        "the sliver threshold {0} is not a share between 0 and 1 (0.2 merges cells under 20 % of a box)"
    )]
    BadSliverShare(f64),
    #[error(
        "this plan would make about {estimated} sectors, more than {limit}: choose larger boxes or fewer parts"
    )]
    TooManyCells { estimated: u64, limit: usize },
    #[error("a {0} cannot be split into sectors: only a Polygon or MultiPolygon can")]
    NotAPolygon(&'static str),
    #[error("the geometry is empty")]
    Empty,
    #[error("the geometry is not valid: {0}")]
    Invalid(String),
    #[error("the area is {extent_km:.0} km across; sectors are cut in one local plane, at most {max} km", max = MAX_EXTENT_KM)]
    TooLarge { extent_km: f64 },
    #[error("bad orientation: {0}")]
    BadOrientation(String),
    #[error(
        "the sectors' areas add up to {sum_m2:.1} m² but the hazard area has {parent_m2:.1} m² — do parts of the MultiPolygon overlap? (run the QA)"
    )]
    CoverMismatch { sum_m2: f64, parent_m2: f64 },
    #[error("the split was cancelled")]
    Cancelled,
}

impl From<Cancelled> for SplitError {
    fn from(_: Cancelled) -> Self {
        Self::Cancelled
    }
}

/// Splits a hazard area (longitude/latitude) into clearance sectors.
///
/// Fast enough to follow a slider: 100 m boxes over 1 km² take about a millisecond, 25 m
/// boxes a few (see `benches/split.rs`).
///
/// # Errors
/// A [`SplitError`] saying what is wrong with the options or the geometry, found before any
/// cutting; [`SplitError::CoverMismatch`] when the sectors would not cover the area exactly.
pub fn split_hazard_area(
    geometry: &Geometry<f64>,
    options: &SplitOptions,
) -> Result<Vec<Sector>, SplitError> {
    split_hazard_area_cancellable(geometry, options, &AtomicBool::new(false))
}

/// [`split_hazard_area`] that stops with [`SplitError::Cancelled`] between its stages once
/// `cancel` is set (for a background thread the GUI can abandon).
///
/// # Errors
/// As [`split_hazard_area`], and [`SplitError::Cancelled`].
pub fn split_hazard_area_cancellable(
    geometry: &Geometry<f64>,
    options: &SplitOptions,
    cancel: &AtomicBool,
) -> Result<Vec<Sector>, SplitError> {
    check_options(options)?;
    let polygons = polygons_of(geometry)?;
    check_geometry(geometry)?;
    let frame = SplitFrame::new(&polygons, &options.orientation)?;
    let shapes = frame.polygons_to_uv(&polygons);
    let bands = layout(&shapes, &frame, &options.method)?;
    check_cancel(cancel)?;

    let cutter = Cutter::new(&bands);
    let cells = cutter.cut(&shapes, &bands);
    check_cancel(cancel)?;

    let merged: Vec<Merged> = match (&options.method, options.merge_slivers_below) {
        (SplitMethod::Grid { width_m, height_m }, Some(share)) if share > 0.0 => {
            merge_slivers(cells, &bands, &cutter, share * width_m * height_m)
        }
        _ => cells
            .into_iter()
            .map(|c| Merged {
                col: c.col,
                row: c.row,
                shapes: c.shapes,
                merged_slivers: 0,
            })
            .collect(),
    };
    check_cancel(cancel)?;

    let ordered = order(merged, &options.method);
    let sectors: Vec<Sector> = ordered
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let geometry = to_lon_lat(&frame, &m.shapes);
            Sector {
                area_m2: geodesic_area_m2(&geometry),
                geometry,
                index: i + 1,
                column: m.col,
                row: m.row,
                merged_slivers: m.merged_slivers,
            }
        })
        .collect();

    let parent_m2 = geodesic_area_m2(&Geometry::MultiPolygon(polygons));
    let sum_m2: f64 = sectors.iter().map(|s| s.area_m2).sum();
    if (sum_m2 - parent_m2).abs() > 1e-4 * parent_m2 {
        return Err(SplitError::CoverMismatch { sum_m2, parent_m2 });
    }
    Ok(sectors)
}

/// The frame a split with this orientation cuts in: for previews (drawing the base-line and
/// the grid) and for checking results.
///
/// # Errors
/// As [`split_hazard_area`] for the geometry and the orientation.
pub fn split_frame(
    geometry: &Geometry<f64>,
    orientation: &Orientation,
) -> Result<SplitFrame, SplitError> {
    SplitFrame::new(&polygons_of(geometry)?, orientation)
}

fn check_options(options: &SplitOptions) -> Result<(), SplitError> {
    match options.method {
        SplitMethod::Grid { width_m, height_m } => {
            for (what, value) in [("width", width_m), ("depth", height_m)] {
                if !(value.is_finite() && value > 0.0) {
                    return Err(SplitError::BadCellSize { what, value });
                }
            }
        }
        SplitMethod::Strips { count } => check_count(count, "strips")?,
        SplitMethod::EqualParts { count } => check_count(count, "parts")?,
    }
    if let Some(share) = options.merge_slivers_below
        && !(share.is_finite() && (0.0..=1.0).contains(&share))
    {
        return Err(SplitError::BadSliverShare(share));
    }
    Ok(())
}

fn check_count(count: usize, what: &'static str) -> Result<(), SplitError> {
    if count == 0 {
        return Err(SplitError::ZeroCount { what });
    }
    if count > MAX_CELLS {
        return Err(SplitError::TooManyCells {
            estimated: count as u64,
            limit: MAX_CELLS,
        });
    }
    Ok(())
}

/// The polygons of a polygonal geometry, or why it is not one.
fn polygons_of(geometry: &Geometry<f64>) -> Result<MultiPolygon<f64>, SplitError> {
    let mp = match geometry {
        Geometry::Polygon(p) => MultiPolygon(vec![p.clone()]),
        Geometry::MultiPolygon(mp) => mp.clone(),
        Geometry::Rect(r) => MultiPolygon(vec![r.to_polygon()]),
        Geometry::Triangle(t) => MultiPolygon(vec![t.to_polygon()]),
        Geometry::Point(_) => return Err(SplitError::NotAPolygon("Point")),
        Geometry::MultiPoint(_) => return Err(SplitError::NotAPolygon("MultiPoint")),
        Geometry::Line(_) | Geometry::LineString(_) => {
            return Err(SplitError::NotAPolygon("LineString"));
        }
        Geometry::MultiLineString(_) => return Err(SplitError::NotAPolygon("MultiLineString")),
        Geometry::GeometryCollection(_) => {
            return Err(SplitError::NotAPolygon("GeometryCollection"));
        }
    };
    let mp = MultiPolygon(
        mp.0.into_iter()
            .filter(|p| !p.exterior().0.is_empty())
            .collect(),
    );
    if mp.0.is_empty() {
        return Err(SplitError::Empty);
    }
    Ok(mp)
}

/// The geometry QA's verdict on the problems that make a cover meaningless. Repeated vertices
/// and long segments are harmless here and pass.
fn check_geometry(geometry: &Geometry<f64>) -> Result<(), SplitError> {
    let feature = Feature {
        geometry: Some(geometry.clone()),
        ..Feature::default()
    };
    let layer = Layer::new("hazard area".into(), None, vec![feature]);
    let options = QaOptions {
        check_overlaps: false,
        max_segment_m: f64::INFINITY,
        ..QaOptions::default()
    };
    let fatal = validate(&[&layer], &options).into_iter().find(|p| {
        matches!(
            p.kind,
            ProblemKind::SelfIntersection
                | ProblemKind::TooFewVertices
                | ProblemKind::CoordinatesOutOfRange
                | ProblemKind::HoleOutsideShell
                | ProblemKind::EmptyGeometry
                | ProblemKind::NullGeometry
        )
    });
    match fatal {
        Some(p) if p.kind == ProblemKind::EmptyGeometry => Err(SplitError::Empty),
        Some(p) => Err(SplitError::Invalid(p.message)),
        None => Ok(()),
    }
}

/// Column and row boundaries for the method, after checking the number of cells.
fn layout(shapes: &[Shape], frame: &SplitFrame, method: &SplitMethod) -> Result<Bands, SplitError> {
    let (lo, hi) = uv_bounds(shapes).ok_or(SplitError::Empty)?;
    let rows_once = vec![lo[1], hi[1]];
    Ok(match *method {
        SplitMethod::Grid { width_m, height_m } => {
            let anchor = frame.grid_anchor.unwrap_or(lo);
            let (first_c, n_c) = bands_covering(lo[0], hi[0], anchor[0], width_m);
            let (first_r, n_r) = bands_covering(lo[1], hi[1], anchor[1], height_m);
            let estimated = n_c.saturating_mul(n_r);
            if estimated > MAX_CELLS as u64 {
                return Err(SplitError::TooManyCells {
                    estimated,
                    limit: MAX_CELLS,
                });
            }
            #[allow(clippy::cast_precision_loss)] // band numbers are far below 2^52
            let at = |first: i64, k: u64, origin: f64, size: f64| {
                origin + (first as f64 + k as f64) * size
            };
            Bands {
                cols: (0..=n_c)
                    .map(|k| at(first_c, k, anchor[0], width_m))
                    .collect(),
                rows: (0..=n_r)
                    .map(|k| at(first_r, k, anchor[1], height_m))
                    .collect(),
            }
        }
        SplitMethod::Strips { count } => {
            #[allow(clippy::cast_precision_loss)] // count ≤ 100 000
            let step = (hi[0] - lo[0]) / count as f64;
            #[allow(clippy::cast_precision_loss)]
            let mut cols: Vec<f64> = (0..count).map(|k| lo[0] + k as f64 * step).collect();
            cols.push(hi[0]);
            Bands {
                cols,
                rows: rows_once,
            }
        }
        SplitMethod::EqualParts { count } => Bands {
            cols: equal_area_cuts(shapes, lo[0], hi[0], count),
            rows: rows_once,
        },
    })
}

/// The bands of `size` from `anchor` that cover `lo..=hi`: the number (from `anchor`) of the
/// first one, and how many (at least one). Clamped so that absurd inputs cannot overflow;
/// the count is checked against [`MAX_CELLS`] before anything is allocated.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn bands_covering(lo: f64, hi: f64, anchor: f64, size: f64) -> (i64, u64) {
    // An area that overshoots a band boundary by less than a millimetre (a 150 m field in
    // 50 m boxes, measured as 150.000 000 1 m) gets no extra band: the overshoot stays in the
    // last band, as the outer boundaries are not cut.
    let slack = 1e-3 / size;
    let first = ((lo - anchor) / size + slack).floor().clamp(-1e15, 1e15) as i64;
    let end = ((hi - anchor) / size - slack).ceil().clamp(-1e15, 1e15) as i64;
    (first, (end - first).max(1) as u64)
}

fn uv_bounds(shapes: &[Shape]) -> Option<([f64; 2], [f64; 2])> {
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    for p in shapes.iter().filter_map(|s| s.first()).flatten() {
        lo = [lo[0].min(p[0]), lo[1].min(p[1])];
        hi = [hi[0].max(p[0]), hi[1].max(p[1])];
    }
    (lo[0] <= hi[0] && lo[1] <= hi[1]).then_some((lo, hi))
}

/// The `count + 1` boundaries along `u` that divide the area into parts of equal area: each
/// inner one found by bisection on the area below it (monotone in the position).
fn equal_area_cuts(shapes: &[Shape], lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let total = area_below(shapes, hi);
    let mut cols = vec![lo];
    let mut from = lo;
    for k in 1..count {
        #[allow(clippy::cast_precision_loss)] // count ≤ 100 000
        let target = total * k as f64 / count as f64;
        let (mut a, mut b) = (from, hi);
        // 60 halvings take a 200 km extent below a nanometre.
        for _ in 0..60 {
            let mid = 0.5 * (a + b);
            if area_below(shapes, mid) < target {
                a = mid;
            } else {
                b = mid;
            }
        }
        from = 0.5 * (a + b);
        cols.push(from);
    }
    cols.push(hi);
    cols
}

/// Sectors in `sector_index` order: along the base-line; grids row by row away from it,
/// every other row backwards.
fn order(mut merged: Vec<Merged>, method: &SplitMethod) -> Vec<Merged> {
    merged.sort_by_key(|m| (m.row, m.col));
    if !matches!(method, SplitMethod::Grid { .. }) {
        return merged;
    }
    // Rows that hold sectors, in order; odd ones (counting only those) run backwards, so
    // consecutive sectors stay neighbours even across an empty row.
    let mut out = Vec::with_capacity(merged.len());
    let mut rest = merged.as_slice();
    let mut backwards = false;
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|m| m.row == first.row).count();
        let (row, tail) = rest.split_at(n);
        if backwards {
            out.extend(row.iter().rev().cloned());
        } else {
            out.extend(row.iter().cloned());
        }
        backwards = !backwards;
        rest = tail;
    }
    out
}

/// A sector's `(u, v)` shapes as a longitude/latitude Polygon or MultiPolygon, exteriors
/// counter-clockwise. i_overlay returns exteriors counter-clockwise in `(u, v)`; the frame
/// mirrors them when `v` points to the right of the base-line.
fn to_lon_lat(frame: &SplitFrame, shapes: &[Shape]) -> Geometry<f64> {
    let mirror = !frame.is_right_handed();
    let ring = |r: &Vec<[f64; 2]>| {
        let mut coords: Vec<Coord<f64>> = r
            .iter()
            .map(|&[u, v]| {
                let [x, y] = frame.to_lon_lat(u, v);
                Coord { x, y }
            })
            .collect();
        if mirror {
            coords.reverse();
        }
        if let Some(&first) = coords.first() {
            coords.push(first);
        }
        LineString(coords)
    };
    let mut polygons: Vec<Polygon<f64>> = shapes
        .iter()
        .filter_map(|s| {
            let (exterior, holes) = s.split_first()?;
            Some(Polygon::new(
                ring(exterior),
                holes.iter().map(ring).collect(),
            ))
        })
        .collect();
    if polygons.len() == 1 {
        Geometry::Polygon(polygons.remove(0))
    } else {
        Geometry::MultiPolygon(MultiPolygon(polygons))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use geo::{Centroid, Geometry, LineString, MultiPolygon, Polygon, polygon};

    use super::*;
    use crate::analysis::geodesy::LocalEqualArea;

    /// A polygon drawn in metres around (46.9 E, 40.0 N), written in degrees.
    fn metres(outer: &[(f64, f64)], holes: &[&[(f64, f64)]]) -> Polygon<f64> {
        let laea = LocalEqualArea::new(46.9, 40.0);
        let ring = |pts: &[(f64, f64)]| {
            let mut coords: Vec<geo::Coord<f64>> = pts
                .iter()
                .map(|&(x, y)| {
                    let [lon, lat] = laea.unproject(x, y);
                    geo::coord! { x: lon, y: lat }
                })
                .collect();
            coords.push(coords[0]);
            LineString(coords)
        };
        Polygon::new(ring(outer), holes.iter().map(|h| ring(h)).collect())
    }

    fn rect(w: f64, h: f64) -> Geometry<f64> {
        Geometry::Polygon(metres(&[(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)], &[]))
    }

    /// A `w` × `h` m rectangle centred on (46.9 E, 40.0 N), where the split's own plane is
    /// centred too, so its sides lie exactly on that plane's axes.
    fn centred_rect(w: f64, h: f64) -> Geometry<f64> {
        let (a, b) = (0.5 * w, 0.5 * h);
        Geometry::Polygon(metres(&[(-a, -b), (a, -b), (a, b), (-a, b)], &[]))
    }

    fn options(method: SplitMethod, orientation: Orientation) -> SplitOptions {
        SplitOptions {
            method,
            orientation,
            merge_slivers_below: None,
        }
    }

    fn centroid(g: &Geometry<f64>) -> (f64, f64) {
        let c = g.centroid().unwrap();
        (c.x(), c.y())
    }

    #[test]
    fn auto_orientation_follows_the_long_side_of_a_turned_rectangle() {
        // 400 m × 60 m, its long side at bearing 60° (turned 30° from east, anticlockwise).
        let (s, c) = (30f64.to_radians().sin(), 30f64.to_radians().cos());
        let pts: Vec<(f64, f64)> = [(0.0, 0.0), (400.0, 0.0), (400.0, 60.0), (0.0, 60.0)]
            .iter()
            .map(|&(x, y)| (x * c - y * s, x * s + y * c))
            .collect();
        let g = Geometry::Polygon(metres(&pts, &[]));
        let frame = split_frame(&g, &Orientation::Auto).unwrap();
        assert!(
            (frame.bearing_deg() - 60.0).abs() < 0.01,
            "{}",
            frame.bearing_deg()
        );
        // Four strips along the long side are four 100 m lanes.
        let sectors = split_hazard_area(
            &g,
            &options(SplitMethod::Strips { count: 4 }, Orientation::Auto),
        )
        .unwrap();
        assert_eq!(sectors.len(), 4);
        for s in &sectors {
            assert!((s.area_m2 - 6_000.0).abs() < 1.0, "{}", s.area_m2);
        }
    }

    #[test]
    fn strips_at_bearing_90_run_west_to_east_and_at_270_east_to_west() {
        let g = rect(300.0, 100.0);
        for (bearing, eastward) in [(90.0, true), (270.0, false)] {
            let sectors = split_hazard_area(
                &g,
                &options(
                    SplitMethod::Strips { count: 3 },
                    Orientation::Degrees(bearing),
                ),
            )
            .unwrap();
            let lons: Vec<f64> = sectors.iter().map(|s| centroid(&s.geometry).0).collect();
            assert_eq!(
                sectors.iter().map(|s| s.index).collect::<Vec<_>>(),
                [1, 2, 3]
            );
            let increasing = lons.windows(2).all(|w| w[1] > w[0]);
            assert_eq!(increasing, eastward, "{lons:?}");
        }
    }

    #[test]
    fn a_base_line_orders_sectors_from_its_start_and_rows_from_the_line() {
        // The base-line runs along the north edge from east to west: sector 1 is at the north
        // east corner and row 0 along the north edge.
        let g = rect(200.0, 100.0);
        let laea = LocalEqualArea::new(46.9, 40.0);
        let [e_lon, e_lat] = laea.unproject(200.0, 100.0);
        let [w_lon, w_lat] = laea.unproject(0.0, 100.0);
        let line = LineString::from(vec![(e_lon, e_lat), (w_lon, w_lat)]);
        let sectors = split_hazard_area(
            &g,
            &options(SplitMethod::grid(BOX_50), Orientation::BaseLine(line)),
        )
        .unwrap();
        assert_eq!(sectors.len(), 8);
        let first = centroid(&sectors[0].geometry);
        let [x, y] = laea.project(first.0, first.1);
        assert!((x - 175.0).abs() < 0.5 && (y - 75.0).abs() < 0.5, "{x} {y}");
        // Boustrophedon: the second row starts where the first ended, in the west.
        let fifth = centroid(&sectors[4].geometry);
        let [x, y] = laea.project(fifth.0, fifth.1);
        assert!((x - 25.0).abs() < 0.5 && (y - 25.0).abs() < 0.5, "{x} {y}");
    }

    #[test]
    fn grid_sectors_snake_row_by_row() {
        let g = centred_rect(150.0, 150.0);
        let sectors = split_hazard_area(
            &g,
            &options(SplitMethod::grid(BOX_50), Orientation::Degrees(90.0)),
        )
        .unwrap();
        let order: Vec<(usize, usize)> = sectors.iter().map(|s| (s.column, s.row)).collect();
        assert_eq!(
            order,
            [
                (0, 0),
                (1, 0),
                (2, 0),
                (2, 1),
                (1, 1),
                (0, 1),
                (0, 2),
                (1, 2),
                (2, 2)
            ]
        );
        for s in &sectors {
            assert!((s.area_m2 - 2_500.0).abs() < 0.1, "{}", s.area_m2);
        }
    }

    #[test]
    fn slivers_under_the_share_join_their_neighbour_and_larger_cells_stay() {
        // 105 m × 100 m in 50 m boxes: the last column is 5 m wide (10 % of a box).
        let g = rect(105.0, 100.0);
        let mut o = options(SplitMethod::grid(BOX_50), Orientation::Degrees(90.0));
        assert_eq!(split_hazard_area(&g, &o).unwrap().len(), 6);
        o.merge_slivers_below = Some(0.2);
        let merged = split_hazard_area(&g, &o).unwrap();
        assert_eq!(merged.len(), 4);
        let wide: Vec<&Sector> = merged.iter().filter(|s| s.merged_slivers == 1).collect();
        assert_eq!(wide.len(), 2);
        for s in wide {
            assert_eq!(s.column, 1);
            assert!((s.area_m2 - 2_750.0).abs() < 0.1, "{}", s.area_m2);
            assert!(
                matches!(s.geometry, Geometry::Polygon(_)),
                "one polygon, no seam"
            );
        }
        // At 5 % nothing is a sliver.
        o.merge_slivers_below = Some(0.05);
        assert_eq!(split_hazard_area(&g, &o).unwrap().len(), 6);
    }

    #[test]
    fn a_strip_the_boundary_cuts_in_two_is_one_multipolygon_sector() {
        // A U open to the north, cut in three 100 m bands of northing (bearing 0): the
        // lowest band holds the base, the two above it both arms each.
        let u = metres(
            &[
                (0.0, 0.0),
                (300.0, 0.0),
                (300.0, 300.0),
                (200.0, 300.0),
                (200.0, 100.0),
                (100.0, 100.0),
                (100.0, 300.0),
                (0.0, 300.0),
            ],
            &[],
        );
        let g = Geometry::Polygon(u);
        let sectors = split_hazard_area(
            &g,
            &options(SplitMethod::Strips { count: 3 }, Orientation::Degrees(0.0)),
        )
        .unwrap();
        assert_eq!(sectors.len(), 3);
        let multi: Vec<&Sector> = sectors
            .iter()
            .filter(|s| matches!(&s.geometry, Geometry::MultiPolygon(mp) if mp.0.len() == 2))
            .collect();
        assert_eq!(multi.len(), 2, "the two bands above the base cut both arms");
    }

    #[test]
    fn equal_parts_of_a_concave_area_with_a_hole_have_equal_areas() {
        let g = Geometry::Polygon(metres(
            &[
                (0.0, 0.0),
                (400.0, 0.0),
                (350.0, 300.0),
                (200.0, 120.0),
                (50.0, 320.0),
            ],
            &[&[(100.0, 50.0), (160.0, 50.0), (160.0, 90.0), (100.0, 90.0)]],
        ));
        let sectors = split_hazard_area(
            &g,
            &options(
                SplitMethod::EqualParts { count: 7 },
                Orientation::Degrees(75.0),
            ),
        )
        .unwrap();
        assert_eq!(sectors.len(), 7);
        let total: f64 = sectors.iter().map(|s| s.area_m2).sum();
        for s in &sectors {
            assert!(
                (s.area_m2 * 7.0 / total - 1.0).abs() < 1e-6,
                "{}",
                s.area_m2
            );
        }
    }

    #[test]
    fn bad_cell_sizes_and_counts_are_refused_before_any_work() {
        let g = rect(100.0, 100.0);
        let o = |m| options(m, Orientation::Auto);
        for bad in [0.0, -25.0, f64::NAN, f64::INFINITY] {
            let e = split_hazard_area(
                &g,
                &o(SplitMethod::Grid {
                    width_m: bad,
                    height_m: 25.0,
                }),
            );
            assert!(
                matches!(e, Err(SplitError::BadCellSize { what: "width", .. })),
                "{e:?}"
            );
            let e = split_hazard_area(
                &g,
                &o(SplitMethod::Grid {
                    width_m: 25.0,
                    height_m: bad,
                }),
            );
            assert!(
                matches!(e, Err(SplitError::BadCellSize { what: "depth", .. })),
                "{e:?}"
            );
        }
        assert_eq!(
            split_hazard_area(&g, &o(SplitMethod::Strips { count: 0 })),
            Err(SplitError::ZeroCount { what: "strips" })
        );
        assert_eq!(
            split_hazard_area(&g, &o(SplitMethod::EqualParts { count: 0 })),
            Err(SplitError::ZeroCount { what: "parts" })
        );
        let mut bad_share = o(SplitMethod::grid(BOX_25));
        bad_share.merge_slivers_below = Some(f64::NAN);
        assert!(matches!(
            split_hazard_area(&g, &bad_share),
            Err(SplitError::BadSliverShare(_))
        ));
    }

    #[test]
    fn a_plan_of_more_than_100000_cells_is_refused_from_the_bounding_box() {
        // 10 km × 10 km in 25 m boxes: 160 000 cells.
        let g = rect(10_000.0, 10_000.0);
        let e = split_hazard_area(
            &g,
            &options(SplitMethod::grid(BOX_25), Orientation::Degrees(0.0)),
        );
        assert!(
            matches!(
                e,
                Err(SplitError::TooManyCells {
                    estimated: 160_000..,
                    limit: 100_000
                })
            ),
            "{e:?}"
        );
        assert!(e.unwrap_err().to_string().contains("choose larger boxes"));
    }

    #[test]
    fn points_lines_and_empty_geometries_are_refused() {
        let o = options(SplitMethod::grid(BOX_25), Orientation::Auto);
        let point = Geometry::Point(geo::Point::new(46.9, 40.0));
        assert_eq!(
            split_hazard_area(&point, &o),
            Err(SplitError::NotAPolygon("Point"))
        );
        let line = Geometry::LineString(LineString::from(vec![(46.9, 40.0), (47.0, 40.0)]));
        assert_eq!(
            split_hazard_area(&line, &o),
            Err(SplitError::NotAPolygon("LineString"))
        );
        let empty = Geometry::MultiPolygon(MultiPolygon::<f64>(vec![]));
        assert_eq!(split_hazard_area(&empty, &o), Err(SplitError::Empty));
        let empty_ring = Geometry::Polygon(Polygon::new(LineString(vec![]), vec![]));
        assert_eq!(split_hazard_area(&empty_ring, &o), Err(SplitError::Empty));
    }

    #[test]
    fn a_self_intersecting_area_is_refused_with_the_crossing_point() {
        // A bow tie crossing itself at (46.1, 39.8).
        let bow = Geometry::Polygon(polygon![
            (x: 46.099, y: 39.799), (x: 46.101, y: 39.801),
            (x: 46.101, y: 39.799), (x: 46.099, y: 39.801), (x: 46.099, y: 39.799),
        ]);
        let e = split_hazard_area(&bow, &options(SplitMethod::grid(BOX_25), Orientation::Auto))
            .unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, SplitError::Invalid(_)), "{e:?}");
        assert!(
            text.contains("crosses itself at (46.100000, 39.800000)"),
            "{text}"
        );
    }

    #[test]
    fn a_base_line_of_one_point_or_a_nan_angle_is_refused() {
        let g = rect(100.0, 100.0);
        let point_line = LineString::from(vec![(46.9, 40.0), (46.9, 40.0)]);
        for orientation in [
            Orientation::BaseLine(point_line),
            Orientation::Degrees(f64::NAN),
        ] {
            let e = split_hazard_area(&g, &options(SplitMethod::grid(BOX_25), orientation));
            assert!(matches!(e, Err(SplitError::BadOrientation(_))), "{e:?}");
        }
    }

    #[test]
    fn a_cancelled_split_stops() {
        let cancel = AtomicBool::new(true);
        let e = split_hazard_area_cancellable(
            &rect(100.0, 100.0),
            &options(SplitMethod::grid(BOX_25), Orientation::Auto),
            &cancel,
        );
        assert_eq!(e, Err(SplitError::Cancelled));
    }

    #[test]
    fn overlapping_parts_of_a_multipolygon_are_refused_not_covered_wrongly() {
        let a = metres(
            &[(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)],
            &[],
        );
        let b = metres(
            &[(50.0, 0.0), (150.0, 0.0), (150.0, 100.0), (50.0, 100.0)],
            &[],
        );
        let g = Geometry::MultiPolygon(MultiPolygon(vec![a, b]));
        let e = split_hazard_area(&g, &options(SplitMethod::grid(BOX_25), Orientation::Auto));
        assert!(matches!(e, Err(SplitError::CoverMismatch { .. })), "{e:?}");
    }
}
