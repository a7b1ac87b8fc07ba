//! GeoJSON export that loses nothing, and saving.
//!
//! * [`write_layer`] / [`save_layer`]: a layer written back as it is (Save): a feature nobody
//!   edited is its exact source text; an edited one is rebuilt from the model, keeping its
//!   foreign members and, when only properties changed, its original geometry. Save keeps
//!   `FILE.bak` of the previous version and replaces the file atomically.
//! * [`plan_export`] → [`ExportPlan::summary`] (a dry run: what will be added, renamed,
//!   removed, fixed) → [`ExportPlan::write`] / [`export_to_file`]: one RFC 7946
//!   FeatureCollection of some features of some layers, with annotations.
//!
//! # What an export keeps and what it changes
//! Every member of every feature is written as the input had it — properties (order, types,
//! nesting), `id`, foreign members, numbers exactly as written (`9007199254740993`, `0.10`).
//! The feature's own text is edited, not re-serialised: annotations are appended to its
//! `properties`, and only the members that must change are replaced. The changes are:
//! * **RFC 7946 fixes**: exterior rings turned counter-clockwise and holes clockwise where
//!   they were not; unclosed rings closed; coordinates with more than
//!   [`ExportOptions::precision`] decimals rounded (others are kept as written, altitudes
//!   too); the collection's `crs` member dropped; a `bbox` (collection or feature) that was
//!   in the input, or is asked for, is computed for what is written.
//! * **Annotations** ([`Annotation`], keys documented in `analysis::annotations`), appended
//!   after the input's properties. A key the exported data already uses is written as
//!   `minemap_<key>` (the summary says so) unless [`KeyConflict::Overwrite`] is chosen.
//! * **Privacy** ([`PrivacyOptions`]): personal properties (and foreign members) removed;
//!   incident points moved to a grid (`analysis::privacy`).
//!
//! Features that need none of this are copied as they were read — the fast path, which is
//! what makes exporting 200 000 polygons take well under the 3 s budget.

mod text;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

pub use crate::analysis::annotations::Annotation;
use crate::analysis::annotations::{AnnotatedLayer, AnnotationSettings, AnnotationValues};
use crate::analysis::incidents::representative_point;
use crate::analysis::measures::FeatureMeasures;
use crate::analysis::privacy::{
    DEFAULT_INCIDENT_PERSONAL_KEYS, DEFAULT_PERSONAL_KEYS, generalise_location,
};
use crate::analysis::qa::QaOptions;
use crate::analysis::{Selection, is_incident};
use crate::io::atomic::write_atomic;
use crate::model::{Feature, GeometryNoteKind, Layer};
use text::{FixCount, GeometryFix, members, push_key, rewrite_geometry};

/// Why a layer or an export could not be written.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("{path}: cannot write: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the folder {} does not exist — choose another folder or create it", folder.display())]
    MissingFolder { path: PathBuf, folder: PathBuf },
    #[error("{path}: the folder {} cannot be written to (read-only or no permission) — choose another folder", folder.display())]
    ReadOnly { path: PathBuf, folder: PathBuf },
    #[error(
        "{path}: this is a file being exported; exporting over it would replace the source — use Save to write a layer back to its file, or choose another name"
    )]
    OverwritesSource { path: PathBuf },
    #[error("{path}: the export was cancelled; the file was not changed")]
    Cancelled { path: PathBuf },
}

/// When an annotation's key is already used by the exported data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyConflict {
    /// Write the annotation as `minemap_<key>` (`minemap_<key>_2`, … if that is taken too).
    #[default]
    Prefix,
    /// Replace the input's value of that key (after the user said so).
    Overwrite,
}

/// Privacy for sharing outside the agency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrivacyOptions {
    /// Properties (and feature foreign members) removed from every feature; compared
    /// without regard to case.
    pub personal_keys: Vec<String>,
    /// Removed from incidents only (`name` is a person's name there, an area's elsewhere).
    pub incident_keys: Vec<String>,
    /// Incident points moved to a grid of this many metres (`None`: kept where they are).
    /// See `analysis::privacy` for the method.
    pub generalise_incidents_m: Option<f64>,
}

impl Default for PrivacyOptions {
    fn default() -> Self {
        Self {
            personal_keys: DEFAULT_PERSONAL_KEYS
                .iter()
                .map(|&k| k.to_owned())
                .collect(),
            incident_keys: DEFAULT_INCIDENT_PERSONAL_KEYS
                .iter()
                .map(|&k| k.to_owned())
                .collect(),
            generalise_incidents_m: Some(100.0),
        }
    }
}

/// What an export writes. Kept between runs by the GUI (`serde`, every field defaulted).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    /// Annotations to add (none: a plain, lossless export).
    pub annotations: Vec<Annotation>,
    pub on_key_conflict: KeyConflict,
    /// Decimals kept in coordinates (7 ≈ 1 cm); `None` keeps every coordinate as written.
    pub precision: Option<u8>,
    /// Write a `bbox` for the collection and every feature.
    pub bbox: bool,
    /// Strip personal data (`None`: export everything).
    pub privacy: Option<PrivacyOptions>,
    /// Incidents within this many metres count as `incidents_nearby`.
    pub buffer_m: f64,
    /// QA: consecutive vertices farther apart are a `long_segment`.
    pub qa_max_segment_m: f64,
    /// QA: look for overlapping hazard areas (slow on large layers).
    pub qa_check_overlaps: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        let qa = QaOptions::default();
        Self {
            annotations: Vec::new(),
            on_key_conflict: KeyConflict::Prefix,
            precision: Some(7),
            bbox: false,
            privacy: None,
            buffer_m: AnnotationSettings::default().buffer_m,
            qa_max_segment_m: qa.max_segment_m,
            qa_check_overlaps: qa.check_overlaps,
        }
    }
}

/// One layer to export: which features, and its measures if the caller has them cached
/// (index for index, as `analysis::measures::MeasureCache` holds them).
#[derive(Clone, Copy, Debug)]
pub struct ExportLayer<'a> {
    pub layer: &'a Layer,
    pub selection: Selection<'a>,
    pub measures: Option<&'a [FeatureMeasures]>,
}

impl<'a> ExportLayer<'a> {
    /// Every feature of `layer`.
    #[must_use]
    pub fn all(layer: &'a Layer) -> Self {
        Self {
            layer,
            selection: Selection::All,
            measures: None,
        }
    }

    /// The features of `layer` at `indices`.
    #[must_use]
    pub fn indices(layer: &'a Layer, indices: &'a [usize]) -> Self {
        Self {
            layer,
            selection: Selection::Indices(indices),
            measures: None,
        }
    }
}

/// How an annotation key is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnnotationKey {
    /// The documented key (`area_m2`).
    pub key: String,
    /// The key written: the same, or `minemap_area_m2` when the data already used it.
    pub written_as: String,
    /// Exported features whose properties already had the key (any case).
    pub already_in: usize,
}

/// What an export will do (from [`ExportPlan::summary`], before anything is written).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExportSummary {
    pub layers: usize,
    pub features: usize,
    /// Every annotation key written and under which name.
    pub annotation_keys: Vec<AnnotationKey>,
    /// Personal properties and foreign members removed: key as written → features.
    pub removed_personal: BTreeMap<String, usize>,
    /// Incidents moved to the privacy grid.
    pub incidents_generalised: usize,
    /// Features with a ring whose winding was fixed (RFC 7946).
    pub windings_fixed: usize,
    /// Features with a ring that was not closed.
    pub rings_closed: usize,
    /// Features with coordinates rounded to the precision.
    pub coordinates_rounded: usize,
    /// Collection members left out (`crs`).
    pub dropped_collection_members: Vec<String>,
    /// Collection members given different values by several layers: the first is kept.
    pub conflicting_collection_members: Vec<String>,
}

impl ExportSummary {
    /// Annotation keys written under another name than documented.
    pub fn renamed_keys(&self) -> impl Iterator<Item = &AnnotationKey> {
        self.annotation_keys
            .iter()
            .filter(|k| k.key != k.written_as)
    }

    /// Lines for people (the confirmation dialog, the command line's stderr).
    #[must_use]
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "{} features from {} layer{}",
            self.features,
            self.layers,
            if self.layers == 1 { "" } else { "s" }
        )];
        for k in self.annotation_keys.iter() {
            if k.key != k.written_as {
                out.push(format!(
                    "annotation {} written as {} ({} features already have {})",
                    k.key, k.written_as, k.already_in, k.key
                ));
            } else if k.already_in > 0 {
                out.push(format!(
                    "annotation {} replaces the value of {} features",
                    k.key, k.already_in
                ));
            }
        }
        for (key, n) in &self.removed_personal {
            out.push(format!("personal data removed: {key} from {n} features"));
        }
        if self.incidents_generalised > 0 {
            out.push(format!(
                "{} incident locations generalised",
                self.incidents_generalised
            ));
        }
        for (n, what) in [
            (self.windings_fixed, "ring winding fixed (RFC 7946)"),
            (self.rings_closed, "unclosed ring closed"),
            (self.coordinates_rounded, "coordinates rounded"),
        ] {
            if n > 0 {
                out.push(format!("{n} features: {what}"));
            }
        }
        for m in &self.dropped_collection_members {
            out.push(format!("collection member \"{m}\" dropped (RFC 7946)"));
        }
        for m in &self.conflicting_collection_members {
            out.push(format!(
                "collection member \"{m}\" differs between layers: the first layer's is kept"
            ));
        }
        out
    }
}

// Per-feature work, decided from the model when planning.
const ORIENT: u8 = 1;
const CLOSE: u8 = 2;
const ROUND: u8 = 4;
const GENERALISE: u8 = 8;
const STRIP: u8 = 16;
const OVERWRITE: u8 = 32;
const GEOMETRY_WORK: u8 = ORIENT | CLOSE | ROUND | GENERALISE;

struct PlannedLayer<'a> {
    layer: &'a Layer,
    /// `(feature index, work flags)` in output order.
    features: Vec<(usize, u8)>,
}

/// An export worked out but not written: [`ExportPlan::summary`] for the confirmation,
/// [`ExportPlan::write`] to produce it. Computing it runs the analyses the annotations need.
pub struct ExportPlan<'a> {
    layers: Vec<PlannedLayer<'a>>,
    options: ExportOptions,
    values: AnnotationValues,
    /// `(documented key, written key)` in writing order.
    keys: Vec<(&'static str, String)>,
    personal: HashSet<String>,
    incident_personal: HashSet<String>,
    collection_members: Map<String, Value>,
    collection_bbox: Option<[f64; 4]>,
    summary: ExportSummary,
}

/// Works out an export of `layers` (in order, into one FeatureCollection). `context`
/// layers are not written but take part in the analyses (the hazard areas that exported
/// incidents are linked to, the incidents counted in exported hazard areas).
#[must_use]
pub fn plan_export<'a>(
    layers: &[ExportLayer<'a>],
    context: &[&'a Layer],
    options: &ExportOptions,
) -> ExportPlan<'a> {
    let lower_set = |keys: Option<&Vec<String>>| -> HashSet<String> {
        keys.map(|ks| ks.iter().map(|k| k.to_ascii_lowercase()).collect())
            .unwrap_or_default()
    };
    let personal = lower_set(options.privacy.as_ref().map(|p| &p.personal_keys));
    let incident_personal = lower_set(options.privacy.as_ref().map(|p| &p.incident_keys));
    let generalise_m = options
        .privacy
        .as_ref()
        .and_then(|p| p.generalise_incidents_m)
        .filter(|m| m.is_finite() && *m > 0.0);

    let indices: Vec<Vec<usize>> = layers
        .iter()
        .map(|l| l.selection.indices(l.layer.features.len()).collect())
        .collect();

    // Annotation values.
    let annotated: Vec<AnnotatedLayer<'_>> = layers
        .iter()
        .zip(&indices)
        .map(|(l, ix)| AnnotatedLayer {
            layer: l.layer,
            indices: ix,
            measures: l.measures,
        })
        .collect();
    let settings = AnnotationSettings {
        buffer_m: options.buffer_m,
        qa: QaOptions {
            max_segment_m: options.qa_max_segment_m,
            check_overlaps: options.qa_check_overlaps,
            ..QaOptions::default()
        },
    };
    let values = AnnotationValues::compute(&annotated, context, &options.annotations, &settings);

    // Keys the exported properties use (lower case), and how often each annotation key.
    let mut used: HashSet<String> = HashSet::new();
    for (l, ix) in layers.iter().zip(&indices) {
        let mut seen: HashSet<&str> = HashSet::new();
        for &i in ix {
            seen.extend(l.layer.features[i].properties.keys());
        }
        used.extend(seen.into_iter().map(str::to_ascii_lowercase));
    }
    let mut keys = Vec::new();
    let mut summary = ExportSummary {
        layers: layers.len(),
        features: indices.iter().map(Vec::len).sum(),
        ..ExportSummary::default()
    };
    for a in values.which() {
        for &key in a.keys() {
            let already_in: usize = layers
                .iter()
                .zip(&indices)
                .map(|(l, ix)| {
                    ix.iter()
                        .filter(|&&i| has_key(&l.layer.features[i], key))
                        .count()
                })
                .sum();
            let written_as = if already_in == 0 || options.on_key_conflict == KeyConflict::Overwrite
            {
                key.to_owned()
            } else {
                free_key(key, &used)
            };
            used.insert(written_as.to_ascii_lowercase());
            summary.annotation_keys.push(AnnotationKey {
                key: key.to_owned(),
                written_as: written_as.clone(),
                already_in,
            });
            keys.push((key, written_as));
        }
    }
    let overwrite: Vec<&str> = if options.on_key_conflict == KeyConflict::Overwrite {
        keys.iter().map(|(k, _)| *k).collect()
    } else {
        Vec::new()
    };

    // Work per feature, in parallel.
    let precision = options.precision;
    let removed = std::sync::Mutex::new(BTreeMap::<String, usize>::new());
    let planned: Vec<PlannedLayer<'a>> = layers
        .iter()
        .zip(indices)
        .map(|(l, ix)| {
            let layer = l.layer;
            let features = ix
                .par_iter()
                .with_min_len(512)
                .map(|&i| {
                    let f = &layer.features[i];
                    let mut flags = 0;
                    if let Some(g) = &f.geometry {
                        if text::winds_wrong(g) {
                            flags |= ORIENT;
                        }
                        if precision.is_some_and(|p| text::exceeds_precision(g, p)) {
                            flags |= ROUND;
                        }
                    }
                    if f.notes
                        .iter()
                        .any(|n| n.kind == GeometryNoteKind::UnclosedRing)
                    {
                        flags |= CLOSE;
                    }
                    let incident = is_incident(layer, f);
                    if incident && generalise_m.is_some() {
                        flags |= GENERALISE;
                    }
                    let strip: Vec<&str> = f
                        .properties
                        .keys()
                        .chain(f.foreign_members.keys())
                        .filter(|k| is_personal(k, incident, &personal, &incident_personal))
                        .collect();
                    if !strip.is_empty() {
                        flags |= STRIP;
                        let mut removed = removed.lock().unwrap_or_else(|e| e.into_inner());
                        for k in strip {
                            *removed.entry(k.to_owned()).or_default() += 1;
                        }
                    }
                    if overwrite.iter().any(|k| f.properties.contains_key(k)) {
                        flags |= OVERWRITE;
                    }
                    (i, flags)
                })
                .collect();
            PlannedLayer { layer, features }
        })
        .collect();
    summary.removed_personal = removed.into_inner().unwrap_or_else(|e| e.into_inner());
    for p in &planned {
        for &(_, flags) in &p.features {
            summary.windings_fixed += usize::from(flags & ORIENT != 0);
            summary.rings_closed += usize::from(flags & CLOSE != 0);
            summary.coordinates_rounded += usize::from(flags & ROUND != 0);
            summary.incidents_generalised += usize::from(flags & GENERALISE != 0);
        }
    }

    // Collection members: the first layer's, then members only later layers have.
    let mut collection_members = Map::new();
    for l in layers {
        for (k, v) in &l.layer.collection_members {
            if k == "crs" {
                if !summary.dropped_collection_members.contains(k) {
                    summary.dropped_collection_members.push(k.clone());
                }
                continue;
            }
            match collection_members.get(k) {
                None => {
                    collection_members.insert(k.clone(), v.clone());
                }
                Some(first) if first != v && k != "bbox" => {
                    if !summary.conflicting_collection_members.contains(k) {
                        summary.conflicting_collection_members.push(k.clone());
                    }
                }
                Some(_) => {}
            }
        }
    }
    let collection_bbox = (options.bbox || collection_members.contains_key("bbox"))
        .then(|| {
            planned
                .iter()
                .flat_map(|p| {
                    p.features.iter().filter_map(|&(i, flags)| {
                        output_bbox(&p.layer.features[i], flags, generalise_m, precision)
                    })
                })
                .reduce(|a, b| {
                    [
                        a[0].min(b[0]),
                        a[1].min(b[1]),
                        a[2].max(b[2]),
                        a[3].max(b[3]),
                    ]
                })
        })
        .flatten();

    ExportPlan {
        layers: planned,
        options: options.clone(),
        values,
        keys,
        personal,
        incident_personal,
        collection_members,
        collection_bbox,
        summary,
    }
}

/// True when the feature's properties have `key` in any case.
fn has_key(f: &Feature, key: &str) -> bool {
    f.properties.keys().any(|k| k.eq_ignore_ascii_case(key))
}

/// `minemap_<key>`, or `minemap_<key>_2`, … — the first not in `used` (lower case).
fn free_key(key: &str, used: &HashSet<String>) -> String {
    let base = format!("minemap_{key}");
    if !used.contains(&base.to_ascii_lowercase()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|k| !used.contains(&k.to_ascii_lowercase()))
        .unwrap_or(base)
}

fn is_personal(
    key: &str,
    incident: bool,
    personal: &HashSet<String>,
    incident_personal: &HashSet<String>,
) -> bool {
    if personal.is_empty() && incident_personal.is_empty() {
        return false;
    }
    let lower = key.to_ascii_lowercase();
    personal.contains(&lower) || (incident && incident_personal.contains(&lower))
}

/// The bbox of what is written for a feature: generalised points where they move, rounded
/// outward to the precision so it still holds every rounded coordinate.
fn output_bbox(
    f: &Feature,
    flags: u8,
    generalise_m: Option<f64>,
    precision: Option<u8>,
) -> Option<[f64; 4]> {
    let g = f.geometry.as_ref()?;
    let b = match (flags & GENERALISE != 0, generalise_m, g) {
        (true, Some(cell), geo::Geometry::MultiPoint(mp)) => mp
            .iter()
            .map(|p| generalise_location([p.x(), p.y()], cell))
            .fold(None, |acc: Option<[f64; 4]>, [x, y]| {
                Some(acc.map_or([x, y, x, y], |a| {
                    [a[0].min(x), a[1].min(y), a[2].max(x), a[3].max(y)]
                }))
            })?,
        (true, Some(cell), _) => {
            let [x, y] = generalise_location(representative_point(g)?, cell);
            [x, y, x, y]
        }
        _ => {
            let r = f.bbox()?;
            [r.min().x, r.min().y, r.max().x, r.max().y]
        }
    };
    if !b.iter().all(|v| v.is_finite()) {
        return None;
    }
    Some(match precision {
        Some(p) => {
            // Rounded, then one step out if rounding went inward: a value with no more
            // decimals than `p` stays exactly as it is.
            let step = 10f64.powi(-i32::from(p));
            let down = |v: f64| {
                let r = text::round_to(v, p);
                if r <= v {
                    r
                } else {
                    text::round_to(r - step, p)
                }
            };
            let up = |v: f64| {
                let r = text::round_to(v, p);
                if r >= v {
                    r
                } else {
                    text::round_to(r + step, p)
                }
            };
            [down(b[0]), down(b[1]), up(b[2]), up(b[3])]
        }
        None => b,
    })
}

/// Features rendered per parallel task, and per block written before the next is made
/// (bounds memory to a few MB however large the export).
const TASK: usize = 256;
const BLOCK: usize = 16_384;

impl ExportPlan<'_> {
    /// What the export will do, for a confirmation before writing.
    #[must_use]
    pub fn summary(&self) -> &ExportSummary {
        &self.summary
    }

    /// Writes the FeatureCollection to `out`. `progress` gets the fraction done; setting
    /// `cancel` stops it with an `Interrupted` error.
    ///
    /// # Errors
    /// Any error of `out`; `Interrupted` when cancelled.
    pub fn write(
        &self,
        out: &mut dyn Write,
        progress: &(dyn Fn(f32) + Sync),
        cancel: &AtomicBool,
    ) -> std::io::Result<()> {
        out.write_all(b"{\"type\":\"FeatureCollection\"")?;
        let mut bbox_written = false;
        for (k, v) in &self.collection_members {
            out.write_all(b",")?;
            serde_json::to_writer(&mut *out, k)?;
            out.write_all(b":")?;
            if k == "bbox" {
                bbox_written = true;
                serde_json::to_writer(&mut *out, &self.collection_bbox)?;
            } else {
                serde_json::to_writer(&mut *out, v)?;
            }
        }
        if let (false, true, Some(b)) = (bbox_written, self.options.bbox, self.collection_bbox) {
            out.write_all(b",\"bbox\":")?;
            serde_json::to_writer(&mut *out, &b)?;
        }
        out.write_all(b",\"features\":[\n")?;
        let work: Vec<(usize, usize, u8)> = self
            .layers
            .iter()
            .enumerate()
            .flat_map(|(li, p)| p.features.iter().map(move |&(i, f)| (li, i, f)))
            .collect();
        let done = AtomicUsize::new(0);
        let total = work.len().max(1);
        let mut first = true;
        for block in work.chunks(BLOCK) {
            if cancel.load(Ordering::Relaxed) {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::Interrupted,
                    "export cancelled",
                ));
            }
            let rendered: Vec<Vec<u8>> = block
                .par_chunks(TASK)
                .map(|task| {
                    let mut buf = Vec::with_capacity(task.len() * 512);
                    for &(li, i, flags) in task {
                        buf.extend_from_slice(b",\n");
                        self.render(&self.layers[li], i, flags, &mut buf);
                    }
                    let n = done.fetch_add(task.len(), Ordering::Relaxed) + task.len();
                    #[allow(clippy::cast_precision_loss, reason = "a fraction for a progress bar")]
                    progress(n as f32 / total as f32);
                    buf
                })
                .collect();
            for buf in &rendered {
                // Each feature is preceded by ",\n"; the first of all is not.
                let skip = if first { 2 } else { 0 };
                first = false;
                out.write_all(&buf[skip..])?;
            }
        }
        out.write_all(b"\n]}\n")?;
        progress(1.0);
        Ok(())
    }

    /// Appends feature `i` of `p` as written.
    fn render(&self, p: &PlannedLayer<'_>, i: usize, flags: u8, out: &mut Vec<u8>) {
        let layer = p.layer;
        let feature = &layer.features[i];
        let text: Cow<'_, str> = match layer.feature_source(i) {
            Some(raw) if !feature.geometry_edited && !feature.properties_edited => {
                Cow::Borrowed(raw)
            }
            raw => {
                Cow::Owned(serde_json::to_string(&feature_json(feature, raw)).unwrap_or_default())
            }
        };
        let annotations = if self.keys.is_empty() {
            Vec::new()
        } else {
            self.values.values(layer, i)
        };
        let wants_bbox = self.options.bbox && feature.geometry.is_some();
        if flags == 0 && annotations.is_empty() && !wants_bbox {
            out.extend_from_slice(text.as_bytes());
            return;
        }
        let Some(members) = members(&text) else {
            out.extend_from_slice(text.as_bytes());
            return;
        };
        let generalise_m = self
            .options
            .privacy
            .as_ref()
            .and_then(|p| p.generalise_incidents_m);
        let incident = flags & GENERALISE != 0 || is_incident(layer, feature);
        // Annotation members as text, under the keys they are written as.
        let mut added: Vec<(&str, String)> = annotations
            .iter()
            .filter_map(|(key, value)| {
                let written = &self.keys.iter().find(|(k, _)| k == key)?.1;
                Some((written.as_str(), serde_json::to_string(value).ok()?))
            })
            .collect();

        let mut s = String::with_capacity(text.len() + 256);
        s.push('{');
        let mut first = true;
        let mut had_properties = false;
        let mut had_bbox = false;
        let mut geometry_changed = false;
        let mut sep = |s: &mut String| {
            if !first {
                s.push(',');
            }
            first = false;
        };
        for (key, value) in &members {
            match key.as_str() {
                "geometry" => {
                    sep(&mut s);
                    push_key(&mut s, key);
                    let fix = GeometryFix {
                        precision: self.options.precision.filter(|_| flags & ROUND != 0),
                        orient: flags & ORIENT != 0,
                        close_rings: flags & CLOSE != 0,
                        generalise_m: generalise_m.filter(|_| flags & GENERALISE != 0),
                    };
                    let rewritten = (flags & GEOMETRY_WORK != 0 && value.get() != "null")
                        .then(|| rewrite_geometry(value.get(), &fix, &mut FixCount::default()))
                        .flatten();
                    geometry_changed = rewritten.is_some();
                    s.push_str(rewritten.as_deref().unwrap_or(value.get()));
                }
                "properties" => {
                    had_properties = true;
                    sep(&mut s);
                    push_key(&mut s, key);
                    self.write_properties(value.get(), flags, incident, &mut added, &mut s);
                }
                // Written last, when its value is known.
                "bbox" => had_bbox = true,
                _ if flags & STRIP != 0
                    && is_personal(key, incident, &self.personal, &self.incident_personal) => {}
                _ => {
                    sep(&mut s);
                    push_key(&mut s, key);
                    s.push_str(value.get());
                }
            }
        }
        if !had_properties && !added.is_empty() {
            sep(&mut s);
            s.push_str("\"properties\":");
            self.write_properties("null", flags, incident, &mut added, &mut s);
        }
        if had_bbox || wants_bbox {
            let keep = members
                .iter()
                .find(|(k, _)| k == "bbox")
                .map(|(_, v)| v.get());
            let computed = output_bbox(feature, flags, generalise_m, self.options.precision);
            let value = match (wants_bbox || geometry_changed, keep, computed) {
                (true, _, Some(b)) => serde_json::to_string(&b).ok(),
                (false, Some(v), _) => Some(v.to_owned()),
                _ => None,
            };
            if let Some(v) = value {
                sep(&mut s);
                s.push_str("\"bbox\":");
                s.push_str(&v);
            }
        }
        s.push('}');
        out.extend_from_slice(s.as_bytes());
    }

    /// Writes a `properties` value with personal keys removed, overwritten annotation keys
    /// replaced in place and the other annotations appended. Untouched members keep their
    /// text; with nothing to remove or replace the object's own text is extended.
    fn write_properties(
        &self,
        text: &str,
        flags: u8,
        incident: bool,
        added: &mut Vec<(&str, String)>,
        s: &mut String,
    ) {
        let push_added = |added: &[(&str, String)], s: &mut String, mut first: bool| {
            for (k, v) in added {
                if !first {
                    s.push(',');
                }
                first = false;
                push_key(s, k);
                s.push_str(v);
            }
        };
        let trimmed = text.trim();
        if flags & (STRIP | OVERWRITE) != 0
            && let Some(members) = members(trimmed)
        {
            s.push('{');
            let mut first = true;
            for (key, value) in &members {
                if flags & STRIP != 0
                    && is_personal(key, incident, &self.personal, &self.incident_personal)
                {
                    continue;
                }
                if !first {
                    s.push(',');
                }
                first = false;
                push_key(s, key);
                match added.iter().position(|(k, _)| k == key) {
                    Some(at) => s.push_str(&added.remove(at).1),
                    None => s.push_str(value.get()),
                }
            }
            push_added(added, s, first);
            s.push('}');
            return;
        }
        if added.is_empty() {
            s.push_str(trimmed);
        } else if trimmed.starts_with('{') && trimmed.ends_with('}') {
            let inner = &trimmed[1..trimmed.len() - 1];
            s.push_str(&trimmed[..trimmed.len() - 1]);
            push_added(added, s, inner.trim().is_empty());
            s.push('}');
        } else {
            // `null` (or not an object): the annotations become the properties.
            s.push('{');
            push_added(added, s, true);
            s.push('}');
        }
    }
}

/// Plans and writes an export to `path` atomically. Refuses to write over a source file of
/// the exported layers (that is what [`save_layer`] is for).
///
/// # Errors
/// [`ExportError`] naming the file: missing or read-only folder, a source file, I/O.
pub fn export_to_file(
    plan: &ExportPlan<'_>,
    path: &Path,
    progress: &(dyn Fn(f32) + Sync),
    cancel: &AtomicBool,
) -> Result<(), ExportError> {
    check_folder(path)?;
    if plan
        .layers
        .iter()
        .filter_map(|p| p.layer.path.as_deref())
        .any(|source| same_file(source, path))
    {
        return Err(ExportError::OverwritesSource {
            path: path.to_owned(),
        });
    }
    write_atomic(path, |w| plan.write(w, progress, cancel)).map_err(|e| io_error(path, e))
}

/// True when `a` and `b` name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The folder `path` goes into, which must exist.
fn check_folder(path: &Path) -> Result<PathBuf, ExportError> {
    let folder = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    if folder.is_dir() {
        Ok(folder)
    } else {
        Err(ExportError::MissingFolder {
            path: path.to_owned(),
            folder,
        })
    }
}

fn io_error(path: &Path, source: std::io::Error) -> ExportError {
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_owned();
    match source.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            ExportError::ReadOnly {
                path: path.to_owned(),
                folder,
            }
        }
        std::io::ErrorKind::Interrupted => ExportError::Cancelled {
            path: path.to_owned(),
        },
        _ => ExportError::Io {
            path: path.to_owned(),
            source,
        },
    }
}

/// Writes `layer` as a GeoJSON FeatureCollection to `out`, as it is (no annotation, no fix):
/// unedited features as their source text.
///
/// # Errors
/// Any error of `out`.
pub fn write_layer(layer: &Layer, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"{\"type\":\"FeatureCollection\"")?;
    for (k, v) in &layer.collection_members {
        out.write_all(b",")?;
        serde_json::to_writer(&mut *out, k)?;
        out.write_all(b":")?;
        serde_json::to_writer(&mut *out, v)?;
    }
    out.write_all(b",\"features\":[\n")?;
    for (i, feature) in layer.features.iter().enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        match layer.feature_source(i) {
            Some(raw) if !feature.geometry_edited && !feature.properties_edited => {
                out.write_all(raw.as_bytes())?;
            }
            raw => serde_json::to_writer(&mut *out, &feature_json(feature, raw))?,
        }
    }
    out.write_all(b"\n]}\n")?;
    Ok(())
}

/// Saves `layer` to `path` (Save / Save as): the previous file, if any, is first copied to
/// `path.bak` (replacing an older backup), then the new text replaces `path` atomically —
/// a failure at any point leaves the previous file as it was.
///
/// # Errors
/// [`ExportError`] naming the file.
pub fn save_layer(layer: &Layer, path: &Path) -> Result<(), ExportError> {
    save_with(path, |w| write_layer(layer, w))
}

/// [`save_layer`] with any writer (tests simulate failures through it).
///
/// # Errors
/// [`ExportError`] naming the file.
pub fn save_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    check_folder(path)?;
    if path.is_file() {
        let backup = backup_path(path);
        write_atomic(&backup, |w| {
            let mut old = std::fs::File::open(path)?;
            std::io::copy(&mut old, w).map(|_| ())
        })
        .map_err(|e| io_error(&backup, e))?;
    }
    write_atomic(path, write).map_err(|e| io_error(path, e))
}

/// `FILE.bak` beside `FILE`.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// An edited feature as JSON: members from the original text where the model has nothing
/// newer, in the original order.
fn feature_json(feature: &Feature, raw: Option<&str>) -> Value {
    let original: Map<String, Value> = raw
        .and_then(|r| serde_json::from_str(r).ok())
        .unwrap_or_default();
    let mut out = Map::new();
    out.insert("type".into(), Value::String("Feature".into()));
    if let Some(id) = feature.id.as_ref() {
        out.insert("id".into(), serde_json::to_value(id).unwrap_or(Value::Null));
    }
    let geometry = if feature.geometry_edited || !original.contains_key("geometry") {
        feature.geometry.as_ref().map_or(Value::Null, |g| {
            serde_json::to_value(geojson::Geometry::from(g)).unwrap_or(Value::Null)
        })
    } else {
        original.get("geometry").cloned().unwrap_or(Value::Null)
    };
    out.insert("geometry".into(), geometry);
    out.insert(
        "properties".into(),
        Value::Object(feature.properties.to_json()),
    );
    if let Some(bbox) = original.get("bbox").filter(|_| !feature.geometry_edited) {
        out.insert("bbox".into(), bbox.clone());
    }
    for (k, v) in feature.foreign_members.iter() {
        out.insert(k.to_owned(), v.to_json());
    }
    Value::Object(out)
}
