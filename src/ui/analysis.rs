//! The Statistics and QA panels. They read the figures in [`AnalysisState`] (computed in the
//! background, see `state::analysis`) and push commands for every choice the user makes.

use std::collections::BTreeMap;

use crate::analysis::qa::{Problem, ProblemKind};
use crate::analysis::totals::NO_VALUE;
use crate::model::{FeatureRef, add_property_keys};
use crate::state::analysis::{AnalysisState, incidents_and_hazards_visible};
use crate::state::{Command, Workspace};
use crate::ui::inspector::group_thousands;

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
    state: &AnalysisState,
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
                    commands.push(Command::SetGroupBy(None));
                }
                for k in &keys {
                    if ui
                        .selectable_label(state.group_by.as_deref() == Some(k), k)
                        .clicked()
                    {
                        commands.push(Command::SetGroupBy(Some(k.clone())));
                    }
                }
            })
            .response
            .labelled_by(combo_label.id);
    });
    if ui
        .button(crate::i18n::tr("statistics-export-csv"))
        .on_hover_text(crate::i18n::tr("statistics-export-csv-tooltip"))
        .clicked()
    {
        commands.push(Command::ExportStatisticsCsv);
    }
    failures(ui, state);
    if let Some(progress) = state.unions_progress() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Computing union areas…");
        });
        ui.add(egui::ProgressBar::new(progress).show_percentage());
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
                let grouped = stats.totals.groups.keys().any(|k| k != NO_VALUE);
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

/// Why a background computation failed, if one did: never shown as "nothing found".
fn failures(ui: &mut egui::Ui, state: &AnalysisState) {
    for f in &state.failures {
        ui.colored_label(ui.visuals().error_fg_color, f);
    }
}

/// At most this many rows in each incident list (the rest is counted).
const MAX_LISTED: usize = 200;

/// Incidents against hazard areas: inside, outside (possible new indications) and, per hazard
/// area, incidents and casualties inside and within the buffer. A row click selects the
/// feature and zooms to it.
fn incidents_section(
    ui: &mut egui::Ui,
    ws: &Workspace,
    state: &AnalysisState,
    commands: &mut Vec<Command>,
) {
    if !incidents_and_hazards_visible(ws) {
        return;
    }
    ui.separator();
    ui.strong("Incidents and hazard areas");
    ui.horizontal(|ui| {
        let mut options = state.incident_options;
        let label = ui.label("Buffer");
        let a = ui
            .add(
                egui::DragValue::new(&mut options.buffer_m)
                    .range(0.0..=50_000.0)
                    .speed(10.0)
                    .suffix(" m"),
            )
            .labelled_by(label.id)
            .on_hover_text("Incidents this close to a hazard area count as near it");
        let label = ui.label("Flag outside beyond");
        let b = ui
            .add(
                egui::DragValue::new(&mut options.new_indication_beyond_m)
                    .range(0.0..=50_000.0)
                    .speed(10.0)
                    .suffix(" m"),
            )
            .labelled_by(label.id)
            .on_hover_text(
                "Incidents outside every hazard area and farther than this are possible new indications",
            );
        if a.changed() || b.changed() {
            commands.push(Command::SetIncidentOptions(options));
        }
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
    state: &AnalysisState,
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
            commands.push(Command::SetQaOptions(crate::analysis::qa::QaOptions {
                max_segment_m: km * 1000.0,
                ..state.qa_options
            }));
        }
        if ui.button("Check again").clicked() {
            commands.push(Command::RecheckQa);
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
        commands.push(Command::SetQaOptions(crate::analysis::qa::QaOptions {
            check_overlaps: overlaps,
            ..state.qa_options
        }));
    }
    ui.weak("Only the features that pass each layer's filter are checked.");
    failures(ui, state);
    if let Some(progress) = state.qa_progress() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Checking geometries…");
        });
        ui.add(egui::ProgressBar::new(progress).show_percentage());
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
            commands.push(Command::SetQaKindFilter(None));
        }
        for (kind, n) in &counts {
            if ui
                .selectable_label(
                    state.qa_kind_filter == Some(*kind),
                    format!("{} ({n})", kind.label()),
                )
                .clicked()
            {
                commands.push(Command::SetQaKindFilter(Some(*kind)));
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
