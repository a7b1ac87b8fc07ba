//! The statistics and geometry-QA panels, and the background jobs behind them.
//!
//! Counts, sums and land release come from the cached per-feature measures and are
//! recomputed when the set of visible features changes; union areas (overlaps counted once)
//! and QA run on worker threads with progress, and are cancelled when the data changes under
//! them, so the window never freezes.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::analysis::incidents::{IncidentOptions, IncidentOverview, link_incidents};
use crate::analysis::measures::MeasureCache;
use crate::analysis::qa::{Problem, ProblemKind, QaOptions, validate_with_progress};
use crate::analysis::totals::{
    LandRelease, Totals, group_key, land_release, totals, union_area_m2,
};
use crate::analysis::{Cancelled, Selection, is_incident};
use crate::app::{Command, Workspace};
use crate::model::{FeatureRef, Layer, LayerId, LayerRole, PropertyRole, add_property_keys};
use crate::ui::inspector::group_thousands;

/// The threads background analyses run their parallel parts on. Not rayon's global pool:
/// the map tessellates visible features on that one from the UI thread, and a union over
/// 200 000 polygons queued there would hold the map back for as long as it runs (the map
/// filled in over half a minute on two cores). With a pool of its own, the OS shares the
/// cores between the two and the map keeps drawing. `None` if the threads could not start
/// (the global pool is used then).
fn background_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("minemap-analysis-{i}"))
            .build()
            .map_err(|e| log::warn!("background analysis threads: {e}"))
            .ok()
    })
    .as_ref()
}

/// A computation on a worker thread.
struct Job<T> {
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    result: Receiver<Result<T, Cancelled>>,
}

impl<T: Send + 'static> Job<T> {
    fn spawn(
        ctx: &egui::Context,
        work: impl FnOnce(&(dyn Fn(f32) + Sync), &AtomicBool) -> Result<T, Cancelled> + Send + 'static,
    ) -> Self {
        let progress = Arc::new(AtomicU32::new(0f32.to_bits()));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let (p, c, ctx) = (progress.clone(), cancel.clone(), ctx.clone());
        std::thread::spawn(move || {
            let report = |f: f32| {
                p.store(f.to_bits(), Ordering::Relaxed);
                ctx.request_repaint();
            };
            let result = match background_pool() {
                Some(pool) => pool.install(|| work(&report, &c)),
                None => work(&report, &c),
            };
            // Nobody listens once the job was replaced: nothing to do then.
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        Self {
            progress,
            cancel,
            result: rx,
        }
    }

    fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }

    /// `Some` once finished (`None` inside when it was cancelled or its thread died).
    fn poll(&self) -> Option<Option<T>> {
        match self.result.try_recv() {
            Ok(r) => Some(r.ok()),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

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

/// What identifies the data the figures were computed from.
type DataKey = Vec<(LayerId, usize, usize, bool, LayerRole, Option<String>)>;

fn data_key(ws: &Workspace, group_by: Option<&str>, visible_only: bool) -> DataKey {
    ws.layers
        .iter()
        .filter(|l| !visible_only || l.visible)
        .map(|l| {
            (
                l.id,
                l.features.len(),
                Arc::as_ptr(&l.features) as usize,
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

/// State of the statistics and QA panels.
#[derive(Default)]
pub struct AnalysisState {
    /// The property the statistics are grouped by.
    pub group_by: Option<String>,
    group_by_chosen: bool,
    stats_key: Option<DataKey>,
    pub stats: HashMap<LayerId, LayerStats>,
    unions_job: Option<Job<HashMap<LayerId, LayerUnions>>>,
    pub unions: HashMap<LayerId, LayerUnions>,
    qa_key: Option<DataKey>,
    qa_job: Option<Job<Vec<Problem>>>,
    pub problems: Vec<Problem>,
    pub qa_options: QaOptions,
    /// The user ticked or unticked the overlap check (else it follows the data's size).
    overlap_choice_made: bool,
    qa_kind_filter: Option<ProblemKind>,
    /// Buffer distance and new-indication distance for linking incidents to hazard areas.
    pub incident_options: IncidentOptions,
    incidents_key: Option<IncidentKey>,
    incidents_job: Option<(IncidentKey, Job<IncidentOverview>)>,
    /// Every visible incident linked to its hazard area; per hazard area, incidents and
    /// casualties inside and within the buffer. `None` until computed, and while no
    /// incidents and hazard areas are both visible.
    pub incidents: Option<IncidentOverview>,
}

impl AnalysisState {
    /// True while unions or QA are being computed.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.unions_job.is_some() || self.qa_job.is_some() || self.incidents_job.is_some()
    }

    /// Brings the figures up to date with the workspace: recomputes totals, (re)starts the
    /// background unions and QA when the data changed, and collects finished results.
    pub fn update(&mut self, ws: &Workspace, measures: &mut MeasureCache, ctx: &egui::Context) {
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
            self.recompute(ws, measures, ctx);
        }
        if let Some(job) = &self.unions_job
            && let Some(result) = job.poll()
        {
            self.unions = result.unwrap_or_default();
            self.unions_job = None;
        }
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
            && let Some(result) = job.poll()
        {
            if *job_key == incidents_key {
                self.incidents = result;
            }
            self.incidents_job = None;
        }
        if self.incidents_job.is_none() && self.incidents_key.as_ref() != Some(&incidents_key) {
            self.incidents = None;
            // Nothing to link (and no R-tree of 200 000 hazard areas to build) unless both
            // are shown.
            self.incidents_job = incidents_and_hazards_visible(ws).then(|| {
                let layers: Vec<Layer> = ws.layers.iter().filter(|l| l.visible).cloned().collect();
                let job = Job::spawn(ctx, move |_, _| {
                    let refs: Vec<&Layer> = layers.iter().collect();
                    Ok(IncidentOverview::new(link_incidents(
                        &refs, &refs, &options,
                    )))
                });
                (incidents_key.clone(), job)
            });
            self.incidents_key = Some(incidents_key);
        }
        let qa_key = data_key(ws, None, false);
        if self.qa_key.as_ref() != Some(&qa_key) {
            self.qa_key = Some(qa_key);
            self.start_qa(ws, ctx);
        }
        if let Some(job) = &self.qa_job
            && let Some(result) = job.poll()
        {
            self.problems = result.unwrap_or_default();
            self.qa_job = None;
        }
    }

    fn recompute(&mut self, ws: &Workspace, measures: &mut MeasureCache, ctx: &egui::Context) {
        self.stats.clear();
        let group_by = self.group_by.clone();
        for layer in ws.layers.iter().filter(|l| l.visible) {
            let m = measures.measures(layer);
            let totals = totals(layer, m, Selection::All, group_by.as_deref());
            let land_release = (layer.role == LayerRole::HazardAreas)
                .then(|| land_release(layer, m, Selection::All));
            let casualties = (layer.role == LayerRole::Incidents).then(|| {
                layer
                    .features
                    .iter()
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
        let layers: Vec<Layer> = ws
            .layers
            .iter()
            .filter(|l| {
                l.visible
                    && self
                        .stats
                        .get(&l.id)
                        .is_some_and(|s| s.totals.all.polygons > 0)
            })
            .cloned()
            .collect();
        self.unions.clear();
        self.unions_job = (!layers.is_empty()).then(|| {
            Job::spawn(ctx, move |progress, cancel| {
                union_layers(&layers, group_by.as_deref(), progress, cancel)
            })
        });
    }

    fn start_qa(&mut self, ws: &Workspace, ctx: &egui::Context) {
        let layers: Vec<Layer> = ws.layers.clone();
        if !self.overlap_choice_made {
            // Overlaps are pairwise: on a national database of this size they can take minutes
            // and yield millions of rows, so large data asks the user first.
            let features: usize = layers.iter().map(|l| l.features.len()).sum();
            self.qa_options.check_overlaps = features <= OVERLAP_CHECK_AUTO_LIMIT;
        }
        let options = self.qa_options;
        self.problems.clear();
        self.qa_job = (!layers.is_empty()).then(|| {
            Job::spawn(ctx, move |progress, cancel| {
                let refs: Vec<&Layer> = layers.iter().collect();
                validate_with_progress(&refs, &options, progress, cancel)
            })
        });
    }
}

/// Union areas (overlaps once) of each layer's polygons, overall and per group.
fn union_layers(
    layers: &[Layer],
    group_by: Option<&str>,
    progress: &(dyn Fn(f32) + Sync),
    cancel: &AtomicBool,
) -> Result<HashMap<LayerId, LayerUnions>, Cancelled> {
    let mut out = HashMap::new();
    #[allow(clippy::cast_precision_loss)] // a progress fraction
    let steps = layers.len() as f32 * if group_by.is_some() { 2.0 } else { 1.0 };
    let mut step = 0.0;
    for layer in layers {
        let geometries: Vec<_> = layer
            .features
            .iter()
            .filter_map(|f| f.geometry.as_ref())
            .collect();
        let base = step;
        let total_m2 = union_area_m2(&geometries, &|f| progress((base + f) / steps), cancel)?;
        step += 1.0;
        let mut groups = BTreeMap::new();
        if let Some(key) = group_by {
            let mut members: BTreeMap<String, Vec<&geo::Geometry<f64>>> = BTreeMap::new();
            for (i, f) in layer.features.iter().enumerate() {
                if let Some(g) = &f.geometry {
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

fn hectares(m2: f64) -> String {
    format!("{} ha", group_thousands_dec(m2 / 10_000.0))
}

/// Hectares with two decimals and grouped thousands, in the interface language. Rounded
/// once (`i18n::format::number`): 1.999 is `2.00`, not the `1.99` of rounding the fraction
/// apart from the whole part.
fn group_thousands_dec(v: f64) -> String {
    crate::i18n::format::number(v, 2, crate::i18n::lang())
}

/// The statistics panel.
pub fn show_statistics(
    ui: &mut egui::Ui,
    ws: &Workspace,
    state: &mut AnalysisState,
    commands: &mut Vec<Command>,
) {
    ui.heading("Statistics");
    ui.weak("Visible layers; areas are geodesic (WGS84). Union counts overlaps once.");
    let mut keys: Vec<String> = Vec::new();
    for l in ws.layers.iter().filter(|l| l.visible) {
        add_property_keys(&l.features, &mut keys);
    }
    ui.horizontal(|ui| {
        let combo_label = ui.label("Group by");
        egui::ComboBox::from_id_salt("group by")
            .selected_text(state.group_by.as_deref().unwrap_or("—"))
            .show_ui(ui, |ui| {
                if ui.selectable_label(state.group_by.is_none(), "—").clicked() {
                    state.group_by = None;
                    state.group_by_chosen = true;
                }
                for k in &keys {
                    if ui
                        .selectable_label(state.group_by.as_deref() == Some(k), k)
                        .clicked()
                    {
                        state.group_by = Some(k.clone());
                        state.group_by_chosen = true;
                    }
                }
            })
            .response
            .labelled_by(combo_label.id);
    });
    if let Some(job) = &state.unions_job {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Computing union areas…");
        });
        ui.add(egui::ProgressBar::new(job.progress()).show_percentage());
    }
    egui::ScrollArea::vertical()
        .id_salt("stats scroll")
        .show(ui, |ui| {
            for layer in ws.layers.iter().rev().filter(|l| l.visible) {
                let Some(stats) = state.stats.get(&layer.id) else {
                    continue;
                };
                let unions = state.unions.get(&layer.id);
                ui.separator();
                ui.strong(format!("{} — {}", layer.name, layer.role.label()));
                let t = &stats.totals.all;
                egui::Grid::new(("stats", layer.id))
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        ui.label("Features");
                        ui.label(format!(
                            "{} ({} areas, {} points, {} lines)",
                            t.features, t.polygons, t.points, t.lines
                        ));
                        ui.end_row();
                        if t.polygons > 0 {
                            ui.label("Area (sum)");
                            ui.label(hectares(t.area_m2));
                            ui.end_row();
                            ui.label("Area (union)");
                            ui.label(
                                unions.map_or_else(|| "…".to_owned(), |u| hectares(u.total_m2)),
                            );
                            ui.end_row();
                            ui.label("Perimeter (sum)");
                            ui.label(format!("{} m", group_thousands(t.perimeter_m)));
                            ui.end_row();
                        }
                        if let Some((n, killed, injured)) = stats.casualties {
                            ui.label("Incidents");
                            ui.label(n.to_string());
                            ui.end_row();
                            ui.label("Killed / injured");
                            ui.label(format!(
                                "{killed} / {injured} (victims {})",
                                killed + injured
                            ));
                            ui.end_row();
                        }
                    });
                if let Some(lr) = &stats.land_release {
                    ui.label("Land release");
                    egui::Grid::new(("land release", layer.id))
                        .num_columns(2)
                        .striped(true)
                        .show(ui, |ui| {
                            for (label, v) in [
                                ("Estimated", lr.estimated_m2),
                                ("Cancelled (NTS)", lr.cancelled_m2),
                                ("Reduced (TS)", lr.reduced_m2),
                                ("Cleared", lr.cleared_m2),
                                ("Remaining", lr.remaining_m2),
                            ] {
                                ui.label(label);
                                ui.label(hectares(v));
                                ui.end_row();
                            }
                        });
                    if lr.estimated_from_geometry > 0 {
                        ui.weak(format!(
                            "{} hazard areas had no estimate: their geodesic area was used",
                            lr.estimated_from_geometry
                        ));
                    }
                }
                // A layer without the grouping property has one group, "(none)": nothing to show.
                let grouped = stats
                    .totals
                    .groups
                    .keys()
                    .any(|k| k != crate::analysis::totals::NO_VALUE);
                if grouped {
                    egui::Grid::new(("groups", layer.id))
                        .num_columns(4)
                        .striped(true)
                        .show(ui, |ui| {
                            ui.strong(state.group_by.as_deref().unwrap_or(""));
                            ui.strong("Features");
                            ui.strong("Area (sum)");
                            ui.strong("Area (union)");
                            ui.end_row();
                            for (value, tally) in &stats.totals.groups {
                                ui.label(value);
                                ui.label(tally.features.to_string());
                                ui.label(if tally.polygons > 0 {
                                    hectares(tally.area_m2)
                                } else {
                                    "—".into()
                                });
                                let union = unions.and_then(|u| u.groups.get(value));
                                ui.label(match (tally.polygons, union) {
                                    (0, _) => "—".into(),
                                    (_, Some(u)) => hectares(*u),
                                    (_, None) => "…".into(),
                                });
                                ui.end_row();
                            }
                        });
                }
            }
            incidents_section(ui, ws, state, commands);
        });
}

/// Incident layers and hazard-area layers are both shown: there is something to link.
fn incidents_and_hazards_visible(ws: &Workspace) -> bool {
    let visible = |role| ws.layers.iter().any(|l| l.visible && l.role == role);
    visible(LayerRole::Incidents) && visible(LayerRole::HazardAreas)
}

/// At most this many rows in each incident list (the rest is counted).
const MAX_LISTED: usize = 200;

/// Incidents against hazard areas: inside, outside (possible new indications) and, per hazard
/// area, incidents and casualties inside and within the buffer. A row click selects the
/// feature and zooms to it.
fn incidents_section(
    ui: &mut egui::Ui,
    ws: &Workspace,
    state: &mut AnalysisState,
    commands: &mut Vec<Command>,
) {
    if !incidents_and_hazards_visible(ws) {
        return;
    }
    ui.separator();
    ui.strong("Incidents and hazard areas");
    ui.horizontal(|ui| {
        let label = ui.label("Buffer");
        ui.add(
            egui::DragValue::new(&mut state.incident_options.buffer_m)
                .range(0.0..=50_000.0)
                .speed(10.0)
                .suffix(" m"),
        )
        .labelled_by(label.id)
        .on_hover_text("Incidents this close to a hazard area count as near it");
        let label = ui.label("Flag outside beyond");
        ui.add(
            egui::DragValue::new(&mut state.incident_options.new_indication_beyond_m)
                .range(0.0..=50_000.0)
                .speed(10.0)
                .suffix(" m"),
        )
        .labelled_by(label.id)
        .on_hover_text(
            "Incidents outside every hazard area and farther than this are possible new indications",
        );
    });
    let Some(overview) = &state.incidents else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Linking incidents to hazard areas…");
        });
        return;
    };
    let go_to = |r: FeatureRef, commands: &mut Vec<Command>| {
        commands.push(Command::Select(Some(r)));
        commands.push(Command::ZoomToFeature(r));
    };
    let ((inside, inside_c), (outside, outside_c)) = (overview.inside, overview.outside);
    let flagged = &overview.flagged;
    egui::Grid::new("incidents vs hazards")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.label("Inside a hazard area");
            ui.label(format!("{inside} incidents, {inside_c} casualties"));
            ui.end_row();
            ui.label("Outside every hazard area");
            ui.label(format!("{outside} incidents, {outside_c} casualties"));
            ui.end_row();
            ui.label("Possible new indications");
            ui.label(flagged.len().to_string());
            ui.end_row();
        });
    egui::CollapsingHeader::new(format!("Possible new indications ({})", flagged.len()))
        .id_salt("possible new indications")
        .show(ui, |ui| {
            for link in flagged
                .iter()
                .take(MAX_LISTED)
                .filter_map(|&i| overview.report.links.get(i))
            {
                let nearest = link.nearest.map_or_else(
                    || "no hazard area".to_owned(),
                    |n| {
                        format!(
                            "{} m from {}",
                            group_thousands(n.distance_m),
                            ws.display_id(n.hazard)
                        )
                    },
                );
                let text = format!("{} · {nearest}", ws.display_id(link.incident));
                if ui.add(egui::Button::selectable(false, text)).clicked() {
                    go_to(link.incident, commands);
                }
            }
            if flagged.len() > MAX_LISTED {
                ui.weak(format!("… and {} more", flagged.len() - MAX_LISTED));
            }
        });
    let hazards = &overview.hazards;
    let buffer = group_thousands(state.incident_options.buffer_m);
    egui::CollapsingHeader::new(format!("Hazard areas with incidents ({})", hazards.len()))
        .id_salt("hazard areas with incidents")
        .show(ui, |ui| {
            egui::Grid::new("hazard incidents")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    ui.strong("Hazard area");
                    ui.strong("Inside");
                    ui.strong(format!("Within {buffer} m"));
                    ui.end_row();
                    for (hazard, n) in hazards.iter().take(MAX_LISTED) {
                        if ui
                            .add(egui::Button::selectable(false, ws.display_id(*hazard)))
                            .clicked()
                        {
                            go_to(*hazard, commands);
                        }
                        ui.label(format!(
                            "{} ({} cas.)",
                            n.incidents_inside, n.casualties_inside
                        ));
                        ui.label(format!(
                            "{} ({} cas.)",
                            n.incidents_within, n.casualties_within
                        ));
                        ui.end_row();
                    }
                });
            if hazards.len() > MAX_LISTED {
                ui.weak(format!("… and {} more", hazards.len() - MAX_LISTED));
            }
        });
}

/// The geometry-QA panel: problems of every loaded layer; a click zooms to the problem.
pub fn show_quality(
    ui: &mut egui::Ui,
    ws: &Workspace,
    state: &mut AnalysisState,
    commands: &mut Vec<Command>,
) {
    ui.heading("Geometry QA");
    ui.horizontal(|ui| {
        ui.label("Long segment over");
        let mut km = state.qa_options.max_segment_m / 1000.0;
        if ui
            .add(
                egui::DragValue::new(&mut km)
                    .range(0.1..=1000.0)
                    .suffix(" km")
                    .speed(0.1),
            )
            .changed()
        {
            state.qa_options.max_segment_m = km * 1000.0;
            state.qa_key = None;
        }
        if ui.button("Check again").clicked() {
            state.qa_key = None;
        }
    });
    let mut overlaps = state.qa_options.check_overlaps;
    if ui
        .checkbox(&mut overlaps, "Overlaps between hazard areas")
        .on_hover_text(
            "Pairwise: slow on very large data, so it starts unticked above 50 000 features",
        )
        .changed()
    {
        state.qa_options.check_overlaps = overlaps;
        state.overlap_choice_made = true;
        state.qa_key = None;
    }
    if let Some(job) = &state.qa_job {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Checking geometries…");
        });
        ui.add(egui::ProgressBar::new(job.progress()).show_percentage());
        return;
    }
    if state.problems.is_empty() {
        ui.label(if ws.layers.is_empty() {
            "No layers."
        } else {
            "No problems found."
        });
        return;
    }
    let mut counts: BTreeMap<ProblemKind, usize> = BTreeMap::new();
    for p in &state.problems {
        *counts.entry(p.kind).or_default() += 1;
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .selectable_label(
                state.qa_kind_filter.is_none(),
                format!("All ({})", state.problems.len()),
            )
            .clicked()
        {
            state.qa_kind_filter = None;
        }
        for (kind, n) in &counts {
            if ui
                .selectable_label(
                    state.qa_kind_filter == Some(*kind),
                    format!("{} ({n})", kind.label()),
                )
                .clicked()
            {
                state.qa_kind_filter = Some(*kind);
            }
        }
    });
    ui.separator();
    let shown: Vec<&Problem> = state
        .problems
        .iter()
        .filter(|p| state.qa_kind_filter.is_none_or(|k| k == p.kind))
        .collect();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.4;
    egui::ScrollArea::vertical().id_salt("qa scroll").show_rows(
        ui,
        row_height,
        shown.len(),
        |ui, rows| {
            for p in &shown[rows] {
                let layer_name = ws.layer(p.layer).map_or("?", |l| l.name.as_str());
                let id = match &p.id {
                    serde_json::Value::Null => format!("#{}", p.index),
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let text = format!("{} · {layer_name} · {id}\n{}", p.kind.label(), p.message);
                if ui
                    .add(egui::Button::selectable(false, text).wrap())
                    .clicked()
                {
                    let target = FeatureRef {
                        layer: p.layer,
                        index: p.index,
                    };
                    commands.push(Command::Select(Some(target)));
                    match p.location {
                        Some([lon, lat]) => commands.push(Command::CenterOn {
                            lon,
                            lat,
                            zoom: Some(16.0),
                        }),
                        None => commands.push(Command::ZoomToFeature(target)),
                    }
                }
            }
        },
    );
}
