//! The Statistics and QA panels. They read the figures in [`AnalysisState`] (computed in the
//! background, see `state::analysis`) and push commands for every choice the user makes.

use std::collections::BTreeMap;

use crate::analysis::qa::{Problem, ProblemKind};
use crate::analysis::totals::NO_VALUE;
use crate::i18n::{labels, lang, tr, tr_args};
use crate::model::{FeatureRef, add_property_keys};
use crate::state::analysis::{AnalysisState, incidents_and_hazards_visible};
use crate::state::{Command, Workspace};

/// Hectares with two decimals, grouped thousands and the unit of the interface language
/// (`1 234,50 га`). Rounded once (`i18n::format::number`): 1.999 is `2.00`, not the `1.99`
/// of rounding the fraction apart from the whole part.
fn hectares(m2: f64) -> String {
    crate::i18n::format::area_ha(m2, lang())
}

/// Whole metres with the unit of the interface language (`12 345 м`).
fn metres(m: f64) -> String {
    crate::i18n::format::with_unit(m, 0, crate::i18n::format::Unit::M, lang())
}

/// The widest a translated group name may be in the statistics' group table (points).
const GROUP_NAME_WIDTH: f32 = 150.0;

/// The statistics panel.
pub fn show_statistics(
    ui: &mut egui::Ui,
    ws: &Workspace,
    state: &AnalysisState,
    commands: &mut Vec<Command>,
) {
    ui.heading(tr("stats-title"));
    ui.weak(tr("stats-intro"));
    let mut keys: Vec<String> = Vec::new();
    for l in ws.layers.iter().filter(|l| l.visible) {
        add_property_keys(&l.features, &mut keys);
    }
    ui.horizontal(|ui| {
        let combo_label = ui.label(tr("stats-group-by"));
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
            ui.label(tr("stats-computing-union"));
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
                ui.strong(format!(
                    "{} — {}",
                    layer.name,
                    labels::layer_role(layer.role, lang())
                ));
                let t = &stats.totals.all;
                egui::Grid::new(("stats", layer.id))
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        ui.label(tr("stats-features"));
                        ui.label(tr_args(
                            "stats-features-detail",
                            &[
                                ("features", t.features.into()),
                                ("areas", t.polygons.into()),
                                ("points", t.points.into()),
                                ("lines", t.lines.into()),
                            ],
                        ));
                        ui.end_row();
                        if t.polygons > 0 {
                            ui.label(tr("stats-area-sum"));
                            ui.label(hectares(t.area_m2));
                            ui.end_row();
                            ui.label(tr("stats-area-union"));
                            ui.label(
                                unions.map_or_else(|| "…".to_owned(), |u| hectares(u.total_m2)),
                            );
                            ui.end_row();
                            ui.label(tr("stats-perimeter-sum"));
                            ui.label(metres(t.perimeter_m));
                            ui.end_row();
                        }
                        if let Some((n, killed, injured)) = stats.casualties {
                            ui.label(tr("stats-incidents"));
                            ui.label(crate::i18n::format::count(n, lang()));
                            ui.end_row();
                            ui.label(tr("stats-killed-injured"));
                            ui.label(tr_args(
                                "stats-killed-injured-value",
                                &[
                                    ("killed", killed.into()),
                                    ("injured", injured.into()),
                                    ("victims", (killed + injured).into()),
                                ],
                            ));
                            ui.end_row();
                        }
                    });
                if let Some(lr) = &stats.land_release {
                    ui.label(tr("stats-land-release"));
                    egui::Grid::new(("land release", layer.id))
                        .num_columns(2)
                        .striped(true)
                        .show(ui, |ui| {
                            for (code, v) in [
                                ("estimated", lr.estimated_m2),
                                ("cancelled", lr.cancelled_m2),
                                ("reduced", lr.reduced_m2),
                                ("cleared", lr.cleared_m2),
                                ("remaining", lr.remaining_m2),
                            ] {
                                ui.label(labels::land_release(code, lang()).unwrap_or(code));
                                ui.label(hectares(v));
                                ui.end_row();
                            }
                        });
                    if lr.estimated_from_geometry > 0 {
                        ui.weak(tr_args(
                            "stats-no-estimate",
                            &[("count", lr.estimated_from_geometry.into())],
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
                            ui.strong(tr("stats-features"));
                            ui.strong(tr("stats-area-sum"));
                            ui.strong(tr("stats-area-union"));
                            ui.end_row();
                            for (value, tally) in &stats.totals.groups {
                                // A code of a coded property (`cha`) by its name; other
                                // values are data and shown as the file has them.
                                let coded = state
                                    .group_by
                                    .as_deref()
                                    .and_then(|key| labels::coded_value(layer, key, value, lang()));
                                match coded {
                                    // Names such as "Подтверждённый опасный район (CHA)" wrap
                                    // rather than widen the panel over the map.
                                    Some(name) => ui
                                        .scope(|ui| {
                                            ui.set_max_width(GROUP_NAME_WIDTH);
                                            ui.add(egui::Label::new(name).wrap())
                                        })
                                        .inner
                                        .on_hover_text(value.as_str()),
                                    None => ui.label(value),
                                };
                                ui.label(crate::i18n::format::count(tally.features, lang()));
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
    ui.strong(tr("stats-incidents-and-hazards"));
    ui.horizontal(|ui| {
        let mut options = state.incident_options;
        let label = ui.label(tr("stats-buffer"));
        let a = ui
            .add(
                crate::ui::number_field(egui::DragValue::new(&mut options.buffer_m))
                    .range(0.0..=50_000.0)
                    .speed(10.0)
                    .suffix(crate::i18n::format::unit_suffix(
                        crate::i18n::format::Unit::M,
                    )),
            )
            .labelled_by(label.id)
            .on_hover_text(tr("stats-buffer-hint"));
        let label = ui.label(tr("stats-flag-beyond"));
        let b = ui
            .add(
                crate::ui::number_field(egui::DragValue::new(&mut options.new_indication_beyond_m))
                    .range(0.0..=50_000.0)
                    .speed(10.0)
                    .suffix(crate::i18n::format::unit_suffix(
                        crate::i18n::format::Unit::M,
                    )),
            )
            .labelled_by(label.id)
            .on_hover_text(tr("stats-flag-beyond-hint"));
        if a.changed() || b.changed() {
            commands.push(Command::SetIncidentOptions(options));
        }
    });
    let Some(overview) = &state.incidents else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr("stats-linking"));
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
            ui.label(tr("stats-inside-hazard"));
            ui.label(tr_args(
                "stats-incidents-casualties",
                &[
                    ("incidents", inside.into()),
                    ("casualties", inside_c.into()),
                ],
            ));
            ui.end_row();
            ui.label(tr("stats-outside-every-hazard"));
            ui.label(tr_args(
                "stats-incidents-casualties",
                &[
                    ("incidents", outside.into()),
                    ("casualties", outside_c.into()),
                ],
            ));
            ui.end_row();
            ui.label(tr("stats-possible-indications"));
            ui.label(crate::i18n::format::count(flagged.len(), lang()));
            ui.end_row();
        });
    egui::CollapsingHeader::new(tr_args(
        "stats-possible-indications-count",
        &[("count", flagged.len().into())],
    ))
    .id_salt("possible new indications")
    .show(ui, |ui| {
        for link in flagged
            .iter()
            .take(MAX_LISTED)
            .filter_map(|&i| overview.report.links.get(i))
        {
            let nearest = link.nearest.map_or_else(
                || tr("stats-no-hazard-area").to_owned(),
                |n| {
                    tr_args(
                        "stats-distance-from",
                        &[
                            ("distance", n.distance_m.round().into()),
                            ("hazard", ws.display_id(n.hazard).into()),
                        ],
                    )
                },
            );
            let text = format!("{} · {nearest}", ws.display_id(link.incident));
            if ui.add(egui::Button::selectable(false, text)).clicked() {
                go_to(link.incident, commands);
            }
        }
        if flagged.len() > MAX_LISTED {
            ui.weak(tr_args(
                "stats-and-more",
                &[("count", (flagged.len() - MAX_LISTED).into())],
            ));
        }
    });
    let hazards = &overview.hazards;
    let buffer = state.incident_options.buffer_m.round();
    egui::CollapsingHeader::new(tr_args(
        "stats-hazards-with-incidents",
        &[("count", hazards.len().into())],
    ))
    .id_salt("hazard areas with incidents")
    .show(ui, |ui| {
        egui::Grid::new("hazard incidents")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                ui.strong(tr("stats-hazard-area"));
                ui.strong(tr("stats-inside"));
                ui.strong(tr_args("stats-within", &[("distance", buffer.into())]));
                ui.end_row();
                for (hazard, n) in hazards.iter().take(MAX_LISTED) {
                    if ui
                        .add(egui::Button::selectable(false, ws.display_id(*hazard)))
                        .clicked()
                    {
                        go_to(*hazard, commands);
                    }
                    ui.label(tr_args(
                        "stats-casualties-short",
                        &[
                            ("incidents", n.incidents_inside.into()),
                            ("casualties", n.casualties_inside.into()),
                        ],
                    ));
                    ui.label(tr_args(
                        "stats-casualties-short",
                        &[
                            ("incidents", n.incidents_within.into()),
                            ("casualties", n.casualties_within.into()),
                        ],
                    ));
                    ui.end_row();
                }
            });
        if hazards.len() > MAX_LISTED {
            ui.weak(tr_args(
                "stats-and-more",
                &[("count", (hazards.len() - MAX_LISTED).into())],
            ));
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
    ui.heading(tr("qa-title"));
    ui.horizontal(|ui| {
        ui.label(tr("qa-long-segment-over"));
        let mut km = state.qa_options.max_segment_m / 1000.0;
        if ui
            .add(
                crate::ui::number_field(egui::DragValue::new(&mut km))
                    .range(0.1..=1000.0)
                    .suffix(crate::i18n::format::unit_suffix(
                        crate::i18n::format::Unit::Km,
                    ))
                    .speed(0.1),
            )
            .changed()
        {
            commands.push(Command::SetQaOptions(crate::analysis::qa::QaOptions {
                max_segment_m: km * 1000.0,
                ..state.qa_options
            }));
        }
        if ui.button(tr("qa-check-again")).clicked() {
            commands.push(Command::RecheckQa);
        }
    });
    let mut overlaps = state.qa_options.check_overlaps;
    if ui
        .checkbox(&mut overlaps, tr("qa-overlaps"))
        .on_hover_text(tr("qa-overlaps-hint"))
        .changed()
    {
        commands.push(Command::SetQaOptions(crate::analysis::qa::QaOptions {
            check_overlaps: overlaps,
            ..state.qa_options
        }));
    }
    ui.weak(tr("qa-filter-note"));
    failures(ui, state);
    if let Some(progress) = state.qa_progress() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr("qa-checking"));
        });
        ui.add(egui::ProgressBar::new(progress).show_percentage());
        return;
    }
    if state.problems.is_empty() {
        ui.label(if ws.layers.is_empty() {
            tr("qa-no-layers")
        } else {
            tr("qa-no-problems")
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
                tr_args("qa-all", &[("count", state.problems.len().into())]),
            )
            .clicked()
        {
            commands.push(Command::SetQaKindFilter(None));
        }
        for (kind, n) in &counts {
            if ui
                .selectable_label(
                    state.qa_kind_filter == Some(*kind),
                    format!("{} ({n})", labels::problem_kind(*kind, lang())),
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
                let text = format!(
                    "{} · {layer_name} · {id}\n{}",
                    labels::problem_kind(p.kind, lang()),
                    crate::i18n::qa::problem_message(p, lang())
                );
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
