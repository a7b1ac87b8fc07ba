//! `minemap annotate`: the features of some files as one annotated, RFC 7946
//! FeatureCollection — the GUI's export, headless (`io::export`, same code).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::Args;

use super::exit;
use crate::analysis::Selection;
use crate::analysis::annotations::Annotation;
use crate::io::export::{
    ExportLayer, ExportOptions, KeyConflict, PrivacyOptions, export_to_file, plan_export,
};
use crate::model::Layer;

/// Options of `minemap annotate`.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Annotations to add, comma-separated: area, perimeter, qa, links, counts (or `all`).
    /// Keys: area_m2, perimeter_m, qa_problems, hazard_id + distance_to_hazard_m (incidents),
    /// incidents_inside/casualties_inside/incidents_nearby/casualties_nearby (hazard areas).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub annotations: Vec<String>,
    /// Decimals kept in coordinates (7 ≈ 1 cm); coordinates with fewer stay as written.
    #[arg(long, value_name = "N", default_value_t = 7, value_parser = clap::value_parser!(u8).range(0..=15))]
    pub precision: u8,
    /// Keep every coordinate as written (no rounding).
    #[arg(long, conflicts_with = "precision")]
    pub full_precision: bool,
    /// For sharing outside the agency: drop victims' personal data (names, ages, addresses,
    /// phone numbers, …) and move incidents to a grid of --generalise-m metres.
    #[arg(long)]
    pub strip_personal: bool,
    /// Grid of the incident locations with --strip-personal (0: keep them where they are).
    #[arg(
        long,
        value_name = "M",
        default_value_t = 100.0,
        requires = "strip_personal"
    )]
    pub generalise_m: f64,
    /// Write a bbox for the collection and every feature.
    #[arg(long)]
    pub bbox: bool,
    /// Where an annotation key is already used by the data, replace its value (default: the
    /// annotation is written as minemap_<key>).
    #[arg(long)]
    pub overwrite_keys: bool,
    /// Also look for overlapping hazard areas in `qa` (slow on large files).
    #[arg(long)]
    pub qa_overlaps: bool,
    /// Output file; `-` writes to standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT.geojson")]
    pub output: PathBuf,
    #[command(flatten)]
    pub csv: super::CsvArgs,
    /// Files (any format minemap reads), written in this order into one collection.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

impl AnnotateArgs {
    /// The export options these arguments ask for.
    ///
    /// # Errors
    /// A message naming an unknown annotation or a bad number.
    pub fn options(&self) -> Result<ExportOptions, String> {
        let mut annotations = Vec::new();
        for code in &self.annotations {
            if code.trim().eq_ignore_ascii_case("all") {
                annotations.extend(Annotation::ALL);
                continue;
            }
            annotations.push(Annotation::from_code(code).ok_or_else(|| {
                format!(
                    "--annotations: unknown \"{code}\" (known: {}, all)",
                    Annotation::ALL.map(Annotation::code).join(", ")
                )
            })?);
        }
        if !(self.generalise_m.is_finite() && self.generalise_m >= 0.0) {
            return Err("--generalise-m: must be 0 or a positive number of metres".into());
        }
        Ok(ExportOptions {
            annotations,
            on_key_conflict: if self.overwrite_keys {
                KeyConflict::Overwrite
            } else {
                KeyConflict::Prefix
            },
            precision: (!self.full_precision).then_some(self.precision),
            bbox: self.bbox,
            privacy: self.strip_personal.then(|| PrivacyOptions {
                generalise_incidents_m: (self.generalise_m > 0.0).then_some(self.generalise_m),
                ..PrivacyOptions::default()
            }),
            qa_check_overlaps: self.qa_overlaps,
            ..ExportOptions::default()
        })
    }
}

/// Which features of `layer` are exported. The hook for `--where CQL2`: a filter gives each
/// layer its own selection here.
fn selection_of(_layer: &Layer) -> Selection<'static> {
    Selection::All
}

/// Runs `minemap annotate`; returns the exit code.
#[must_use]
pub fn run(args: &AnnotateArgs) -> i32 {
    let options = match args.options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::FILE_ERROR;
        }
    };
    let timing = std::env::var_os("MINEMAP_TIMING").is_some();
    let start = std::time::Instant::now();
    // Any format minemap reads; a file that fails stops the export (a partial file would mislead).
    let (layers, failed) = super::headless::read_all(&args.files, &args.csv.import_options());
    if failed {
        return exit::FILE_ERROR;
    }
    if timing {
        eprintln!("timing: read: {:.3} s", start.elapsed().as_secs_f64());
    }
    let selections: Vec<Selection<'_>> = layers.iter().map(selection_of).collect();
    let export: Vec<ExportLayer<'_>> = layers
        .iter()
        .zip(selections)
        .map(|(layer, selection)| ExportLayer {
            layer,
            selection,
            measures: None,
        })
        .collect();
    let plan = plan_export(&export, &[], &options);
    if timing {
        eprintln!("timing: plan: {:.3} s", start.elapsed().as_secs_f64());
    }
    for line in plan.summary().lines() {
        eprintln!("{line}");
    }
    let cancel = AtomicBool::new(false);
    let code = if args.output.as_os_str() == "-" {
        let stdout = io::stdout();
        let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
        match plan
            .write(&mut out, &|_| {}, &cancel)
            .and_then(|()| out.flush())
        {
            Ok(()) => exit::OK,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
            Err(e) => {
                eprintln!("error: cannot write the output: {e}");
                exit::FILE_ERROR
            }
        }
    } else {
        match export_to_file(&plan, &args.output, &|_| {}, &cancel) {
            Ok(()) => exit::OK,
            Err(e) => {
                eprintln!("error: {e}");
                exit::FILE_ERROR
            }
        }
    };
    if timing {
        eprintln!("timing: written: {:.3} s", start.elapsed().as_secs_f64());
    }
    code
}
