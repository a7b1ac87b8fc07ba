//! Export, Save and the CSV tables from the GUI: what the Export dialog asks for
//! ([`ExportRequest`]), which features it means, and the background jobs that plan and
//! write (the same `io::export` code the command line uses, on a worker thread with
//! progress, so a 200 000-feature export leaves the window responsive).
//!
//! Jobs take cheap clones of the layers (features and source text are shared `Arc`s), so
//! the user may go on editing while a file is written: what is written is the data as it was
//! when the job started, and a layer saved that way stays "unsaved" if it changed meanwhile.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::analysis::AnalysisState;
use super::jobs::{Job, Outcome};
use super::{Workspace, filters};
use crate::analysis::Cancelled;
use crate::analysis::measures::{FeatureMeasures, MeasureCache};
use crate::io::export::{
    ExportError, ExportLayer, ExportOptions, ExportSummary, export_to_file, plan_export, save_layer,
};
use crate::io::table::{CsvOptions, write_csv_file};
use crate::model::{Layer, LayerId};

/// Which features of each layer an export writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportScope {
    /// Every feature.
    #[default]
    All,
    /// The selected features (of each exported layer).
    Selection,
    /// Those passing the layer's filter (all of them when it has none).
    Filtered,
}

/// The Export dialog's choices kept between runs (in `Settings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportSettings {
    pub scope: ExportScope,
    pub options: ExportOptions,
    /// The privacy options last edited, kept while privacy is switched off so ticking it
    /// again brings back the user's list rather than the defaults.
    pub privacy: crate::io::export::PrivacyOptions,
}

/// One export as the dialog describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    /// Layers written, in this order, into one FeatureCollection.
    pub layers: Vec<LayerId>,
    pub scope: ExportScope,
    pub options: ExportOptions,
}

/// What a dry run was worked out from, beyond the request: per exported layer its
/// revision, length, filter generation and selected count. A summary whose key differs
/// from the data's now is stale (an edit, a new filter, another selection).
pub type DataKey = Vec<(u64, usize, u64, usize)>;

/// The [`DataKey`] of `request` on the data as it is now.
#[must_use]
pub fn data_key(ws: &Workspace, request: &ExportRequest) -> DataKey {
    request
        .layers
        .iter()
        .filter_map(|id| ws.layer(*id))
        .map(|l| {
            let generation = ws.filter(l.id).map_or(0, |f| f.generation);
            let selected = ws.selected.iter().filter(|r| r.layer == l.id).count();
            (l.revision, l.features.len(), generation, selected)
        })
        .collect()
}

/// The positions of the features of `layer` that `scope` takes.
#[must_use]
pub fn scope_indices(ws: &Workspace, layer: &Layer, scope: ExportScope) -> Vec<usize> {
    match scope {
        ExportScope::All => (0..layer.features.len()).collect(),
        ExportScope::Selection => ws
            .selected
            .iter()
            .filter(|r| r.layer == layer.id && r.index < layer.features.len())
            .map(|r| r.index)
            .collect(),
        ExportScope::Filtered => match ws
            .filters
            .get(&layer.id)
            .and_then(filters::LayerFilter::mask)
        {
            Some(mask) => mask
                .iter()
                .take(layer.features.len())
                .enumerate()
                .filter_map(|(i, &keep)| keep.then_some(i))
                .collect(),
            None => (0..layer.features.len()).collect(),
        },
    }
}

/// What an export job is given: the layers (cheap clones), the features of each, their
/// cached measures, and the other layers as context for links and counts.
pub struct ExportInput {
    layers: Vec<(Layer, Vec<usize>, Vec<FeatureMeasures>)>,
    context: Vec<Layer>,
    options: ExportOptions,
}

impl ExportInput {
    /// Collects what `request` needs from the workspace (layers that are gone are skipped).
    pub fn new(ws: &Workspace, measures: &mut MeasureCache, request: &ExportRequest) -> Self {
        let layers = request
            .layers
            .iter()
            .filter_map(|id| ws.layer(*id))
            .map(|l| {
                let indices = scope_indices(ws, l, request.scope);
                (l.clone(), indices, measures.measures(l).to_vec())
            })
            .collect();
        let context = ws
            .layers
            .iter()
            .filter(|l| !request.layers.contains(&l.id))
            .cloned()
            .collect();
        Self {
            layers,
            context,
            options: request.options.clone(),
        }
    }

    /// Number of features the export writes.
    #[must_use]
    pub fn feature_count(&self) -> usize {
        self.layers.iter().map(|(_, ix, _)| ix.len()).sum()
    }

    /// Plans the export and gives its summary (the dry run the dialog shows).
    #[must_use]
    pub fn summary(&self) -> ExportSummary {
        self.with_plan(|plan| plan.summary().clone())
    }

    fn with_plan<T>(&self, f: impl FnOnce(&crate::io::export::ExportPlan<'_>) -> T) -> T {
        let layers: Vec<ExportLayer<'_>> = self
            .layers
            .iter()
            .map(|(l, ix, m)| ExportLayer {
                measures: (m.len() == l.features.len()).then_some(m.as_slice()),
                ..ExportLayer::indices(l, ix)
            })
            .collect();
        let context: Vec<&Layer> = self.context.iter().collect();
        let plan = plan_export(&layers, &context, &self.options);
        f(&plan)
    }

    /// Plans and writes the export to `path` (atomically; never over a source file).
    ///
    /// # Errors
    /// [`ExportError`] naming the file.
    pub fn write(
        &self,
        path: &Path,
        progress: &(dyn Fn(f32) + Sync),
        cancel: &std::sync::atomic::AtomicBool,
    ) -> Result<(), ExportError> {
        self.with_plan(|plan| export_to_file(plan, path, progress, cancel))
    }
}

/// What a finished file job did.
#[derive(Clone, Debug, PartialEq)]
pub enum FileDone {
    Exported {
        path: PathBuf,
        features: usize,
        seconds: f64,
    },
    /// A layer written to `path` as it was at `revision`.
    Saved {
        layer: LayerId,
        path: PathBuf,
        revision: u64,
        /// Close the layer once saved (the user chose Save when closing it).
        then_close: bool,
    },
}

/// What a file job is doing, for its progress window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileJobKind {
    Export(PathBuf),
    Save(PathBuf),
}

/// A file being written on a worker thread. Dropping it cancels an export (the target is
/// left as it was).
pub struct FileJob {
    pub kind: FileJobKind,
    pub job: Job<Result<FileDone, String>>,
}

impl FileJob {
    /// Writes the export described by `input` to `path` in the background.
    pub fn export(
        input: ExportInput,
        path: PathBuf,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let target = path.clone();
        let job = Job::spawn(wake, move |progress, cancel| {
            let start = Instant::now();
            match input.write(&path, progress, cancel) {
                Ok(()) => Ok(Ok(FileDone::Exported {
                    features: input.feature_count(),
                    path,
                    seconds: start.elapsed().as_secs_f64(),
                })),
                Err(ExportError::Cancelled { .. }) => Err(Cancelled),
                Err(e) => Ok(Err(e.to_string())),
            }
        });
        Self {
            kind: FileJobKind::Export(target),
            job,
        }
    }

    /// Saves `layer` (a clone of the layer as it is now) to `path`, keeping `path.bak`.
    pub fn save(
        layer: Layer,
        path: PathBuf,
        then_close: bool,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let target = path.clone();
        let job = Job::spawn(wake, move |progress, _| {
            let result = save_layer(&layer, &path).map_err(|e| e.to_string());
            progress(1.0);
            Ok(result.map(|()| FileDone::Saved {
                layer: layer.id,
                path,
                revision: layer.revision,
                then_close,
            }))
        });
        Self {
            kind: FileJobKind::Save(target),
            job,
        }
    }

    /// The job's result once it ended; a failed thread reads as an error, never as success.
    pub fn poll(&self) -> Option<Result<FileDone, String>> {
        match self.job.poll()? {
            Outcome::Done(r) => Some(r),
            Outcome::Cancelled => Some(Err(crate::i18n::tr("save-cancelled").to_owned())),
            Outcome::Failed(why) => Some(Err(why)),
        }
    }
}

/// A dry run of an export on a worker thread (planning runs the analyses the annotations
/// need, which takes a while on large layers).
pub struct PreviewJob {
    pub request: ExportRequest,
    pub key: DataKey,
    pub job: Job<ExportSummary>,
}

impl PreviewJob {
    pub fn spawn(
        input: ExportInput,
        request: ExportRequest,
        key: DataKey,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let job = Job::spawn(wake, move |progress, _| {
            let summary = input.summary();
            progress(1.0);
            Ok(summary)
        });
        Self { request, key, job }
    }
}

/// True when the layer can be written back to its own file: it was read from GeoJSON
/// (`.geojson`/`.json`). Shapefiles, GeoPackages, KML… are offered Save as GeoJSON.
#[must_use]
pub fn saves_in_place(layer: &Layer) -> bool {
    layer.source_crs.is_none()
        && layer.path.as_deref().is_some_and(|p| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                e.eq_ignore_ascii_case("geojson") || e.eq_ignore_ascii_case("json")
            })
        })
}

/// `name.geojson` beside where the layer came from (for Save as of a Shapefile, KML…).
#[must_use]
pub fn suggested_geojson_name(layer: &Layer) -> String {
    let stem = layer
        .path
        .as_deref()
        .and_then(Path::file_stem)
        .map_or_else(|| layer.name.clone(), |s| s.to_string_lossy().into_owned());
    let clean: String = stem
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{}.geojson", clean.trim())
}

/// The statistics as the panel shows them, as a table: one row per visible layer, then
/// one per group of the grouping property; areas in m² (2 decimals), counts as integers.
#[must_use]
pub fn statistics_table(
    ws: &Workspace,
    analysis: &AnalysisState,
) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "layer",
        "role",
        "group_by",
        "group",
        "features",
        "polygons",
        "points",
        "lines",
        "area_sum_m2",
        "area_union_m2",
        "perimeter_sum_m",
        "incidents",
        "killed",
        "injured",
        "estimated_m2",
        "cancelled_m2",
        "reduced_m2",
        "cleared_m2",
        "remaining_m2",
    ]
    .map(str::to_owned)
    .to_vec();
    let m2 = |v: f64| format!("{v:.2}");
    let mut rows = Vec::new();
    for layer in ws.layers.iter().rev().filter(|l| l.visible) {
        let Some(stats) = analysis.stats.get(&layer.id) else {
            continue;
        };
        let unions = analysis.unions.get(&layer.id);
        let t = &stats.totals.all;
        let polygonal = |n: usize, v: Option<f64>| {
            if n > 0 {
                v.map(m2).unwrap_or_default()
            } else {
                String::new()
            }
        };
        let mut row = vec![
            layer.name.clone(),
            layer.role.label().to_owned(),
            String::new(),
            String::new(),
            t.features.to_string(),
            t.polygons.to_string(),
            t.points.to_string(),
            t.lines.to_string(),
            polygonal(t.polygons, Some(t.area_m2)),
            polygonal(t.polygons, unions.map(|u| u.total_m2)),
            polygonal(t.polygons, Some(t.perimeter_m)),
        ];
        match stats.casualties {
            Some((n, killed, injured)) => {
                row.extend([n.to_string(), killed.to_string(), injured.to_string()]);
            }
            None => row.extend([String::new(), String::new(), String::new()]),
        }
        match &stats.land_release {
            Some(lr) => row.extend(
                [
                    lr.estimated_m2,
                    lr.cancelled_m2,
                    lr.reduced_m2,
                    lr.cleared_m2,
                    lr.remaining_m2,
                ]
                .map(m2),
            ),
            None => row.extend(std::iter::repeat_n(String::new(), 5)),
        }
        rows.push(row);
        let grouped = stats
            .totals
            .groups
            .keys()
            .any(|k| k != crate::analysis::totals::NO_VALUE);
        if !grouped {
            continue;
        }
        let key = analysis.group_by.clone().unwrap_or_default();
        for (value, tally) in &stats.totals.groups {
            let mut row = vec![
                layer.name.clone(),
                layer.role.label().to_owned(),
                key.clone(),
                value.clone(),
                tally.features.to_string(),
                tally.polygons.to_string(),
                tally.points.to_string(),
                tally.lines.to_string(),
                polygonal(tally.polygons, Some(tally.area_m2)),
                polygonal(
                    tally.polygons,
                    unions.and_then(|u| u.groups.get(value)).copied(),
                ),
                polygonal(tally.polygons, Some(tally.perimeter_m)),
            ];
            row.extend(std::iter::repeat_n(String::new(), 8));
            rows.push(row);
        }
    }
    (header, rows)
}

/// Writes a table as CSV (UTF-8 with a byte-order mark, so spreadsheets read the letters
/// right), atomically.
///
/// # Errors
/// The reason, naming the file.
pub fn write_table(path: &Path, header: &[String], rows: &[Vec<String>]) -> Result<(), String> {
    write_csv_file(path, header, rows, CsvOptions::default()).map_err(|e| e.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Feature, FeatureRef};

    fn layer(path: Option<&str>, n: usize) -> Layer {
        Layer::new(
            "t".into(),
            path.map(PathBuf::from),
            (0..n).map(|_| Feature::default()).collect(),
        )
    }

    #[test]
    fn only_layers_read_from_geojson_save_in_place() {
        assert!(saves_in_place(&layer(Some("/d/a.geojson"), 0)));
        assert!(saves_in_place(&layer(Some("/d/a.JSON"), 0)));
        assert!(!saves_in_place(&layer(Some("/d/hazards.shp"), 0)));
        assert!(!saves_in_place(&layer(Some("/d/hazards.gpkg"), 0)));
        assert!(!saves_in_place(&layer(None, 0)));
        let mut reprojected = layer(Some("/d/a.geojson"), 0);
        reprojected.source_crs = Some("EPSG:32638".into());
        assert!(!saves_in_place(&reprojected));
        assert_eq!(
            suggested_geojson_name(&layer(Some("/d/hazards.shp"), 0)),
            "hazards.geojson"
        );
    }

    #[test]
    fn the_selection_scope_takes_only_the_layers_own_selected_features() {
        let mut ws = Workspace::default();
        let a = layer(None, 5);
        let b = layer(None, 5);
        let (ia, ib) = (a.id, b.id);
        ws.layers = vec![a, b];
        for r in [(ia, 3), (ib, 1), (ia, 0), (ia, 9)] {
            ws.selected.insert(FeatureRef {
                layer: r.0,
                index: r.1,
            });
        }
        let a = &ws.layers[0];
        assert_eq!(scope_indices(&ws, a, ExportScope::Selection), vec![0, 3]);
        assert_eq!(scope_indices(&ws, a, ExportScope::All), vec![0, 1, 2, 3, 4]);
        // No filter: every feature passes it.
        assert_eq!(scope_indices(&ws, a, ExportScope::Filtered).len(), 5);
    }

    #[test]
    fn a_saved_layer_is_unsaved_again_after_its_next_edit() {
        let mut ws = Workspace::default();
        let mut l = layer(Some("/d/a.geojson"), 1);
        let id = l.id;
        assert!(!ws.is_unsaved(&l));
        l.revision = 3;
        assert!(ws.is_unsaved(&l));
        ws.mark_saved(id, 3);
        assert!(!ws.is_unsaved(&l));
        l.revision = 4;
        assert!(ws.is_unsaved(&l));
    }
}
