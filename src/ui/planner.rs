//! The clearance planner: split the selected hazard area into boxes, lanes or equal parts
//! (with a live preview on the map), set the clearance rates and teams (user inputs, kept in
//! the settings), and read the plan's team-days. Every change is a command; splitting is one
//! undo step.

use crate::analysis::effort::{Asset, PlanSummary, plan_summary};
use crate::analysis::split::{BOX_SIZES, Orientation, SplitMethod};
use crate::i18n::{labels, lang, tr, tr_args};
use crate::model::PropertyValue;
use crate::state::planner::{PlannerSettings, PlannerState, sector_layer, selected_hazard_area};
use crate::state::{Command, Workspace};

/// Days with one decimal, in the interface language's notation.
fn days(d: f64) -> String {
    crate::i18n::format::number(d, 1, lang())
}

/// Whole square metres with the unit of the interface language.
fn square_metres(m2: f64) -> String {
    crate::i18n::format::area_m2(m2, lang())
}

/// The planner tab.
#[allow(clippy::too_many_lines)] // one panel, laid out top to bottom
pub fn show(
    ui: &mut egui::Ui,
    ws: &Workspace,
    settings: &PlannerSettings,
    state: &PlannerState,
    commands: &mut Vec<Command>,
) {
    ui.heading(tr("planner-title"));
    let mut s = settings.clone();
    let hazard = selected_hazard_area(ws);
    match hazard {
        Some(r) => {
            ui.label(tr_args(
                "planner-hazard-area",
                &[("id", ws.display_id(r).into())],
            ));
        }
        None => {
            ui.label(tr("planner-select-hint"));
        }
    }
    ui.separator();

    // --- Method.
    ui.strong(tr("planner-divide-into"));
    ui.horizontal_wrapped(|ui| {
        let is_grid = matches!(s.split.method, SplitMethod::Grid { .. });
        if ui.selectable_label(is_grid, tr("planner-boxes")).clicked() && !is_grid {
            s.split.method = SplitMethod::default();
        }
        let is_strips = matches!(s.split.method, SplitMethod::Strips { .. });
        if ui
            .selectable_label(is_strips, tr("planner-lanes"))
            .clicked()
            && !is_strips
        {
            s.split.method = SplitMethod::Strips { count: 4 };
        }
        let is_parts = matches!(s.split.method, SplitMethod::EqualParts { .. });
        if ui
            .selectable_label(is_parts, tr("planner-equal-parts"))
            .clicked()
            && !is_parts
        {
            s.split.method = SplitMethod::EqualParts { count: 4 };
        }
    });
    match &mut s.split.method {
        SplitMethod::Grid { width_m, height_m } => {
            ui.horizontal(|ui| {
                for (w, h) in BOX_SIZES {
                    let chosen = (*width_m - w).abs() < 1e-9 && (*height_m - h).abs() < 1e-9;
                    if ui
                        .selectable_label(
                            chosen,
                            format!(
                                "{w:.0}×{h:.0} {}",
                                crate::i18n::format::unit(crate::i18n::format::Unit::M, lang())
                            ),
                        )
                        .clicked()
                    {
                        *width_m = w;
                        *height_m = h;
                    }
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label(tr("planner-box"));
                ui.add(
                    crate::ui::number_field(egui::DragValue::new(width_m))
                        .range(1.0..=10_000.0)
                        .speed(1.0)
                        .suffix(crate::i18n::format::unit_suffix(
                            crate::i18n::format::Unit::M,
                        )),
                )
                .labelled_by(label.id);
                ui.label("×");
                ui.add(
                    crate::ui::number_field(egui::DragValue::new(height_m))
                        .range(1.0..=10_000.0)
                        .speed(1.0)
                        .suffix(crate::i18n::format::unit_suffix(
                            crate::i18n::format::Unit::M,
                        )),
                );
            });
            let mut merge = s.split.merge_slivers_below.is_some();
            let mut share = s.split.merge_slivers_below.unwrap_or(0.2) * 100.0;
            ui.horizontal(|ui| {
                ui.checkbox(&mut merge, tr("planner-merge-slivers"))
                    .on_hover_text(tr("planner-merge-slivers-hint"));
                ui.add_enabled(
                    merge,
                    crate::ui::number_field(egui::DragValue::new(&mut share))
                        .range(1.0..=90.0)
                        .suffix(" %"),
                );
            });
            s.split.merge_slivers_below = merge.then_some(share / 100.0);
        }
        SplitMethod::Strips { count } | SplitMethod::EqualParts { count } => {
            ui.horizontal(|ui| {
                let label = ui.label(tr("planner-number"));
                ui.add(crate::ui::number_field(egui::DragValue::new(count)).range(1..=1000))
                    .labelled_by(label.id);
            });
        }
    }
    ui.horizontal(|ui| {
        ui.label(tr("planner-base-line"));
        let auto = matches!(s.split.orientation, Orientation::Auto);
        if ui
            .selectable_label(auto, tr("planner-longest-side"))
            .on_hover_text(tr("planner-longest-side-hint"))
            .clicked()
        {
            s.split.orientation = Orientation::Auto;
        }
        let mut bearing = match s.split.orientation {
            Orientation::Degrees(d) => d,
            _ => 90.0,
        };
        if ui
            .selectable_label(!auto, tr("planner-bearing"))
            .on_hover_text(tr("planner-bearing-hint"))
            .clicked()
        {
            s.split.orientation = Orientation::Degrees(bearing);
        }
        if matches!(s.split.orientation, Orientation::Degrees(_))
            && ui
                .add(
                    crate::ui::number_field(egui::DragValue::new(&mut bearing))
                        .range(0.0..=359.9)
                        .speed(1.0)
                        .suffix("°"),
                )
                .changed()
        {
            s.split.orientation = Orientation::Degrees(bearing);
        }
    });

    // --- Effort.
    ui.separator();
    ui.checkbox(&mut s.with_effort, tr("planner-estimate-effort"));
    if s.with_effort {
        egui::Grid::new("effort inputs")
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.label(tr("planner-asset"));
                egui::ComboBox::from_id_salt("planned asset")
                    .selected_text(labels::asset(s.effort.asset, lang()))
                    .show_ui(ui, |ui| {
                        for a in Asset::ALL {
                            ui.selectable_value(&mut s.effort.asset, a, labels::asset(a, lang()));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                for a in Asset::ALL {
                    let label = ui.label(tr_args(
                        "planner-rate",
                        &[("asset", labels::asset(a, lang()).into())],
                    ));
                    let mut rate = s.effort.rates.get(a).unwrap_or(0.0);
                    if ui
                        .add(
                            crate::ui::number_field(egui::DragValue::new(&mut rate))
                                .range(0.0..=1_000_000.0)
                                .speed(5.0),
                        )
                        .labelled_by(label.id)
                        .changed()
                    {
                        s.effort.rates.set(a, (rate > 0.0).then_some(rate));
                    }
                    ui.end_row();
                }
                let label = ui.label(tr("planner-teams"));
                ui.add(
                    crate::ui::number_field(egui::DragValue::new(&mut s.effort.teams))
                        .range(1..=200),
                )
                .labelled_by(label.id);
                ui.end_row();
            });
        if let Err(e) = s.effort.checked_rate() {
            use crate::analysis::effort::EffortError;
            let why = match e {
                EffortError::NoRate(a) | EffortError::BadRate { asset: a, .. } => tr_args(
                    "planner-no-rate",
                    &[("asset", labels::asset(a, lang()).into())],
                ),
                EffortError::NoTeams => tr("planner-no-teams").to_owned(),
            };
            ui.colored_label(ui.visuals().warn_fg_color, why);
        }
        egui::CollapsingHeader::new(tr("planner-ts-sampling"))
            .id_salt("ts sampling")
            .show(ui, |ui| {
                for row in &mut s.effort.ts_sampling.shares {
                    ui.horizontal(|ui| {
                        let label = ui.label(row.mine_probability.clone());
                        let mut pct = row.share * 100.0;
                        if ui
                            .add(
                                crate::ui::number_field(egui::DragValue::new(&mut pct))
                                    .range(0.0..=100.0)
                                    .suffix(" %"),
                            )
                            .labelled_by(label.id)
                            .changed()
                        {
                            row.share = pct / 100.0;
                        }
                    });
                }
            });
    }
    if s != *settings {
        commands.push(Command::SetPlanner(Box::new(s.clone())));
    }

    // --- Preview and split.
    ui.separator();
    if let (Some(target), Some(preview)) = (hazard, &state.preview) {
        match preview {
            Ok(sectors) => {
                let area: f64 = sectors.iter().map(|x| x.area_m2).sum();
                ui.label(tr_args(
                    "planner-preview",
                    &[
                        ("count", sectors.len().into()),
                        ("area", square_metres(area).into()),
                        ("ms", state.preview_ms.round().into()),
                    ],
                ));
                let effort_ok = !s.with_effort || s.effort.checked_rate().is_ok();
                if ui
                    .add_enabled(
                        effort_ok && !sectors.is_empty(),
                        egui::Button::new(tr_args(
                            "planner-split-into",
                            &[("count", sectors.len().into())],
                        )),
                    )
                    .on_hover_text(tr("planner-split-hint"))
                    .clicked()
                {
                    commands.push(Command::SplitHazardArea(target));
                }
            }
            Err(e) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    tr_args(
                        "planner-cannot-split",
                        &[(
                            "why",
                            crate::i18n::labels::split_error(e, crate::i18n::lang()).into(),
                        )],
                    ),
                );
                if matches!(e, crate::analysis::split::SplitError::Invalid(_)) {
                    ui.weak(tr("planner-see-qa"));
                }
            }
        }
    }

    // --- Plan summary.
    ui.separator();
    ui.strong(tr("planner-plan"));
    let Some(layer) = sector_layer(ws).and_then(|id| ws.layer(id)) else {
        ui.weak(tr("planner-no-sectors"));
        return;
    };
    let hazard_id = hazard.map(|r| ws.display_id(r));
    let of_hazard = hazard_id.as_ref().map(|id| {
        plan_summary(layer.features.iter().filter(|f| {
            f.properties
                .get("hazard_id")
                .and_then(PropertyValue::as_str)
                == Some(id.as_str())
        }))
    });
    let all = plan_summary(layer.features.iter());
    if let (Some(id), Some(summary)) = (&hazard_id, &of_hazard) {
        summary_grid(
            ui,
            &tr_args("planner-sectors-of", &[("id", id.as_str().into())]),
            summary,
        );
    }
    summary_grid(
        ui,
        &tr_args(
            "planner-all-sectors-in",
            &[("layer", layer.name.as_str().into())],
        ),
        &all,
    );
}

fn summary_grid(ui: &mut egui::Ui, title: &str, p: &PlanSummary) {
    ui.label(title);
    egui::Grid::new(("plan summary", title))
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.label(tr("planner-sectors"));
            ui.label(if p.unplanned_sectors > 0 {
                tr_args(
                    "planner-sectors-without-effort",
                    &[
                        ("count", p.sectors.into()),
                        ("unplanned", p.unplanned_sectors.into()),
                    ],
                )
            } else {
                crate::i18n::format::count(p.sectors, lang())
            });
            ui.end_row();
            ui.label(tr("planner-area"));
            ui.label(square_metres(p.total_area_m2));
            ui.end_row();
            ui.label(tr("planner-team-days"));
            ui.label(days(p.team_days));
            ui.end_row();
            ui.label(tr("planner-calendar-days"));
            ui.label(days(p.calendar_days));
            ui.end_row();
            if p.ts_sample_m2 > 0.0 {
                ui.label(tr("planner-ts-sample"));
                ui.label(square_metres(p.ts_sample_m2));
                ui.end_row();
            }
            for a in &p.by_asset {
                ui.label(labels::asset(a.asset, lang()));
                ui.label(tr_args(
                    "planner-asset-summary",
                    &[
                        ("count", a.sectors.into()),
                        ("team_days", days(a.team_days).into()),
                        ("days", days(a.calendar_days).into()),
                    ],
                ));
                ui.end_row();
            }
        });
}
