//! Geometry quality checks, as mine-action programmes run them (GICHD geocheck, DOMAIN.md):
//! invalid rings, duplicate vertices, coordinate typos, duplicates and overlapping hazard areas.
//!
//! Each [`Problem`] names the feature (layer, index, id), says in words what is wrong, and
//! gives a place to zoom to. Per-feature checks run in parallel (rayon); duplicates are found
//! with hashes; overlaps between hazard areas only test pairs whose boxes meet (R-tree), then
//! measure the overlap in an equal-area plane.
//!
//! Unclosed rings and rings with too few positions are noted by the reader (which closes
//! rings as every GIS does); those notes are reported here rather than re-parsing the file.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::atomic::AtomicBool;

use geo::{
    BoundingRect, Coord, Geometry, Intersects, Line, LineString, Point, Polygon,
    line_intersection::{LineIntersection, line_intersection},
};
use rayon::prelude::*;
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};
use serde_json::Value;

use super::geodesy::{geodesic_distance_m, short_segment_m};
use super::totals::overlap_area_m2;
use super::{Cancelled, Selection, check_cancel, is_hazard_area};
use crate::model::{Feature, GeometryNoteKind, Layer, LayerId};

/// The kinds of problem, with the codes reports use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    SelfIntersection,
    TooFewVertices,
    DuplicateVertex,
    LongSegment,
    CoordinatesOutOfRange,
    UnclosedRing,
    HoleOutsideShell,
    EmptyGeometry,
    NullGeometry,
    DuplicateId,
    DuplicateGeometry,
    Overlap,
}

impl ProblemKind {
    pub const ALL: [Self; 12] = [
        Self::SelfIntersection,
        Self::TooFewVertices,
        Self::DuplicateVertex,
        Self::LongSegment,
        Self::CoordinatesOutOfRange,
        Self::UnclosedRing,
        Self::HoleOutsideShell,
        Self::EmptyGeometry,
        Self::NullGeometry,
        Self::DuplicateId,
        Self::DuplicateGeometry,
        Self::Overlap,
    ];

    /// The code written in reports (`self_intersection`, …).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::SelfIntersection => "self_intersection",
            Self::TooFewVertices => "too_few_vertices",
            Self::DuplicateVertex => "duplicate_vertex",
            Self::LongSegment => "long_segment",
            Self::CoordinatesOutOfRange => "coordinates_out_of_range",
            Self::UnclosedRing => "unclosed_ring",
            Self::HoleOutsideShell => "hole_outside_shell",
            Self::EmptyGeometry => "empty_geometry",
            Self::NullGeometry => "null_geometry",
            Self::DuplicateId => "duplicate_id",
            Self::DuplicateGeometry => "duplicate_geometry",
            Self::Overlap => "overlap",
        }
    }

    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::SelfIntersection => "Self-intersection",
            Self::TooFewVertices => "Too few vertices",
            Self::DuplicateVertex => "Duplicate vertex",
            Self::LongSegment => "Long segment",
            Self::CoordinatesOutOfRange => "Coordinates out of range",
            Self::UnclosedRing => "Unclosed ring",
            Self::HoleOutsideShell => "Hole outside shell",
            Self::EmptyGeometry => "Empty geometry",
            Self::NullGeometry => "No geometry",
            Self::DuplicateId => "Duplicate id",
            Self::DuplicateGeometry => "Duplicate geometry",
            Self::Overlap => "Overlap",
        }
    }
}

/// One problem with one feature.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Problem {
    #[serde(skip)]
    pub layer: LayerId,
    /// The layer's file path, or its name for layers made in minemap.
    pub file: String,
    /// 0-based position of the feature in its layer.
    pub index: usize,
    /// The GeoJSON id, or null.
    pub id: Value,
    pub kind: ProblemKind,
    /// What is wrong, where, in English words (`detail.english()`).
    pub message: String,
    /// The same as data, for a message in the interface language.
    #[serde(skip)]
    pub detail: ProblemDetail,
    /// `[lon, lat]` to zoom to; `None` for a feature without geometry.
    pub location: Option<[f64; 2]>,
}

/// Which part of a geometry a problem is in, as messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Line,
    /// A polygon's outer ring.
    Ring,
    Hole,
}

impl Part {
    /// The English word, as messages write it (and catalogues select on).
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::Line => "line",
            Self::Ring => "ring",
            Self::Hole => "hole",
        }
    }
}

/// How a polygon's boundary meets itself at a self-intersection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crossing {
    /// Two collinear segments overlap.
    RunsBack,
    /// Two segments of one ring cross.
    Crosses,
    /// A hole crosses the outer ring or another hole.
    HoleCrosses,
    /// A ring touches itself at a point.
    Touches,
}

impl Crossing {
    fn words(self) -> &'static str {
        match self {
            Self::RunsBack => "the boundary runs back over itself",
            Self::Crosses => "the boundary crosses itself",
            Self::HoleCrosses => "a hole crosses another ring",
            Self::Touches => "the boundary touches itself",
        }
    }
}

/// What a [`Problem`] says, as data: the figures, places and ids of its sentence, so the
/// interface can say it in its own language (`i18n::qa::problem_message`). [`Self::english`]
/// is the sentence the command line and JSON reports write.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemDetail {
    /// The feature's geometry is null.
    NoGeometry,
    /// The reader could not read the geometry; `reason` is the reader's (English) words.
    Unreadable { reason: String },
    /// A reader's note kept as it was written (an unreadable part of a kept geometry).
    ReaderNote { text: String },
    /// A ring was written with fewer than 4 positions.
    RingPositions { positions: usize },
    /// A ring's last position differs from its first.
    RingNotClosed,
    /// A geometry of `geometry_type` (GeoJSON name) without coordinates.
    NoCoordinates { geometry_type: String },
    /// A latitude beyond ±90 that would be a valid longitude: the axes look swapped.
    AxesSwapped { at: [f64; 2] },
    /// A coordinate outside −180..180 / −90..90 or not a number.
    OutOfRange { at: [f64; 2] },
    /// The longest of `count` segments of a part longer than `max_m`.
    LongSegment {
        from: [f64; 2],
        to: [f64; 2],
        length_m: f64,
        max_m: f64,
        part: Part,
        count: usize,
    },
    /// The first of `count` vertices repeated consecutively in a part.
    RepeatedVertex {
        at: [f64; 2],
        part: Part,
        count: usize,
    },
    /// A line with fewer than 2 distinct vertices.
    LineTooFewVertices,
    /// A polygon ring with `distinct` (< 3) distinct vertices.
    RingTooFewVertices { part: Part, distinct: usize },
    /// The first of `count` crossings of a polygon's rings.
    SelfIntersection {
        crossing: Crossing,
        at: [f64; 2],
        count: usize,
    },
    /// A hole vertex outside the outer ring.
    HoleOutsideShell { at: [f64; 2] },
    /// The id (as text) is also used by the feature at index `first`.
    DuplicateId { id: String, first: usize },
    /// The same geometry as the feature at index `first` (shown id `first_id`).
    DuplicateGeometry { first: usize, first_id: String },
    /// A hazard area overlapping feature `other` (shown id `other_id`) by `area_m2`;
    /// `other_file` when that feature is in another layer.
    Overlap {
        other: usize,
        other_id: String,
        other_file: Option<String>,
        area_m2: f64,
    },
}

impl ProblemDetail {
    /// The English sentence, as reports write it.
    #[must_use]
    pub fn english(&self) -> String {
        match self {
            Self::NoGeometry => {
                "the feature has no geometry (null): it cannot be drawn or measured".to_owned()
            }
            Self::Unreadable { reason } => {
                format!("{reason} — the feature was kept without geometry")
            }
            Self::ReaderNote { text } => text.clone(),
            Self::RingPositions { positions } => {
                format!("ring has {positions} positions; a ring needs at least 4")
            }
            Self::RingNotClosed => {
                "ring is not closed: its last position differs from its first".to_owned()
            }
            Self::NoCoordinates { geometry_type } => {
                format!("the {geometry_type} has no coordinates")
            }
            Self::AxesSwapped { at } => format!(
                "coordinate {} has latitude {:.6} beyond ±90: latitude and longitude look swapped",
                coord_text(*at),
                at[1]
            ),
            Self::OutOfRange { at } => format!(
                "coordinate {} is outside longitude −180..180 / latitude −90..90",
                coord_text(*at)
            ),
            Self::LongSegment {
                from,
                to,
                length_m,
                max_m,
                part,
                count,
            } => {
                let more = if *count > 1 {
                    format!(
                        " ({count} segments of this {} are longer than {})",
                        part.word(),
                        length_text(*max_m)
                    )
                } else {
                    String::new()
                };
                format!(
                    "consecutive vertices {} and {} are {} apart, more than {} — a typo in a coordinate?{more}",
                    coord_text(*from),
                    coord_text(*to),
                    length_text(*length_m),
                    length_text(*max_m)
                )
            }
            Self::RepeatedVertex { at, part, count } => {
                let more = if *count > 1 {
                    format!(" ({count} repeated vertices in this {})", part.word())
                } else {
                    String::new()
                };
                format!("vertex {} is repeated consecutively{more}", coord_text(*at))
            }
            Self::LineTooFewVertices => "the line has fewer than 2 distinct vertices".to_owned(),
            Self::RingTooFewVertices { part, distinct } => format!(
                "the {} has {distinct} distinct vertices; a polygon ring needs at least 3",
                part.word()
            ),
            Self::SelfIntersection {
                crossing,
                at,
                count,
            } => {
                let more = if *count > 1 {
                    format!(" ({count} crossings in this polygon)")
                } else {
                    String::new()
                };
                format!("{} at {}{more}", crossing.words(), coord_text(*at))
            }
            Self::HoleOutsideShell { at } => format!(
                "a hole of the polygon reaches outside its outer ring, at {}",
                coord_text(*at)
            ),
            Self::DuplicateId { id, first } => {
                format!("id {id} is also used by feature {first}; ids must be unique")
            }
            Self::DuplicateGeometry { first, first_id } => {
                format!(
                    "the geometry is the same as feature {first}'s (id {first_id}): a duplicate?"
                )
            }
            Self::Overlap {
                other,
                other_id,
                other_file,
                area_m2,
            } => {
                let whose = match other_file {
                    None => format!("feature {other} (id {other_id})"),
                    Some(file) => format!("feature {other} (id {other_id}) of {file}"),
                };
                format!(
                    "this hazard area overlaps hazard area {whose} by {area_m2:.0} m²; the overlap would be counted twice"
                )
            }
        }
    }
}

/// A coordinate as English messages write it: `(lon, lat)` with 6 decimals.
#[must_use]
pub fn coord_text(c: [f64; 2]) -> String {
    format!("({:.6}, {:.6})", c[0], c[1])
}

/// A length as English messages write it: whole metres below 10 km, else km with 1 decimal.
#[must_use]
pub fn length_text(m: f64) -> String {
    if m >= 10_000.0 {
        format!("{:.1} km", m / 1000.0)
    } else {
        format!("{m:.0} m")
    }
}

/// What to check.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QaOptions {
    /// Consecutive vertices farther apart than this (geodesic m) are a `long_segment`.
    pub max_segment_m: f64,
    /// Look for overlaps between hazard areas (the costly check).
    pub check_overlaps: bool,
    /// Overlaps smaller than this (m²) are digitising noise and not reported.
    pub min_overlap_m2: f64,
}

impl Default for QaOptions {
    fn default() -> Self {
        Self {
            max_segment_m: 5_000.0,
            check_overlaps: true,
            min_overlap_m2: 1.0,
        }
    }
}

/// Runs every check on `layers`. See [`validate_with_progress`] for a background thread.
#[must_use]
pub fn validate(layers: &[&Layer], options: &QaOptions) -> Vec<Problem> {
    validate_with_progress(layers, options, &|_| {}, &AtomicBool::new(false)).unwrap_or_default()
}

/// Runs every check on `layers`, reporting the fraction done and stopping when `cancel` is set.
/// Problems come sorted by layer order, feature index and kind.
///
/// # Errors
/// [`Cancelled`] when `cancel` was set.
pub fn validate_with_progress(
    layers: &[&Layer],
    options: &QaOptions,
    progress: &(dyn Fn(f32) + Sync),
    cancel: &AtomicBool,
) -> Result<Vec<Problem>, Cancelled> {
    let all: Vec<(&Layer, Selection<'_>)> = layers.iter().map(|l| (*l, Selection::All)).collect();
    validate_selected(&all, options, progress, cancel)
}

/// [`validate_with_progress`] on the selected features of each layer only (a filter's
/// matches): duplicates and overlaps are looked for among selected features.
///
/// # Errors
/// [`Cancelled`] when `cancel` was set.
pub fn validate_selected(
    layers: &[(&Layer, Selection<'_>)],
    options: &QaOptions,
    progress: &(dyn Fn(f32) + Sync),
    cancel: &AtomicBool,
) -> Result<Vec<Problem>, Cancelled> {
    let mut problems = Vec::new();
    #[allow(clippy::cast_precision_loss)] // a progress fraction
    let steps = (layers.len() + usize::from(options.check_overlaps)) as f32;
    let ctxs: Vec<Ctx<'_>> = layers.iter().map(|(l, sel)| Ctx::of(l, *sel)).collect();
    for (n, ctx) in ctxs.iter().enumerate() {
        check_cancel(cancel)?;
        let layer = ctx.layer;
        let per_feature: Vec<Problem> = layer
            .features
            .par_iter()
            .enumerate()
            .with_min_len(512)
            .flat_map_iter(|(i, f)| {
                let mut out = Vec::new();
                if ctx.selected(i) && !cancel.load(std::sync::atomic::Ordering::Relaxed) {
                    check_feature(ctx, i, f, options, &mut out);
                }
                out
            })
            .collect();
        check_cancel(cancel)?;
        problems.extend(per_feature);
        duplicate_ids(ctx, &mut problems);
        duplicate_geometries(ctx, &mut problems);
        #[allow(clippy::cast_precision_loss)]
        progress((n + 1) as f32 / steps);
    }
    if options.check_overlaps {
        problems.extend(overlaps(&ctxs, options, cancel)?);
        progress(1.0);
    }
    let order: HashMap<LayerId, usize> = layers
        .iter()
        .enumerate()
        .map(|(i, (l, _))| (l.id, i))
        .collect();
    problems.sort_by(|a, b| {
        (order.get(&a.layer), a.index, a.kind).cmp(&(order.get(&b.layer), b.index, b.kind))
    });
    Ok(problems)
}

/// What every problem of a layer shares.
struct Ctx<'a> {
    layer: &'a Layer,
    file: String,
    /// One flag per feature when only some are checked.
    selected: Option<Vec<bool>>,
}

impl<'a> Ctx<'a> {
    fn of(layer: &'a Layer, selection: Selection<'_>) -> Self {
        let file = layer
            .path
            .as_ref()
            .map_or_else(|| layer.name.clone(), |p| p.display().to_string());
        let selected = match selection {
            Selection::All => None,
            other => {
                let mut flags = vec![false; layer.features.len()];
                for i in other.indices(flags.len()) {
                    flags[i] = true;
                }
                Some(flags)
            }
        };
        Self {
            layer,
            file,
            selected,
        }
    }

    fn selected(&self, index: usize) -> bool {
        self.selected
            .as_ref()
            .is_none_or(|flags| flags.get(index).copied().unwrap_or(false))
    }

    fn problem(
        &self,
        index: usize,
        kind: ProblemKind,
        detail: ProblemDetail,
        location: Option<[f64; 2]>,
    ) -> Problem {
        let id = self
            .layer
            .features
            .get(index)
            .map_or(Value::Null, Feature::id_value);
        Problem {
            kind,
            layer: self.layer.id,
            file: self.file.clone(),
            index,
            id,
            message: detail.english(),
            detail,
            location,
        }
    }
}

fn xy(c: Coord<f64>) -> [f64; 2] {
    [c.x, c.y]
}

fn check_feature(
    ctx: &Ctx<'_>,
    index: usize,
    f: &Feature,
    options: &QaOptions,
    out: &mut Vec<Problem>,
) {
    let Some(geometry) = &f.geometry else {
        let unreadable = f
            .notes
            .iter()
            .find(|n| n.kind == GeometryNoteKind::Unreadable);
        let detail = unreadable.map_or(ProblemDetail::NoGeometry, |n| ProblemDetail::Unreadable {
            reason: n.message.clone(),
        });
        out.push(ctx.problem(index, ProblemKind::NullGeometry, detail, None));
        return;
    };
    let mut too_few_noted = false;
    for note in &f.notes {
        let (kind, detail) = match (note.kind, note.positions) {
            (GeometryNoteKind::UnclosedRing, _) => {
                (ProblemKind::UnclosedRing, ProblemDetail::RingNotClosed)
            }
            (GeometryNoteKind::TooFewPositions, Some(positions)) => {
                too_few_noted = true;
                (
                    ProblemKind::TooFewVertices,
                    ProblemDetail::RingPositions { positions },
                )
            }
            (GeometryNoteKind::TooFewPositions, None) => {
                too_few_noted = true;
                let text = note.message.clone();
                (
                    ProblemKind::TooFewVertices,
                    ProblemDetail::ReaderNote { text },
                )
            }
            (GeometryNoteKind::Unreadable, _) => {
                let text = note.message.clone();
                (
                    ProblemKind::NullGeometry,
                    ProblemDetail::ReaderNote { text },
                )
            }
        };
        out.push(ctx.problem(index, kind, detail, note.location));
    }
    if is_empty(geometry) {
        out.push(ctx.problem(
            index,
            ProblemKind::EmptyGeometry,
            ProblemDetail::NoCoordinates {
                geometry_type: f.geometry_type().to_owned(),
            },
            None,
        ));
        return;
    }
    if check_range(ctx, index, geometry, out) {
        // Out-of-range coordinates make every further measure meaningless.
        return;
    }
    match geometry {
        Geometry::Polygon(p) => check_polygon(ctx, index, p, options, too_few_noted, out),
        Geometry::MultiPolygon(mp) => {
            for p in mp {
                check_polygon(ctx, index, p, options, too_few_noted, out);
            }
        }
        Geometry::LineString(ls) => check_line(ctx, index, ls, options, out),
        Geometry::MultiLineString(mls) => {
            for ls in mls {
                check_line(ctx, index, ls, options, out);
            }
        }
        _ => {}
    }
}

fn is_empty(g: &Geometry<f64>) -> bool {
    match g {
        Geometry::Polygon(p) => p.exterior().0.is_empty(),
        Geometry::MultiPolygon(mp) => {
            mp.0.is_empty() || mp.iter().all(|p| p.exterior().0.is_empty())
        }
        Geometry::LineString(ls) => ls.0.is_empty(),
        Geometry::MultiLineString(mls) => mls.0.iter().all(|l| l.0.is_empty()),
        Geometry::MultiPoint(mp) => mp.0.is_empty(),
        Geometry::GeometryCollection(gc) => gc.0.iter().all(is_empty),
        _ => false,
    }
}

/// Reports the first coordinate outside −180..180 / −90..90 (or not a number). True if found.
fn check_range(ctx: &Ctx<'_>, index: usize, g: &Geometry<f64>, out: &mut Vec<Problem>) -> bool {
    use geo::CoordsIter;
    let bad = g
        .coords_iter()
        .find(|c| !(c.x.is_finite() && c.y.is_finite() && c.x.abs() <= 180.0 && c.y.abs() <= 90.0));
    let Some(c) = bad else {
        return false;
    };
    let swapped = c.y.abs() > 90.0 && c.y.abs() <= 180.0 && c.x.abs() <= 90.0;
    let detail = if swapped {
        ProblemDetail::AxesSwapped { at: xy(c) }
    } else {
        ProblemDetail::OutOfRange { at: xy(c) }
    };
    let location = if swapped {
        Some([c.y, c.x])
    } else if c.x.is_finite() && c.y.is_finite() {
        Some([c.x.clamp(-180.0, 180.0), c.y.clamp(-90.0, 90.0)])
    } else {
        None
    };
    out.push(ctx.problem(index, ProblemKind::CoordinatesOutOfRange, detail, location));
    true
}

/// Geodesic length of a segment, exact (Karney) only when the quick estimate is near the
/// threshold.
fn segment_m(a: Coord<f64>, b: Coord<f64>, threshold: f64) -> f64 {
    let quick = short_segment_m(a.x, a.y, b.x, b.y);
    if quick < 0.8 * threshold {
        quick
    } else {
        geodesic_distance_m([a.x, a.y], [b.x, b.y])
    }
}

fn check_long_segments(
    ctx: &Ctx<'_>,
    index: usize,
    coords: &[Coord<f64>],
    max_m: f64,
    what: Part,
    out: &mut Vec<Problem>,
) {
    let mut count = 0;
    let mut longest: Option<(f64, Coord<f64>, Coord<f64>)> = None;
    for w in coords.windows(2) {
        let d = segment_m(w[0], w[1], max_m);
        if d > max_m {
            count += 1;
            if longest.is_none_or(|l| d > l.0) {
                longest = Some((d, w[0], w[1]));
            }
        }
    }
    if let Some((d, a, b)) = longest {
        out.push(ctx.problem(
            index,
            ProblemKind::LongSegment,
            ProblemDetail::LongSegment {
                from: xy(a),
                to: xy(b),
                length_m: d,
                max_m,
                part: what,
                count,
            },
            Some([a.x, a.y]),
        ));
    }
}

fn check_duplicates(
    ctx: &Ctx<'_>,
    index: usize,
    coords: &[Coord<f64>],
    what: Part,
    out: &mut Vec<Problem>,
) {
    let dups: Vec<Coord<f64>> = coords
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    if let Some(first) = dups.first() {
        out.push(ctx.problem(
            index,
            ProblemKind::DuplicateVertex,
            ProblemDetail::RepeatedVertex {
                at: xy(*first),
                part: what,
                count: dups.len(),
            },
            Some([first.x, first.y]),
        ));
    }
}

fn check_line(
    ctx: &Ctx<'_>,
    index: usize,
    ls: &LineString<f64>,
    options: &QaOptions,
    out: &mut Vec<Problem>,
) {
    check_duplicates(ctx, index, &ls.0, Part::Line, out);
    check_long_segments(ctx, index, &ls.0, options.max_segment_m, Part::Line, out);
    if distinct_count(&ls.0) < 2
        && let Some(c) = ls.0.first()
    {
        out.push(ctx.problem(
            index,
            ProblemKind::TooFewVertices,
            ProblemDetail::LineTooFewVertices,
            Some([c.x, c.y]),
        ));
    }
}

fn check_polygon(
    ctx: &Ctx<'_>,
    index: usize,
    p: &Polygon<f64>,
    options: &QaOptions,
    too_few_noted: bool,
    out: &mut Vec<Problem>,
) {
    let mut rings_ok = true;
    for (r, ring) in std::iter::once(p.exterior())
        .chain(p.interiors())
        .enumerate()
    {
        let what = if r == 0 { Part::Ring } else { Part::Hole };
        check_duplicates(ctx, index, &ring.0, what, out);
        check_long_segments(ctx, index, &ring.0, options.max_segment_m, what, out);
        let distinct = distinct_count(&ring.0);
        if distinct < 3 {
            rings_ok = false;
            if !too_few_noted && let Some(c) = ring.0.first() {
                out.push(ctx.problem(
                    index,
                    ProblemKind::TooFewVertices,
                    ProblemDetail::RingTooFewVertices {
                        part: what,
                        distinct,
                    },
                    Some([c.x, c.y]),
                ));
            }
        }
    }
    if !rings_ok {
        return;
    }
    if let Some((at, count, crossing)) = self_intersection(p) {
        out.push(ctx.problem(
            index,
            ProblemKind::SelfIntersection,
            ProblemDetail::SelfIntersection {
                crossing,
                at: xy(at),
                count,
            },
            Some([at.x, at.y]),
        ));
    }
    if !p.interiors().is_empty() {
        let shell = Polygon::new(p.exterior().clone(), Vec::new());
        for hole in p.interiors() {
            if let Some(c) = hole.0.iter().find(|&&c| !shell.intersects(&Point(c))) {
                out.push(ctx.problem(
                    index,
                    ProblemKind::HoleOutsideShell,
                    ProblemDetail::HoleOutsideShell { at: xy(*c) },
                    Some([c.x, c.y]),
                ));
            }
        }
    }
}

/// Number of different positions (not only consecutive ones) in a ring or line.
fn distinct_count(coords: &[Coord<f64>]) -> usize {
    let mut bits: Vec<(u64, u64)> = coords
        .iter()
        .map(|c| ((c.x + 0.0).to_bits(), (c.y + 0.0).to_bits()))
        .collect();
    bits.sort_unstable();
    bits.dedup();
    bits.len()
}

/// One segment of a ring for the sweep.
struct Seg {
    ring: usize,
    /// Position in the ring (after removing repeated vertices).
    pos: usize,
    /// Number of segments in the ring.
    ring_len: usize,
    line: Line<f64>,
    min_x: f64,
    max_x: f64,
}

/// The first crossing of a polygon's rings with themselves or each other (sweep over segments
/// sorted by x), with the number of crossings and a description.
/// Rings of one polygon may touch each other at single points (OGC); a ring may not touch itself.
fn self_intersection(p: &Polygon<f64>) -> Option<(Coord<f64>, usize, Crossing)> {
    let mut segs = Vec::new();
    for (r, ring) in std::iter::once(p.exterior())
        .chain(p.interiors())
        .enumerate()
    {
        let mut pts = ring.0.clone();
        pts.dedup();
        if pts.first() != pts.last()
            && let Some(&first) = pts.first()
        {
            pts.push(first);
        }
        let ring_len = pts.len().saturating_sub(1);
        for (pos, w) in pts.windows(2).enumerate() {
            segs.push(Seg {
                ring: r,
                pos,
                ring_len,
                line: Line::new(w[0], w[1]),
                min_x: w[0].x.min(w[1].x),
                max_x: w[0].x.max(w[1].x),
            });
        }
    }
    segs.sort_by(|a, b| a.min_x.total_cmp(&b.min_x));
    let mut first: Option<(Coord<f64>, Crossing)> = None;
    let mut count = 0;
    for (i, a) in segs.iter().enumerate() {
        let (a_lo, a_hi) = (
            a.line.start.y.min(a.line.end.y),
            a.line.start.y.max(a.line.end.y),
        );
        for b in &segs[i + 1..] {
            if b.min_x > a.max_x {
                break;
            }
            if b.line.start.y.max(b.line.end.y) < a_lo || b.line.start.y.min(b.line.end.y) > a_hi {
                continue;
            }
            let same_ring = a.ring == b.ring;
            let adjacent = same_ring && {
                let (lo, hi) = (a.pos.min(b.pos), a.pos.max(b.pos));
                hi - lo == 1 || (lo == 0 && hi + 1 == a.ring_len)
            };
            let found = match line_intersection(a.line, b.line) {
                None => None,
                Some(LineIntersection::Collinear { intersection }) => {
                    Some((intersection.start, Crossing::RunsBack))
                }
                Some(LineIntersection::SinglePoint {
                    intersection,
                    is_proper,
                }) => {
                    if adjacent {
                        None
                    } else if is_proper {
                        Some((
                            intersection,
                            if same_ring {
                                Crossing::Crosses
                            } else {
                                Crossing::HoleCrosses
                            },
                        ))
                    } else if same_ring {
                        Some((intersection, Crossing::Touches))
                    } else {
                        None
                    }
                }
            };
            if let Some(hit) = found {
                count += 1;
                if first.is_none() {
                    first = Some(hit);
                }
            }
        }
    }
    first.map(|(at, what)| (at, count, what))
}

fn id_key(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn duplicate_ids(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, f) in ctx.layer.features.iter().enumerate() {
        if !ctx.selected(i) {
            continue;
        }
        let Some(key) = id_key(&f.id_value()) else {
            continue;
        };
        match first.get(&key) {
            Some(&j) => {
                let location = f.bbox().map(|b| [b.center().x, b.center().y]);
                out.push(ctx.problem(
                    i,
                    ProblemKind::DuplicateId,
                    ProblemDetail::DuplicateId { id: key, first: j },
                    location,
                ));
            }
            None => {
                first.insert(key, i);
            }
        }
    }
}

/// A geometry's rings with the start vertex and direction normalised, so the same shape
/// digitised from another vertex or the other way round compares equal.
fn canonical(g: &Geometry<f64>) -> Vec<Vec<(u64, u64)>> {
    let ring = |ls: &LineString<f64>, closed: bool| -> Vec<(u64, u64)> {
        let mut pts: Vec<(u64, u64)> =
            ls.0.iter()
                .map(|c| ((c.x + 0.0).to_bits(), (c.y + 0.0).to_bits()))
                .collect();
        if !closed {
            return pts;
        }
        if pts.len() > 1 && pts.first() == pts.last() {
            pts.pop();
        }
        let key = |p: &(u64, u64)| (f64::from_bits(p.0), f64::from_bits(p.1));
        let Some(start) = (0..pts.len()).min_by(|&a, &b| {
            key(&pts[a])
                .partial_cmp(&key(&pts[b]))
                .unwrap_or(std::cmp::Ordering::Equal)
        }) else {
            return pts;
        };
        pts.rotate_left(start);
        let mut reversed = pts.clone();
        reversed[1..].reverse();
        if reversed < pts { reversed } else { pts }
    };
    let polygon = |p: &Polygon<f64>, out: &mut Vec<Vec<(u64, u64)>>| {
        out.push(ring(p.exterior(), true));
        let mut holes: Vec<_> = p.interiors().iter().map(|h| ring(h, true)).collect();
        holes.sort();
        out.extend(holes);
    };
    let mut out = Vec::new();
    match g {
        Geometry::Polygon(p) => polygon(p, &mut out),
        Geometry::MultiPolygon(mp) => mp.iter().for_each(|p| polygon(p, &mut out)),
        Geometry::Point(p) => out.push(vec![((p.x() + 0.0).to_bits(), (p.y() + 0.0).to_bits())]),
        Geometry::LineString(ls) => out.push(ring(ls, false)),
        Geometry::MultiLineString(mls) => out.extend(mls.iter().map(|l| ring(l, false))),
        Geometry::MultiPoint(mp) => out.push(
            mp.iter()
                .map(|p| ((p.x() + 0.0).to_bits(), (p.y() + 0.0).to_bits()))
                .collect(),
        ),
        _ => {}
    }
    out
}

fn duplicate_geometries(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let hashes: Vec<Option<u64>> = ctx
        .layer
        .features
        .par_iter()
        .enumerate()
        .with_min_len(512)
        .map(|(i, f)| {
            if !ctx.selected(i) {
                return None;
            }
            let g = f.geometry.as_ref().filter(|g| !is_empty(g))?;
            let mut h = DefaultHasher::new();
            canonical(g).hash(&mut h);
            Some(h.finish())
        })
        .collect();
    let mut first: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, h) in hashes.iter().enumerate() {
        let Some(h) = h else { continue };
        let earlier = first.entry(*h).or_default();
        let same = earlier.iter().copied().find(|&j| {
            let (a, b) = (
                &ctx.layer.features[j].geometry,
                &ctx.layer.features[i].geometry,
            );
            a.as_ref().map(canonical) == b.as_ref().map(canonical)
        });
        match same {
            Some(j) => {
                let f = &ctx.layer.features[i];
                let location = f.bbox().map(|b| [b.center().x, b.center().y]);
                out.push(ctx.problem(
                    i,
                    ProblemKind::DuplicateGeometry,
                    ProblemDetail::DuplicateGeometry {
                        first: j,
                        first_id: ctx.layer.features[j].display_id(j),
                    },
                    location,
                ));
            }
            None => earlier.push(i),
        }
    }
}

/// Overlaps between hazard areas of all `layers`, reported on the later feature of each pair.
fn overlaps(
    ctxs: &[Ctx<'_>],
    options: &QaOptions,
    cancel: &AtomicBool,
) -> Result<Vec<Problem>, Cancelled> {
    type Entry = GeomWithData<Rectangle<[f64; 2]>, (usize, usize)>;
    let layers: Vec<&Layer> = ctxs.iter().map(|c| c.layer).collect();
    let mut entries: Vec<Entry> = Vec::new();
    for (l, ctx) in ctxs.iter().enumerate() {
        let layer = ctx.layer;
        for (i, f) in layer.features.iter().enumerate() {
            if !ctx.selected(i) || !is_hazard_area(layer, f) {
                continue;
            }
            let Some(bb) = f.bbox() else { continue };
            if bb.min().x.is_finite()
                && bb.max().x.is_finite()
                && bb.min().y.is_finite()
                && bb.max().y.is_finite()
            {
                entries.push(GeomWithData::new(
                    Rectangle::from_corners([bb.min().x, bb.min().y], [bb.max().x, bb.max().y]),
                    (l, i),
                ));
            }
        }
    }
    let tree = RTree::bulk_load(entries);
    let pairs: Vec<((usize, usize), (usize, usize))> = tree
        .intersection_candidates_with_other_tree(&tree)
        .filter(|(a, b)| a.data < b.data)
        .map(|(a, b)| (a.data, b.data))
        .collect();
    check_cancel(cancel)?;
    let found: Vec<Problem> = pairs
        .par_iter()
        .filter_map(|&((la, ia), (lb, ib))| {
            if cancel.load(std::sync::atomic::Ordering::Relaxed) {
                return None;
            }
            let a = layers[la].features[ia].geometry.as_ref()?;
            let b = layers[lb].features[ib].geometry.as_ref()?;
            if !a.intersects(b) {
                return None;
            }
            // A duplicate is reported as `duplicate_geometry`, not also as an overlap.
            if a.bounding_rect() == b.bounding_rect() && canonical(a) == canonical(b) {
                return None;
            }
            let (area, at) = overlap_area_m2(a, b);
            if area < options.min_overlap_m2 {
                return None;
            }
            let other = &layers[la].features[ia];
            let same_file = la == lb;
            let detail = ProblemDetail::Overlap {
                other: ia,
                other_id: other.display_id(ia),
                other_file: (!same_file).then(|| ctxs[la].file.clone()),
                area_m2: area,
            };
            let location = at.or_else(|| a.bounding_rect().map(|r| [r.center().x, r.center().y]));
            Some(ctxs[lb].problem(ib, ProblemKind::Overlap, detail, location))
        })
        .collect();
    check_cancel(cancel)?;
    Ok(found)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use geo::polygon;

    use super::*;

    #[test]
    fn bow_tie_polygon_is_reported_with_its_crossing_point() {
        let p = polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 2.0), (x: 2.0, y: 0.0), (x: 0.0, y: 2.0)];
        let (at, count, _) = self_intersection(&p).unwrap();
        assert_eq!(count, 1);
        assert!((at.x - 1.0).abs() < 1e-12 && (at.y - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_valid_polygon_with_a_hole_has_no_crossing() {
        let p = polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)],
            interiors: [[(x: 1.0, y: 1.0), (x: 2.0, y: 1.0), (x: 2.0, y: 2.0)]],
        );
        assert!(self_intersection(&p).is_none());
    }

    #[test]
    fn the_same_ring_from_another_vertex_and_direction_is_a_duplicate() {
        let a = Geometry::Polygon(polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0)]);
        let b = Geometry::Polygon(polygon![(x: 1.0, y: 1.0), (x: 1.0, y: 0.0), (x: 0.0, y: 0.0)]);
        assert_eq!(canonical(&a), canonical(&b));
    }
}
