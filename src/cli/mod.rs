//! The command line: options for the GUI and the headless subcommands. Never imports egui.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use self::csv_args::CsvArgs;

pub mod annotate;
pub mod csv_args;
// Map images are drawn by the map's own code, which comes with the window's crates.
#[cfg(feature = "gui")]
pub mod render;
pub mod split;
mod where_filter;

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

    #[command(flatten)]
    pub csv: CsvArgs,
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
        /// Only the features matching this OGC CQL2 filter, per layer, e.g.
        /// `"status" = 'open' AND "classification" IN ('cha','sha')`.
        #[arg(long = "where", value_name = "CQL2")]
        where_: Option<String>,
        /// Language of the text format's headers and numbers: `az`, `ru` or `en` (default: the
        /// system locale, else English). JSON and CSV are always locale-free.
        #[arg(long, value_name = "az|ru|en", value_parser = parse_lang)]
        lang: Option<crate::i18n::Lang>,
        #[command(flatten)]
        csv: CsvArgs,
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
        /// Only the features matching this OGC CQL2 filter, per layer, e.g.
        /// `"status" = 'open' AND "classification" IN ('cha','sha')`.
        #[arg(long = "where", value_name = "CQL2")]
        where_: Option<String>,
        /// Language of the text format's closing count: `az`, `ru` or `en` (default: the
        /// system locale, else English). Problem lines stay as they are, for scripts.
        #[arg(long, value_name = "az|ru|en", value_parser = parse_lang)]
        lang: Option<crate::i18n::Lang>,
        #[command(flatten)]
        csv: CsvArgs,
        /// GeoJSON files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Split a hazard area into clearance sectors (boxes, strips or equal parts) and write
    /// them, with their effort, as GeoJSON. Exit code 2 with a message on any bad input.
    Split(split::SplitArgs),
    /// The features of FILEs as one RFC 7946 FeatureCollection with annotations (geodesic
    /// area, perimeter, QA problems, incident links and counts), every input member kept;
    /// optionally without victims' personal data. The GUI's export, headless.
    Annotate(annotate::AnnotateArgs),
    /// A map image (PNG) of FILEs for a report: embedded basemap, the layers in their default
    /// styles, title, legend, scale bar, north arrow, attribution, date, optional MGRS/UTM grid.
    #[cfg(feature = "gui")]
    Render(render::RenderArgs),
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
    /// A file could not be read (or output could not be written), or an option is wrong.
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
            where_,
            lang,
            csv,
            files,
        } => match where_filter::parse(where_.as_deref()) {
            Ok(filter) => headless::report(
                format,
                group_by.as_deref(),
                filter.as_ref(),
                lang.unwrap_or_else(crate::i18n::Lang::from_system),
                &files,
                &csv.import_options(),
            ),
            Err(code) => code,
        },
        Command::Validate {
            format,
            max_segment_m,
            no_overlap,
            where_,
            lang,
            csv,
            files,
        } => match where_filter::parse(where_.as_deref()) {
            Ok(filter) => headless::validate(
                format,
                (max_segment_m, !no_overlap),
                filter.as_ref(),
                lang.unwrap_or_else(crate::i18n::Lang::from_system),
                &files,
                &csv.import_options(),
            ),
            Err(code) => code,
        },
        Command::Split(args) => split::run(&args),
        Command::Annotate(args) => annotate::run(&args),
        #[cfg(feature = "gui")]
        Command::Render(args) => render::run(&args),
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

    use super::where_filter::Kept;
    use super::{ReportFormat, ValidateFormat, exit};
    use rayon::prelude::*;

    use crate::analysis::filter::Filter;
    use crate::analysis::incidents::{NearestHazard, representative_point};
    use crate::analysis::is_hazard_area;
    use crate::analysis::measures::{FeatureMeasures, measure_layer};
    use crate::analysis::qa::{Problem, QaOptions, validate_selected};
    use crate::analysis::totals::{LandRelease, group_key, land_release, union_area_m2};
    use crate::i18n::format::{Unit, number, unit};
    use crate::i18n::{Lang, labels, tr_args_in, tr_in};
    use crate::io::{ImportOptions, read_any_file_with};
    use crate::model::{FeatureRef, Layer};

    /// Reads every file; prints `error: FILE: reason` for those that fail.
    pub(super) fn read_all(files: &[PathBuf], options: &ImportOptions) -> (Vec<Layer>, bool) {
        let mut layers = Vec::new();
        let mut failed = false;
        for path in files {
            // Any format minemap reads; a GeoPackage or a zip may hold several layers.
            match read_any_file_with(path, options, &|_| {}) {
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

    pub(super) fn report(
        format: ReportFormat,
        group_by: Option<&str>,
        filter: Option<&Filter>,
        lang: Lang,
        files: &[PathBuf],
        options: &ImportOptions,
    ) -> i32 {
        let mut phases = Phases::start();
        let (layers, failed) = read_all(files, options);
        phases.done("read");
        let measures: Vec<Vec<FeatureMeasures>> = layers.iter().map(measure_layer).collect();
        phases.done("measures");
        let kept = Kept::new(filter, &layers, Some(&measures));

        // Points are linked to (kept) hazard areas; without any, to every kept polygon.
        let index = kept.hazard_index(&layers);
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
            .enumerate()
            .map(|(n, l)| {
                l.features
                    .par_iter()
                    .enumerate()
                    .map(|(i, f)| {
                        if !kept.has(n, i) {
                            return None;
                        }
                        let at = f.geometry.as_ref().and_then(representative_point)?;
                        index.nearest(at)
                    })
                    .collect()
            })
            .collect();
        for (n, ((layer, ms), nearest)) in layers
            .iter()
            .zip(&measures)
            .zip(&nearest_by_layer)
            .enumerate()
        {
            let file = file_of(layer);
            release.merge(&land_release(layer, ms, kept.selection(n)));
            for (i, (f, m)) in layer.features.iter().zip(ms).enumerate() {
                if !kept.has(n, i) {
                    continue;
                }
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
        let has_hazards = layers.iter().enumerate().any(|(n, l)| {
            l.features
                .iter()
                .enumerate()
                .any(|(i, f)| kept.has(n, i) && is_hazard_area(l, f))
        });
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
            ReportFormat::Text => write_text(w, &out, group_by, lang),
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

    /// The text table: headers in `lang`, figures grouped and with the decimal mark of `lang`
    /// (display only; JSON and CSV stay locale-free).
    fn write_text(
        w: &mut dyn Write,
        out: &ReportOut,
        group_by: Option<&str>,
        lang: Lang,
    ) -> io::Result<()> {
        let t = |key: &str| tr_in(lang, key);
        let num = |v: f64, decimals: usize| number(v, decimals, lang);
        let (m2, km2) = (unit(Unit::M2, lang), unit(Unit::Km2, lang));
        writeln!(
            w,
            "{:<28} {:>7}  {:<16} {:<12} {:>16} {:>13}  {}",
            t("report-file"),
            t("report-index"),
            t("report-id"),
            t("report-type"),
            t("report-area-m2"),
            t("report-perimeter-m"),
            t("report-nearest-hazard")
        )?;
        for r in &out.features {
            let file = Path::new(&r.file)
                .file_name()
                .map_or_else(|| r.file.clone(), |n| n.to_string_lossy().into_owned());
            let nearest = match (&r.nearest_hazard_id, r.distance_to_hazard_m) {
                (Some(id), Some(Some(d))) => format!("{} ({})", id_text(id), num(d, 1)),
                (Some(_), _) => t("report-none").to_owned(),
                _ => String::new(),
            };
            writeln!(
                w,
                "{file:<28} {:>7}  {:<16} {:<12} {:>16} {:>13}  {nearest}",
                r.index,
                id_text(&r.id),
                r.geometry_type,
                num(r.area_m2, 1),
                num(r.perimeter_m, 1)
            )?;
        }
        let totals = &out.totals;
        writeln!(w)?;
        writeln!(
            w,
            "{}",
            tr_args_in(
                lang,
                "report-totals",
                &[
                    ("features", totals.features.into()),
                    ("polygons", totals.polygons.into()),
                    ("points", totals.points.into()),
                ]
            )
        )?;
        writeln!(
            w,
            "  {:<22} {:>18} {m2}  ({} {km2})",
            t("report-sum-of-areas"),
            num(totals.area_m2, 1),
            num(totals.area_m2 / 1e6, 4)
        )?;
        writeln!(
            w,
            "  {:<22} {:>18} {m2}  ({} {km2}, {})",
            t("report-union-area"),
            num(totals.union_area_m2, 1),
            num(totals.union_area_m2 / 1e6, 4),
            t("report-overlaps-once")
        )?;
        if let (Some(groups), Some(key)) = (&out.groups, group_by) {
            writeln!(w)?;
            writeln!(
                w,
                "{}",
                tr_args_in(lang, "report-by", &[("key", key.into())])
            )?;
            writeln!(
                w,
                "  {:<24} {:>9} {:>18} {:>18}",
                t("report-value"),
                t("report-features"),
                t("report-area-m2"),
                t("report-union-m2")
            )?;
            for (k, g) in groups {
                let field = |name: &str| g.get(name).and_then(Value::as_f64).unwrap_or(0.0);
                // Group keys are data values: printed as the file has them.
                writeln!(
                    w,
                    "  {k:<24} {:>9} {:>18} {:>18}",
                    num(field("features"), 0),
                    num(field("area_m2"), 1),
                    num(field("union_area_m2"), 1)
                )?;
            }
        }
        if let Some(lr) = &out.land_release {
            writeln!(w)?;
            writeln!(
                w,
                "{}",
                tr_args_in(
                    lang,
                    "report-land-release",
                    &[("count", lr.hazard_areas.into())]
                )
            )?;
            for (code, v) in [
                ("estimated", lr.estimated_m2),
                ("cancelled", lr.cancelled_m2),
                ("reduced", lr.reduced_m2),
                ("cleared", lr.cleared_m2),
                ("remaining", lr.remaining_m2),
            ] {
                let label = labels::land_release(code, lang).unwrap_or(code);
                writeln!(w, "  {label:<40} {:>18} {m2}", num(v, 1))?;
            }
            if lr.estimated_from_geometry > 0 {
                writeln!(
                    w,
                    "  {}",
                    tr_args_in(
                        lang,
                        "report-no-estimate",
                        &[("count", lr.estimated_from_geometry.into())]
                    )
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
        (max_segment_m, check_overlaps): (f64, bool),
        filter: Option<&Filter>,
        lang: Lang,
        files: &[PathBuf],
        options: &ImportOptions,
    ) -> i32 {
        if !(max_segment_m.is_finite() && max_segment_m > 0.0) {
            eprintln!("error: --max-segment-m must be a positive number of metres");
            return exit::FILE_ERROR;
        }
        let (layers, failed) = read_all(files, options);
        // Measures only when the filter asks for them (`geodesic_area_m2`…).
        let measures: Option<Vec<Vec<FeatureMeasures>>> = filter
            .filter(|f| f.properties().iter().any(|p| p.starts_with("geodesic_")))
            .map(|_| layers.iter().map(measure_layer).collect());
        let kept = Kept::new(filter, &layers, measures.as_deref());
        let refs: Vec<(&Layer, _)> = layers
            .iter()
            .enumerate()
            .map(|(n, l)| (l, kept.selection(n)))
            .collect();
        let options = QaOptions {
            max_segment_m,
            check_overlaps,
            ..QaOptions::default()
        };
        let problems = validate_selected(&refs, &options, &|_| {}, &AtomicBool::new(false))
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
                // The one line for people: in the chosen language, with its plurals.
                writeln!(
                    w,
                    "{}",
                    tr_args_in(
                        lang,
                        "validate-summary",
                        &[
                            ("problems", problems.len().into()),
                            ("features", features.len().into()),
                            ("files", layers.len().into()),
                        ],
                    )
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

/// Parses `--lang`: `az`, `ru`, `en` (or a locale such as `ru_RU.UTF-8`).
///
/// # Errors
/// A message naming the languages minemap speaks.
pub fn parse_lang(text: &str) -> Result<crate::i18n::Lang, String> {
    crate::i18n::Lang::from_tag(text)
        .ok_or_else(|| format!("\"{text}\" is not a language minemap speaks (az, ru, en)"))
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
