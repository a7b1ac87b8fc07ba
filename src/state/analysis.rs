//! The figures behind the Statistics and QA panels, kept up to date with the data and the
//! filters: counts, sums and land release from the cached per-feature measures (recomputed
//! when the shown features change); union areas, QA and incident links on worker threads
//! with progress, cancelled when the data changes under them, so the window never freezes.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::Workspace;
use super::jobs::{Job, Outcome};
use crate::analysis::incidents::{IncidentOptions, IncidentOverview, link_incidents};
use crate::analysis::measures::MeasureCache;
use crate::analysis::qa::{Problem, ProblemKind, QaOptions, validate_with_progress};
use crate::analysis::totals::{
    LandRelease, Totals, group_key, land_release, totals, union_area_m2,
};
use crate::analysis::{Cancelled, Selection, is_incident};
use crate::model::{Layer, LayerId, LayerRole, PropertyRole};

/// Union areas of one layer: overall and per group.
#[derive(Clone, Debug, Default)]
pub struct LayerUnions {
    pub total_m2: f64,
    pub groups: BTreeMap<String, f64>,
}

/// Totals of one layer as shown.
#[derive(Clone, Debug, Default)]
pub struct LayerStats {
    pub totals: Totals,
    pub land_release: Option<LandRelease>,
    /// Incidents, killed, injured.
    pub casualties: Option<(usize, f64, f64)>,
}

/// What identifies the data the figures were computed from: each layer's id, size, edit
/// revision, filter generation, visibility and role, and the grouping.
type DataKey = Vec<(LayerId, usize, u64, u64, bool, LayerRole, Option<String>)>;

fn data_key(ws: &Workspace, group_by: Option<&str>, visible_only: bool) -> DataKey {
    ws.layers
        .iter()
        .filter(|l| !visible_only || l.visible)
        .map(|l| {
            (
                l.id,
                l.features.len(),
                l.revision,
                ws.filter(l.id).map_or(0, |f| f.generation),
                l.visible,
                l.role,
                group_by.map(str::to_owned),
            )
        })
        .collect()
}

/// The data and the distances incident links were computed for.
type IncidentKey = (DataKey, [u64; 2]);

/// Above this many features the overlap check starts unticked.
const OVERLAP_CHECK_AUTO_LIMIT: usize = 50_000;

/// A layer as the analyses see it: the features that pass its filter.
#[derive(Clone)]
pub struct FilteredLayer {
    pub layer: Layer,
    /// One flag per feature; `None` for all of them.
    pub mask: Option<Arc<Vec<bool>>>,
}

impl FilteredLayer {
    /// The selection analyses take.
    #[must_use]
    pub fn selection(&self) -> Selection<'_> {
        self.mask
            .as_deref()
            .map_or(Selection::All, |m| Selection::Mask(m))
    }
}

/// The layers (visible ones only, if asked) with their filter flags, for a worker thread.
fn filtered_layers(ws: &Workspace, visible_only: bool) -> Vec<FilteredLayer> {
    ws.layers
        .iter()
        .filter(|l| !visible_only || l.visible)
        .map(|l| FilteredLayer {
            layer: l.clone(),
            mask: ws.filter(l.id).and_then(|f| f.mask_arc()),
        })
        .collect()
}

/// State of the statistics and QA panels.
#[derive(Default)]
pub struct AnalysisState {
    /// The property the statistics are grouped by.
    pub group_by: Option<String>,
    /// The user chose the grouping (else it follows the hazard layer's classification).
    pub group_by_chosen: bool,
    stats_key: Option<DataKey>,
    pub stats: HashMap<LayerId, LayerStats>,
    unions_job: Option<Job<HashMap<LayerId, LayerUnions>>>,
    pub unions: HashMap<LayerId, LayerUnions>,
    qa_key: Option<(DataKey, QaOptionsKey)>,
    qa_job: Option<Job<Vec<Problem>>>,
    pub problems: Vec<Problem>,
    pub qa_options: QaOptions,
    /// The user ticked or unticked the overlap check (else it follows the data's size).
    pub overlap_choice_made: bool,
    /// The QA list shows only this kind (view only).
    pub qa_kind_filter: Option<ProblemKind>,
    /// Buffer distance and new-indication distance for linking incidents to hazard areas.
    pub incident_options: IncidentOptions,
    incidents_key: Option<IncidentKey>,
    incidents_job: Option<(IncidentKey, Job<IncidentOverview>)>,
    /// Every shown incident linked to its hazard area; per hazard area, incidents and
    /// casualties inside and within the buffer. `None` until computed, and while no
    /// incidents and hazard areas are both visible.
    pub incidents: Option<IncidentOverview>,
    /// Why the last union, QA or incident job failed (its thread died): shown, never read
    /// as "nothing found".
    pub failures: Vec<String>,
}

type QaOptionsKey = (u64, bool, u64);

fn qa_options_key(o: &QaOptions) -> QaOptionsKey {
    (
        o.max_segment_m.to_bits(),
        o.check_overlaps,
        o.min_overlap_m2.to_bits(),
    )
}

impl AnalysisState {
    /// True while unions, QA or incident links are being computed.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.unions_job.is_some() || self.qa_job.is_some() || self.incidents_job.is_some()
    }

    /// Runs the geometry checks again at the next update.
    pub fn recheck_qa(&mut self) {
        self.qa_key = None;
        self.failures.clear();
    }

    /// Progress of the union job, while it runs.
    #[must_use]
    pub fn unions_progress(&self) -> Option<f32> {
        self.unions_job.as_ref().map(Job::progress)
    }

    /// Progress of the QA job, while it runs.
    #[must_use]
    pub fn qa_progress(&self) -> Option<f32> {
        self.qa_job.as_ref().map(Job::progress)
    }

    /// True while incident links are being computed.
    #[must_use]
    pub fn linking(&self) -> bool {
        self.incidents_job.is_some()
    }

    /// Brings the figures up to date with the workspace: recomputes totals, (re)starts the
    /// background unions and QA when the data or the filters changed, and collects finished
    /// results. `wake` repaints the window when a job moves on.
    pub fn update(
        &mut self,
        ws: &Workspace,
        measures: &mut MeasureCache,
        wake: &(impl Fn() + Clone + Send + Sync + 'static),
    ) {
        if !ws.jobs.is_empty() {
            // Wait until every file has loaded: no point in computing twice.
            return;
        }
        if !self.group_by_chosen && self.group_by.is_none() {
            self.group_by = ws
                .layers
                .iter()
                .find(|l| l.role == LayerRole::HazardAreas)
                .and_then(|l| l.schema.key(PropertyRole::Classification))
                .map(str::to_owned);
        }
        let key = data_key(ws, self.group_by.as_deref(), true);
        if self.stats_key.as_ref() != Some(&key) {
            self.stats_key = Some(key);
            self.recompute(ws, measures, wake);
        }
        if let Some(job) = &self.unions_job
            && let Some(outcome) = job.poll()
        {
            self.unions = self
                .collect(crate::i18n::tr("job-union-areas"), outcome)
                .unwrap_or_default();
            self.unions_job = None;
        }
        self.update_incidents(ws, wake);
        let qa_key = (data_key(ws, None, false), qa_options_key(&self.qa_options));
        if self.qa_key.as_ref() != Some(&qa_key) {
            self.qa_key = Some(qa_key);
            self.start_qa(ws, wake);
        }
        if let Some(job) = &self.qa_job
            && let Some(outcome) = job.poll()
        {
            self.problems = self
                .collect(crate::i18n::tr("qa-title"), outcome)
                .unwrap_or_default();
            self.qa_job = None;
        }
    }

    /// The result of a finished job; a failure is remembered for the panels to show.
    fn collect<T>(&mut self, what: &str, outcome: Outcome<T>) -> Option<T> {
        if let Outcome::Failed(why) = &outcome {
            let text = crate::i18n::tr_args(
                "job-failed",
                &[("what", what.into()), ("why", why.as_str().into())],
            );
            log::error!("{text}");
            self.failures.push(text);
        }
        outcome.done()
    }

    fn update_incidents(
        &mut self,
        ws: &Workspace,
        wake: &(impl Fn() + Clone + Send + Sync + 'static),
    ) {
        let options = self.incident_options;
        let incidents_key = (
            data_key(ws, None, true),
            [
                options.buffer_m.to_bits(),
                options.new_indication_beyond_m.to_bits(),
            ],
        );
        // One linking job at a time: dragging the buffer distance changes the key every
        // frame, and a job whose key went stale is let finish, dropped and started afresh.
        if let Some((job_key, job)) = &self.incidents_job
            && let Some(outcome) = job.poll()
        {
            let fresh = *job_key == incidents_key;
            let result = self.collect(crate::i18n::tr("job-incident-links"), outcome);
            if fresh {
                self.incidents = result;
            }
            self.incidents_job = None;
        }
        if self.incidents_job.is_none() && self.incidents_key.as_ref() != Some(&incidents_key) {
            self.incidents = None;
            // Nothing to link (and no R-tree of 200 000 hazard areas to build) unless both
            // are shown.
            self.incidents_job = incidents_and_hazards_visible(ws).then(|| {
                let layers = filtered_layers(ws, true);
                let job = Job::spawn(wake.clone(), move |_, _| {
                    let subsets = layers.iter().map(subset).collect::<Vec<_>>();
                    let refs: Vec<&Layer> = subsets.iter().map(|(l, _)| l).collect();
                    let mut report = link_incidents(&refs, &refs, &options);
                    report.remap(&|layer, index| {
                        let (_, map) = subsets.iter().find(|(l, _)| l.id == layer)?;
                        map.as_ref().map_or(Some(index), |m| m.get(index).copied())
                    });
                    Ok(IncidentOverview::new(report))
                });
                (incidents_key.clone(), job)
            });
            self.incidents_key = Some(incidents_key);
        }
    }

    fn recompute(
        &mut self,
        ws: &Workspace,
        measures: &mut MeasureCache,
        wake: &(impl Fn() + Clone + Send + Sync + 'static),
    ) {
        self.stats.clear();
        let group_by = self.group_by.clone();
        for layer in ws.layers.iter().filter(|l| l.visible) {
            let mask = ws.mask(layer.id);
            let selection = mask.map_or(Selection::All, Selection::Mask);
            let m = measures.measures(layer);
            let totals = totals(layer, m, selection, group_by.as_deref());
            let land_release =
                (layer.role == LayerRole::HazardAreas).then(|| land_release(layer, m, selection));
            let casualties = (layer.role == LayerRole::Incidents).then(|| {
                selection
                    .indices(layer.features.len())
                    .filter_map(|i| layer.features.get(i))
                    .filter(|f| is_incident(layer, f))
                    .fold((0, 0.0, 0.0), |(n, k, i), f| {
                        (
                            n + 1,
                            k + layer.schema.number(f, PropertyRole::Killed).unwrap_or(0.0),
                            i + layer.schema.number(f, PropertyRole::Injured).unwrap_or(0.0),
                        )
                    })
            });
            self.stats.insert(
                layer.id,
                LayerStats {
                    totals,
                    land_release,
                    casualties,
                },
            );
        }
        let layers: Vec<FilteredLayer> = filtered_layers(ws, true)
            .into_iter()
            .filter(|l| {
                self.stats
                    .get(&l.layer.id)
                    .is_some_and(|s| s.totals.all.polygons > 0)
            })
            .collect();
        self.unions.clear();
        self.unions_job = (!layers.is_empty()).then(|| {
            Job::spawn(wake.clone(), move |progress, cancel| {
                union_layers(&layers, group_by.as_deref(), progress, cancel)
            })
        });
    }

    fn start_qa(&mut self, ws: &Workspace, wake: &(impl Fn() + Clone + Send + Sync + 'static)) {
        let layers = filtered_layers(ws, false);
        if !self.overlap_choice_made {
            // Overlaps are pairwise: on a national database of this size they can take minutes
            // and yield millions of rows, so large data asks the user first.
            let features: usize = layers.iter().map(|l| l.layer.features.len()).sum();
            self.qa_options.check_overlaps = features <= OVERLAP_CHECK_AUTO_LIMIT;
        }
        let options = self.qa_options;
        self.problems.clear();
        self.qa_job = (!layers.is_empty()).then(|| {
            Job::spawn(wake.clone(), move |progress, cancel| {
                let subsets = layers.iter().map(subset).collect::<Vec<_>>();
                let refs: Vec<&Layer> = subsets.iter().map(|(l, _)| l).collect();
                let mut problems = validate_with_progress(&refs, &options, progress, cancel)?;
                for p in &mut problems {
                    if let Some((_, Some(map))) = subsets.iter().find(|(l, _)| l.id == p.layer) {
                        p.index = map.get(p.index).copied().unwrap_or(p.index);
                    }
                }
                Ok(problems)
            })
        });
    }
}

/// The layer reduced to the features that pass its filter (the same layer id), with the
/// position of each kept feature in the full layer; the layer itself when unfiltered.
/// Analyses that take whole layers (QA, incident links) run on this and their results are
/// mapped back, so every reference they give points into the full layer.
fn subset(l: &FilteredLayer) -> (Layer, Option<Vec<usize>>) {
    match &l.mask {
        None => (l.layer.clone(), None),
        Some(mask) => {
            let keep: Vec<usize> = Selection::Mask(mask)
                .indices(l.layer.features.len())
                .collect();
            let mut layer = l.layer.clone();
            layer.features = Arc::new(
                keep.iter()
                    .filter_map(|&i| l.layer.features.get(i).cloned())
                    .collect(),
            );
            (layer, Some(keep))
        }
    }
}

/// True when an incidents layer and a hazard-areas layer are both visible.
#[must_use]
pub fn incidents_and_hazards_visible(ws: &Workspace) -> bool {
    let visible = |role| ws.layers.iter().any(|l| l.visible && l.role == role);
    visible(LayerRole::Incidents) && visible(LayerRole::HazardAreas)
}

/// Union areas (overlaps once) of each layer's shown polygons, overall and per group.
fn union_layers(
    layers: &[FilteredLayer],
    group_by: Option<&str>,
    progress: &(dyn Fn(f32) + Sync),
    cancel: &AtomicBool,
) -> Result<HashMap<LayerId, LayerUnions>, Cancelled> {
    let mut out = HashMap::new();
    #[allow(clippy::cast_precision_loss)] // a progress fraction
    let steps = layers.len() as f32 * if group_by.is_some() { 2.0 } else { 1.0 };
    let mut step = 0.0;
    for fl in layers {
        let layer = &fl.layer;
        let shown: Vec<usize> = fl.selection().indices(layer.features.len()).collect();
        let geometries: Vec<_> = shown
            .iter()
            .filter_map(|&i| layer.features.get(i)?.geometry.as_ref())
            .collect();
        let base = step;
        let total_m2 = union_area_m2(&geometries, &|f| progress((base + f) / steps), cancel)?;
        step += 1.0;
        let mut groups = BTreeMap::new();
        if let Some(key) = group_by {
            let mut members: BTreeMap<String, Vec<&geo::Geometry<f64>>> = BTreeMap::new();
            for &i in &shown {
                if let Some(g) = layer.features.get(i).and_then(|f| f.geometry.as_ref()) {
                    members.entry(group_key(layer, i, key)).or_default().push(g);
                }
            }
            let base = step;
            for (value, geometries) in members {
                groups.insert(
                    value,
                    union_area_m2(&geometries, &|f| progress((base + f * 0.5) / steps), cancel)?,
                );
            }
            step += 1.0;
        }
        out.insert(layer.id, LayerUnions { total_m2, groups });
    }
    Ok(out)
}
