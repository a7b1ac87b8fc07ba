//! Splitting hazard areas into clearance sectors: against shapely's reference for one area, and
//! property tests over random concave areas with holes in several UTM zones and at 65° N.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use geo::{Area, BooleanOps, BoundingRect, Coord, Geometry, LineString, MultiPolygon, Polygon};
use minemap::analysis::geodesy::{LocalEqualArea, geodesic_area_m2};
use minemap::analysis::split::{
    Orientation, Sector, SplitFrame, SplitMethod, SplitOptions, split_frame, split_hazard_area,
};
use minemap::io::geojson::read_geojson_file;
use proptest::prelude::*;
use serde_json::Value;

fn fixture(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/split")
        .join(rel)
}

#[test]
fn sectors_match_shapely_cell_for_cell() {
    let loaded = read_geojson_file(&fixture("hazard.geojson"), &|_| {}).unwrap();
    let hazard = loaded.layer.features[0].geometry.clone().unwrap();
    let reference: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("reference.json")).unwrap()).unwrap();
    let parent = reference["parent_area_m2"].as_f64().unwrap();
    assert!((geodesic_area_m2(&hazard) - parent).abs() < 1e-6 * parent);
    for case in reference["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let method = if let Some(g) = case["method"].get("grid") {
            SplitMethod::Grid {
                width_m: g[0].as_f64().unwrap(),
                height_m: g[1].as_f64().unwrap(),
            }
        } else {
            SplitMethod::Strips {
                count: usize::try_from(case["method"]["strips"].as_u64().unwrap()).unwrap(),
            }
        };
        let options = SplitOptions {
            method,
            orientation: Orientation::Degrees(case["bearing_deg"].as_f64().unwrap()),
            merge_slivers_below: case["merge_slivers_below"].as_f64(),
        };
        let sectors = split_hazard_area(&hazard, &options).unwrap();
        let expected = case["sectors"].as_array().unwrap();
        assert_eq!(sectors.len(), expected.len(), "{name}: sector count");
        for (s, e) in sectors.iter().zip(expected) {
            let want = e["area_m2"].as_f64().unwrap();
            assert_eq!(s.index as u64, e["index"].as_u64().unwrap(), "{name}");
            assert_eq!(
                (s.column as u64, s.row as u64, s.merged_slivers as u64),
                (
                    e["column"].as_u64().unwrap(),
                    e["row"].as_u64().unwrap(),
                    e["merged_slivers"].as_u64().unwrap()
                ),
                "{name}: sector {} in the wrong place",
                s.index
            );
            assert!(
                (s.area_m2 - want).abs() < 1e-6 * want + 1e-3,
                "{name}: sector {} has {} m², shapely {want}",
                s.index,
                s.area_m2
            );
        }
    }
}

/// A sector or the parent in the split's `(u, v)` plane.
fn to_uv(frame: &SplitFrame, g: &Geometry<f64>) -> MultiPolygon<f64> {
    let ring = |ls: &LineString<f64>| {
        LineString(
            ls.0.iter()
                .map(|c| {
                    let [u, v] = frame.to_uv(c.x, c.y);
                    Coord { x: u, y: v }
                })
                .collect(),
        )
    };
    let poly = |p: &Polygon<f64>| {
        Polygon::new(ring(p.exterior()), p.interiors().iter().map(ring).collect())
    };
    match g {
        Geometry::Polygon(p) => MultiPolygon(vec![poly(p)]),
        Geometry::MultiPolygon(mp) => MultiPolygon(mp.iter().map(poly).collect()),
        other => panic!("a sector is a polygon, not {other:?}"),
    }
}

/// A random concave area with an optional hole: a star of `radii` (metres, around `lon`,
/// `lat`), the hole a smaller star inside its innermost radius.
fn star(lon: f64, lat: f64, radii: &[f64], hole: Option<&[f64]>) -> Geometry<f64> {
    let laea = LocalEqualArea::new(lon, lat);
    let ring = |radii: &[f64], reverse: bool| {
        let n = radii.len();
        let mut pts: Vec<Coord<f64>> = radii
            .iter()
            .enumerate()
            .map(|(i, r)| {
                #[allow(clippy::cast_precision_loss)]
                let t = std::f64::consts::TAU * i as f64 / n as f64;
                let [x, y] = laea.unproject(r * t.cos(), r * t.sin());
                Coord { x, y }
            })
            .collect();
        if reverse {
            pts.reverse();
        }
        pts.push(pts[0]);
        LineString(pts)
    };
    let holes = hole.map(|h| vec![ring(h, true)]).unwrap_or_default();
    Geometry::Polygon(Polygon::new(ring(radii, false), holes))
}

#[derive(Debug, Clone)]
struct Case {
    lon: f64,
    lat: f64,
    radii: Vec<f64>,
    hole: Option<Vec<f64>>,
    method: SplitMethod,
    orientation: Orientation,
    merge: Option<f64>,
}

fn case() -> impl Strategy<Value = Case> {
    // UTM zones 1, 18, 31, 38, 39 and 60 (their central meridians ± 2°); the equator to 65° N
    // and the south.
    let lon = prop_oneof![
        -179.0..-175.0,
        -77.0..-73.0,
        1.0..5.0,
        43.0..47.0,
        49.0..53.0,
        175.0..179.5
    ];
    let lat = prop_oneof![Just(65.0), 64.0..66.0, -45.0..45.0, 38.0..42.0];
    let radii = (8usize..40, 150.0..600.0f64)
        .prop_flat_map(|(n, r)| proptest::collection::vec(0.45 * r..r, n));
    let hole = proptest::option::of(
        (4usize..12, 20.0..60.0f64)
            .prop_flat_map(|(n, r)| proptest::collection::vec(0.5 * r..r, n)),
    );
    let method = prop_oneof![
        (25.0..120.0f64, 25.0..120.0f64).prop_map(|(w, h)| SplitMethod::Grid {
            width_m: w,
            height_m: h
        }),
        (1usize..30).prop_map(|count| SplitMethod::Strips { count }),
        (1usize..20).prop_map(|count| SplitMethod::EqualParts { count }),
    ];
    let orientation = prop_oneof![
        Just(Orientation::Auto),
        (0.0..360.0f64).prop_map(Orientation::Degrees),
        // A base-line through two points near the area (offsets in metres, set below).
        (
            -800.0..800.0f64,
            -800.0..800.0f64,
            0.0..360.0f64,
            50.0..500.0f64
        )
            .prop_map(
                |(x, y, b, len)| Orientation::BaseLine(LineString::from(vec![
                    (x, y),
                    (
                        x + len * b.to_radians().sin(),
                        y + len * b.to_radians().cos()
                    ),
                ]))
            ),
    ];
    let merge = proptest::option::of(Just(0.2));
    (lon, lat, radii, hole, method, orientation, merge).prop_map(
        |(lon, lat, radii, hole, method, orientation, merge)| Case {
            lon,
            lat,
            radii,
            hole,
            method,
            orientation,
            merge,
        },
    )
}

/// The base-line's metre offsets turned into longitude/latitude around the case's centre.
fn place(case: &Case) -> Orientation {
    match &case.orientation {
        Orientation::BaseLine(line) => {
            let laea = LocalEqualArea::new(case.lon, case.lat);
            Orientation::BaseLine(LineString(
                line.0
                    .iter()
                    .map(|c| {
                        let [x, y] = laea.unproject(c.x, c.y);
                        Coord { x, y }
                    })
                    .collect(),
            ))
        }
        other => other.clone(),
    }
}

fn check(case: &Case) -> Result<(), TestCaseError> {
    let parent = star(case.lon, case.lat, &case.radii, case.hole.as_deref());
    let orientation = place(case);
    let options = SplitOptions {
        method: case.method.clone(),
        orientation: orientation.clone(),
        merge_slivers_below: case.merge,
    };
    let sectors: Vec<Sector> = split_hazard_area(&parent, &options)
        .map_err(|e| TestCaseError::fail(format!("split refused: {e}")))?;
    let frame = split_frame(&parent, &orientation).unwrap();
    let parent_area = geodesic_area_m2(&parent);

    // Numbered 1…N in order.
    for (i, s) in sectors.iter().enumerate() {
        prop_assert_eq!(s.index, i + 1);
    }
    // Areas add up to the parent's within 0.01 %.
    let sum: f64 = sectors.iter().map(|s| s.area_m2).sum();
    prop_assert!(
        (sum - parent_area).abs() <= 1e-4 * parent_area,
        "sum {} parent {}",
        sum,
        parent_area
    );
    let parent_uv = to_uv(&frame, &parent);
    let uv: Vec<MultiPolygon<f64>> = sectors.iter().map(|s| to_uv(&frame, &s.geometry)).collect();
    let boxes: Vec<geo::Rect<f64>> = uv.iter().map(|g| g.bounding_rect().unwrap()).collect();
    // None reaches outside the parent.
    for (s, g) in sectors.iter().zip(&uv) {
        let outside = g.difference(&parent_uv).unsigned_area();
        prop_assert!(
            outside < 1e-3,
            "sector {} has {} m² outside",
            s.index,
            outside
        );
    }
    // No two overlap (only pairs whose boxes meet can).
    for i in 0..uv.len() {
        for j in i + 1..uv.len() {
            let (a, b) = (boxes[i], boxes[j]);
            if a.max().x < b.min().x
                || b.max().x < a.min().x
                || a.max().y < b.min().y
                || b.max().y < a.min().y
            {
                continue;
            }
            let overlap = uv[i].intersection(&uv[j]).unsigned_area();
            prop_assert!(
                overlap < 1e-3,
                "sectors {} and {} overlap by {} m²",
                i + 1,
                j + 1,
                overlap
            );
        }
    }
    match case.method {
        SplitMethod::Grid { width_m, height_m } => {
            let full = width_m * height_m;
            for (s, r) in sectors.iter().zip(&boxes) {
                #[allow(clippy::cast_precision_loss)]
                let m = s.merged_slivers as f64;
                // A box is at most one box; a merged sector one box plus its slivers, each
                // under the threshold, all joined edge to edge.
                prop_assert!(
                    r.width() <= (1.0 + m) * width_m + 1e-3,
                    "sector {} is {} m wide",
                    s.index,
                    r.width()
                );
                prop_assert!(
                    r.height() <= (1.0 + m) * height_m + 1e-3,
                    "sector {} is {} m deep",
                    s.index,
                    r.height()
                );
                let limit = full * (1.0 + m * case.merge.unwrap_or(0.0)) * (1.0 + 1e-6);
                prop_assert!(
                    s.area_m2 <= limit,
                    "sector {} has {} m² > {}",
                    s.index,
                    s.area_m2,
                    limit
                );
                if case.merge.is_none() {
                    prop_assert_eq!(s.merged_slivers, 0);
                }
            }
        }
        SplitMethod::Strips { count } => {
            prop_assert_eq!(sectors.len(), count);
            let (lo, hi) = parent_uv
                .bounding_rect()
                .map(|r| (r.min().x, r.max().x))
                .unwrap();
            #[allow(clippy::cast_precision_loss)]
            let width = (hi - lo) / count as f64;
            for (s, r) in sectors.iter().zip(&boxes) {
                prop_assert!(
                    r.width() <= width + 1e-3,
                    "strip {} is {} m wide, not {}",
                    s.index,
                    r.width(),
                    width
                );
            }
            for w in boxes.windows(2) {
                prop_assert!(w[0].min().x < w[1].min().x, "strips out of order");
            }
        }
        SplitMethod::EqualParts { count } => {
            prop_assert_eq!(sectors.len(), count);
            #[allow(clippy::cast_precision_loss)]
            let share = parent_area / count as f64;
            for s in &sectors {
                prop_assert!(
                    (s.area_m2 - share).abs() <= 0.01 * share,
                    "part {} has {} m², not {}",
                    s.index,
                    s.area_m2,
                    share
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn sectors_cover_the_area_exactly_without_overlap_and_keep_their_size(case in case()) {
        check(&case)?;
    }
}
