//! `minemap split`: a hazard area into clearance sectors, written as a GeoJSON
//! FeatureCollection (RFC 7946 longitude/latitude) with their effort.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::exit;
use crate::analysis::effort::{Asset, EffortInputs};
use crate::analysis::split::{
    DEFAULT_SLIVER_SHARE, Orientation, SplitMethod, SplitOptions, sector_features,
    split_hazard_area,
};
use crate::io::atomic::write_atomic;
use crate::io::export::write_layer;
use crate::io::geojson::read_geojson_file;
use crate::model::{Feature, Layer, LayerRole};

/// Arguments of `minemap split`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("method").required(true).args(["cell_size", "strips", "parts"])))]
pub struct SplitArgs {
    /// GeoJSON file holding the hazard area.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Id of the hazard area to split (its GeoJSON `id`, or `#INDEX` for a feature without one).
    #[arg(long, value_name = "ID", required_unless_present = "where_")]
    pub feature: Option<String>,
    /// Split every hazard area matching this OGC CQL2 filter (with `--feature`: that one, if it
    /// matches), e.g. `"classification" = 'cha' AND "status" = 'open'`.
    #[arg(long = "where", value_name = "CQL2")]
    pub where_: Option<String>,
    /// Boxes of W×H metres (`50` or `50x25`: W along the base-line, H across it).
    #[arg(long, value_name = "W[xH]", allow_hyphen_values = true)]
    pub cell_size: Option<String>,
    /// N parallel lanes of equal width.
    #[arg(long, value_name = "N")]
    pub strips: Option<usize>,
    /// N parts of equal area.
    #[arg(long, value_name = "N")]
    pub parts: Option<usize>,
    /// Base-line direction: `auto` (the longest side of the minimum rotated rectangle) or a
    /// bearing in degrees clockwise from north.
    #[arg(
        long,
        value_name = "auto|DEG",
        default_value = "auto",
        allow_hyphen_values = true
    )]
    pub orientation: String,
    /// Merge boxes smaller than this percentage of a full box into a neighbour (0: keep all).
    #[arg(long, value_name = "PERCENT", default_value_t = DEFAULT_SLIVER_SHARE * 100.0)]
    pub merge_slivers_below: f64,
    /// Clearance rate in m² per team-day for the asset: adds team-days and duration.
    #[arg(long, value_name = "M2_PER_TEAM_DAY", allow_hyphen_values = true)]
    pub rate: Option<f64>,
    /// Number of teams working each sector.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub teams: u32,
    /// The asset the rate is for.
    #[arg(long, value_enum, default_value_t = AssetArg::Manual)]
    pub asset: AssetArg,
    /// Output file, or `-` for standard output.
    #[arg(short, long, value_name = "OUT.geojson")]
    pub output: PathBuf,
}

/// `--asset` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AssetArg {
    Manual,
    Mdd,
    Mechanical,
}

impl From<AssetArg> for Asset {
    fn from(a: AssetArg) -> Self {
        match a {
            AssetArg::Manual => Self::Manual,
            AssetArg::Mdd => Self::Mdd,
            AssetArg::Mechanical => Self::Mechanical,
        }
    }
}

/// Runs `split`; every failure is one `error: …` line and exit code 2.
pub(super) fn run(args: &SplitArgs) -> i32 {
    match split(args) {
        Ok(()) => exit::OK,
        Err(message) => {
            eprintln!("error: {message}");
            exit::FILE_ERROR
        }
    }
}

fn split(args: &SplitArgs) -> Result<(), String> {
    // Arguments first, before the file is read.
    let options = SplitOptions {
        method: method(args)?,
        orientation: orientation(&args.orientation)?,
        merge_slivers_below: sliver_share(args.merge_slivers_below)?,
    };
    let effort = effort(args)?;
    let filter = args
        .where_
        .as_deref()
        .map(crate::analysis::filter::Filter::parse)
        .transpose()
        .map_err(|e| format!("--where: {e}"))?;

    let loaded = read_geojson_file(&args.file, &|_| {}).map_err(|e| e.to_string())?;
    for w in &loaded.warnings {
        eprintln!("warning: {}: {w}", args.file.display());
    }
    let layer = loaded.layer;
    let file = args.file.display();

    // The hazard areas to split, as indices into the layer: the one `--feature`, and/or every
    // hazard area `--where` keeps.
    let mut targets: Vec<usize> = match &args.feature {
        Some(id) => vec![
            find_feature(&layer.features, id)
                .ok_or_else(|| format!("{file}: no feature has the id {id}"))?,
        ],
        None => (0..layer.features.len())
            .filter(|&i| {
                layer
                    .features
                    .get(i)
                    .is_some_and(|f| crate::analysis::is_hazard_area(&layer, f))
            })
            .collect(),
    };
    if let Some(filter) = &filter {
        let measures = crate::analysis::measures::measure_layer(&layer);
        let mask = crate::analysis::filter::evaluate_layer(filter, &layer, Some(&measures));
        targets.retain(|&i| mask.get(i).copied().unwrap_or(false));
        if targets.is_empty() {
            return Err(format!("{file}: no hazard area matches --where"));
        }
    }

    let mut sectors_out: Vec<Feature> = Vec::new();
    for index in targets {
        let Some(hazard) = layer.features.get(index) else {
            continue;
        };
        let display_id = hazard.display_id(index);
        let geometry = hazard.geometry.as_ref().ok_or_else(|| {
            format!("{file}: feature {display_id} has no geometry, so it cannot be split")
        })?;
        let sectors = split_hazard_area(geometry, &options)
            .map_err(|e| format!("{file}: feature {display_id}: {e}"))?;
        let features = sector_features(hazard, &display_id, &sectors, effort.as_ref())
            .map_err(|e| format!("--rate: {e}"))?;
        sectors_out.extend(features);
    }

    let mut out = Layer::new("clearance_sectors".into(), None, sectors_out);
    out.role = LayerRole::ClearanceSectors;
    out.collection_members.insert(
        "name".into(),
        serde_json::Value::String("clearance_sectors".into()),
    );
    write_output(&out, &args.output)
}

fn method(args: &SplitArgs) -> Result<SplitMethod, String> {
    if let Some(text) = &args.cell_size {
        let (w, h) = parse_cell_size(text)?;
        return Ok(SplitMethod::Grid {
            width_m: w,
            height_m: h,
        });
    }
    if let Some(count) = args.strips {
        return Ok(SplitMethod::Strips { count });
    }
    if let Some(count) = args.parts {
        return Ok(SplitMethod::EqualParts { count });
    }
    Err("give one of --cell-size, --strips, --parts".into())
}

/// `50` → 50×50; `50x25` (or `50X25`, `50×25`) → 50×25. Checked further by the split.
fn parse_cell_size(text: &str) -> Result<(f64, f64), String> {
    let bad =
        || format!("--cell-size: \"{text}\" is not W or WxH in metres (for example 50 or 50x25)");
    let parts: Vec<&str> = text.split(['x', 'X', '×']).map(str::trim).collect();
    let number = |s: &str| s.parse::<f64>().map_err(|_| bad());
    let (w, h) = match parts.as_slice() {
        [w] => (number(w)?, number(w)?),
        [w, h] => (number(w)?, number(h)?),
        _ => return Err(bad()),
    };
    if !(w.is_finite() && w > 0.0 && h.is_finite() && h > 0.0) {
        return Err(format!(
            "--cell-size: {text} must be positive numbers of metres"
        ));
    }
    Ok((w, h))
}

fn orientation(text: &str) -> Result<Orientation, String> {
    if text.eq_ignore_ascii_case("auto") {
        return Ok(Orientation::Auto);
    }
    let degrees = text
        .trim_end_matches('°')
        .parse::<f64>()
        .ok()
        .filter(|d| d.is_finite())
        .ok_or_else(|| {
            format!("--orientation: \"{text}\" is neither auto nor a bearing in degrees")
        })?;
    Ok(Orientation::Degrees(degrees))
}

fn sliver_share(percent: f64) -> Result<Option<f64>, String> {
    if !(percent.is_finite() && (0.0..=100.0).contains(&percent)) {
        return Err(format!(
            "--merge-slivers-below: {percent} is not a percentage between 0 and 100"
        ));
    }
    Ok((percent > 0.0).then_some(percent / 100.0))
}

fn effort(args: &SplitArgs) -> Result<Option<EffortInputs>, String> {
    let Some(rate) = args.rate else {
        return Ok(None);
    };
    let mut inputs = EffortInputs {
        asset: args.asset.into(),
        teams: args.teams,
        ..EffortInputs::default()
    };
    inputs.rates.set(inputs.asset, Some(rate));
    inputs
        .checked_rate()
        .map_err(|e| format!("--rate/--teams: {e}"))?;
    Ok(Some(inputs))
}

/// The feature whose id (as text) is `wanted`, or `#INDEX` for one without an id.
fn find_feature(features: &[Feature], wanted: &str) -> Option<usize> {
    features
        .iter()
        .enumerate()
        .find(|(i, f)| f.display_id(*i) == wanted)
        .map(|(i, _)| i)
}

fn write_output(layer: &Layer, path: &Path) -> Result<(), String> {
    if path == Path::new("-") {
        let stdout = io::stdout();
        let mut w = BufWriter::new(stdout.lock());
        return match write_layer(layer, &mut w).and_then(|()| w.flush()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(format!("cannot write the output: {e}")),
        };
    }
    write_atomic(path, |w| write_layer(layer, w))
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_size_reads_one_or_two_numbers_and_refuses_the_rest() {
        assert_eq!(parse_cell_size("50"), Ok((50.0, 50.0)));
        assert_eq!(parse_cell_size("50x25"), Ok((50.0, 25.0)));
        assert_eq!(parse_cell_size("12.5×10"), Ok((12.5, 10.0)));
        for bad in ["0", "-5", "NaN", "inf", "50x", "ax3", "1x2x3", ""] {
            assert!(parse_cell_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn orientation_is_auto_or_finite_degrees() {
        assert_eq!(orientation("AUTO"), Ok(Orientation::Auto));
        assert_eq!(orientation("-30"), Ok(Orientation::Degrees(-30.0)));
        assert_eq!(orientation("45°"), Ok(Orientation::Degrees(45.0)));
        assert!(orientation("north").is_err());
        assert!(orientation("NaN").is_err());
    }
}
