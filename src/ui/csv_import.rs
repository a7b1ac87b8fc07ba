//! The CSV column-confirmation dialog: the file's columns, the geometry columns minemap
//! guessed (or "no coordinate column found"), the first rows, and combo boxes to change the
//! delimiter and the columns before the file loads. It edits a copy of the draft and pushes
//! the changed draft, the new delimiter, the load or the cancel as commands.

use crate::i18n::{tr, tr_args};
use crate::io::csv::CsvGeometry;
use crate::state::csv_import::{CsvImport, CsvSource};
use crate::state::{Command, Workspace};

/// Delimiters offered, with how each is shown.
const DELIMITERS: &[(u8, &str)] = &[(b',', ","), (b';', ";"), (b'\t', "Tab"), (b'|', "|")];

/// Shows the dialog for the first CSV waiting for confirmation, if any.
pub fn show(ctx: &egui::Context, ws: &Workspace, commands: &mut Vec<Command>) {
    let Some(import) = ws.csv_imports.first() else {
        return;
    };
    let mut draft = import.clone();
    let file = import.path.file_name().map_or_else(
        || import.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    egui::Window::new(tr("csv-import-title"))
        .id(egui::Id::unique("csv import"))
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .collapsible(false)
        .resizable(true)
        .default_width(640.0)
        .show(ctx, |ui| {
            ui.strong(&file);
            guess_line(ui, import);
            ui.separator();
            choices(ui, &mut draft, commands);
            ui.separator();
            preview_grid(ui, &draft);
            ui.separator();
            ui.horizontal(|ui| {
                let options = draft.options();
                let load =
                    ui.add_enabled(options.is_some(), egui::Button::new(tr("csv-import-load")));
                if options.is_none() {
                    ui.label(tr("csv-import-choose-hint"));
                }
                if load.clicked()
                    && let Some(options) = options
                {
                    commands.push(Command::ConfirmCsvImport(options));
                }
                if ui.button(tr("csv-import-cancel")).clicked() {
                    commands.push(Command::CancelCsvImport);
                }
            });
        });
    if draft != *import && draft.delimiter == import.delimiter {
        commands.push(Command::SetCsvImport(Box::new(draft)));
    }
}

/// What minemap found: the guessed columns, or that none were found.
fn guess_line(ui: &mut egui::Ui, import: &CsvImport) {
    let name = |i: usize| import.preview.headers.get(i).cloned().unwrap_or_default();
    match &import.preview.geometry {
        Ok(CsvGeometry::LatLon { lat, lon }) => {
            ui.label(tr_args(
                "csv-import-detected-latlon",
                &[("lat", name(*lat).into()), ("lon", name(*lon).into())],
            ));
        }
        Ok(CsvGeometry::Wkt(i)) => {
            ui.label(tr_args(
                "csv-import-detected-wkt",
                &[("column", name(*i).into())],
            ));
        }
        Ok(CsvGeometry::Geopoint(i) | CsvGeometry::Coordinate(i)) => {
            ui.label(tr_args(
                "csv-import-detected-coordinate",
                &[("column", name(*i).into())],
            ));
        }
        Err(_) => {
            ui.colored_label(ui.visuals().warn_fg_color, tr("csv-import-none-found"));
        }
    }
}

/// The delimiter, the kind of geometry and its columns.
fn choices(ui: &mut egui::Ui, draft: &mut CsvImport, commands: &mut Vec<Command>) {
    let headers = draft.preview.headers.clone();
    egui::Grid::new("csv import choices")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(tr("csv-import-delimiter"));
            let current = DELIMITERS
                .iter()
                .find(|(d, _)| *d == draft.delimiter)
                .map_or_else(
                    || char::from(draft.delimiter).to_string(),
                    |(_, s)| (*s).to_owned(),
                );
            egui::ComboBox::from_id_salt("csv delimiter")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (d, shown) in DELIMITERS {
                        if ui.selectable_label(draft.delimiter == *d, *shown).clicked()
                            && draft.delimiter != *d
                        {
                            commands.push(Command::SetCsvDelimiter(*d));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();

            let label = ui.label(tr("csv-import-geometry-from"));
            let source_name = |s: CsvSource| match s {
                CsvSource::LatLon => tr("csv-import-source-latlon"),
                CsvSource::Wkt => tr("csv-import-source-wkt"),
                CsvSource::Coordinate => tr("csv-import-source-coordinate"),
            };
            egui::ComboBox::from_id_salt("csv geometry source")
                .selected_text(source_name(draft.source))
                .show_ui(ui, |ui| {
                    for s in [CsvSource::LatLon, CsvSource::Wkt, CsvSource::Coordinate] {
                        ui.selectable_value(&mut draft.source, s, source_name(s));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();

            let column = |ui: &mut egui::Ui, key: &str, value: &mut Option<usize>| {
                let label = ui.label(tr(key));
                let shown = value
                    .and_then(|i| headers.get(i))
                    .map_or_else(|| tr("csv-import-no-column").to_owned(), Clone::clone);
                egui::ComboBox::from_id_salt(("csv column", key))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for (i, h) in headers.iter().enumerate() {
                            ui.selectable_value(value, Some(i), h);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            };
            match draft.source {
                CsvSource::LatLon => {
                    column(ui, "csv-import-latitude", &mut draft.lat);
                    column(ui, "csv-import-longitude", &mut draft.lon);
                }
                CsvSource::Wkt => column(ui, "csv-import-wkt", &mut draft.wkt),
                CsvSource::Coordinate => column(ui, "csv-import-coordinate", &mut draft.coordinate),
            }
        });
}

/// The header and the first rows, the chosen geometry columns highlighted.
fn preview_grid(ui: &mut egui::Ui, draft: &CsvImport) {
    ui.label(tr_args(
        "csv-import-preview",
        &[("count", draft.preview.rows.len().into())],
    ));
    let highlight = ui.visuals().selection.bg_fill;
    egui::ScrollArea::both()
        .max_height(260.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("csv import preview")
                .striped(true)
                .num_columns(draft.preview.headers.len())
                .show(ui, |ui| {
                    for (i, h) in draft.preview.headers.iter().enumerate() {
                        let text = egui::RichText::new(h).strong();
                        if draft.is_chosen(i) {
                            ui.label(text.background_color(highlight));
                        } else {
                            ui.label(text);
                        }
                    }
                    ui.end_row();
                    for row in &draft.preview.rows {
                        for i in 0..draft.preview.headers.len() {
                            let cell = row.get(i).map_or("", String::as_str);
                            // Long WKT would widen the grid past the window.
                            let shown: String = if cell.chars().count() > 40 {
                                cell.chars().take(39).chain(['…']).collect()
                            } else {
                                cell.to_owned()
                            };
                            ui.label(shown);
                        }
                        ui.end_row();
                    }
                });
        });
}
