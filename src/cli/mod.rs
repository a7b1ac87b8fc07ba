//! The command line: options for the GUI and the headless subcommands. Never imports egui.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// minemap — offline-first desktop GIS for humanitarian mine action.
#[derive(Debug, Parser)]
#[command(name = "minemap", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// GeoJSON files to open (default: the bundled sample data).
    pub files: Vec<PathBuf>,

    /// Basemap: `embedded`, `none`, a `.mbtiles`/`.pmtiles` path, or an XYZ URL template
    /// such as `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    #[arg(long, value_name = "SOURCE")]
    pub basemap: Option<String>,

    /// Open the map centred on LAT,LON (decimal degrees).
    #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
    pub center: Option<String>,

    /// Open the map at this zoom level (0–20).
    #[arg(long, value_name = "Z")]
    pub zoom: Option<f64>,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Geodesic area and perimeter of every feature, totals (union area counts overlaps once),
    /// the nearest hazard area of every point, and the land-release summary.
    Report {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Also total by the value of this property (e.g. `classification`, `status`, `region`).
        #[arg(long, value_name = "PROPERTY")]
        group_by: Option<String>,
        /// GeoJSON files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Geometry quality checks. Exit code 0: no problem; 1: problems found; 2: a file cannot
    /// be read.
    Validate {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
        format: ValidateFormat,
        /// Consecutive vertices farther apart than this (geodesic metres) are reported.
        #[arg(long, value_name = "M", default_value_t = 5000.0)]
        max_segment_m: f64,
        /// Skip the check for overlapping hazard areas (the slowest check).
        #[arg(long)]
        no_overlap: bool,
        /// GeoJSON files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// Output formats of `report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Csv,
}

/// Output formats of `validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ValidateFormat {
    Text,
    Json,
}

/// Exit codes of the headless commands.
pub mod exit {
    /// Done, nothing wrong.
    pub const OK: i32 = 0;
    /// `validate` found problems.
    pub const PROBLEMS: i32 = 1;
    /// A file could not be read (or output could not be written).
    pub const FILE_ERROR: i32 = 2;
}

/// Runs a headless subcommand and returns the process exit code. Errors go to stderr as
/// `error: FILE: reason`; nothing panics on bad input.
#[must_use]
pub fn run(command: Command) -> i32 {
    // A bug must still end as one line on stderr and exit code 2, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal error: {info}");
    }));
    let result = std::panic::catch_unwind(|| match command {
        Command::Report {
            format,
            group_by,
            files,
        } => headless::report(format, group_by.as_deref(), &files),
        Command::Validate {
            format,
            max_segment_m,
            no_overlap,
            files,
        } => headless::validate(format, max_segment_m, !no_overlap, &files),
    });
    result.unwrap_or(exit::FILE_ERROR)
}

mod headless {
    //! The bodies of `report` and `validate`: read files, call `analysis`, write output.

    use std::io::{self, BufWriter, Write};
    use std::path::{Path, PathBuf};
    use std::sync::atomic::AtomicBool;

    use geo::Geometry;
    use serde::Serialize;
    use serde_json::Value;

    use super::{ReportFormat, ValidateFormat, exit};
    use rayon::prelude::*;

    use crate::analysis::incidents::{HazardIndex, NearestHazard, representative_point};
    use crate::analysis::measures::{FeatureMeasures, measure_layer};
    use crate::analysis::qa::{Problem, QaOptions, validate_with_progress};
    use crate::analysis::totals::{LandRelease, group_key, land_release, union_area_m2};
    use crate::analysis::{Selection, is_hazard_area};
    use crate::io::read_any_file;
    use crate::model::{FeatureRef, Layer};

    /// Reads every file; prints `error: FILE: reason` for those that fail.
    fn read_all(files: &[PathBuf]) -> (Vec<Layer>, bool) {
        let mut layers = Vec::new();
        let mut failed = false;
        for path in files {
            // Any format minemap reads; a GeoPackage or a zip may hold several layers.
            match read_any_file(path, &|_| {}) {
                Ok(loaded) => {
                    for l in loaded {
                        for w in &l.warnings {
                            eprintln!("warning: {}: {}: {w}", path.display(), l.layer.name);
                        }
                        layers.push(l.layer);
                    }
                }
                Err(e) => {
                    // LoadError messages start with the file's path.
                    eprintln!("error: {e}");
                    failed = true;
                }
            }
        }
        (layers, failed)
    }

    fn file_of(layer: &Layer) -> String {
        layer
            .path
            .as_deref()
            .map_or_else(|| layer.name.clone(), |p: &Path| p.display().to_string())
    }

    /// Writes output; a closed pipe (`| head`) is not an error worth a message.
    fn emit(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), i32> {
        let stdout = io::stdout();
        let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
        match write(&mut out).and_then(|()| out.flush()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => {
                eprintln!("error: cannot write the output: {e}");
                Err(exit::FILE_ERROR)
            }
        }
    }

    #[derive(Serialize)]
    struct FeatureRow {
        file: String,
        index: usize,
        id: Value,
        geometry_type: &'static str,
        area_m2: f64,
        perimeter_m: f64,
        #[serde(skip_serializing_if = "Option::is_none")]
        nearest_hazard_id: Option<Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        distance_to_hazard_m: Option<Option<f64>>,
    }

    #[derive(Serialize, Default)]
    struct TotalsOut {
        features: usize,
        polygons: usize,
        points: usize,
        area_m2: f64,
        union_area_m2: f64,
    }

    #[derive(Serialize, Default)]
    struct GroupOut {
        features: usize,
        area_m2: f64,
        union_area_m2: f64,
    }

    #[derive(Serialize)]
    struct ReportOut {
        features: Vec<FeatureRow>,
        totals: TotalsOut,
        #[serde(skip_serializing_if = "Option::is_none")]
        groups: Option<serde_json::Map<String, Value>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        land_release: Option<LandRelease>,
    }

    fn union_of(geometries: &[&Geometry<f64>]) -> f64 {
        union_area_m2(geometries, &|_| {}, &AtomicBool::new(false)).unwrap_or(f64::NAN)
    }

    /// With `MINEMAP_TIMING` set, prints how long each phase took to stderr (for benchmarks).
    struct Phases(Option<std::time::Instant>);

    impl Phases {
        fn start() -> Self {
            Self(std::env::var_os("MINEMAP_TIMING").map(|_| std::time::Instant::now()))
        }

        fn done(&mut self, phase: &str) {
            if let Some(t) = self.0 {
                eprintln!("timing: {phase}: {:.3} s", t.elapsed().as_secs_f64());
                self.0 = Some(std::time::Instant::now());
            }
        }
    }

    pub(super) fn report(format: ReportFormat, group_by: Option<&str>, files: &[PathBuf]) -> i32 {
        let mut phases = Phases::start();
        let (layers, failed) = read_all(files);
        phases.done("read");
        let measures: Vec<Vec<FeatureMeasures>> = layers.iter().map(measure_layer).collect();
        phases.done("measures");
        let layer_refs: Vec<&Layer> = layers.iter().collect();

        // Points are linked to hazard areas; without any, to every polygon.
        let mut index = HazardIndex::new(&layer_refs);
        if index.is_empty() {
            index = HazardIndex::from_features(layers.iter().flat_map(|l| {
                l.features.iter().enumerate().filter_map(|(i, f)| {
                    Some((
                        FeatureRef {
                            layer: l.id,
                            index: i,
                        },
                        f.geometry.as_ref()?,
                    ))
                })
            }));
        }
        let id_of = |r: FeatureRef| {
            layers
                .iter()
                .find(|l| l.id == r.layer)
                .and_then(|l| l.features.get(r.index))
                .map_or(Value::Null, crate::model::Feature::id_value)
        };

        let mut rows = Vec::new();
        let mut totals = TotalsOut::default();
        let mut polygons: Vec<&Geometry<f64>> = Vec::new();
        let mut groups: std::collections::BTreeMap<String, (GroupOut, Vec<&Geometry<f64>>)> =
            std::collections::BTreeMap::new();
        let mut release = LandRelease::default();
        // Nearest hazard of every point, in parallel (the only costly part of the rows).
        let nearest_by_layer: Vec<Vec<Option<NearestHazard>>> = layers
            .iter()
            .map(|l| {
                l.features
                    .par_iter()
                    .map(|f| {
                        let at = f.geometry.as_ref().and_then(representative_point)?;
                        index.nearest(at)
                    })
                    .collect()
            })
            .collect();
        for ((layer, ms), nearest) in layers.iter().zip(&measures).zip(&nearest_by_layer) {
            let file = file_of(layer);
            release.merge(&land_release(layer, ms, Selection::All));
            for (i, (f, m)) in layer.features.iter().zip(ms).enumerate() {
                let polygonal = matches!(
                    f.geometry,
                    Some(Geometry::Polygon(_) | Geometry::MultiPolygon(_))
                );
                totals.features += 1;
                totals.area_m2 += m.area_m2;
                if f.is_polygonal() {
                    totals.polygons += 1;
                }
                let (nearest_hazard_id, distance_to_hazard_m) = if f.is_point() {
                    let nearest = nearest[i];
                    totals.points += 1;
                    (
                        Some(nearest.map_or(Value::Null, |n| id_of(n.hazard))),
                        Some(nearest.map(|n| n.distance_m)),
                    )
                } else {
                    (None, None)
                };
                if let (Some(g), true) = (&f.geometry, polygonal) {
                    polygons.push(g);
                }
                if let Some(key) = group_by {
                    let entry = groups.entry(group_key(layer, i, key)).or_default();
                    entry.0.features += 1;
                    entry.0.area_m2 += m.area_m2;
                    if let (Some(g), true) = (&f.geometry, polygonal) {
                        entry.1.push(g);
                    }
                }
                rows.push(FeatureRow {
                    file: file.clone(),
                    index: i,
                    id: f.id_value(),
                    geometry_type: f.geometry_type(),
                    area_m2: m.area_m2,
                    perimeter_m: m.perimeter_m,
                    nearest_hazard_id,
                    distance_to_hazard_m,
                });
            }
        }
        phases.done("rows and nearest hazards");
        totals.union_area_m2 = union_of(&polygons);
        phases.done("union");
        let groups = group_by.map(|_| {
            groups
                .into_iter()
                .map(|(k, (mut g, geoms))| {
                    g.union_area_m2 = union_of(&geoms);
                    (k, serde_json::to_value(g).unwrap_or(Value::Null))
                })
                .collect::<serde_json::Map<String, Value>>()
        });
        let has_hazards = layers
            .iter()
            .any(|l| l.features.iter().any(|f| is_hazard_area(l, f)));
        let out = ReportOut {
            features: rows,
            totals,
            groups,
            land_release: has_hazards.then_some(release),
        };
        let written = emit(|w| match format {
            ReportFormat::Json => {
                serde_json::to_writer(&mut *w, &out).map_err(io::Error::other)?;
                writeln!(w)
            }
            ReportFormat::Csv => write_csv(w, &out),
            ReportFormat::Text => write_text(w, &out, group_by),
        });
        phases.done("output");
        match written {
            Err(code) => code,
            Ok(()) if failed => exit::FILE_ERROR,
            Ok(()) => exit::OK,
        }
    }

    fn id_text(v: &Value) -> String {
        match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }

    fn csv_field(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    }

    fn write_csv(w: &mut dyn Write, out: &ReportOut) -> io::Result<()> {
        writeln!(
            w,
            "file,index,id,geometry_type,area_m2,perimeter_m,nearest_hazard_id,distance_to_hazard_m"
        )?;
        for r in &out.features {
            let nearest = r
                .nearest_hazard_id
                .as_ref()
                .map(id_text)
                .unwrap_or_default();
            let distance = r
                .distance_to_hazard_m
                .flatten()
                .map(|d| d.to_string())
                .unwrap_or_default();
            writeln!(
                w,
                "{},{},{},{},{},{},{},{}",
                csv_field(&r.file),
                r.index,
                csv_field(&id_text(&r.id)),
                r.geometry_type,
                r.area_m2,
                r.perimeter_m,
                csv_field(&nearest),
                distance
            )?;
        }
        Ok(())
    }

    fn write_text(w: &mut dyn Write, out: &ReportOut, group_by: Option<&str>) -> io::Result<()> {
        writeln!(
            w,
            "{:<28} {:>7}  {:<16} {:<12} {:>16} {:>13}  nearest hazard (m)",
            "file", "index", "id", "type", "area m²", "perimeter m"
        )?;
        for r in &out.features {
            let file = Path::new(&r.file)
                .file_name()
                .map_or_else(|| r.file.clone(), |n| n.to_string_lossy().into_owned());
            let nearest = match (&r.nearest_hazard_id, r.distance_to_hazard_m) {
                (Some(id), Some(Some(d))) => format!("{} ({d:.1})", id_text(id)),
                (Some(_), _) => "none".to_owned(),
                _ => String::new(),
            };
            writeln!(
                w,
                "{file:<28} {:>7}  {:<16} {:<12} {:>16.1} {:>13.1}  {nearest}",
                r.index,
                id_text(&r.id),
                r.geometry_type,
                r.area_m2,
                r.perimeter_m
            )?;
        }
        let t = &out.totals;
        writeln!(w)?;
        writeln!(
            w,
            "Totals: {} features ({} polygons, {} points)",
            t.features, t.polygons, t.points
        )?;
        writeln!(
            w,
            "  sum of areas:   {:>18.1} m²  ({:.4} km²)",
            t.area_m2,
            t.area_m2 / 1e6
        )?;
        writeln!(
            w,
            "  union area:     {:>18.1} m²  ({:.4} km², overlaps counted once)",
            t.union_area_m2,
            t.union_area_m2 / 1e6
        )?;
        if let (Some(groups), Some(key)) = (&out.groups, group_by) {
            writeln!(w)?;
            writeln!(w, "By {key}:")?;
            writeln!(
                w,
                "  {:<24} {:>9} {:>18} {:>18}",
                "value", "features", "area m²", "union m²"
            )?;
            for (k, g) in groups {
                let num = |name: &str| g.get(name).and_then(Value::as_f64).unwrap_or(0.0);
                writeln!(
                    w,
                    "  {k:<24} {:>9} {:>18.1} {:>18.1}",
                    num("features"),
                    num("area_m2"),
                    num("union_area_m2")
                )?;
            }
        }
        if let Some(lr) = &out.land_release {
            writeln!(w)?;
            writeln!(w, "Land release ({} hazard areas):", lr.hazard_areas)?;
            for (label, v) in [
                ("estimated", lr.estimated_m2),
                ("cancelled", lr.cancelled_m2),
                ("reduced", lr.reduced_m2),
                ("cleared", lr.cleared_m2),
                ("remaining", lr.remaining_m2),
            ] {
                writeln!(w, "  {label:<10} {v:>18.1} m²")?;
            }
            if lr.estimated_from_geometry > 0 {
                writeln!(
                    w,
                    "  ({} hazard areas have no estimated area: their geodesic area is used)",
                    lr.estimated_from_geometry
                )?;
            }
        }
        Ok(())
    }

    #[derive(Serialize)]
    struct ValidateOut<'a> {
        problems: &'a [Problem],
    }

    pub(super) fn validate(
        format: ValidateFormat,
        max_segment_m: f64,
        check_overlaps: bool,
        files: &[PathBuf],
    ) -> i32 {
        if !(max_segment_m.is_finite() && max_segment_m > 0.0) {
            eprintln!("error: --max-segment-m must be a positive number of metres");
            return exit::FILE_ERROR;
        }
        let (layers, failed) = read_all(files);
        let refs: Vec<&Layer> = layers.iter().collect();
        let options = QaOptions {
            max_segment_m,
            check_overlaps,
            ..QaOptions::default()
        };
        let problems = validate_with_progress(&refs, &options, &|_| {}, &AtomicBool::new(false))
            .unwrap_or_default();
        let written = emit(|w| match format {
            ValidateFormat::Json => {
                serde_json::to_writer(
                    &mut *w,
                    &ValidateOut {
                        problems: &problems,
                    },
                )
                .map_err(io::Error::other)?;
                writeln!(w)
            }
            ValidateFormat::Text => {
                for p in &problems {
                    let id = match &p.id {
                        Value::Null => String::new(),
                        v => format!(" (id {})", id_text(v)),
                    };
                    let at = p
                        .location
                        .map(|[x, y]| format!(" [{x:.6}, {y:.6}]"))
                        .unwrap_or_default();
                    writeln!(
                        w,
                        "{}: feature {}{id}: {}: {}{at}",
                        p.file,
                        p.index,
                        p.kind.code(),
                        p.message
                    )?;
                }
                let features: std::collections::BTreeSet<(&str, usize)> = problems
                    .iter()
                    .map(|p| (p.file.as_str(), p.index))
                    .collect();
                writeln!(
                    w,
                    "{} problems in {} features of {} files",
                    problems.len(),
                    features.len(),
                    layers.len()
                )
            }
        });
        match written {
            Err(code) => code,
            Ok(()) if failed => exit::FILE_ERROR,
            Ok(()) if problems.is_empty() => exit::OK,
            Ok(()) => exit::PROBLEMS,
        }
    }
}

/// Parses `--center LAT,LON` (decimal degrees, latitude first as people say it) into
/// `(lon, lat)`.
///
/// # Errors
/// A message saying what is wrong with the text.
pub fn parse_center(text: &str) -> Result<(f64, f64), String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let [lat, lon] = parts.as_slice() else {
        return Err(format!("\"{text}\" is not LAT,LON (for example 40.1,47.5)"));
    };
    let lat: f64 = lat
        .parse()
        .map_err(|_| format!("latitude \"{lat}\" is not a number"))?;
    let lon: f64 = lon
        .parse()
        .map_err(|_| format!("longitude \"{lon}\" is not a number"))?;
    if !(-90.0..=90.0).contains(&lat) {
        return Err(format!("latitude {lat} is outside −90..90"));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(format!("longitude {lon} is outside −180..180"));
    }
    Ok((lon, lat))
}
