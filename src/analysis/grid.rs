//! The MGRS/UTM grid of a map view, as lines in longitude/latitude: the grid zone boundaries
//! (6° columns × 8° latitude bands), the 100 km square lines, and finer lines (50 km … 100 m)
//! chosen by the view's scale so that they lie 60–250 screen points apart.
//!
//! Method: for every (zone, hemisphere) cell of the view (the view's longitude/latitude box cut
//! at the zone's meridians and at the equator), the cell's edges are projected to UTM in *its*
//! zone (`geoconvert`, GeographicLib's Krüger series) to find the eastings and northings it
//! spans; each grid line `E = k·spacing` (or `N = …`) is then walked in UTM in short steps and
//! each step is projected back to longitude/latitude, so the curvature of a UTM line on the
//! map is right. Lines are clipped to their cell, so a line of zone 38 stops at 48°E, where
//! zone 39's grid starts. The Norway/Svalbard zone exceptions are not drawn (the zones here
//! are the standard 6° ones). Latitudes beyond UTM's −80°..84° get no grid.
//!
//! Headless: no egui. `map::grid` draws the result.

use geoconvert::{LatLon, Mgrs, UtmUps};

/// UTM's latitude limits (the polar regions use UPS, which this grid does not draw).
pub const MIN_LAT: f64 = -80.0;
pub const MAX_LAT: f64 = 84.0;

/// Spacings a grid may use, in metres: decades with 2 and 5 between them, so some spacing
/// always falls 60–250 points apart (consecutive ones differ by at most 2.5×).
pub const SPACINGS_M: [f64; 10] = [
    100.0, 200.0, 500.0, 1_000.0, 2_000.0, 5_000.0, 10_000.0, 20_000.0, 50_000.0, 100_000.0,
];

/// Smallest distance between grid lines, in screen points.
pub const MIN_LINE_GAP_PX: f64 = 60.0;
/// Largest distance between grid lines, in screen points (when a spacing exists for it).
pub const MAX_LINE_GAP_PX: f64 = 250.0;

/// Points per grid line across a cell: UTM lines curve gently, and 48 steps keep the drawn
/// line within a fraction of a point of the true one at any zoom (checked in the tests).
const STEPS_PER_LINE: usize = 48;

/// What a grid line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridLineKind {
    /// A grid zone boundary: a zone's meridian or a latitude band's parallel.
    ZoneBoundary,
    /// A line of the 100 km squares (easting or northing a multiple of 100 km).
    HundredKm,
    /// A finer line, every `Grid::spacing_m`.
    Minor,
}

/// Which coordinate is constant along a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridAxis {
    /// Constant easting (a roughly north–south line); `value` is the easting in metres.
    Easting,
    /// Constant northing (a roughly east–west line); `value` is the northing in metres.
    Northing,
    /// A meridian (zone boundary); `value` is the longitude in degrees.
    Meridian,
    /// A parallel (band boundary); `value` is the latitude in degrees.
    Parallel,
}

/// One grid line, clipped to the view and to its zone.
#[derive(Clone, Debug, PartialEq)]
pub struct GridLine {
    pub kind: GridLineKind,
    pub axis: GridAxis,
    /// Easting or northing in metres, or longitude/latitude in degrees (see [`GridAxis`]).
    pub value: f64,
    /// UTM zone (1–60) of an easting/northing line; 0 for zone boundaries.
    pub zone: u8,
    /// Longitude/latitude vertices; a line cut by its cell into pieces is several lines.
    pub points: Vec<[f64; 2]>,
}

/// The label of a 100 km square: grid zone designator and square letters, `38T ML`.
#[derive(Clone, Debug, PartialEq)]
pub struct SquareLabel {
    pub text: String,
    /// Where to put it (longitude/latitude): inside the south-west corner of the square's
    /// visible part (text starts there, going up and right), as on military maps, so it
    /// stays clear of the data in the middle.
    pub lonlat: [f64; 2],
}

/// The grid of one view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// Spacing of the finest lines drawn, in metres; `None` when the view is too far out for
    /// any UTM line (only zone boundaries are drawn then).
    pub spacing_m: Option<f64>,
    pub lines: Vec<GridLine>,
    pub squares: Vec<SquareLabel>,
}

/// The spacing for a view of `metres_per_px` ground metres per screen point: the smallest of
/// [`SPACINGS_M`] at least [`MIN_LINE_GAP_PX`] apart on screen, or the finest (100 m) when
/// zoomed in further; `None` when even 100 km lines would be closer than that.
#[must_use]
pub fn spacing_for(metres_per_px: f64) -> Option<f64> {
    if !(metres_per_px.is_finite() && metres_per_px > 0.0) {
        return None;
    }
    SPACINGS_M
        .iter()
        .copied()
        .find(|s| s / metres_per_px >= MIN_LINE_GAP_PX)
}

/// The digits a grid line is labelled with at the map's edge, as on military maps: the
/// easting or northing within its 100 km square, to the precision of the spacing (`4` for a
/// 10 km line at 40 km, `45` for the 1 km line at 45 km, `453` for a 100 m line). 100 km lines
/// are labelled with their whole hundreds of km (`6` for 600 000 m easting).
#[must_use]
pub fn line_digits(value_m: f64, spacing_m: f64) -> String {
    #[allow(clippy::cast_possible_truncation)] // grid values are below 10⁸ m
    let metres = value_m.round() as i64;
    if spacing_m >= 100_000.0 {
        return (metres / 100_000).to_string();
    }
    let within = metres.rem_euclid(100_000);
    let (unit, digits) = if spacing_m >= 10_000.0 {
        (10_000, 1)
    } else if spacing_m >= 1_000.0 {
        (1_000, 2)
    } else {
        (100, 3)
    };
    format!("{:0digits$}", within / unit)
}

/// The MGRS/UTM grid for the view `[west, south, east, north]` (degrees) at `metres_per_px`
/// ground metres per screen point.
#[must_use]
pub fn utm_grid(bbox: [f64; 4], metres_per_px: f64) -> Grid {
    let [west, south, east, north] = bbox;
    let (south, north) = (south.max(MIN_LAT), north.min(MAX_LAT));
    let (west, east) = (west.max(-180.0), east.min(180.0));
    let mut grid = Grid {
        spacing_m: spacing_for(metres_per_px),
        ..Grid::default()
    };
    if !(west < east && south < north) {
        return grid;
    }
    zone_boundaries(&mut grid, [west, south, east, north]);
    let Some(spacing) = grid.spacing_m else {
        return grid;
    };
    // A view of the whole world at 100 km would be tens of thousands of lines; the grid is
    // for local work, so beyond 60 zones' worth of cells nothing more is drawn.
    for zone in zone_of(west)..=zone_of(east) {
        let zw = f64::from(zone) * 6.0 - 186.0;
        let lon = [west.max(zw), east.min(zw + 6.0)];
        if lon[0] >= lon[1] {
            continue;
        }
        for (northp, lat) in [
            (false, [south, north.min(0.0)]),
            (true, [south.max(0.0), north]),
        ] {
            if lat[0] < lat[1] {
                cell_grid(
                    &mut grid,
                    zone,
                    northp,
                    [lon[0], lat[0], lon[1], lat[1]],
                    spacing,
                );
            }
        }
    }
    grid
}

/// The UTM zone (1–60) of a longitude (180° belongs to zone 60).
#[must_use]
pub fn zone_of(lon: f64) -> u8 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 1..=60 after clamping
    let zone = ((lon + 180.0) / 6.0).floor().clamp(0.0, 59.0) as u8 + 1;
    zone
}

/// Meridians every 6° and the parallels of the latitude bands (every 8°, 72°–84° being one).
fn zone_boundaries(grid: &mut Grid, [west, south, east, north]: [f64; 4]) {
    let mut lon = (west / 6.0).ceil() * 6.0;
    while lon <= east {
        grid.lines.push(GridLine {
            kind: GridLineKind::ZoneBoundary,
            axis: GridAxis::Meridian,
            value: lon,
            zone: 0,
            points: vec![[lon, south], [lon, north]],
        });
        lon += 6.0;
    }
    let mut lat = (south / 8.0).ceil() * 8.0;
    while lat <= north && lat <= 72.0 {
        // Parallels are straight on the Web Mercator map: two points suffice.
        grid.lines.push(GridLine {
            kind: GridLineKind::ZoneBoundary,
            axis: GridAxis::Parallel,
            value: lat,
            zone: 0,
            points: vec![[west, lat], [east, lat]],
        });
        lat += 8.0;
    }
}

/// Easting/northing of a point in a given zone (even outside the zone's standard column).
fn to_utm(zone: u8, northp: bool, lon: f64, lat: f64) -> Option<[f64; 2]> {
    // geoconvert projects into the standard zone only; the cells here always lie inside
    // their zone, and points on its edge are moved a hair inside so they stay in it.
    let zw = f64::from(zone) * 6.0 - 186.0;
    let lon = lon.clamp(zw + 1e-9, zw + 6.0 - 1e-9);
    let lat = if northp {
        lat.max(1e-9)
    } else {
        lat.min(-1e-9)
    };
    let utm = UtmUps::from_latlon(&LatLon::create(lat, lon).ok()?);
    (utm.zone() == i32::from(zone)).then(|| [utm.easting(), utm.northing()])
}

/// Longitude/latitude of an easting/northing in a zone.
fn to_lonlat(zone: u8, northp: bool, e: f64, n: f64) -> Option<[f64; 2]> {
    let utm = UtmUps::create(i32::from(zone), northp, e, n).ok()?;
    let ll = utm.to_latlon();
    Some([ll.longitude(), ll.latitude()])
}

/// The grid lines and square labels of one cell (a zone's part of the view in one hemisphere).
fn cell_grid(grid: &mut Grid, zone: u8, northp: bool, cell: [f64; 4], spacing: f64) {
    let Some((min, max)) = utm_extent(zone, northp, cell) else {
        return;
    };
    // Too many lines would mean the spacing does not suit the view (a caller's mistake, or a
    // huge image): better no grid than a frozen frame.
    let count = ((max[0] - min[0]) / spacing) + ((max[1] - min[1]) / spacing);
    if count > 4_000.0 {
        return;
    }
    grid_lines(grid, zone, northp, cell, spacing, (min, max));
    // Squares are labelled per latitude band: a square cut by a band boundary has a grid
    // zone designator on each side (38S PK below 40°N, 38T PK above).
    let [w, s, e, n] = cell;
    let mut band_south = (s / 8.0).floor() * 8.0;
    while band_south < n {
        let band_north = if band_south >= 72.0 {
            MAX_LAT
        } else {
            band_south + 8.0
        };
        let part = [w, s.max(band_south), e, n.min(band_north)];
        if part[1] < part[3]
            && let Some((min, max)) = utm_extent(zone, northp, part)
        {
            square_labels(grid, zone, northp, part, min, max);
        }
        band_south = band_north;
    }
}

/// The eastings and northings a longitude/latitude box of a zone spans, from its edges
/// sampled (a UTM box's extremes lie on its edges); `None` if none projects.
fn utm_extent(zone: u8, northp: bool, cell: [f64; 4]) -> Option<([f64; 2], [f64; 2])> {
    let [w, s, e, n] = cell;
    let (mut min, mut max) = ([f64::MAX; 2], [f64::MIN; 2]);
    let samples = 16;
    for i in 0..=samples {
        let t = f64::from(i) / f64::from(samples);
        for p in [
            [w + (e - w) * t, s],
            [w + (e - w) * t, n],
            [w, s + (n - s) * t],
            [e, s + (n - s) * t],
        ] {
            if let Some(u) = to_utm(zone, northp, p[0], p[1]) {
                for k in 0..2 {
                    min[k] = min[k].min(u[k]);
                    max[k] = max[k].max(u[k]);
                }
            }
        }
    }
    (min[0] <= max[0]).then_some((min, max))
}

/// The easting and northing lines of a cell every `spacing` metres, clipped to it.
fn grid_lines(
    grid: &mut Grid,
    zone: u8,
    northp: bool,
    cell: [f64; 4],
    spacing: f64,
    (min, max): ([f64; 2], [f64; 2]),
) {
    for axis in [GridAxis::Easting, GridAxis::Northing] {
        let k = usize::from(axis == GridAxis::Northing);
        let (along_min, along_max) = (min[1 - k], max[1 - k]);
        let mut value = (min[k] / spacing).ceil() * spacing;
        while value <= max[k] {
            let kind = if (value / 100_000.0).fract().abs() < 1e-9 {
                GridLineKind::HundredKm
            } else {
                GridLineKind::Minor
            };
            let mut points = Vec::with_capacity(STEPS_PER_LINE + 1);
            for i in 0..=STEPS_PER_LINE {
                #[allow(clippy::cast_precision_loss)] // small counts
                let t = i as f64 / STEPS_PER_LINE as f64;
                let along = along_min + (along_max - along_min) * t;
                let (ee, nn) = if k == 0 {
                    (value, along)
                } else {
                    (along, value)
                };
                if let Some(p) = to_lonlat(zone, northp, ee, nn) {
                    points.push(p);
                }
            }
            for piece in clip_to_box(&points, cell) {
                grid.lines.push(GridLine {
                    kind,
                    axis,
                    value,
                    zone,
                    points: piece,
                });
            }
            value += spacing;
        }
    }
}

/// A label per 100 km square visible in the cell, inside the south-west corner of its
/// visible part.
fn square_labels(
    grid: &mut Grid,
    zone: u8,
    northp: bool,
    cell: [f64; 4],
    min: [f64; 2],
    max: [f64; 2],
) {
    let hk = 100_000.0;
    let mut e0 = (min[0] / hk).floor() * hk;
    while e0 < max[0] {
        let mut n0 = (min[1] / hk).floor() * hk;
        while n0 < max[1] {
            // 4 % of the visible part in from its corner: off the grid lines and edge digits.
            let (e_lo, e_hi) = (e0.max(min[0]), (e0 + hk).min(max[0]));
            let (n_lo, n_hi) = (n0.max(min[1]), (n0 + hk).min(max[1]));
            let e = e_lo + (e_hi - e_lo) * 0.04;
            let n = n_lo + (n_hi - n_lo) * 0.04;
            if let Some(p) = to_lonlat(zone, northp, e, n)
                && inside(p, cell)
                && let Some(text) = square_at(p[0], p[1])
            {
                grid.squares.push(SquareLabel { text, lonlat: p });
            }
            n0 += hk;
        }
        e0 += hk;
    }
}

/// The grid zone designator and 100 km square letters of a position: `38T PK`.
#[must_use]
pub fn square_at(lon: f64, lat: f64) -> Option<String> {
    if !(MIN_LAT..MAX_LAT).contains(&lat) {
        return None;
    }
    let text = Mgrs::from_latlon(&LatLon::create(lat, lon).ok()?, 0).to_string();
    // "38TPK" → "38T PK": zone and band, then the square's letters.
    if text.len() >= 5 && text.is_char_boundary(text.len() - 2) {
        let (gzd, square) = text.split_at(text.len() - 2);
        Some(format!("{gzd} {square}"))
    } else {
        None
    }
}

fn inside(p: [f64; 2], [w, s, e, n]: [f64; 4]) -> bool {
    p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n
}

/// The parts of a polyline inside a longitude/latitude box (Liang–Barsky per segment; the
/// polyline is dense, so cutting in degrees is exact enough for drawing).
fn clip_to_box(points: &[[f64; 2]], [w, s, e, n]: [f64; 4]) -> Vec<Vec<[f64; 2]>> {
    let mut pieces: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut current: Vec<[f64; 2]> = Vec::new();
    for seg in points.windows(2) {
        let (a, b) = (seg[0], seg[1]);
        let d = [b[0] - a[0], b[1] - a[1]];
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        let mut visible = true;
        for (p, q) in [
            (-d[0], a[0] - w),
            (d[0], e - a[0]),
            (-d[1], a[1] - s),
            (d[1], n - a[1]),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    visible = false;
                    break;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        if !visible || t0 > t1 {
            if current.len() >= 2 {
                pieces.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        }
        let pa = [a[0] + d[0] * t0, a[1] + d[1] * t0];
        let pb = [a[0] + d[0] * t1, a[1] + d[1] * t1];
        if current.last() != Some(&pa) {
            if current.len() >= 2 {
                pieces.push(std::mem::take(&mut current));
            }
            current.clear();
            current.push(pa);
        }
        current.push(pb);
        if t1 < 1.0 {
            pieces.push(std::mem::take(&mut current));
        }
    }
    if current.len() >= 2 {
        pieces.push(current);
    }
    pieces
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Reference points made with pyproj (PROJ's `utm` = the same Krüger series, independent
    /// code): `tests/fixtures/grid/utm_reference.csv`, written by `make_utm_reference.py`.
    const REFERENCE: &str = include_str!("../../tests/fixtures/grid/utm_reference.csv");

    #[test]
    fn grid_line_vertices_match_pyproj_reference_points() {
        let mut checked = 0;
        for line in REFERENCE.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let zone: u8 = f[0].parse().unwrap();
            let (e, n): (f64, f64) = (f[1].parse().unwrap(), f[2].parse().unwrap());
            let (lon, lat): (f64, f64) = (f[3].parse().unwrap(), f[4].parse().unwrap());
            let p = to_lonlat(zone, true, e, n).unwrap();
            // 1e-7° is 1 cm: far below a screen point at z22.
            assert!(
                (p[0] - lon).abs() < 1e-7 && (p[1] - lat).abs() < 1e-7,
                "{line}: {p:?}"
            );
            checked += 1;
        }
        assert!(checked >= 6);
    }

    #[test]
    fn one_km_line_passes_through_the_pyproj_position_of_its_easting() {
        // Karabakh at 1 km spacing (30 m/px): the easting line 640 000 of zone 38 must pass
        // through pyproj's lon/lat of (640 000, 4 420 000).
        let grid = utm_grid([46.5, 39.8, 47.2, 40.1], 30.0);
        assert_eq!(grid.spacing_m, Some(2_000.0));
        let grid = utm_grid([46.5, 39.8, 47.2, 40.1], 15.0);
        assert_eq!(grid.spacing_m, Some(1_000.0));
        let line = grid
            .lines
            .iter()
            .find(|l| l.axis == GridAxis::Easting && l.zone == 38 && l.value == 640_000.0)
            .unwrap();
        let row = REFERENCE
            .lines()
            .find(|l| l.starts_with("38,640000,4420000,"))
            .unwrap();
        let f: Vec<f64> = row.split(',').map(|x| x.parse().unwrap()).collect();
        // Distance from the reference point to the drawn polyline, in degrees.
        let d = line
            .points
            .windows(2)
            .map(|s| point_segment_distance([f[3], f[4]], s[0], s[1]))
            .fold(f64::MAX, f64::min);
        assert!(d < 1e-6, "line misses the reference point by {d}°");
    }

    fn point_segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
        let d = [b[0] - a[0], b[1] - a[1]];
        let len2 = d[0] * d[0] + d[1] * d[1];
        let t = (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / len2).clamp(0.0, 1.0);
        ((p[0] - a[0] - t * d[0]).powi(2) + (p[1] - a[1] - t * d[1]).powi(2)).sqrt()
    }

    #[test]
    fn lines_of_zone_38_stop_at_48_degrees_east_and_zone_39_starts_there() {
        let grid = utm_grid([47.0, 39.5, 49.0, 40.5], 300.0);
        assert_eq!(grid.spacing_m, Some(20_000.0));
        let (mut z38, mut z39) = (0, 0);
        for line in grid.lines.iter().filter(|l| l.zone != 0) {
            for p in &line.points {
                if line.zone == 38 {
                    assert!(p[0] <= 48.0 + 1e-9, "zone 38 line at {p:?}");
                    z38 += 1;
                } else {
                    assert_eq!(line.zone, 39);
                    assert!(p[0] >= 48.0 - 1e-9, "zone 39 line at {p:?}");
                    z39 += 1;
                }
            }
        }
        assert!(z38 > 0 && z39 > 0);
        // The northing lines of zone 38 reach the boundary itself (clipped, not dropped short).
        let reaches = grid
            .lines
            .iter()
            .filter(|l| l.zone == 38 && l.axis == GridAxis::Northing)
            .all(|l| l.points.iter().any(|p| (p[0] - 48.0).abs() < 1e-9));
        assert!(reaches);
        assert!(
            grid.lines
                .iter()
                .any(|l| l.axis == GridAxis::Meridian && l.value == 48.0)
        );
    }

    #[test]
    fn spacing_keeps_lines_60_to_250_points_apart_and_stops_at_100_m() {
        for mpp in [0.5, 1.2, 3.0, 7.0, 16.0, 40.0, 90.0, 200.0, 800.0, 1600.0] {
            let s = spacing_for(mpp).unwrap();
            let gap = s / mpp;
            assert!(
                (MIN_LINE_GAP_PX..=MAX_LINE_GAP_PX).contains(&gap),
                "{mpp} m/px: {s} m = {gap} px"
            );
        }
        // Deeper than 100 m / 60 px the spacing stays 100 m (wider apart on screen).
        assert_eq!(spacing_for(0.1), Some(100.0));
        // Out at country scale no line fits: only zone boundaries.
        assert_eq!(spacing_for(5_000.0), None);
        let grid = utm_grid([40.0, 36.0, 52.0, 44.0], 5_000.0);
        assert!(
            grid.lines
                .iter()
                .all(|l| l.kind == GridLineKind::ZoneBoundary)
        );
        assert!(
            grid.lines
                .iter()
                .any(|l| l.axis == GridAxis::Parallel && l.value == 40.0)
        );
    }

    #[test]
    fn hundred_km_squares_are_labelled_with_zone_band_and_letters() {
        let grid = utm_grid([46.5, 39.5, 47.5, 40.5], 400.0);
        let texts: Vec<&str> = grid.squares.iter().map(|s| s.text.as_str()).collect();
        // Karabakh: zone 38, bands S (below 40°N) and T. Column letters of zone 38 (set 2 of
        // MGRS's three) run J K L M N P Q R from easting 100 km, so 600–700 km is P; the row
        // letters K (band T) and J (band S) at northings 4 400–4 500 and 4 300–4 400 km.
        assert!(texts.contains(&"38T PK"), "{texts:?}");
        assert!(texts.contains(&"38S PJ"), "{texts:?}");
        assert!(
            texts
                .iter()
                .all(|t| t.starts_with("38S ") || t.starts_with("38T "))
        );
    }

    #[test]
    fn edge_digits_follow_the_spacing() {
        assert_eq!(line_digits(645_000.0, 1_000.0), "45");
        assert_eq!(line_digits(640_000.0, 10_000.0), "4");
        assert_eq!(line_digits(4_453_300.0, 100.0), "533");
        assert_eq!(line_digits(600_000.0, 100_000.0), "6");
        assert_eq!(line_digits(4_405_000.0, 5_000.0), "05");
    }
}
