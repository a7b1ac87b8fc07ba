//! The Export dialog (File → Export…, Ctrl+E): which layers, which features, the annotations
//! to add, precision and bbox, and privacy for sharing outside the agency. It shows the dry
//! run of the export (what is removed, which annotation keys collide with the data's and
//! how they are written) before anything is written, and asks about collisions rather than
//! overwriting. The file is picked and written by the app (`Command::ChooseExportPath`).

use std::collections::BTreeSet;

use crate::i18n::{tr, tr_args};
use crate::io::export::{Annotation, ExportOptions, ExportSummary, KeyConflict, PrivacyOptions};
use crate::model::LayerId;
use crate::state::export::{DataKey, ExportRequest, ExportScope, ExportSettings, data_key};
use crate::state::{Command, Workspace};

/// The dialog's draft: what the user has ticked so far.
#[derive(Clone, Debug, Default)]
pub struct ExportForm {
    pub open: bool,
    /// Layers to write (into one file, in drawing order, top first).
    pub layers: BTreeSet<LayerId>,
    pub scope: ExportScope,
    pub annotations: BTreeSet<Annotation>,
    /// Round coordinates to `decimals` (else every coordinate is kept as written).
    pub round: bool,
    pub decimals: u8,
    pub bbox: bool,
    pub on_key_conflict: KeyConflict,
    /// Drop personal fields and move incidents to a grid.
    pub privacy: bool,
    /// Fields removed from every feature, comma- or line-separated.
    pub personal_keys: String,
    /// Fields removed from incidents only.
    pub incident_keys: String,
    pub generalise: bool,
    pub generalise_m: f64,
    /// Options the dialog has no control for (QA thresholds, buffer), kept as they were.
    base: ExportOptions,
}

/// What the app knows about the export being prepared.
pub struct ExportStatus<'a> {
    /// The last dry run, the request and the data it was for.
    pub summary: Option<&'a (ExportRequest, DataKey, ExportSummary)>,
    /// A dry run is being worked out.
    pub previewing: bool,
    /// A file is being written.
    pub writing: bool,
}

fn join(keys: &[String]) -> String {
    keys.join(", ")
}

fn split(text: &str) -> Vec<String> {
    text.split([',', '\n', ';'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .collect()
}

impl ExportForm {
    /// Opens the dialog with the choices kept from last time, exporting `active`.
    pub fn open_with(&mut self, settings: &ExportSettings, active: Option<LayerId>) {
        let o = &settings.options;
        let privacy = o
            .privacy
            .clone()
            .unwrap_or_else(|| settings.privacy.clone());
        *self = Self {
            open: true,
            layers: active.into_iter().collect(),
            scope: settings.scope,
            annotations: o.annotations.iter().copied().collect(),
            round: o.precision.is_some(),
            decimals: o.precision.unwrap_or(7),
            bbox: o.bbox,
            on_key_conflict: o.on_key_conflict,
            privacy: o.privacy.is_some(),
            personal_keys: join(&privacy.personal_keys),
            incident_keys: join(&privacy.incident_keys),
            generalise: privacy.generalise_incidents_m.is_some(),
            generalise_m: privacy.generalise_incidents_m.unwrap_or(100.0),
            base: o.clone(),
        };
    }

    /// The privacy options as typed (whether or not privacy is on).
    #[must_use]
    pub fn privacy_options(&self) -> PrivacyOptions {
        PrivacyOptions {
            personal_keys: split(&self.personal_keys),
            incident_keys: split(&self.incident_keys),
            generalise_incidents_m: self.generalise.then_some(self.generalise_m),
        }
    }

    /// The export the dialog describes now.
    #[must_use]
    pub fn request(&self, ws: &Workspace) -> ExportRequest {
        let options = ExportOptions {
            annotations: self.annotations.iter().copied().collect(),
            on_key_conflict: self.on_key_conflict,
            precision: self.round.then_some(self.decimals),
            bbox: self.bbox,
            privacy: self.privacy.then(|| self.privacy_options()),
            ..self.base.clone()
        };
        ExportRequest {
            layers: ws
                .layers
                .iter()
                .rev()
                .filter(|l| self.layers.contains(&l.id))
                .map(|l| l.id)
                .collect(),
            scope: self.scope,
            options,
        }
    }
}

fn annotation_label(a: Annotation) -> &'static str {
    match a {
        Annotation::Area => tr("export-annotation-area"),
        Annotation::Perimeter => tr("export-annotation-perimeter"),
        Annotation::Qa => tr("export-annotation-qa"),
        Annotation::Links => tr("export-annotation-links"),
        Annotation::Counts => tr("export-annotation-counts"),
    }
}

fn annotation_keys(a: Annotation) -> &'static str {
    match a {
        Annotation::Area => "area_m2",
        Annotation::Perimeter => "perimeter_m",
        Annotation::Qa => "qa_problems",
        Annotation::Links => "hazard_id, distance_to_hazard_m",
        Annotation::Counts => {
            "incidents_inside, casualties_inside, incidents_nearby, casualties_nearby"
        }
    }
}

/// Shows the dialog when it is open.
pub fn show(
    ctx: &egui::Context,
    ws: &Workspace,
    form: &mut ExportForm,
    status: &ExportStatus<'_>,
    commands: &mut Vec<Command>,
) {
    if !form.open {
        return;
    }
    let mut open = true;
    egui::Window::new(tr("export-title"))
        .id(egui::Id::unique("export dialog"))
        .open(&mut open)
        .collapsible(false)
        // Tall enough for every option and the dry run of a three-layer export with privacy;
        // the content scrolls when the window is made smaller.
        .resizable(true)
        .default_size([860.0, 640.0])
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| body(ui, ws, form, status, commands));
        });
    if !open {
        form.open = false;
    }
}

fn body(
    ui: &mut egui::Ui,
    ws: &Workspace,
    form: &mut ExportForm,
    status: &ExportStatus<'_>,
    commands: &mut Vec<Command>,
) {
    form.layers.retain(|id| ws.layer(*id).is_some());
    // Two columns: what is exported | how, and what it will do.
    ui.columns(2, |cols| {
        let [left, right] = cols else { return };
        // Left-aligned text: the columns' own layout justifies it, which spaces words apart.
        let layout = egui::Layout::top_down(egui::Align::Min);
        left.with_layout(layout, |ui| what(ui, ws, form));
        right.with_layout(layout, |ui| how(ui, ws, form, status, commands));
    });
}

/// Layers, features and annotations.
fn what(ui: &mut egui::Ui, ws: &Workspace, form: &mut ExportForm) {
    ui.strong(tr("export-layers"));
    for layer in ws.layers.iter().rev() {
        let mut on = form.layers.contains(&layer.id);
        let label = tr_args(
            "export-layer-item",
            &[
                ("name", layer.name.as_str().into()),
                ("count", layer.features.len().into()),
            ],
        );
        if ui.checkbox(&mut on, label).changed() {
            if on {
                form.layers.insert(layer.id);
            } else {
                form.layers.remove(&layer.id);
            }
        }
    }
    ui.separator();
    ui.strong(tr("export-features"));
    // Counted without listing the features: the dialog is redrawn every frame, and a
    // 200 000-feature layer must not cost a list of indices per frame.
    let count = |scope| -> usize {
        ws.layers
            .iter()
            .filter(|l| form.layers.contains(&l.id))
            .map(|l| match scope {
                ExportScope::All => l.features.len(),
                ExportScope::Filtered => ws.shown_count(l).0,
                ExportScope::Selection => ws
                    .selected
                    .iter()
                    .filter(|r| r.layer == l.id && r.index < l.features.len())
                    .count(),
            })
            .sum()
    };
    for (scope, key) in [
        (ExportScope::All, "export-scope-all"),
        (ExportScope::Selection, "export-scope-selection"),
        (ExportScope::Filtered, "export-scope-filtered"),
    ] {
        let label = tr_args(key, &[("count", count(scope).into())]);
        if ui.radio(form.scope == scope, label).clicked() {
            form.scope = scope;
        }
    }
    ui.separator();
    ui.strong(tr("export-annotations"));
    for a in Annotation::ALL {
        let mut on = form.annotations.contains(&a);
        if ui
            .checkbox(&mut on, annotation_label(a))
            .on_hover_text(annotation_keys(a))
            .changed()
        {
            if on {
                form.annotations.insert(a);
            } else {
                form.annotations.remove(&a);
            }
        }
    }
    ui.weak(tr("export-planner-note"));
}

/// Precision, bbox, privacy, the dry run and the Export button.
fn how(
    ui: &mut egui::Ui,
    ws: &Workspace,
    form: &mut ExportForm,
    status: &ExportStatus<'_>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.checkbox(&mut form.round, tr("export-round"));
        ui.add_enabled(
            form.round,
            egui::DragValue::new(&mut form.decimals).range(0..=15),
        )
        .on_hover_text(tr("export-round-tooltip"));
    });
    ui.checkbox(&mut form.bbox, tr("export-bbox"));
    ui.separator();
    ui.checkbox(&mut form.privacy, tr("export-privacy"))
        .on_hover_text(tr("export-privacy-tooltip"));
    if form.privacy {
        ui.indent("privacy", |ui| {
            let l = ui.label(tr("export-personal-keys"));
            egui::ScrollArea::vertical()
                .id_salt("personal keys")
                .max_height(64.0)
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut form.personal_keys)
                            .desired_rows(3)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                });
            let l = ui.label(tr("export-incident-keys"));
            ui.add(
                egui::TextEdit::singleline(&mut form.incident_keys).desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            ui.horizontal(|ui| {
                ui.checkbox(&mut form.generalise, tr("export-generalise"));
                ui.add_enabled(
                    form.generalise,
                    egui::DragValue::new(&mut form.generalise_m)
                        .range(1.0..=100_000.0)
                        .speed(10.0)
                        .suffix(" m"),
                );
            });
        });
    }
    ui.separator();
    let request = form.request(ws);
    let key = data_key(ws, &request);
    summary(ui, form, &request, &key, status, commands);
}

/// The dry run for people, in the interface language (`ExportSummary::lines` is the
/// command line's English).
fn summary_lines(s: &ExportSummary) -> Vec<String> {
    let mut out = vec![tr_args(
        "export-summary-features",
        &[("features", s.features.into()), ("layers", s.layers.into())],
    )];
    for k in &s.annotation_keys {
        if k.key != k.written_as {
            out.push(tr_args(
                "export-summary-renamed",
                &[
                    ("key", k.key.as_str().into()),
                    ("written", k.written_as.as_str().into()),
                    ("count", k.already_in.into()),
                ],
            ));
        } else if k.already_in > 0 {
            out.push(tr_args(
                "export-summary-replaces",
                &[
                    ("key", k.key.as_str().into()),
                    ("count", k.already_in.into()),
                ],
            ));
        }
    }
    for (key, n) in &s.removed_personal {
        out.push(tr_args(
            "export-summary-removed",
            &[("key", key.as_str().into()), ("count", (*n).into())],
        ));
    }
    for (n, key) in [
        (s.incidents_generalised, "export-summary-generalised"),
        (s.windings_fixed, "export-summary-winding"),
        (s.rings_closed, "export-summary-closed"),
        (s.coordinates_rounded, "export-summary-rounded"),
    ] {
        if n > 0 {
            out.push(tr_args(key, &[("count", n.into())]));
        }
    }
    for m in &s.dropped_collection_members {
        out.push(tr_args(
            "export-summary-dropped",
            &[("member", m.as_str().into())],
        ));
    }
    for m in &s.conflicting_collection_members {
        out.push(tr_args(
            "export-summary-conflicting",
            &[("member", m.as_str().into())],
        ));
    }
    out
}

/// The dry run, the collision question and the Export button.
fn summary(
    ui: &mut egui::Ui,
    form: &mut ExportForm,
    request: &ExportRequest,
    key: &DataKey,
    status: &ExportStatus<'_>,
    commands: &mut Vec<Command>,
) {
    ui.strong(tr("export-summary"));
    if request.layers.is_empty() {
        ui.label(tr("export-no-layers"));
        return;
    }
    let current = status
        .summary
        .filter(|(r, k, _)| r == request && k == key)
        .map(|(_, _, s)| s);
    let Some(summary) = current else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr("export-checking"));
        });
        if !status.previewing {
            commands.push(Command::PreviewExport(Box::new(request.clone())));
        }
        return;
    };
    for line in summary_lines(summary) {
        ui.label(line);
    }
    let collisions: Vec<_> = summary
        .annotation_keys
        .iter()
        .filter(|k| k.already_in > 0)
        .collect();
    if !collisions.is_empty() {
        let keys: Vec<&str> = collisions.iter().map(|k| k.key.as_str()).collect();
        ui.colored_label(
            ui.visuals().warn_fg_color,
            tr_args(
                "export-collision-question",
                &[("keys", keys.join(", ").into())],
            ),
        );
        if ui
            .radio(
                form.on_key_conflict == KeyConflict::Prefix,
                tr("export-collision-prefix"),
            )
            .clicked()
        {
            form.on_key_conflict = KeyConflict::Prefix;
        }
        if ui
            .radio(
                form.on_key_conflict == KeyConflict::Overwrite,
                tr("export-collision-overwrite"),
            )
            .clicked()
        {
            form.on_key_conflict = KeyConflict::Overwrite;
        }
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let can = summary.features > 0 && !status.writing;
        if ui
            .add_enabled(can, egui::Button::new(tr("export-write")))
            .on_hover_text(tr("export-write-tooltip"))
            .clicked()
        {
            commands.push(Command::ChooseExportPath(Box::new(request.clone())));
        }
        if ui.button(tr("export-close")).clicked() {
            form.open = false;
        }
    });
}
