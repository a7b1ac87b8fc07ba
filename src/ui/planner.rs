//! The clearance planner: split the selected hazard area into boxes, lanes or equal parts
//! (with a live preview on the map), set the clearance rates and teams (user inputs, kept in
//! the settings), and read the plan's team-days. Every change is a command; splitting is one
//! undo step.

use crate::analysis::effort::{Asset, PlanSummary, plan_summary};
use crate::analysis::split::{BOX_SIZES, Orientation, SplitMethod};
use crate::model::PropertyValue;
use crate::state::planner::{PlannerSettings, PlannerState, sector_layer, selected_hazard_area};
use crate::state::{Command, Workspace};
use crate::ui::inspector::group_thousands;

/// Days with one decimal.
fn days(d: f64) -> String {
    format!("{d:.1}")
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
    ui.heading("Clearance planner");
    let mut s = settings.clone();
    let hazard = selected_hazard_area(ws);
    match hazard {
        Some(r) => {
            ui.label(format!("Hazard area {}", ws.display_id(r)));
        }
        None => {
            ui.label("Select a hazard area on the map or in the table to split it into sectors.");
        }
    }
    ui.separator();

    // --- Method.
    ui.strong("Divide into");
    ui.horizontal_wrapped(|ui| {
        let is_grid = matches!(s.split.method, SplitMethod::Grid { .. });
        if ui.selectable_label(is_grid, "Boxes").clicked() && !is_grid {
            s.split.method = SplitMethod::default();
        }
        let is_strips = matches!(s.split.method, SplitMethod::Strips { .. });
        if ui.selectable_label(is_strips, "Lanes").clicked() && !is_strips {
            s.split.method = SplitMethod::Strips { count: 4 };
        }
        let is_parts = matches!(s.split.method, SplitMethod::EqualParts { .. });
        if ui.selectable_label(is_parts, "Equal parts").clicked() && !is_parts {
            s.split.method = SplitMethod::EqualParts { count: 4 };
        }
    });
    match &mut s.split.method {
        SplitMethod::Grid { width_m, height_m } => {
            ui.horizontal(|ui| {
                for (w, h) in BOX_SIZES {
                    let chosen = (*width_m - w).abs() < 1e-9 && (*height_m - h).abs() < 1e-9;
                    if ui
                        .selectable_label(chosen, format!("{w:.0}×{h:.0} m"))
                        .clicked()
                    {
                        *width_m = w;
                        *height_m = h;
                    }
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("Box");
                ui.add(
                    egui::DragValue::new(width_m)
                        .range(1.0..=10_000.0)
                        .speed(1.0)
                        .suffix(crate::i18n::format::unit_suffix(crate::i18n::format::Unit::M)),
                )
                .labelled_by(label.id);
                ui.label("×");
                ui.add(
                    egui::DragValue::new(height_m)
                        .range(1.0..=10_000.0)
                        .speed(1.0)
                        .suffix(crate::i18n::format::unit_suffix(crate::i18n::format::Unit::M)),
                );
            });
            let mut merge = s.split.merge_slivers_below.is_some();
            let mut share = s.split.merge_slivers_below.unwrap_or(0.2) * 100.0;
            ui.horizontal(|ui| {
                ui.checkbox(&mut merge, "Merge slivers under")
                    .on_hover_text("Boxes the boundary leaves smaller than this share of a full box join their neighbour");
                ui.add_enabled(
                    merge,
                    egui::DragValue::new(&mut share)
                        .range(1.0..=90.0)
                        .suffix(" %"),
                );
            });
            s.split.merge_slivers_below = merge.then_some(share / 100.0);
        }
        SplitMethod::Strips { count } | SplitMethod::EqualParts { count } => {
            ui.horizontal(|ui| {
                let label = ui.label("Number");
                ui.add(egui::DragValue::new(count).range(1..=1000))
                    .labelled_by(label.id);
            });
        }
    }
    ui.horizontal(|ui| {
        ui.label("Base-line");
        let auto = matches!(s.split.orientation, Orientation::Auto);
        if ui
            .selectable_label(auto, "Longest side")
            .on_hover_text("Along the longest side of the area's minimum rotated rectangle")
            .clicked()
        {
            s.split.orientation = Orientation::Auto;
        }
        let mut bearing = match s.split.orientation {
            Orientation::Degrees(d) => d,
            _ => 90.0,
        };
        if ui
            .selectable_label(!auto, "Bearing")
            .on_hover_text("The base-line's bearing, clockwise from north")
            .clicked()
        {
            s.split.orientation = Orientation::Degrees(bearing);
        }
        if matches!(s.split.orientation, Orientation::Degrees(_))
            && ui
                .add(
                    egui::DragValue::new(&mut bearing)
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
    ui.checkbox(&mut s.with_effort, "Estimate effort (team-days)");
    if s.with_effort {
        egui::Grid::new("effort inputs")
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.label("Asset");
                egui::ComboBox::from_id_salt("planned asset")
                    .selected_text(s.effort.asset.label())
                    .show_ui(ui, |ui| {
                        for a in Asset::ALL {
                            ui.selectable_value(&mut s.effort.asset, a, a.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                for a in Asset::ALL {
                    let label = ui.label(format!("Rate, {} (m²/team-day)", a.label()));
                    let mut rate = s.effort.rates.get(a).unwrap_or(0.0);
                    if ui
                        .add(
                            egui::DragValue::new(&mut rate)
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
                let label = ui.label("Teams");
                ui.add(egui::DragValue::new(&mut s.effort.teams).range(1..=200))
                    .labelled_by(label.id);
                ui.end_row();
            });
        if let Err(e) = s.effort.checked_rate() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{e}: rates are your programme's, minemap has none built in"),
            );
        }
        egui::CollapsingHeader::new("Technical-survey sampling by mine probability")
            .id_salt("ts sampling")
            .show(ui, |ui| {
                for row in &mut s.effort.ts_sampling.shares {
                    ui.horizontal(|ui| {
                        let label = ui.label(row.mine_probability.clone());
                        let mut pct = row.share * 100.0;
                        if ui
                            .add(
                                egui::DragValue::new(&mut pct)
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
                ui.label(format!(
                    "Preview: {} sectors, {} m² ({:.0} ms)",
                    sectors.len(),
                    group_thousands(area),
                    state.preview_ms
                ));
                let effort_ok = !s.with_effort || s.effort.checked_rate().is_ok();
                if ui
                    .add_enabled(
                        effort_ok && !sectors.is_empty(),
                        egui::Button::new(format!("Split into {} sectors", sectors.len())),
                    )
                    .on_hover_text("Adds the sectors to the Clearance sectors layer, replacing this area's earlier ones; Ctrl+Z undoes it")
                    .clicked()
                {
                    commands.push(Command::SplitHazardArea(target));
                }
            }
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, format!("Cannot split: {e}"));
                if matches!(e, crate::analysis::split::SplitError::Invalid(_)) {
                    ui.weak("The QA tab lists what is wrong with the geometry.");
                }
            }
        }
    }

    // --- Plan summary.
    ui.separator();
    ui.strong("Plan");
    let Some(layer) = sector_layer(ws).and_then(|id| ws.layer(id)) else {
        ui.weak("No clearance sectors yet.");
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
        summary_grid(ui, &format!("Sectors of {id}"), summary);
    }
    summary_grid(ui, &format!("All sectors in {}", layer.name), &all);
}

fn summary_grid(ui: &mut egui::Ui, title: &str, p: &PlanSummary) {
    ui.label(title);
    egui::Grid::new(("plan summary", title))
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.label("Sectors");
            ui.label(if p.unplanned_sectors > 0 {
                format!("{} ({} without effort)", p.sectors, p.unplanned_sectors)
            } else {
                p.sectors.to_string()
            });
            ui.end_row();
            ui.label("Area");
            ui.label(format!("{} m²", group_thousands(p.total_area_m2)));
            ui.end_row();
            ui.label("Team-days");
            ui.label(days(p.team_days));
            ui.end_row();
            ui.label("Calendar days");
            ui.label(days(p.calendar_days));
            ui.end_row();
            if p.ts_sample_m2 > 0.0 {
                ui.label("TS sample");
                ui.label(format!("{} m²", group_thousands(p.ts_sample_m2)));
                ui.end_row();
            }
            for a in &p.by_asset {
                ui.label(a.asset.label());
                ui.label(format!(
                    "{} sectors, {} team-days, {} days",
                    a.sectors,
                    days(a.team_days),
                    days(a.calendar_days)
                ));
                ui.end_row();
            }
        });
}
