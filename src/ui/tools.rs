//! The map tool bar: select, measure, draw a polygon, rectangle or base-line, snapping, the
//! live figures of the drawing, and typed entry for field sketches — a vertex by bearing and
//! distance from the previous vertex (or from a benchmark), or by coordinate in any format the
//! go-to box reads (DD, DMS, UTM, MGRS).

use crate::analysis::coords::parse_coordinate;
use crate::analysis::drawing::Tool;
use crate::analysis::geodesy::geodesic_destination;
use crate::app::ToolState;
use crate::i18n::{labels, lang, tr, tr_args};
use crate::model::LayerRole;
use crate::state::{Command, Settings};

pub fn show(
    ui: &mut egui::Ui,
    tools: &mut ToolState,
    settings: &Settings,
    layers: &[crate::model::Layer],
    summary: &[String],
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        for t in Tool::ALL {
            if ui
                .selectable_label(tools.draft.tool == t, labels::tool(t, lang()))
                .on_hover_text(labels::tool_help(t, lang()))
                .clicked()
            {
                commands.push(Command::SetTool(t));
            }
        }
        ui.separator();
        let mut snapping = settings.snapping;
        if ui
            .checkbox(&mut snapping, tr("tool-snap"))
            .on_hover_text(tr("tool-snap-hint"))
            .changed()
        {
            commands.push(Command::SetSnapping(snapping));
        }
        let drawing = tools.draft.tool != Tool::Select;
        if matches!(tools.draft.tool, Tool::Polygon | Tool::Rectangle) {
            // Where drawn polygons go: the clearance sectors (default) or another layer.
            let name = |id: Option<crate::model::LayerId>| {
                id.and_then(|id| layers.iter().find(|l| l.id == id))
                    .map_or_else(
                        || labels::layer_role(LayerRole::ClearanceSectors, lang()).to_owned(),
                        |l| l.name.clone(),
                    )
            };
            let label = ui.label(tr("tool-into"));
            egui::ComboBox::from_id_salt("draw into")
                .selected_text(name(tools.draw_into))
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut tools.draw_into,
                        None,
                        labels::layer_role(LayerRole::ClearanceSectors, lang()),
                    );
                    for l in layers {
                        ui.selectable_value(&mut tools.draw_into, Some(l.id), l.name.clone());
                    }
                })
                .response
                .labelled_by(label.id);
        }
        if drawing {
            ui.separator();
            if ui
                .add_enabled(
                    !tools.draft.vertices.is_empty(),
                    egui::Button::new(tr("tool-finish")),
                )
                .on_hover_text(tr("tool-finish-hint"))
                .clicked()
            {
                commands.push(Command::FinishDraft);
            }
            if ui.button(tr("tool-cancel")).on_hover_text("Esc").clicked() {
                commands.push(Command::CancelDraft);
            }
        }
    });
    // The live figures (or what the tool does) on a row of their own, always laid out, so the
    // map never moves while drawing.
    ui.horizontal(|ui| {
        if summary.is_empty() {
            ui.weak(labels::tool_help(tools.draft.tool, lang()));
        }
        for (k, line) in summary.iter().enumerate() {
            if k > 0 {
                ui.separator();
            }
            ui.strong(line);
        }
    });
    // Typed entry; always laid out (disabled while selecting) so the map does not jump.
    let drawing = tools.draft.tool != Tool::Select;
    ui.add_enabled_ui(drawing, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label(tr("tool-bearing"));
            ui.add(
                crate::ui::number_field(egui::DragValue::new(&mut tools.bearing_deg))
                    .range(0.0..=359.999)
                    .speed(1.0)
                    .suffix("°"),
            )
            .labelled_by(label.id);
            let label = ui.label(tr("tool-distance"));
            ui.add(
                crate::ui::number_field(egui::DragValue::new(&mut tools.distance_m))
                    .range(0.0..=100_000.0)
                    .speed(1.0)
                    .suffix(crate::i18n::format::unit_suffix(
                        crate::i18n::format::Unit::M,
                    )),
            )
            .labelled_by(label.id);
            let from_text = if tools.draft.vertices.is_empty() {
                tr("tool-add-leg-from-benchmark")
            } else {
                tr("tool-add-leg-from-last")
            };
            if ui
                .button(from_text)
                .on_hover_text(tr("tool-add-leg-hint"))
                .clicked()
            {
                let start = match tools.draft.vertices.last() {
                    Some(v) => Ok(*v),
                    None => parse_coordinate(&tools.coordinate)
                        .map(|(lon, lat)| [lon, lat])
                        .map_err(|e| {
                            tr_args("tool-benchmark-error", &[("why", e.to_string().into())])
                        }),
                };
                match start {
                    Ok(from) => {
                        tools.typed_error = None;
                        // The benchmark is where the traverse starts, not a vertex of the outline.
                        let to = geodesic_destination(from, tools.bearing_deg, tools.distance_m);
                        commands.push(Command::AddDraftVertex(to));
                    }
                    Err(e) => tools.typed_error = Some(e),
                }
            }
            ui.separator();
            let label = ui.label(tr("tool-coordinate"));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut tools.coordinate)
                        .hint_text("40.1, 47.5 · 38T 612345 4441234 · 38TNK1234541234")
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
            let entered = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(tr("tool-add-point")).clicked() || entered {
                match parse_coordinate(&tools.coordinate) {
                    Ok((lon, lat)) => {
                        tools.typed_error = None;
                        commands.push(Command::AddDraftVertex([lon, lat]));
                    }
                    Err(e) => tools.typed_error = Some(e.to_string()),
                }
            }
            if let Some(e) = &tools.typed_error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
        })
    });
}
