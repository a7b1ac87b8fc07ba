//! The layers panel: what is loaded, in drawing order (top of the list draws on top), with
//! visibility, opacity, order, zoom-to, the layer's role and which property plays which part.

use crate::map::projection::ViewTransform;
use crate::map::style::{self, LegendSymbol};
use crate::model::{Layer, LayerRole, PropertyRole};
use crate::state::{Command, Workspace};
use crate::ui::filters::{self, FilterForm};

pub fn show(
    ui: &mut egui::Ui,
    ws: &Workspace,
    filter_form: &mut FilterForm,
    view: Option<&ViewTransform>,
    commands: &mut Vec<Command>,
) {
    ui.heading("Layers");
    for job in &ws.jobs {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("Loading {}", job.label));
        });
        ui.add(egui::ProgressBar::new(job.progress()).show_percentage());
    }
    if ws.layers.is_empty() && ws.jobs.is_empty() {
        ui.label("No layers. Open GeoJSON files from the File menu or drop them on the window.");
    }
    let count = ws.layers.len();
    for (pos, layer) in ws.layers.iter().enumerate().rev() {
        layer_row(ui, ws, layer, (pos + 1 == count, pos == 0), commands);
        let (shown, total) = ws.shown_count(layer);
        let title = if shown == total {
            "Filter".to_owned()
        } else {
            format!("Filter ({shown} of {total} shown)")
        };
        egui::CollapsingHeader::new(title)
            .id_salt(("filter", layer.id))
            .show(ui, |ui| {
                filters::show(ui, ws, layer, filter_form, view, commands)
            });
        egui::CollapsingHeader::new("Role and properties")
            .id_salt(("schema", layer.id))
            .show(ui, |ui| schema_editor(ui, layer, commands));
        ui.separator();
    }
}

fn layer_row(
    ui: &mut egui::Ui,
    ws: &Workspace,
    layer: &Layer,
    (is_top, is_bottom): (bool, bool),
    commands: &mut Vec<Command>,
) {
    let id = layer.id;
    ui.horizontal(|ui| {
        let mut visible = layer.visible;
        if ui
            .checkbox(&mut visible, "")
            .on_hover_text("Show or hide")
            .changed()
        {
            commands.push(Command::SetLayerVisible(id, visible));
        }
        ui.strong(&layer.name);
        let (shown, total) = ws.shown_count(layer);
        if shown == total {
            ui.weak(format!("({total})"));
        } else {
            ui.weak(format!("({shown} / {total} shown)"))
                .on_hover_text("Features passing the layer's filter / all features");
        }
    });
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!is_top, egui::Button::new("Up").small())
            .on_hover_text("Move up")
            .clicked()
        {
            commands.push(Command::RaiseLayer(id));
        }
        if ui
            .add_enabled(!is_bottom, egui::Button::new("Down").small())
            .on_hover_text("Move down")
            .clicked()
        {
            commands.push(Command::LowerLayer(id));
        }
        if ui.small_button("Zoom to").clicked() {
            commands.push(Command::ZoomToLayer(id));
        }
        if ui
            .small_button("Table")
            .on_hover_text("Show the layer in the attribute table")
            .clicked()
        {
            commands.push(Command::ShowTableOf(id));
        }
        if ui.small_button("Close").clicked() {
            commands.push(Command::CloseLayer(id));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Opacity");
        let mut opacity = layer.opacity;
        if ui
            .add(egui::Slider::new(&mut opacity, 0.0..=1.0).show_value(false))
            .labelled_by(label.id)
            .changed()
        {
            commands.push(Command::SetLayerOpacity(id, opacity));
        }
    });
    legend(ui, layer);
}

/// The symbology of the layer's role, as drawn on the map.
fn legend(ui: &mut egui::Ui, layer: &Layer) {
    let entries = style::legend_entries(layer.role);
    if entries.is_empty() {
        return;
    }
    egui::CollapsingHeader::new("Legend")
        .id_salt(("legend", layer.id))
        .default_open(true)
        .show(ui, |ui| {
            for e in entries {
                ui.horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
                    let painter = ui.painter();
                    match e.symbol {
                        LegendSymbol::Area | LegendSymbol::Outline => {
                            let r = rect.shrink(2.0);
                            // On the basemap's land colour, as the symbol looks on the map.
                            painter.rect_filled(r, 0.0, crate::map::basemap::LAND);
                            if e.symbol == LegendSymbol::Area {
                                painter.rect_filled(r, 0.0, e.fill);
                            }
                            let corners = [
                                r.left_top(),
                                r.right_top(),
                                r.right_bottom(),
                                r.left_bottom(),
                                r.left_top(),
                            ];
                            if e.dashed {
                                painter
                                    .extend(egui::Shape::dashed_line(&corners, e.stroke, 3.0, 2.0));
                            } else {
                                painter.add(egui::Shape::line(corners.to_vec(), e.stroke));
                            }
                        }
                        LegendSymbol::Point { radius } => {
                            painter.circle(
                                rect.center(),
                                f32::from(radius).min(7.0),
                                e.fill,
                                e.stroke,
                            );
                        }
                    }
                    ui.label(&e.label);
                });
            }
        });
}

/// Lets the user say which role the layer plays and which property means what.
fn schema_editor(ui: &mut egui::Ui, layer: &Layer, commands: &mut Vec<Command>) {
    let id = layer.id;
    egui::Grid::new(("schema grid", id))
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            let combo_label = ui.label("Layer role");
            egui::ComboBox::from_id_salt(("role", id))
                .selected_text(layer.role.label())
                .show_ui(ui, |ui| {
                    for role in LayerRole::ALL {
                        if ui
                            .selectable_label(layer.role == role, role.label())
                            .clicked()
                        {
                            commands.push(Command::SetLayerRole(id, role));
                        }
                    }
                })
                .response
                .labelled_by(combo_label.id);
            ui.end_row();
            let keys = layer.property_keys();
            for role in PropertyRole::ALL {
                let combo_label = ui.label(role.label());
                let current = layer.schema.key(role);
                egui::ComboBox::from_id_salt(("prop", id, role))
                    .selected_text(current.unwrap_or("—"))
                    .show_ui(ui, |ui| {
                        if ui.selectable_label(current.is_none(), "—").clicked() {
                            commands.push(Command::SetPropertyRole {
                                layer: id,
                                role,
                                key: None,
                            });
                        }
                        for k in &keys {
                            if ui
                                .selectable_label(current == Some(k.as_str()), k)
                                .clicked()
                            {
                                commands.push(Command::SetPropertyRole {
                                    layer: id,
                                    role,
                                    key: Some(k.clone()),
                                });
                            }
                        }
                    })
                    .response
                    .labelled_by(combo_label.id);
                ui.end_row();
            }
        });
}
