//! The attribute table: a tab per layer, every property a column plus the computed geodesic
//! area and perimeter. Rows are virtualised (only those on screen are laid out), sorted by
//! a header click, filtered by the layer's filter; a click selects and zooms, Ctrl+click adds
//! to the selection, a double click edits the cell in place (Enter keeps, Esc drops). New
//! columns and bulk edits of the selected or shown rows are one undo step each.

use crate::i18n::format::{Unit, count, unit};
use crate::i18n::{lang, tr, tr_args};
use egui_extras::{Column as TableColumn, TableBuilder};

use crate::analysis::measures::MeasureCache;
use crate::analysis::sort::Column;
use crate::model::{Feature, FeatureRef, Layer, LayerId, PropertyValue, value_text};
use crate::state::table::{TableState, typed_value};
use crate::state::{Command, Workspace};
use crate::ui::inspector::group_thousands;

/// Height of a row, in points.
const ROW_HEIGHT: f32 = 20.0;

/// The cell being edited.
#[derive(Clone, Debug, PartialEq)]
struct CellEdit {
    target: FeatureRef,
    key: String,
    text: String,
    /// Focus the text field on the first frame.
    focus: bool,
}

/// The table's drafts: the cell being edited, the new column's name, the bulk-edit form,
/// and the selection it last scrolled to.
#[derive(Default)]
pub struct TableForm {
    editing: Option<CellEdit>,
    new_column: String,
    bulk_key: String,
    bulk_value: String,
    scrolled_to: Option<FeatureRef>,
}

/// The text a cell shows: text as written, numbers as written, arrays and objects as JSON,
/// null and missing empty.
fn cell_text(v: Option<&PropertyValue>) -> String {
    match v {
        None | Some(PropertyValue::Null) => String::new(),
        Some(v @ (PropertyValue::Array(_) | PropertyValue::Object(_))) => v.to_string(),
        Some(v) => value_text(v),
    }
}

/// The columns of a layer's table.
pub(crate) fn columns(layer: &Layer) -> Vec<Column> {
    // The computed measures next to the id: they are what people sort and compare by.
    let mut cols = vec![Column::Id];
    if layer.features.iter().take(1000).any(Feature::is_polygonal) {
        cols.push(Column::Area);
        cols.push(Column::Perimeter);
    }
    cols.extend(layer.property_keys().into_iter().map(Column::Property));
    cols
}

pub(crate) fn column_title(c: &Column) -> String {
    match c {
        Column::Id => tr("table-feature-id").to_owned(),
        Column::Property(k) => k.clone(),
        Column::Area => tr_args("table-area", &[("unit", unit(Unit::M2, lang()).into())]),
        Column::Perimeter => tr_args("table-perimeter", &[("unit", unit(Unit::M, lang()).into())]),
    }
}

/// Shows the table of the chosen layer.
pub fn show(
    ui: &mut egui::Ui,
    ws: &Workspace,
    state: &mut TableState,
    measures: &mut MeasureCache,
    form: &mut TableForm,
    commands: &mut Vec<Command>,
) {
    // Tabs.
    let current = state
        .layer
        .filter(|id| ws.layer(*id).is_some())
        .or_else(|| ws.layers.last().map(|l| l.id));
    ui.horizontal(|ui| {
        ui.strong(tr("table-title"));
        for layer in ws.layers.iter().rev() {
            let (shown, total) = ws.shown_count(layer);
            let label = if shown == total {
                format!("{} ({})", layer.name, count(total, lang()))
            } else {
                format!(
                    "{} ({} / {})",
                    layer.name,
                    count(shown, lang()),
                    count(total, lang())
                )
            };
            if ui
                .selectable_label(current == Some(layer.id), label)
                .clicked()
            {
                commands.push(Command::ShowTableOf(layer.id));
            }
        }
    });
    let Some(layer) = current.and_then(|id| ws.layer(id)) else {
        ui.label(tr("table-no-layers"));
        return;
    };
    let rows = state.rows(ws, measures, layer);
    let view = state.view(layer.id);
    let cols = columns(layer);
    let layer_measures = measures.measures(layer);
    toolbar(ui, ws, layer, &rows, view.only_selected, form, commands);
    ui.separator();

    // Scroll to the selection when it changed (a click on the map).
    let mut scroll_to = None;
    if ws.selection != form.scrolled_to {
        form.scrolled_to = ws.selection;
        if let Some(sel) = ws.selection.filter(|s| s.layer == layer.id) {
            scroll_to = rows.iter().position(|&i| i == sel.index);
        }
    }

    let font = egui::TextStyle::Body.resolve(ui.style());
    let painter = ui.painter().clone();
    let title_width = |title: &str| {
        painter
            .layout_no_wrap(title.to_owned(), font.clone(), egui::Color32::PLACEHOLDER)
            .size()
            .x
    };
    let mut builder = TableBuilder::new(ui)
        .id_salt(("attribute table", layer.id))
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .auto_shrink([false, false])
        .min_scrolled_height(0.0)
        .max_scroll_height(f32::INFINITY);
    for c in &cols {
        let width = match c {
            // The computed columns' titles are ours, and longer in az and ru: fit them.
            Column::Id | Column::Area | Column::Perimeter => {
                (title_width(&column_title(c)) + 12.0).max(90.0)
            }
            Column::Property(_) => 110.0,
        };
        builder = builder.column(TableColumn::initial(width).at_least(40.0).clip(true));
    }
    if let Some(row) = scroll_to {
        builder = builder.scroll_to_row(row, Some(egui::Align::Center));
    }
    builder
        .header(ROW_HEIGHT + 2.0, |mut header| {
            for c in &cols {
                header.col(|ui| {
                    let title = column_title(c);
                    let arrow = match &view.sort {
                        Some((s, false)) if s == c => tr("table-ascending"),
                        Some((s, true)) if s == c => tr("table-descending"),
                        _ => "",
                    };
                    let r = ui
                        .add(
                            egui::Button::new(
                                egui::RichText::new(if arrow.is_empty() {
                                    title
                                } else {
                                    format!("{title} ({arrow})")
                                })
                                .strong(),
                            )
                            .frame(false),
                        )
                        .on_hover_text(tr("table-sort-hint"));
                    if r.clicked() {
                        let sort = match &view.sort {
                            Some((s, false)) if s == c => Some((c.clone(), true)),
                            Some((s, true)) if s == c => None,
                            _ => Some((c.clone(), false)),
                        };
                        commands.push(Command::SortTable {
                            layer: layer.id,
                            sort,
                        });
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                let Some(&index) = rows.get(row.index()) else {
                    return;
                };
                let target = FeatureRef {
                    layer: layer.id,
                    index,
                };
                let Some(feature) = layer.features.get(index) else {
                    return;
                };
                row.set_selected(ws.selected.contains(&target));
                let m = layer_measures.get(index);
                for c in &cols {
                    let (_, cell) = row.col(|ui| {
                        cell_ui(ui, c, target, feature, m, form, commands);
                    });
                    cell.context_menu(|ui| {
                        if let Column::Property(key) = c
                            && ui.button(tr("table-edit-cell")).clicked()
                        {
                            form.editing = Some(CellEdit {
                                target,
                                key: key.clone(),
                                text: cell_text(feature.properties.get(key)),
                                focus: true,
                            });
                            ui.close();
                        }
                        if ui.button(tr("table-copy-cell")).clicked() {
                            ui.ctx().copy_text(plain_cell(c, feature, m, index));
                            ui.close();
                        }
                        if ui.button(tr("table-copy-row")).clicked() {
                            let row: Vec<String> = cols
                                .iter()
                                .map(|c| plain_cell(c, feature, m, index))
                                .collect();
                            ui.ctx().copy_text(row.join("\t"));
                            ui.close();
                        }
                    });
                    if let Column::Property(key) = c
                        && cell.double_clicked()
                    {
                        form.editing = Some(CellEdit {
                            target,
                            key: key.clone(),
                            text: cell_text(feature.properties.get(key)),
                            focus: true,
                        });
                    }
                }
                let response = row.response();
                if response.clicked() {
                    if response.ctx.input(|i| i.modifiers.command) {
                        commands.push(Command::ToggleSelected(target));
                    } else {
                        form.scrolled_to = Some(target);
                        commands.push(Command::Select(Some(target)));
                        commands.push(Command::ZoomToFeature(target));
                    }
                }
            });
        });
}

/// A cell's value as copied: what the cell shows, areas unformatted.
fn plain_cell(
    c: &Column,
    feature: &Feature,
    m: Option<&crate::analysis::measures::FeatureMeasures>,
    index: usize,
) -> String {
    match c {
        Column::Id => feature.display_id(index),
        Column::Property(k) => cell_text(feature.properties.get(k)),
        Column::Area => m.map_or_else(String::new, |m| format!("{:.2}", m.area_m2)),
        Column::Perimeter => m.map_or_else(String::new, |m| format!("{:.2}", m.perimeter_m)),
    }
}

/// One cell: its value, or the text field while it is being edited.
fn cell_ui(
    ui: &mut egui::Ui,
    c: &Column,
    target: FeatureRef,
    feature: &Feature,
    m: Option<&crate::analysis::measures::FeatureMeasures>,
    form: &mut TableForm,
    commands: &mut Vec<Command>,
) {
    match c {
        Column::Id => {
            let id = feature.display_id(target.index);
            if feature.properties_edited || feature.geometry_edited {
                let colour = ui.visuals().warn_fg_color;
                ui.label(
                    egui::RichText::new(format!("{id} *"))
                        .italics()
                        .color(colour),
                )
                .on_hover_text(tr("table-edited-not-saved"));
            } else {
                ui.label(id);
            }
        }
        Column::Area => {
            ui.label(m.map_or_else(String::new, |m| group_thousands(m.area_m2)));
        }
        Column::Perimeter => {
            ui.label(m.map_or_else(String::new, |m| group_thousands(m.perimeter_m)));
        }
        Column::Property(key) => {
            let editing = form
                .editing
                .as_mut()
                .filter(|e| e.target == target && &e.key == key);
            if let Some(edit) = editing {
                let r = ui.add(
                    egui::TextEdit::singleline(&mut edit.text)
                        .id_salt(("cell edit", target, key.as_str()))
                        .desired_width(f32::INFINITY),
                );
                if edit.focus {
                    r.request_focus();
                    edit.focus = false;
                }
                let (enter, escape) = ui.input(|i| {
                    (
                        i.key_pressed(egui::Key::Enter),
                        i.key_pressed(egui::Key::Escape),
                    )
                });
                if escape {
                    form.editing = None;
                } else if enter || (r.lost_focus() && !r.has_focus()) {
                    let value = typed_value(&edit.text, feature.properties.get(key));
                    commands.push(Command::SetProperty {
                        layer: target.layer,
                        indices: vec![target.index],
                        key: key.clone(),
                        value,
                    });
                    form.editing = None;
                }
            } else {
                let v = feature.properties.get(key);
                let text = cell_text(v);
                let mut rich = egui::RichText::new(text);
                if matches!(v, Some(PropertyValue::Number(_))) {
                    rich = rich.monospace();
                }
                ui.add(egui::Label::new(rich).truncate().selectable(false));
            }
        }
    }
}

/// Above the table: what is shown, only-selected, a new column, a bulk edit.
fn toolbar(
    ui: &mut egui::Ui,
    ws: &Workspace,
    layer: &Layer,
    rows: &[usize],
    only_selected: bool,
    form: &mut TableForm,
    commands: &mut Vec<Command>,
) {
    let id = layer.id;
    let selected: Vec<usize> = ws
        .selected
        .iter()
        .filter(|r| r.layer == id)
        .map(|r| r.index)
        .collect();
    ui.horizontal_wrapped(|ui| {
        ui.label(tr_args("table-rows", &[("count", rows.len().into())]));
        let mut only = only_selected;
        if ui
            .checkbox(
                &mut only,
                tr_args("table-only-selected", &[("count", selected.len().into())]),
            )
            .changed()
        {
            commands.push(Command::SetTableOnlySelected(id, only));
        }
        if ui
            .add_enabled(
                !rows.is_empty(),
                egui::Button::new(tr("table-select-shown")),
            )
            .on_hover_text(tr("table-select-shown-hint"))
            .clicked()
        {
            commands.push(Command::SelectMany(
                rows.iter()
                    .map(|&index| FeatureRef { layer: id, index })
                    .collect(),
            ));
        }
        if ui
            .add_enabled(
                !rows.is_empty(),
                egui::Button::new(crate::i18n::tr("table-export-csv")),
            )
            .on_hover_text(crate::i18n::tr("table-export-csv-tooltip"))
            .clicked()
        {
            commands.push(Command::ExportTableCsv(id));
        }
        ui.separator();
        let label = ui.label(tr("table-new-column"));
        ui.add(
            egui::TextEdit::singleline(&mut form.new_column)
                .hint_text("priority_review")
                .desired_width(110.0),
        )
        .labelled_by(label.id);
        if ui
            .add_enabled(
                !form.new_column.trim().is_empty(),
                egui::Button::new(tr("table-add-column")),
            )
            .on_hover_text(tr("table-add-column-hint"))
            .clicked()
        {
            commands.push(Command::AddColumn {
                layer: id,
                indices: (0..layer.features.len()).collect(),
                key: form.new_column.trim().to_owned(),
            });
            form.new_column.clear();
        }
        ui.separator();
        let keys = layer.property_keys();
        if form.bulk_key.is_empty() || !keys.contains(&form.bulk_key) {
            form.bulk_key = keys.first().cloned().unwrap_or_default();
        }
        let label = ui.label(tr("table-set"));
        egui::ComboBox::from_id_salt(("bulk key", id))
            .selected_text(form.bulk_key.as_str())
            .show_ui(ui, |ui| {
                for k in &keys {
                    ui.selectable_value(&mut form.bulk_key, k.clone(), k);
                }
            })
            .response
            .labelled_by(label.id);
        ui.label(tr("table-set-to"));
        ui.add(
            egui::TextEdit::singleline(&mut form.bulk_value)
                .hint_text(tr("table-value-hint"))
                .desired_width(90.0),
        );
        let bulk = |indices: Vec<usize>, commands: &mut Vec<Command>, form: &TableForm| {
            let was = indices
                .first()
                .and_then(|&i| layer.features.get(i))
                .and_then(|f| f.properties.get(&form.bulk_key));
            commands.push(Command::SetProperty {
                layer: id,
                indices,
                key: form.bulk_key.clone(),
                value: typed_value(&form.bulk_value, was),
            });
        };
        if ui
            .add_enabled(
                !selected.is_empty() && !form.bulk_key.is_empty(),
                egui::Button::new(tr_args(
                    "table-for-selected",
                    &[("count", selected.len().into())],
                )),
            )
            .clicked()
        {
            bulk(selected.clone(), commands, form);
        }
        if ui
            .add_enabled(
                !rows.is_empty() && !form.bulk_key.is_empty(),
                egui::Button::new(tr_args("table-for-shown", &[("count", rows.len().into())])),
            )
            .on_hover_text(tr("table-for-shown-hint"))
            .clicked()
        {
            bulk(rows.to_vec(), commands, form);
        }
    });
}

/// The layer a table tab shows, for tests.
#[must_use]
pub fn shown_layer(state: &TableState, ws: &Workspace) -> Option<LayerId> {
    state
        .layer
        .filter(|id| ws.layer(*id).is_some())
        .or_else(|| ws.layers.last().map(|l| l.id))
}
