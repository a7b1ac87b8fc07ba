//! The layers panel: what is loaded, in drawing order (top of the list draws on top), with
//! visibility, opacity, order, zoom-to, the layer's role and which property plays which part.

use crate::i18n::{labels, lang, tr, tr_args};
use crate::map::projection::ViewTransform;
use crate::model::{Layer, LayerRole, PropertyRole};
use crate::state::filters::category_of;
use crate::state::{Command, Workspace};
use crate::ui::filters::{self, FilterForm};
use crate::ui::symbology;

pub fn show(
    ui: &mut egui::Ui,
    ws: &Workspace,
    filter_form: &mut FilterForm,
    view: Option<&ViewTransform>,
    commands: &mut Vec<Command>,
) {
    ui.heading(tr("layers-title"));
    for job in &ws.jobs {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr_args(
                "layers-loading",
                &[("name", job.label.as_str().into())],
            ));
        });
        ui.add(egui::ProgressBar::new(job.progress()).show_percentage());
    }
    if ws.layers.is_empty() && ws.jobs.is_empty() {
        ui.label(tr("layers-empty"));
    }
    let count = ws.layers.len();
    for (pos, layer) in ws.layers.iter().enumerate().rev() {
        layer_row(ui, ws, layer, (pos + 1 == count, pos == 0), commands);
        legend_and_symbology(ui, ws, layer, filter_form, commands);
        let (shown, total) = ws.shown_count(layer);
        let title = if shown == total {
            tr("layer-filter").to_owned()
        } else {
            tr_args(
                "layer-filter-shown",
                &[("shown", shown.into()), ("total", total.into())],
            )
        };
        egui::CollapsingHeader::new(title)
            .id_salt(("filter", layer.id))
            .show(ui, |ui| {
                filters::show(ui, ws, layer, filter_form, view, commands)
            });
        egui::CollapsingHeader::new(tr("layer-role-and-properties"))
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
            .on_hover_text(tr("layer-show-hide"))
            .changed()
        {
            commands.push(Command::SetLayerVisible(id, visible));
        }
        ui.strong(&layer.name);
        if ws.is_unsaved(layer) {
            ui.label("•")
                .on_hover_text(crate::i18n::tr("layers-unsaved"));
        }
        let (shown, total) = ws.shown_count(layer);
        if shown == total {
            ui.weak(format!("({})", crate::i18n::format::count(total, lang())));
        } else {
            ui.weak(tr_args(
                "layer-shown-of-total",
                &[("shown", shown.into()), ("total", total.into())],
            ))
            .on_hover_text(tr("layer-shown-of-total-hint"));
        }
    });
    // Where the coordinates came from (a shapefile's .prj, a GeoPackage's srs_id).
    if let Some(crs) = &layer.source_crs {
        ui.add(
            egui::Label::new(
                egui::RichText::new(crate::i18n::tr_args(
                    if layer.source_reprojected {
                        "layer-source-crs-reprojected"
                    } else {
                        "layer-source-crs"
                    },
                    &[("crs", crs.as_str().into())],
                ))
                .weak()
                .small(),
            )
            .wrap(),
        );
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!is_top, egui::Button::new(tr("layer-up")).small())
            .on_hover_text(tr("layer-move-up"))
            .clicked()
        {
            commands.push(Command::RaiseLayer(id));
        }
        if ui
            .add_enabled(!is_bottom, egui::Button::new(tr("layer-down")).small())
            .on_hover_text(tr("layer-move-down"))
            .clicked()
        {
            commands.push(Command::LowerLayer(id));
        }
        if ui.small_button(tr("layer-zoom-to")).clicked() {
            commands.push(Command::ZoomToLayer(id));
        }
        if ui
            .small_button(tr("layer-table"))
            .on_hover_text(tr("layer-table-hint"))
            .clicked()
        {
            commands.push(Command::ShowTableOf(id));
        }
        if ui
            .add_enabled(
                ws.is_unsaved(layer) || layer.path.is_none(),
                egui::Button::new(crate::i18n::tr("layers-save")).small(),
            )
            .on_hover_text(crate::i18n::tr("layers-save-tooltip"))
            .clicked()
        {
            commands.push(Command::SaveLayer(id));
        }
        if ui.small_button(tr("layer-close")).clicked() {
            commands.push(Command::CloseLayer(id));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(tr("layer-opacity"));
        let mut opacity = layer.opacity;
        if ui
            .add(egui::Slider::new(&mut opacity, 0.0..=1.0).show_value(false))
            .labelled_by(label.id)
            .changed()
        {
            commands.push(Command::SetLayerOpacity(id, opacity));
        }
    });
}

/// The legend of the layer as drawn (a click on a category shows or hides it through the
/// layer's filter), and the symbology editor.
fn legend_and_symbology(
    ui: &mut egui::Ui,
    ws: &Workspace,
    layer: &Layer,
    form: &mut FilterForm,
    commands: &mut Vec<Command>,
) {
    let style = ws.style(layer);
    let legend = form.legend(ws, layer, &style);
    egui::CollapsingHeader::new(tr("layer-legend"))
        .id_salt(("legend", layer.id))
        .default_open(true)
        .show(ui, |ui| {
            let shown = legend.1.as_deref();
            if let Some(click) = symbology::show_legend(ui, layer, &legend.0, shown) {
                let (property, value) = click.filter_value;
                let counts = form.counts(ws, layer, &property);
                let mut builder = filters::current_builder(ws, layer);
                builder
                    .categories
                    .insert(property.clone(), counts.0.clone());
                let category = category_of(Some(&value));
                let hidden = builder.hidden.entry(property).or_default();
                if !hidden.remove(&category) {
                    hidden.insert(category);
                }
                commands.push(Command::SetFilterBuilder {
                    layer: layer.id,
                    builder: Box::new(builder),
                });
            }
        });
    egui::CollapsingHeader::new(tr("layer-symbology"))
        .id_salt(("symbology", layer.id))
        .show(ui, |ui| {
            if let Some(new) = symbology::show(ui, layer, &style) {
                commands.push(Command::SetLayerStyle(layer.id, Box::new(new)));
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
            let combo_label = ui.label(tr("layer-role"));
            egui::ComboBox::from_id_salt(("role", id))
                .selected_text(labels::layer_role(layer.role, lang()))
                .show_ui(ui, |ui| {
                    for role in LayerRole::ALL {
                        if ui
                            .selectable_label(layer.role == role, labels::layer_role(role, lang()))
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
                let combo_label = ui.label(labels::property_role(role, lang()));
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
