//! Synthetic sample and stress data for minemap: hazard areas, accidents and planned clearance
//! sectors along the former line of contact in Azerbaijan, written as three GeoJSON files in
//! the schema of `/work/shared/DOMAIN.md`. Every feature says `"source": "synthetic"`.
//!
//! ```text
//! cargo run --release --example make_sample_data -- --hazards 320 --incidents 210 \
//!     --sectors 8 --seed 7 --out sample_data
//! ```
//!
//! The output depends only on the arguments (a splitmix64 generator per hazard, so the
//! parallel geometry phase gives the same bytes on any number of threads).

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;
use clap::Parser;
use geo::orient::{Direction, Orient};
use geo::{Contains, Coord, GeodesicArea, LineString, MultiPolygon, Point, Polygon};
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use serde_json::{Map, Value, json};

/// Command line of the generator.
#[derive(Parser, Debug)]
#[command(about = "Writes synthetic minemap sample data (hazard areas, accidents, sectors)")]
struct Args {
    /// Number of hazard areas.
    #[arg(long, default_value_t = 320)]
    hazards: usize,
    /// Number of accidents.
    #[arg(long, default_value_t = 210)]
    incidents: usize,
    /// Number of planned clearance sectors (laid inside CHAs).
    #[arg(long, default_value_t = 8)]
    sectors: usize,
    /// Total casualties (killed + injured) over all accidents; by default 361 per 210
    /// accidents, the figure Azerbaijan reports for 2020-11 .. 2024-05.
    #[arg(long)]
    victims: Option<u64>,
    /// Seed of the pseudo-random generator.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Output folder (created if missing).
    #[arg(long, default_value = "sample_data")]
    out: PathBuf,
    /// One line per file instead of pretty-printed JSON.
    #[arg(long)]
    compact: bool,
}

// ---------------------------------------------------------------------------------------------
// Pseudo-random numbers

/// splitmix64 (Steele, Lea & Flood 2014): tiny, fast and good enough for synthetic data.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    /// A generator for item `index` of stream `stream`, independent of the others.
    fn for_item(seed: u64, stream: u64, index: u64) -> Self {
        let mut r = Self(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        let base = r.next_u64();
        Self(base ^ index.wrapping_mul(0xE703_7ED1_A0B4_28DB))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    #[allow(clippy::cast_precision_loss)] // 53 bits into an f64 mantissa, exactly
    fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }

    /// Uniform in 0..n (n > 0).
    #[allow(clippy::cast_possible_truncation)]
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Picks a value by weight.
    fn weighted<'a, T>(&mut self, items: &'a [(T, f64)]) -> &'a T {
        let total: f64 = items.iter().map(|(_, w)| w).sum();
        let mut x = self.f64() * total;
        for (item, w) in items {
            if x < *w {
                return item;
            }
            x -= w;
        }
        &items[items.len() - 1].0
    }
}

// ---------------------------------------------------------------------------------------------
// Places

/// A district along the former line of contact: approximate centre and real settlements.
struct District {
    name: &'static str,
    lon: f64,
    lat: f64,
    settlements: &'static [&'static str],
}

const DISTRICTS: &[District] = &[
    District {
        name: "Aghdam",
        lon: 46.93,
        lat: 39.99,
        settlements: &[
            "Aghdam",
            "Quzanli",
            "Papravand",
            "Khidirli",
            "Giyasli",
            "Shelli",
            "Marzili",
            "Sarijali",
            "Baharli",
            "Boyahmadli",
        ],
    },
    District {
        name: "Fuzuli",
        lon: 47.15,
        lat: 39.60,
        settlements: &[
            "Fuzuli",
            "Horadiz",
            "Alkhanli",
            "Gochahmadli",
            "Dovlatyarli",
            "Garakhanbayli",
            "Yukhari Yaghlavand",
            "Kurdlar",
            "Ahmadbayli",
        ],
    },
    District {
        name: "Tartar",
        lon: 46.93,
        lat: 40.34,
        settlements: &[
            "Tartar",
            "Sugovushan",
            "Talysh",
            "Hasangaya",
            "Gapanli",
            "Seysulan",
            "Borsunlu",
            "Shikharkh",
        ],
    },
    District {
        name: "Khojavend",
        lon: 46.80,
        lat: 39.79,
        settlements: &[
            "Khojavend",
            "Hadrut",
            "Tugh",
            "Edilli",
            "Azykh",
            "Sos",
            "Vang",
            "Gunashli",
        ],
    },
    District {
        name: "Jabrayil",
        lon: 47.03,
        lat: 39.40,
        settlements: &[
            "Jabrayil",
            "Soltanli",
            "Mehdili",
            "Chakhirli",
            "Karkhulu",
            "Boyuk Marjanli",
            "Horovlu",
            "Dashkasan",
        ],
    },
    District {
        name: "Zangilan",
        lon: 46.66,
        lat: 39.09,
        settlements: &[
            "Zangilan", "Aghali", "Mincivan", "Bartaz", "Hakari", "Shayifli", "Babayli", "Razdara",
        ],
    },
    District {
        name: "Lachin",
        lon: 46.55,
        lat: 39.64,
        settlements: &[
            "Lachin",
            "Sus",
            "Zabukh",
            "Mirik",
            "Gorchu",
            "Malibeyli",
            "Hochaz",
            "Minkend",
        ],
    },
    District {
        name: "Kalbajar",
        lon: 46.04,
        lat: 40.10,
        settlements: &[
            "Kalbajar",
            "Istisu",
            "Zar",
            "Chaykend",
            "Shaplar",
            "Tutgun",
            "Narinjlar",
        ],
    },
];

/// How far from its centre a district's hazards spread, in metres.
const DISTRICT_SPREAD_M: f64 = 20_000.0;

const PLACE_NAMES: &[&str] = &[
    "north fields",
    "south fields",
    "road verge",
    "orchard",
    "former positions",
    "riverbank",
    "cemetery approach",
    "vineyard",
    "pasture",
    "irrigation canal",
    "hilltop trenches",
    "school approach",
    "power line",
    "farm track",
    "railway embankment",
    "forest edge",
];

const CLASSIFICATIONS: &[(&str, f64)] = &[("indication", 0.15), ("sha", 0.45), ("cha", 0.40)];
const STATUSES: &[(&str, f64)] = &[
    ("open", 0.58),
    ("worked_on", 0.2),
    ("closed", 0.14),
    ("suspended", 0.08),
];
const CONTAMINATIONS: &[(&str, f64)] = &[
    ("ap_mine", 0.35),
    ("at_mine", 0.22),
    ("uxo", 0.2),
    ("cmr", 0.07),
    ("axo", 0.06),
    ("ied", 0.03),
    ("booby_trap", 0.03),
    ("unknown", 0.04),
];
const MARKINGS: &[&str] = &["none", "temporary", "permanent", "fenced"];
const MINE_PROBABILITIES: &[(&str, f64)] = &[
    ("very_high", 0.2),
    ("medium_high", 0.35),
    ("low", 0.3),
    ("very_low", 0.15),
];
const BLOCKED_RESOURCES: &[&str] = &[
    "agricultural_land",
    "pasture",
    "road",
    "housing",
    "water",
    "infrastructure",
    "forest",
];
const DEVICE_CATEGORIES: &[(&str, f64)] = &[
    ("ap_mine", 0.45),
    ("at_mine", 0.2),
    ("uxo", 0.2),
    ("cmr", 0.04),
    ("axo", 0.03),
    ("ied", 0.02),
    ("booby_trap", 0.02),
    ("unknown", 0.04),
];
const ACCIDENT_TYPES: &[(&str, f64)] = &[
    ("civilian", 0.7),
    ("demining", 0.12),
    ("military", 0.13),
    ("unknown", 0.05),
];
/// (asset, plausible rates in m² per team-day): user inputs in the app, examples here.
const ASSETS: &[(&str, f64, f64)] = &[
    ("manual", 300.0, 800.0),
    ("mdd", 1_500.0, 3_000.0),
    ("mechanical", 3_000.0, 8_000.0),
];

// ---------------------------------------------------------------------------------------------
// Dates (proleptic Gregorian, days since 1970-01-01; Hinnant's algorithms)

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn iso_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
fn random_day(rng: &mut Rng, from: i64, to: i64) -> i64 {
    from + (rng.f64() * (to - from + 1) as f64) as i64
}

// ---------------------------------------------------------------------------------------------
// Geometry in a local metric frame around a point

/// Metres per degree (a spherical approximation is enough to place synthetic shapes; areas
/// are measured geodesically on the result).
const M_PER_DEG_LAT: f64 = 110_574.0;
const M_PER_DEG_LON_EQ: f64 = 111_320.0;

/// Rounds to 6 decimals (~0.1 m), the precision written to the files.
fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

#[derive(Clone, Copy, Debug)]
struct Local {
    lon0: f64,
    lat0: f64,
    m_per_deg_lon: f64,
}

impl Local {
    fn new(lon0: f64, lat0: f64) -> Self {
        Self {
            lon0,
            lat0,
            m_per_deg_lon: M_PER_DEG_LON_EQ * lat0.to_radians().cos(),
        }
    }
    fn to_lonlat(self, x: f64, y: f64) -> Coord<f64> {
        Coord {
            x: round6(self.lon0 + x / self.m_per_deg_lon),
            y: round6(self.lat0 + y / M_PER_DEG_LAT),
        }
    }
    fn to_xy(self, c: Coord<f64>) -> (f64, f64) {
        (
            (c.x - self.lon0) * self.m_per_deg_lon,
            (c.y - self.lat0) * M_PER_DEG_LAT,
        )
    }
}

/// Star-shaped blob around the origin: vertices at strictly increasing angles with positive
/// radii, so the ring is simple; low harmonics and jitter make it concave. Returns local
/// (x, y) in metres, not closed.
fn blob(rng: &mut Rng, radius: f64, vertices: usize, lo: f64, hi: f64) -> Vec<(f64, f64)> {
    let harmonics: Vec<(f64, f64, f64)> = (2..=5)
        .map(|h| {
            (
                f64::from(h),
                rng.range(0.0, 0.45 / f64::from(h).sqrt()),
                rng.range(0.0, std::f64::consts::TAU),
            )
        })
        .collect();
    let rotation = rng.range(0.0, std::f64::consts::TAU);
    #[allow(clippy::cast_precision_loss)]
    let step = std::f64::consts::TAU / vertices as f64;
    (0..vertices)
        .map(|k| {
            #[allow(clippy::cast_precision_loss)]
            let theta = rotation + (k as f64 + rng.range(0.0, 0.6)) * step;
            let wave: f64 = harmonics
                .iter()
                .map(|(h, a, phase)| a * (h * theta + phase).sin())
                .sum();
            let r = radius * (1.0 + wave + rng.range(-0.12, 0.12)).clamp(lo, hi);
            (r * theta.cos(), r * theta.sin())
        })
        .collect()
}

/// Distance from the origin to segment a–b (metres).
fn origin_to_segment(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (-(a.0 * dx + a.1 * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a.0 + t * dx).hypot(a.1 + t * dy)
}

/// Radius of a disc around the origin that lies inside the star-shaped ring.
fn inscribed_radius(ring: &[(f64, f64)]) -> f64 {
    (0..ring.len())
        .map(|k| origin_to_segment(ring[k], ring[(k + 1) % ring.len()]))
        .fold(f64::INFINITY, f64::min)
}

/// A closed lon/lat ring from local vertices (duplicates after rounding dropped).
fn ring_lonlat(local: Local, centre: (f64, f64), pts: &[(f64, f64)]) -> LineString<f64> {
    let mut coords: Vec<Coord<f64>> = Vec::with_capacity(pts.len() + 1);
    for &(x, y) in pts {
        let c = local.to_lonlat(centre.0 + x, centre.1 + y);
        if coords.last() != Some(&c) {
            coords.push(c);
        }
    }
    if let Some(&first) = coords.first() {
        coords.push(first);
    }
    LineString(coords)
}

// ---------------------------------------------------------------------------------------------
// Hazard areas

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ShapeKind {
    Simple,
    WithHole,
    Multi(usize),
}

/// What the sequential placement phase decides about a hazard.
#[derive(Clone, Debug)]
struct HazardPlan {
    index: usize,
    district: usize,
    centre: Coord<f64>,
    radius_m: f64,
    kind: ShapeKind,
}

/// One piece of a hazard: where a point surely inside lies.
#[derive(Clone, Copy, Debug)]
struct Part {
    /// Centre of the star-shaped part, lon/lat.
    centre: Coord<f64>,
    /// Disc around the centre inside the exterior ring, metres.
    inner_m: f64,
    /// Disc around the centre that holds the hole, if any (0 when none), metres.
    hole_m: f64,
}

#[derive(Clone, Debug)]
struct Hazard {
    id: String,
    district: usize,
    settlement: &'static str,
    classification: &'static str,
    status: &'static str,
    geometry: MultiPolygon<f64>,
    is_multi: bool,
    parts: Vec<Part>,
    area_m2: f64,
    attrs: HazardAttrs,
}

/// The attributes of a hazard area, kept compact (200 000 property maps would cost ~600 MB);
/// [`Hazard::properties`] spells them out when the feature is written.
#[derive(Clone, Debug)]
struct HazardAttrs {
    name: String,
    contamination: Vec<&'static str>,
    priority: &'static str,
    /// Estimated, cancelled, reduced and cleared area in centi-m² (integers, so the written
    /// decimals add up exactly).
    estimated: u64,
    cancelled: u64,
    reduced: u64,
    cleared: u64,
    marking: &'static str,
    mine_probability: &'static str,
    blocked_resources: Vec<&'static str>,
    info_day: i64,
    changed_day: i64,
}

impl Hazard {
    fn properties(&self) -> Map<String, Value> {
        let a = &self.attrs;
        let mut p = Map::new();
        p.insert("id".into(), json!(self.id));
        p.insert("feature_type".into(), json!("hazard_area"));
        p.insert("name".into(), json!(a.name));
        p.insert("region".into(), json!(DISTRICTS[self.district].name));
        p.insert("settlement".into(), json!(self.settlement));
        p.insert("classification".into(), json!(self.classification));
        p.insert("status".into(), json!(self.status));
        p.insert("contamination".into(), json!(a.contamination));
        p.insert("priority".into(), json!(a.priority));
        p.insert("estimated_area_m2".into(), centi(a.estimated));
        p.insert("cancelled_area_m2".into(), centi(a.cancelled));
        p.insert("reduced_area_m2".into(), centi(a.reduced));
        p.insert("cleared_area_m2".into(), centi(a.cleared));
        p.insert("marking".into(), json!(a.marking));
        p.insert("mine_probability".into(), json!(a.mine_probability));
        p.insert("blocked_resources".into(), json!(a.blocked_resources));
        p.insert("date_of_information".into(), json!(iso_date(a.info_day)));
        p.insert("status_changed_date".into(), json!(iso_date(a.changed_day)));
        p.insert("source".into(), json!("synthetic"));
        p
    }
}

/// Bounding radius of a hazard's shape as a multiple of its radius (blob radii are ≤ 1.6 r).
const MAX_RADIUS_FACTOR: f64 = 1.6;

fn multi_layout(radius_m: f64, parts: usize) -> (f64, f64) {
    #[allow(clippy::cast_precision_loss)]
    let part_r = radius_m / (parts as f64).sqrt();
    let spacing = 2.0 * MAX_RADIUS_FACTOR * part_r * 1.15;
    (part_r, spacing)
}

fn bounding_radius(plan_r: f64, kind: ShapeKind) -> f64 {
    match kind {
        ShapeKind::Multi(n) => {
            let (part_r, spacing) = multi_layout(plan_r, n);
            #[allow(clippy::cast_precision_loss)]
            let half = (n - 1) as f64 / 2.0 * spacing;
            half + MAX_RADIUS_FACTOR * part_r
        }
        _ => MAX_RADIUS_FACTOR * plan_r,
    }
}

type SpacingGrid = std::collections::HashMap<(i64, i64), Vec<(f64, f64, f64)>>;

/// Places hazard centres with a minimum spacing (r1 + r2) on a hash grid; for very large
/// counts the districts cannot hold them all apart, so overlaps are accepted.
fn plan_hazards(seed: u64, n: usize) -> Vec<HazardPlan> {
    let attempts = if n > 20_000 { 1 } else { 12 };
    let cell = 1_000.0;
    // Cell -> placed hazards (x, y, bounding radius) in metres from the district centre.
    let mut grid: SpacingGrid = std::collections::HashMap::new();
    let mut max_r: f64 = 0.0;
    let mut plans = Vec::with_capacity(n);
    for index in 0..n {
        let mut rng = Rng::for_item(seed, 1, index as u64);
        let district = rng.below(DISTRICTS.len());
        let d = &DISTRICTS[district];
        let hectares = if rng.chance(0.03) {
            rng.range(200.0, 1_200.0)
        } else {
            (rng.range(0.5f64.ln(), 200f64.ln())).exp()
        };
        let radius_m = (hectares * 10_000.0 / std::f64::consts::PI).sqrt();
        let kind = match rng.f64() {
            x if x < 0.10 => ShapeKind::WithHole,
            x if x < 0.15 => ShapeKind::Multi(2 + rng.below(2)),
            _ => ShapeKind::Simple,
        };
        let bound = bounding_radius(radius_m, kind);
        // A district-wide frame: metres from the district centre.
        let frame = Local::new(d.lon, d.lat);
        let mut chosen = None;
        for attempt in 0..attempts {
            let dist = DISTRICT_SPREAD_M * rng.f64().sqrt();
            let angle = rng.range(0.0, std::f64::consts::TAU);
            let (x, y) = (dist * angle.cos(), dist * angle.sin());
            let ok = attempts == 1 || {
                let reach = bound + max_r;
                #[allow(clippy::cast_possible_truncation)]
                let (cx, cy, span) = (
                    (x / cell).floor() as i64,
                    (y / cell).floor() as i64,
                    (reach / cell).ceil() as i64,
                );
                let mut clear = true;
                'scan: for gx in cx - span..=cx + span {
                    for gy in cy - span..=cy + span {
                        if let Some(list) = grid.get(&(district as i64 * 1_000_000 + gx, gy)) {
                            for &(ox, oy, or) in list {
                                if (ox - x).hypot(oy - y) < or + bound {
                                    clear = false;
                                    break 'scan;
                                }
                            }
                        }
                    }
                }
                clear
            };
            if ok || attempt + 1 == attempts {
                chosen = Some((x, y));
                break;
            }
        }
        let (x, y) = chosen.unwrap_or((0.0, 0.0));
        if attempts > 1 {
            #[allow(clippy::cast_possible_truncation)]
            let key = (
                district as i64 * 1_000_000 + (x / cell).floor() as i64,
                (y / cell).floor() as i64,
            );
            grid.entry(key).or_default().push((x, y, bound));
            max_r = max_r.max(bound);
        }
        plans.push(HazardPlan {
            index,
            district,
            centre: frame.to_lonlat(x, y),
            radius_m,
            kind,
        });
    }
    plans
}

/// Geodesic area (m²) of polygons after orienting exteriors counter-clockwise.
#[cfg(test)]
fn geodesic_area(mp: &MultiPolygon<f64>) -> f64 {
    mp.orient(Direction::Default).geodesic_area_unsigned()
}

/// A value from `list`, forced for the first hazards so every code appears at least once.
fn forced_or_weighted(
    rng: &mut Rng,
    list: &[(&'static str, f64)],
    index: usize,
    offset: usize,
) -> &'static str {
    if index >= offset && index - offset < list.len() {
        list[index - offset].0
    } else {
        let code: &&'static str = rng.weighted(list);
        code
    }
}

/// Splits `total` centi-m² into (cancelled, reduced, cleared) for a status, integers so the
/// written decimals add up exactly.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]
fn released(rng: &mut Rng, total: u64, classification: &str, status: &str) -> (u64, u64, u64) {
    let frac = |rng: &mut Rng, lo: f64, hi: f64| (total as f64 * rng.range(lo, hi)) as u64;
    match status {
        "closed" => match classification {
            "indication" => (total, 0, 0),
            "sha" => {
                let c = frac(rng, 0.3, 0.8);
                (c, total - c, 0)
            }
            _ => {
                let c = frac(rng, 0.0, 0.15);
                let r = frac(rng, 0.05, 0.35);
                (c, r, total - c - r)
            }
        },
        "worked_on" | "suspended" => {
            let scale = if status == "suspended" { 0.5 } else { 1.0 };
            match classification {
                "indication" => (frac(rng, 0.0, 0.4 * scale), 0, 0),
                "sha" => (frac(rng, 0.0, 0.3 * scale), frac(rng, 0.0, 0.3 * scale), 0),
                _ => (
                    frac(rng, 0.0, 0.1 * scale),
                    frac(rng, 0.0, 0.25 * scale),
                    frac(rng, 0.05, 0.4 * scale),
                ),
            }
        }
        _ => (0, 0, 0),
    }
}

fn centi(v: u64) -> Value {
    // Two decimals, exact in the text: serde_json prints the shortest round-trip form.
    #[allow(clippy::cast_precision_loss)]
    let x = v as f64 / 100.0;
    json!(x)
}

#[allow(clippy::too_many_lines)]
fn build_hazard(seed: u64, plan: &HazardPlan, id_width: usize) -> Hazard {
    let mut rng = Rng::for_item(seed, 2, plan.index as u64);
    let district = &DISTRICTS[plan.district];
    let local = Local::new(plan.centre.x, plan.centre.y);
    let mut polygons = Vec::new();
    let mut parts = Vec::new();
    let centres: Vec<((f64, f64), f64)> = match plan.kind {
        ShapeKind::Multi(n) => {
            let (part_r, spacing) = multi_layout(plan.radius_m, n);
            let dir = rng.range(0.0, std::f64::consts::TAU);
            (0..n)
                .map(|j| {
                    #[allow(clippy::cast_precision_loss)]
                    let off = (j as f64 - (n - 1) as f64 / 2.0) * spacing;
                    ((off * dir.cos(), off * dir.sin()), part_r)
                })
                .collect()
        }
        _ => vec![((0.0, 0.0), plan.radius_m)],
    };
    for (centre, r) in centres {
        let vertices = 8 + rng.below(57);
        let exterior = blob(&mut rng, r, vertices, 0.45, MAX_RADIUS_FACTOR);
        let inner = inscribed_radius(&exterior);
        let mut interiors = Vec::new();
        let mut hole_m = 0.0;
        if plan.kind == ShapeKind::WithHole {
            hole_m = 0.4 * inner;
            let hv = 6 + rng.below(11);
            // Radii in 0.5..1 of hole_m: a smaller star well inside the inscribed disc.
            let hole = blob(&mut rng, 0.75 * hole_m, hv, 0.66, 1.33);
            interiors.push(ring_lonlat(local, centre, &hole));
        }
        parts.push(Part {
            centre: local.to_lonlat(centre.0, centre.1),
            inner_m: inner,
            hole_m,
        });
        polygons.push(Polygon::new(
            ring_lonlat(local, centre, &exterior),
            interiors,
        ));
    }
    // Exterior counter-clockwise, holes clockwise (RFC 7946 §3.1.6).
    let geometry = MultiPolygon(polygons).orient(Direction::Default);
    let area_m2 = geometry.geodesic_area_unsigned();

    let id = format!("HA-{:0width$}", plan.index + 1, width = id_width);
    let settlement = *rng.pick(district.settlements);
    let classification = forced_or_weighted(&mut rng, CLASSIFICATIONS, plan.index, 0);
    let status = forced_or_weighted(&mut rng, STATUSES, plan.index, 0);
    let mut contamination: Vec<&str> =
        vec![forced_or_weighted(&mut rng, CONTAMINATIONS, plan.index, 0)];
    let extra = rng.weighted(&[(0usize, 0.6), (1, 0.3), (2, 0.1)]);
    for _ in 0..*extra {
        let c = rng.weighted(CONTAMINATIONS);
        if !contamination.contains(c) {
            contamination.push(c);
        }
    }
    let priority = match (classification, rng.f64()) {
        ("cha", x) if x < 0.6 => "high",
        ("indication", x) if x < 0.7 => "low",
        (_, x) if x < 0.3 => "high",
        (_, x) if x < 0.7 => "medium",
        _ => "low",
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let total_centi = (area_m2 * 100.0).round() as u64;
    let (cancelled, reduced, cleared) = released(&mut rng, total_centi, classification, status);
    let marking = match classification {
        "indication" => "none",
        "sha" => *rng.pick(&MARKINGS[..3]),
        _ => *rng.pick(MARKINGS),
    };
    let mine_probability = *rng.weighted(MINE_PROBABILITIES);
    let info_day = random_day(
        &mut rng,
        days_from_civil(2021, 1, 15),
        days_from_civil(2024, 5, 31),
    );
    let changed_day = random_day(&mut rng, info_day, days_from_civil(2024, 6, 30));
    let mut blocked = vec![*rng.pick(BLOCKED_RESOURCES)];
    if rng.chance(0.4) {
        let b = *rng.pick(BLOCKED_RESOURCES);
        if !blocked.contains(&b) {
            blocked.push(b);
        }
    }
    let name = format!(
        "{settlement} {} {}",
        rng.pick(PLACE_NAMES),
        1 + rng.below(9)
    );

    Hazard {
        id,
        district: plan.district,
        settlement,
        classification,
        status,
        is_multi: geometry.0.len() > 1,
        geometry,
        parts,
        area_m2,
        attrs: HazardAttrs {
            name,
            contamination,
            priority,
            estimated: total_centi,
            cancelled,
            reduced,
            cleared,
            marking,
            mine_probability,
            blocked_resources: blocked,
            info_day,
            changed_day,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Accidents

#[derive(Clone, Debug)]
struct Accident {
    day: i64,
    location: Coord<f64>,
    district: usize,
    settlement: &'static str,
    hazard_id: Option<String>,
    device_category: &'static str,
    accident_type: &'static str,
    killed: u64,
    injured: u64,
    area_marked: bool,
}

type HazardBox = GeomWithData<Rectangle<[f64; 2]>, usize>;

fn hazard_index(hazards: &[Hazard]) -> RTree<HazardBox> {
    let boxes = hazards
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            use geo::BoundingRect as _;
            let r = h.geometry.bounding_rect()?;
            Some(GeomWithData::new(
                Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
                i,
            ))
        })
        .collect();
    RTree::bulk_load(boxes)
}

/// Hazards whose polygons contain `c`.
fn containing(tree: &RTree<HazardBox>, hazards: &[Hazard], c: Coord<f64>) -> Vec<usize> {
    tree.locate_all_at_point(&[c.x, c.y])
        .map(|b| b.data)
        .filter(|&i| hazards[i].geometry.contains(&Point(c)))
        .collect()
}

/// A point inside hazard `h` (inside the inscribed disc, outside any hole).
fn point_inside(rng: &mut Rng, h: &Hazard) -> Coord<f64> {
    let part = rng.pick(&h.parts);
    let local = Local::new(part.centre.x, part.centre.y);
    let lo = if part.hole_m > 0.0 {
        part.hole_m * 1.2
    } else {
        0.0
    };
    let r = rng.range(lo, 0.9 * part.inner_m);
    let a = rng.range(0.0, std::f64::consts::TAU);
    local.to_lonlat(r * a.cos(), r * a.sin())
}

/// A point outside hazard `h` and within `max_m` metres of it: beyond a vertex along the ray
/// from the (star) centre, which crosses the ring only at that vertex.
fn point_near(rng: &mut Rng, h: &Hazard, max_m: f64) -> Coord<f64> {
    let poly_index = rng.below(h.geometry.0.len());
    let part = h.parts[poly_index];
    let ring = &h.geometry.0[poly_index].exterior().0;
    let vertex = ring[rng.below(ring.len().saturating_sub(1).max(1))];
    let local = Local::new(part.centre.x, part.centre.y);
    let (x, y) = local.to_xy(vertex);
    let len = x.hypot(y).max(1e-9);
    let d = rng.range(15.0, max_m);
    local.to_lonlat(x + x / len * d, y + y / len * d)
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn make_accidents(
    seed: u64,
    n: usize,
    victims: u64,
    hazards: &[Hazard],
    tree: &RTree<HazardBox>,
) -> Vec<Accident> {
    let mut rng = Rng::for_item(seed, 3, 0);
    let first = days_from_civil(2020, 11, 10);
    let last = days_from_civil(2024, 5, 31);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let roll = rng.f64();
        let day = random_day(&mut rng, first, last);
        let device_category = rng.weighted(DEVICE_CATEGORIES);
        let accident_type = rng.weighted(ACCIDENT_TYPES);
        let (location, district, settlement) = if hazards.is_empty() || roll >= 0.9 {
            // Far from any known hazard: the accidents that reveal new contamination.
            let district = rng.below(DISTRICTS.len());
            let d = &DISTRICTS[district];
            let frame = Local::new(d.lon, d.lat);
            let mut c = frame.to_lonlat(0.0, 0.0);
            for _ in 0..60 {
                let dist = DISTRICT_SPREAD_M * 1.1 * rng.f64().sqrt();
                let a = rng.range(0.0, std::f64::consts::TAU);
                c = frame.to_lonlat(dist * a.cos(), dist * a.sin());
                let margin = 0.006; // ~600 m in degrees
                let env =
                    AABB::from_corners([c.x - margin, c.y - margin], [c.x + margin, c.y + margin]);
                if tree.locate_in_envelope_intersecting(&env).next().is_none() {
                    break;
                }
            }
            (c, district, *rng.pick(d.settlements))
        } else {
            // Prefer survey-confirmed land: accidents cluster where the evidence is.
            let h = loop {
                let h = &hazards[rng.below(hazards.len())];
                if h.classification != "indication" || rng.chance(0.4) {
                    break h;
                }
            };
            let c = if roll < 0.75 {
                point_inside(&mut rng, h)
            } else {
                point_near(&mut rng, h, 480.0)
            };
            (c, h.district, h.settlement)
        };
        let inside = containing(tree, hazards, location);
        let hazard_id = inside.first().map(|&i| hazards[i].id.clone());
        out.push(Accident {
            day,
            location,
            district,
            settlement,
            hazard_id,
            device_category,
            accident_type,
            killed: 0,
            injured: 0,
            area_marked: rng.chance(0.2),
        });
    }
    // Casualties: one each where there are enough, the rest to a few accidents (an anti-tank
    // mine under a vehicle hurts several), then split into killed and injured. The total is
    // exact by construction.
    let mut counts = vec![0u64; n];
    let mut left = victims;
    if n > 0 {
        if victims >= n as u64 {
            counts.iter_mut().for_each(|c| *c = 1);
            left -= n as u64;
        }
        while left > 0 {
            let i = rng.below(n);
            let heavy = matches!(out[i].device_category, "at_mine" | "uxo" | "cmr");
            if counts[i] == 0 || heavy || rng.chance(0.35) {
                counts[i] += 1;
                left -= 1;
            }
        }
    }
    for (a, total) in out.iter_mut().zip(counts) {
        let p_killed = if a.device_category == "at_mine" {
            0.55
        } else {
            0.3
        };
        a.killed = (0..total).filter(|_| rng.chance(p_killed)).count() as u64;
        a.injured = total - a.killed;
    }
    out.sort_by_key(|a| a.day);
    out
}

// ---------------------------------------------------------------------------------------------
// Clearance sectors

#[derive(Clone, Debug)]
struct Sector {
    hazard: usize,
    sector_index: usize,
    polygon: Polygon<f64>,
    area_m2: f64,
    asset: &'static str,
    rate: f64,
    teams: u64,
    start_day: i64,
}

/// Lays up to `n` sectors inside CHAs without holes: two boxes side by side on a base-line
/// through the centre, shrunk until `Contains` says both lie inside the hazard.
fn make_sectors(seed: u64, n: usize, hazards: &[Hazard]) -> Vec<Sector> {
    let mut rng = Rng::for_item(seed, 4, 0);
    let mut candidates: Vec<usize> = hazards
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            h.classification == "cha"
                && matches!(h.status, "open" | "worked_on")
                && !h.is_multi
                && h.parts.iter().all(|p| p.hole_m == 0.0)
                && h.area_m2 > 5_000.0
        })
        .map(|(i, _)| i)
        .collect();
    // Deterministic shuffle (Fisher–Yates).
    for i in (1..candidates.len()).rev() {
        let j = rng.below(i + 1);
        candidates.swap(i, j);
    }
    let mut out = Vec::with_capacity(n);
    let mut start_day = days_from_civil(2024, 6, 3);
    for &hi in &candidates {
        if out.len() >= n {
            break;
        }
        let h = &hazards[hi];
        let part = h.parts[0];
        let local = Local::new(part.centre.x, part.centre.y);
        let angle = rng.range(0.0, std::f64::consts::PI);
        let (ux, uy) = (angle.cos(), angle.sin());
        let (vx, vy) = (-uy, ux);
        // Half-diagonal of the pair of boxes ≤ 0.85 × the inscribed radius to start with.
        let mut half_len = 0.85 * part.inner_m / 1.25f64.sqrt();
        let mut boxes = None;
        for _ in 0..12 {
            let depth = half_len; // each box is half_len × half_len*... along the base-line
            let mk = |s0: f64, s1: f64| {
                let corners = [(s0, 0.0), (s1, 0.0), (s1, depth), (s0, depth)];
                let pts: Vec<(f64, f64)> = corners
                    .iter()
                    .map(|&(s, t)| {
                        let t = t - depth / 2.0;
                        (s * ux + t * vx, s * uy + t * vy)
                    })
                    .collect();
                Polygon::new(ring_lonlat(local, (0.0, 0.0), &pts), vec![])
                    .orient(Direction::Default)
            };
            let pair = [mk(-half_len, 0.0), mk(0.0, half_len)];
            if pair.iter().all(|b| h.geometry.contains(b)) {
                boxes = Some(pair);
                break;
            }
            half_len *= 0.8;
        }
        let Some(pair) = boxes else { continue };
        for (k, polygon) in pair.into_iter().enumerate() {
            if out.len() >= n {
                break;
            }
            let area_m2 = polygon.geodesic_area_unsigned();
            let &(asset, lo, hi_rate) = &ASSETS[out.len() % ASSETS.len()];
            let rate = (rng.range(lo, hi_rate) / 10.0).round() * 10.0;
            let teams = 1 + rng.below(4) as u64;
            out.push(Sector {
                hazard: hi,
                sector_index: k + 1,
                polygon,
                area_m2,
                asset,
                rate,
                teams,
                start_day,
            });
            start_day += 7;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Writes a coordinate in micro-degrees as fixed-point text (fast and exact to 6 decimals).
fn push_number(out: &mut String, v: f64) {
    #[allow(clippy::cast_possible_truncation)]
    let micro = (v * 1e6).round() as i64;
    let sign = if micro < 0 { "-" } else { "" };
    let a = micro.unsigned_abs();
    let _ = write!(out, "{sign}{}.{:06}", a / 1_000_000, a % 1_000_000);
}

fn push_ring(out: &mut String, ring: &LineString<f64>, pretty: bool) {
    out.push('[');
    for (k, c) in ring.0.iter().enumerate() {
        if k > 0 {
            out.push_str(if pretty { ", " } else { "," });
        }
        out.push('[');
        push_number(out, c.x);
        out.push(',');
        if pretty {
            out.push(' ');
        }
        push_number(out, c.y);
        out.push(']');
    }
    out.push(']');
}

fn push_polygon(out: &mut String, p: &Polygon<f64>, pretty: bool, indent: &str) {
    out.push('[');
    let rings = std::iter::once(p.exterior()).chain(p.interiors());
    for (k, r) in rings.enumerate() {
        if k > 0 {
            out.push(',');
        }
        if pretty {
            out.push('\n');
            out.push_str(indent);
            out.push_str("  ");
        }
        push_ring(out, r, pretty);
    }
    if pretty {
        out.push('\n');
        out.push_str(indent);
    }
    out.push(']');
}

/// A geometry as GeoJSON text: coordinates one ring per line when pretty.
enum Geom<'a> {
    Point(Coord<f64>),
    Polygon(&'a Polygon<f64>),
    MultiPolygon(&'a MultiPolygon<f64>),
}

fn push_geometry(out: &mut String, g: &Geom<'_>, pretty: bool) {
    let (sep, ind) = if pretty { (" ", "        ") } else { ("", "") };
    match g {
        Geom::Point(c) => {
            let _ = write!(out, "{{\"type\":{sep}\"Point\",{sep}\"coordinates\":{sep}[");
            push_number(out, c.x);
            out.push(',');
            out.push_str(sep);
            push_number(out, c.y);
            out.push_str("]}");
        }
        Geom::Polygon(p) => {
            let _ = write!(
                out,
                "{{\"type\":{sep}\"Polygon\",{sep}\"coordinates\":{sep}"
            );
            push_polygon(out, p, pretty, ind);
            out.push('}');
        }
        Geom::MultiPolygon(mp) => {
            let _ = write!(
                out,
                "{{\"type\":{sep}\"MultiPolygon\",{sep}\"coordinates\":{sep}["
            );
            let inner = format!("{ind}  ");
            for (k, p) in mp.0.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                if pretty {
                    out.push('\n');
                    out.push_str(&inner);
                }
                push_polygon(out, p, pretty, &inner);
            }
            if pretty {
                out.push('\n');
                out.push_str(ind);
            }
            out.push_str("]}");
        }
    }
}

/// One feature: `id` member, properties (one per line when pretty), geometry.
fn feature_text(id: &str, props: &Map<String, Value>, geom: &Geom<'_>, pretty: bool) -> String {
    let mut out = String::with_capacity(1024);
    let id_json = Value::String(id.to_owned()).to_string();
    if pretty {
        let _ = write!(
            out,
            "    {{\n      \"type\": \"Feature\",\n      \"id\": {id_json},\n      \"properties\": {{"
        );
        for (k, (key, value)) in props.iter().enumerate() {
            let sep = if k == 0 { "\n" } else { ",\n" };
            let _ = write!(
                out,
                "{sep}        {}: {}",
                Value::String(key.clone()),
                serde_json::to_string(value).unwrap_or_default()
            );
        }
        out.push_str("\n      },\n      \"geometry\": ");
        push_geometry(&mut out, geom, true);
        out.push_str("\n    }");
    } else {
        let _ = write!(
            out,
            "{{\"type\":\"Feature\",\"id\":{id_json},\"properties\":{},\"geometry\":",
            serde_json::to_string(props).unwrap_or_default()
        );
        push_geometry(&mut out, geom, false);
        out.push('}');
    }
    out
}

/// Streams a FeatureCollection: header, features made in parallel batches, footer.
fn write_collection<T: Sync>(
    path: &Path,
    name: &str,
    seed: u64,
    pretty: bool,
    items: &[T],
    to_text: impl Fn(&T) -> String + Sync,
) -> anyhow::Result<u64> {
    let file = File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let marker = json!({"generator": "make_sample_data", "seed": seed, "synthetic": true});
    if pretty {
        write!(
            w,
            "{{\n  \"type\": \"FeatureCollection\",\n  \"name\": {},\n  \"minemap_sample\": {},\n  \"features\": [",
            Value::String(name.into()),
            marker
        )?;
    } else {
        write!(
            w,
            "{{\"type\":\"FeatureCollection\",\"name\":{},\"minemap_sample\":{},\"features\":[",
            Value::String(name.into()),
            marker
        )?;
    }
    let mut first = true;
    for batch in items.chunks(8_192) {
        let texts: Vec<String> = batch.par_iter().map(&to_text).collect();
        for t in texts {
            if !first {
                w.write_all(b",")?;
            }
            if pretty {
                w.write_all(b"\n")?;
            }
            first = false;
            w.write_all(t.as_bytes())?;
        }
    }
    w.write_all(if pretty { b"\n  ]\n}\n" } else { b"]}\n" })?;
    w.flush()
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(std::fs::metadata(path)?.len())
}

fn accident_properties(id: &str, a: &Accident) -> Map<String, Value> {
    let d = &DISTRICTS[a.district];
    let mut p = Map::new();
    p.insert("id".into(), json!(id));
    p.insert("feature_type".into(), json!("accident"));
    p.insert("date".into(), json!(iso_date(a.day)));
    p.insert("region".into(), json!(d.name));
    p.insert("settlement".into(), json!(a.settlement));
    p.insert("device_category".into(), json!(a.device_category));
    p.insert("accident_type".into(), json!(a.accident_type));
    p.insert("killed".into(), json!(a.killed));
    p.insert("injured".into(), json!(a.injured));
    p.insert("area_marked".into(), json!(a.area_marked));
    if let Some(h) = &a.hazard_id {
        p.insert("hazard_id".into(), json!(h));
    }
    p.insert("location_generalised".into(), json!(false));
    p.insert("date_of_information".into(), json!(iso_date(a.day + 3)));
    p.insert("source".into(), json!("synthetic"));
    p
}

fn sector_properties(id: &str, s: &Sector, h: &Hazard) -> Map<String, Value> {
    #[allow(clippy::cast_precision_loss)]
    let teams = s.teams as f64;
    let area = (s.area_m2 * 100.0).round() / 100.0;
    let team_days = (area / s.rate * 100.0).round() / 100.0;
    let duration = (area / s.rate / teams * 100.0).round() / 100.0;
    #[allow(clippy::cast_possible_truncation)]
    let end_day = s.start_day + duration.ceil() as i64;
    let mut p = Map::new();
    p.insert("id".into(), json!(id));
    p.insert("feature_type".into(), json!("clearance_sector"));
    p.insert(
        "name".into(),
        json!(format!("{} sector {}", h.id, s.sector_index)),
    );
    p.insert("region".into(), json!(DISTRICTS[h.district].name));
    p.insert("settlement".into(), json!(h.settlement));
    p.insert("hazard_id".into(), json!(h.id));
    p.insert("sector_index".into(), json!(s.sector_index));
    p.insert("area_m2".into(), json!(area));
    p.insert("planned_asset".into(), json!(s.asset));
    p.insert("rate_m2_per_team_day".into(), json!(s.rate));
    p.insert("teams".into(), json!(s.teams));
    p.insert("team_days".into(), json!(team_days));
    p.insert("duration_days".into(), json!(duration));
    p.insert("planned_start".into(), json!(iso_date(s.start_day)));
    p.insert("planned_end".into(), json!(iso_date(end_day)));
    p.insert("status".into(), json!("planned"));
    p.insert("links".into(), json!([h.id]));
    p.insert("source".into(), json!("synthetic"));
    p
}

/// What was written, for the summary line and the tests.
struct Summary {
    hazards: Vec<Hazard>,
    accidents: Vec<Accident>,
    sectors: Vec<Sector>,
    sizes: [u64; 3],
}

#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
fn generate(args: &Args) -> anyhow::Result<Summary> {
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{}: cannot create the folder", args.out.display()))?;
    let pretty = !args.compact;
    let id_width = args.hazards.max(1).to_string().len().max(5);
    let plans = plan_hazards(args.seed, args.hazards);
    let hazards: Vec<Hazard> = plans
        .par_iter()
        .map(|p| build_hazard(args.seed, p, id_width))
        .collect();
    let victims = args
        .victims
        .unwrap_or_else(|| (args.incidents as f64 * 361.0 / 210.0).round() as u64);
    let tree = hazard_index(&hazards);
    let accidents = make_accidents(args.seed, args.incidents, victims, &hazards, &tree);
    let sectors = make_sectors(args.seed, args.sectors, &hazards);

    let h_size = write_collection(
        &args.out.join("hazard_areas.geojson"),
        "hazard_areas",
        args.seed,
        pretty,
        &hazards,
        |h| {
            let geom = if h.is_multi {
                Geom::MultiPolygon(&h.geometry)
            } else {
                Geom::Polygon(&h.geometry.0[0])
            };
            feature_text(&h.id, &h.properties(), &geom, pretty)
        },
    )?;
    let acc_width = args.incidents.max(1).to_string().len().max(4);
    let numbered: Vec<(usize, &Accident)> = accidents.iter().enumerate().collect();
    let a_size = write_collection(
        &args.out.join("incidents.geojson"),
        "incidents",
        args.seed,
        pretty,
        &numbered,
        |(i, a)| {
            let id = format!("ACC-{:0w$}", i + 1, w = acc_width);
            feature_text(
                &id,
                &accident_properties(&id, a),
                &Geom::Point(a.location),
                pretty,
            )
        },
    )?;
    let numbered: Vec<(usize, &Sector)> = sectors.iter().enumerate().collect();
    let s_size = write_collection(
        &args.out.join("clearance_sectors.geojson"),
        "clearance_sectors",
        args.seed,
        pretty,
        &numbered,
        |(i, s)| {
            let id = format!("CS-{:04}", i + 1);
            feature_text(
                &id,
                &sector_properties(&id, s, &hazards[s.hazard]),
                &Geom::Polygon(&s.polygon),
                pretty,
            )
        },
    )?;
    Ok(Summary {
        hazards,
        accidents,
        sectors,
        sizes: [h_size, a_size, s_size],
    })
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let s = generate(&args)?;
    let vertices: usize = s
        .hazards
        .iter()
        .map(|h| {
            use geo::CoordsIter as _;
            h.geometry.coords_count()
        })
        .sum();
    let victims: u64 = s.accidents.iter().map(|a| a.killed + a.injured).sum();
    let inside = s.accidents.iter().filter(|a| a.hazard_id.is_some()).count();
    println!(
        "{}: {} hazard areas ({vertices} positions, {} bytes), {} accidents ({victims} casualties, {inside} inside a hazard area, {} bytes), {} clearance sectors ({} bytes) in {:.2} s",
        args.out.display(),
        s.hazards.len(),
        s.sizes[0],
        s.accidents.len(),
        s.sizes[1],
        s.sectors.len(),
        s.sizes[2],
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use geo::Validation as _;
    use minemap::io::read_geojson_file;

    fn args(dir: &Path, hazards: usize, incidents: usize, sectors: usize) -> Args {
        Args {
            hazards,
            incidents,
            sectors,
            victims: None,
            seed: 11,
            out: dir.to_owned(),
            compact: false,
        }
    }

    #[test]
    fn generated_files_load_without_warnings_and_keep_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let s = generate(&args(dir.path(), 400, 210, 8)).unwrap();
        for (file, count) in [
            ("hazard_areas.geojson", 400),
            ("incidents.geojson", 210),
            ("clearance_sectors.geojson", 8),
        ] {
            let loaded = read_geojson_file(&dir.path().join(file), &|_| {}).unwrap();
            assert!(loaded.warnings.is_empty(), "{file}: {:?}", loaded.warnings);
            assert_eq!(loaded.layer.features.len(), count, "{file}");
            let marker = &loaded.layer.collection_members["minemap_sample"];
            assert_eq!(marker["synthetic"], json!(true));
            for (i, f) in loaded.layer.features.iter().enumerate() {
                assert_eq!(f.properties["source"], json!("synthetic"), "{file} #{i}");
                let id = f.properties["id"].as_str().unwrap();
                assert_eq!(f.display_id(i), id);
                assert!(f.geometry.is_some());
            }
        }
        assert_eq!(s.sectors.len(), 8);
    }

    #[test]
    fn every_code_appears_and_released_area_never_exceeds_the_estimate() {
        let dir = tempfile::tempdir().unwrap();
        let s = generate(&args(dir.path(), 320, 50, 0)).unwrap();
        for (list, key) in [
            (CLASSIFICATIONS, "classification"),
            (STATUSES, "status"),
            (CONTAMINATIONS, "contamination"),
        ] {
            for (code, _) in list {
                assert!(
                    s.hazards.iter().any(|h| match &h.properties()[key] {
                        Value::Array(a) => a.contains(&json!(code)),
                        v => v == &json!(code),
                    }),
                    "{key} {code} missing"
                );
            }
        }
        for h in &s.hazards {
            let get = |k: &str| h.properties()[k].as_f64().unwrap();
            let released =
                get("cancelled_area_m2") + get("reduced_area_m2") + get("cleared_area_m2");
            let estimated = get("estimated_area_m2");
            assert!(released <= estimated + 1e-6, "{}", h.id);
            if h.status == "closed" {
                assert!((released - estimated).abs() < 0.011, "{}", h.id);
            }
            if h.status == "open" {
                assert!(released == 0.0, "{}", h.id);
            }
        }
        let holes = s.hazards.iter().filter(|h| h.parts[0].hole_m > 0.0).count();
        let multis = s.hazards.iter().filter(|h| h.is_multi).count();
        assert!((15..=55).contains(&holes), "{holes} with holes");
        assert!((5..=30).contains(&multis), "{multis} multipolygons");
    }

    #[test]
    fn hazard_polygons_are_valid_concave_and_their_area_is_geodesic() {
        let dir = tempfile::tempdir().unwrap();
        let s = generate(&args(dir.path(), 300, 10, 0)).unwrap();
        let mut concave = 0;
        for h in &s.hazards {
            assert!(
                h.geometry.is_valid(),
                "{}: {:?}",
                h.id,
                h.geometry.check_validation()
            );
            for p in &h.geometry.0 {
                let n = p.exterior().0.len() - 1;
                assert!((7..=64).contains(&n), "{}: {n} vertices", h.id);
            }
            let hull = {
                use geo::ConvexHull as _;
                geodesic_area(&MultiPolygon(vec![h.geometry.convex_hull()]))
            };
            if h.area_m2 < 0.97 * hull {
                concave += 1;
            }
            let ha = h.area_m2 / 10_000.0;
            assert!(ha > 0.2 && ha < 3_000.0, "{}: {ha} ha", h.id);
            let written = h.properties()["estimated_area_m2"].as_f64().unwrap();
            assert!((written - h.area_m2).abs() < 0.01);
        }
        assert!(concave > 250, "only {concave} concave");
    }

    #[test]
    fn accidents_sum_to_361_casualties_and_mostly_lie_in_hazard_areas() {
        let dir = tempfile::tempdir().unwrap();
        let s = generate(&args(dir.path(), 320, 210, 0)).unwrap();
        let total: u64 = s.accidents.iter().map(|a| a.killed + a.injured).sum();
        assert_eq!(total, 361);
        let tree = hazard_index(&s.hazards);
        let inside = s
            .accidents
            .iter()
            .filter(|a| !containing(&tree, &s.hazards, a.location).is_empty())
            .count();
        let with_id = s.accidents.iter().filter(|a| a.hazard_id.is_some()).count();
        assert_eq!(inside, with_id);
        assert!((140..=180).contains(&inside), "{inside} inside");
        let first = days_from_civil(2020, 11, 10);
        let last = days_from_civil(2024, 5, 31);
        assert!(s.accidents.iter().all(|a| (first..=last).contains(&a.day)));
    }

    #[test]
    fn sectors_lie_inside_their_cha() {
        let dir = tempfile::tempdir().unwrap();
        let s = generate(&args(dir.path(), 320, 0, 8)).unwrap();
        assert_eq!(s.sectors.len(), 8);
        for sec in &s.sectors {
            let h = &s.hazards[sec.hazard];
            assert_eq!(h.classification, "cha");
            assert!(h.geometry.contains(&sec.polygon));
            assert!(sec.area_m2 > 0.0);
        }
        let assets: std::collections::HashSet<_> = s.sectors.iter().map(|s| s.asset).collect();
        assert_eq!(assets.len(), 3);
    }

    #[test]
    fn hazard_areas_of_the_default_size_mostly_do_not_overlap() {
        use geo::Intersects as _;
        let dir = tempfile::tempdir().unwrap();
        let s = generate(&args(dir.path(), 320, 0, 0)).unwrap();
        let tree = hazard_index(&s.hazards);
        let mut overlapping_pairs = 0;
        for (a, b) in tree.intersection_candidates_with_other_tree(&tree) {
            if a.data < b.data
                && s.hazards[a.data]
                    .geometry
                    .intersects(&s.hazards[b.data].geometry)
            {
                overlapping_pairs += 1;
            }
        }
        assert!(
            overlapping_pairs <= 3,
            "{overlapping_pairs} overlapping pairs"
        );
    }

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for day in -1000..30_000 {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(iso_date(days_from_civil(2024, 2, 29)), "2024-02-29");
    }

    #[test]
    fn same_seed_gives_the_same_bytes() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        generate(&args(a.path(), 100, 20, 2)).unwrap();
        generate(&args(b.path(), 100, 20, 2)).unwrap();
        for f in [
            "hazard_areas.geojson",
            "incidents.geojson",
            "clearance_sectors.geojson",
        ] {
            assert_eq!(
                std::fs::read(a.path().join(f)).unwrap(),
                std::fs::read(b.path().join(f)).unwrap()
            );
        }
    }
}
