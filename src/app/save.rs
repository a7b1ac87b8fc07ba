//! Export, Save, Save as, the CSV tables and the questions that keep unsaved edits from
//! being lost: the commands of issue 10, applied here (called from `apply`), the save
//! dialog on its own thread, the file jobs polled every frame, and the window's close
//! button intercepted while edits are unsaved.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use super::MinemapApp;
use crate::i18n::{tr, tr_args};
use crate::model::LayerId;
use crate::state::export::{
    ExportInput, ExportRequest, FileDone, FileJob, PreviewJob, saves_in_place, statistics_table,
    suggested_geojson_name, write_table,
};
use crate::state::{Command, Level};
use crate::ui::save::Question;

/// What a path from the save dialog is for.
#[derive(Clone, Debug)]
enum PathPurpose {
    Export(Box<ExportRequest>),
    Layer { layer: LayerId, then_close: bool },
    Table(LayerId),
    Statistics,
}

/// The state of exporting and saving the app keeps between frames.
#[derive(Default)]
pub struct SaveState {
    /// The file being written (one at a time; saves asked for meanwhile wait in `queued`).
    pub(super) job: Option<FileJob>,
    queued: VecDeque<(LayerId, PathBuf, bool)>,
    /// The export dry run being worked out, and the last one finished.
    pub(super) preview: Option<PreviewJob>,
    pub(super) summary: Option<(
        ExportRequest,
        crate::state::export::DataKey,
        crate::io::export::ExportSummary,
    )>,
    /// The save dialog's answer, from its thread.
    dialog: Option<Receiver<(PathPurpose, Option<PathBuf>)>>,
    /// Quit once the saves started by "Save all and quit" are done.
    quit_after_save: bool,
    /// The user chose to quit (saved or discarded): the next close request goes through.
    allow_close: bool,
    /// The window title last sent.
    title: String,
}

impl MinemapApp {
    /// The layer Save and Export act on: the selected feature's, else the attribute
    /// table's, else the top one.
    #[must_use]
    pub fn active_layer(&self) -> Option<LayerId> {
        let ws = &self.workspace;
        ws.selection
            .map(|r| r.layer)
            .or(self.table.layer)
            .filter(|id| ws.layer(*id).is_some())
            .or_else(|| ws.layers.last().map(|l| l.id))
    }

    /// Applies the commands of exporting and saving.
    #[allow(clippy::too_many_lines)] // one short arm per command
    pub(super) fn apply_save(&mut self, command: Command) {
        match command {
            Command::ShowExportDialog => {
                let active = self.active_layer();
                self.export_form.open_with(&self.settings.export, active);
            }
            // One dry run at a time: the dialog asks again when it ends, if still stale.
            Command::PreviewExport(request) if self.save.preview.is_none() => {
                let input = ExportInput::new(&self.workspace, &mut self.measures, &request);
                let key = crate::state::export::data_key(&self.workspace, &request);
                let wake = self.waker();
                self.save.preview = Some(PreviewJob::spawn(input, *request, key, wake));
            }
            Command::ChooseExportPath(request) => {
                self.remember_export(&request);
                let name = request
                    .layers
                    .first()
                    .and_then(|id| self.workspace.layer(*id))
                    .map_or_else(|| "export.geojson".to_owned(), suggested_geojson_name);
                self.ask_path(PathPurpose::Export(request), name, true);
            }
            Command::ExportTo(path, request) => {
                if self.save.job.is_some() {
                    self.workspace
                        .message(Level::Warning, tr("save-busy").to_owned(), Vec::new());
                    return;
                }
                self.remember_export(&request);
                let input = ExportInput::new(&self.workspace, &mut self.measures, &request);
                let wake = self.waker();
                self.save.job = Some(FileJob::export(input, path, wake));
            }
            Command::CancelFileJob => {
                // Dropping the job sets its cancel flag; the file is left as it was.
                let cancelled = self.save.job.take().is_some();
                if cancelled {
                    self.workspace.message(
                        Level::Info,
                        tr("save-cancelled").to_owned(),
                        Vec::new(),
                    );
                }
            }
            Command::Save => {
                if let Some(id) = self.active_layer() {
                    self.apply_save(Command::SaveLayer(id));
                }
            }
            Command::SaveAs => {
                if let Some(id) = self.active_layer() {
                    self.apply_save(Command::SaveLayerAs {
                        layer: id,
                        then_close: false,
                    });
                }
            }
            Command::SaveLayer(id) => {
                let Some(layer) = self.workspace.layer(id) else {
                    return;
                };
                match (&layer.path, saves_in_place(layer)) {
                    (Some(path), true) => {
                        self.question = Some(Question::ConfirmSave {
                            layer: id,
                            path: path.clone(),
                        });
                    }
                    // Read from a Shapefile, KML… or made here: Save as GeoJSON.
                    _ => {
                        if layer.path.is_some() {
                            self.workspace.message(
                                Level::Info,
                                tr_args(
                                    "save-not-geojson",
                                    &[("layer", layer.name.as_str().into())],
                                ),
                                Vec::new(),
                            );
                        }
                        self.apply_save(Command::SaveLayerAs {
                            layer: id,
                            then_close: false,
                        });
                    }
                }
            }
            Command::SaveLayerAs { layer, then_close } => {
                let Some(l) = self.workspace.layer(layer) else {
                    return;
                };
                let name = suggested_geojson_name(l);
                self.ask_path(PathPurpose::Layer { layer, then_close }, name, true);
            }
            Command::SaveLayerTo {
                layer,
                path,
                then_close,
            } => {
                self.save.queued.push_back((layer, path, then_close));
                self.start_queued_save();
            }
            Command::SaveAllAndQuit => {
                let targets: Vec<(LayerId, PathBuf)> = self
                    .workspace
                    .unsaved_layers()
                    .filter(|l| saves_in_place(l))
                    .filter_map(|l| Some((l.id, l.path.clone()?)))
                    .collect();
                self.save.quit_after_save = true;
                for (layer, path) in targets {
                    self.save.queued.push_back((layer, path, false));
                }
                self.start_queued_save();
                self.quit_if_saved();
            }
            Command::QuitDiscarding => {
                self.save.allow_close = true;
                self.egui_ctx
                    .send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::DismissQuestion => self.question = None,
            Command::DiscardAndCloseLayer(id) => self.close_layer(id),
            Command::ExportTableCsv(layer) => {
                let name = self.workspace.layer(layer).map_or_else(
                    || "table.csv".to_owned(),
                    |l| suggested_geojson_name(l).replace(".geojson", ".csv"),
                );
                self.ask_path(PathPurpose::Table(layer), name, false);
            }
            Command::WriteTableCsv { layer, path } => self.write_table_csv(layer, &path),
            Command::ExportStatisticsCsv => {
                self.ask_path(PathPurpose::Statistics, "statistics.csv".to_owned(), false);
            }
            Command::WriteStatisticsCsv(path) => {
                let (header, rows) = statistics_table(&self.workspace, &self.analysis);
                self.report_table(&path, write_table(&path, &header, &rows), rows.len());
            }
            _ => {}
        }
    }

    /// Keeps the dialog's choices for next time.
    fn remember_export(&mut self, request: &ExportRequest) {
        let e = &mut self.settings.export;
        e.scope = request.scope;
        e.options = request.options.clone();
        e.privacy = self.export_form.privacy_options();
    }

    /// Starts the next queued save, unless a file is being written.
    fn start_queued_save(&mut self) {
        if self.save.job.is_some() {
            return;
        }
        while let Some((layer, path, then_close)) = self.save.queued.pop_front() {
            if let Some(l) = self.workspace.layer(layer) {
                let wake = self.waker();
                self.save.job = Some(FileJob::save(l.clone(), path, then_close, wake));
                return;
            }
        }
    }

    /// Quits once "Save all and quit" has nothing left to save.
    fn quit_if_saved(&mut self) {
        if self.save.quit_after_save
            && self.save.job.is_none()
            && self.save.queued.is_empty()
            && self.workspace.unsaved_layers().next().is_none()
        {
            self.save.allow_close = true;
            self.egui_ctx
                .send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Asks where to write (the native dialog on its own thread), or takes
    /// [`MinemapApp::dialog_answer`] when set.
    fn ask_path(&mut self, purpose: PathPurpose, file_name: String, geojson: bool) {
        if let Some(path) = self.dialog_answer.clone() {
            self.path_chosen(purpose, path);
            return;
        }
        let folder = match &purpose {
            PathPurpose::Layer { layer, .. } | PathPurpose::Table(layer) => {
                self.workspace.layer(*layer).and_then(|l| {
                    l.path
                        .as_deref()?
                        .parent()
                        .map(std::path::Path::to_path_buf)
                })
            }
            PathPurpose::Export(r) => r
                .layers
                .first()
                .and_then(|id| self.workspace.layer(*id))
                .and_then(|l| {
                    l.path
                        .as_deref()?
                        .parent()
                        .map(std::path::Path::to_path_buf)
                }),
            PathPurpose::Statistics => None,
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let wake = self.waker();
        let title = if geojson {
            tr("save-dialog-geojson")
        } else {
            tr("save-dialog-csv")
        };
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new()
                .set_title(title)
                .set_file_name(file_name);
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            dialog = if geojson {
                dialog.add_filter("GeoJSON", &["geojson", "json"])
            } else {
                dialog.add_filter("CSV", &["csv"])
            };
            let picked = dialog.save_file();
            // The app may have closed meanwhile: then nobody is waiting.
            let _ = tx.send((purpose, picked));
            wake();
        });
        self.save.dialog = Some(rx);
    }

    /// Goes on with what the path was asked for.
    fn path_chosen(&mut self, purpose: PathPurpose, path: PathBuf) {
        let next = match purpose {
            PathPurpose::Export(request) => Command::ExportTo(path, request),
            PathPurpose::Layer { layer, then_close } => Command::SaveLayerTo {
                layer,
                path,
                then_close,
            },
            PathPurpose::Table(layer) => Command::WriteTableCsv { layer, path },
            PathPurpose::Statistics => Command::WriteStatisticsCsv(path),
        };
        self.push(next);
    }

    /// The attribute table of `layer` as shown: its rows (sorted, filtered) and columns.
    fn write_table_csv(&mut self, layer_id: LayerId, path: &std::path::Path) {
        use crate::analysis::sort::Column;
        let ws = &self.workspace;
        let Some(layer) = ws.layer(layer_id) else {
            return;
        };
        let rows = self.table.rows(ws, &mut self.measures, layer);
        let measures = self.measures.measures(layer);
        let cols = crate::ui::table::columns(layer);
        let header: Vec<String> = cols.iter().map(crate::ui::table::column_title).collect();
        let m2 = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_default();
        let cells: Vec<Vec<String>> = rows
            .iter()
            .filter_map(|&i| Some((i, layer.features.get(i)?)))
            .map(|(i, f)| {
                cols.iter()
                    .map(|c| match c {
                        Column::Id => f.display_id(i),
                        Column::Area => m2(measures.get(i).map(|m| m.area_m2)),
                        Column::Perimeter => m2(measures.get(i).map(|m| m.perimeter_m)),
                        Column::Property(k) => f
                            .properties
                            .get(k)
                            .map(crate::io::table::cell_text)
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .collect();
        let result = write_table(path, &header, &cells);
        self.report_table(path, result, cells.len());
    }

    fn report_table(&mut self, path: &std::path::Path, result: Result<(), String>, rows: usize) {
        match result {
            Ok(()) => self.workspace.message(
                Level::Info,
                tr_args(
                    "save-table-written",
                    &[
                        ("count", rows.into()),
                        ("path", path.display().to_string().into()),
                    ],
                ),
                Vec::new(),
            ),
            Err(why) => self.workspace.message(Level::Error, why, Vec::new()),
        }
    }

    /// Collects the save dialog's answer and finished file jobs and previews.
    pub(super) fn poll_files(&mut self) {
        if let Some(rx) = &self.save.dialog
            && let Ok((purpose, picked)) = rx.try_recv()
        {
            self.save.dialog = None;
            if let Some(path) = picked {
                self.path_chosen(purpose, path);
            }
        }
        if let Some(p) = &self.save.preview
            && let Some(outcome) = p.job.poll()
        {
            let (request, key) = (p.request.clone(), p.key.clone());
            self.save.preview = None;
            match outcome {
                crate::state::jobs::Outcome::Done(summary) => {
                    self.save.summary = Some((request, key, summary));
                }
                crate::state::jobs::Outcome::Cancelled => {}
                crate::state::jobs::Outcome::Failed(why) => {
                    self.workspace.message(Level::Error, why, Vec::new());
                }
            }
        }
        let Some(result) = self.save.job.as_ref().and_then(FileJob::poll) else {
            return;
        };
        self.save.job = None;
        match result {
            Ok(FileDone::Exported {
                path,
                features,
                seconds,
            }) => {
                log::info!(
                    "exported {features} features to {} in {seconds:.2} s",
                    path.display()
                );
                self.export_form.open = false;
                self.workspace.message(
                    Level::Info,
                    tr_args(
                        "save-exported",
                        &[
                            ("count", features.into()),
                            ("path", path.display().to_string().into()),
                        ],
                    ),
                    Vec::new(),
                );
            }
            Ok(FileDone::Saved {
                layer,
                path,
                revision,
                then_close,
            }) => {
                // The edits are in the file now: the recovery journal drops them.
                self.layer_saved(layer);
                let ws = &mut self.workspace;
                ws.mark_saved(layer, revision);
                if let Some(l) = ws.layer_mut(layer) {
                    l.path = Some(path.clone());
                    // Written as GeoJSON: in WGS84 whatever it was read from.
                    l.source_crs = None;
                }
                ws.message(
                    Level::Info,
                    tr_args("save-saved", &[("path", path.display().to_string().into())]),
                    Vec::new(),
                );
                if then_close {
                    self.apply(Command::CloseLayer(layer));
                }
            }
            Err(why) => {
                // A failed save leaves quitting to the user.
                self.save.quit_after_save = false;
                self.save.queued.clear();
                self.workspace.message(Level::Error, why, Vec::new());
            }
        }
        self.start_queued_save();
        self.quit_if_saved();
    }

    /// The window's close button with unsaved edits: cancel the close and ask.
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.save.allow_close {
            return;
        }
        if self.workspace.unsaved_layers().next().is_some() || self.save.job.is_some() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.question = Some(Question::QuitUnsaved);
        }
    }

    /// "minemap — layer •" with a dot while edits are unsaved.
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let unsaved: Vec<&str> = self
            .workspace
            .unsaved_layers()
            .map(|l| l.name.as_str())
            .collect();
        let title = if unsaved.is_empty() {
            "minemap".to_owned()
        } else {
            format!("minemap — {} •", unsaved.join(", "))
        };
        if title != self.save.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.save.title = title;
        }
    }

    /// The export dialog, the open question and the progress of the file being written.
    pub(super) fn show_file_windows(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let status = crate::ui::export::ExportStatus {
            summary: self.save.summary.as_ref(),
            previewing: self.save.preview.is_some(),
            writing: self.save.job.is_some(),
        };
        crate::ui::export::show(
            ctx,
            &self.workspace,
            &mut self.export_form,
            &status,
            commands,
        );
        let progress = self.save.job.as_ref().map(|j| crate::ui::save::Progress {
            kind: &j.kind,
            fraction: j.job.progress(),
        });
        crate::ui::save::show_progress(ctx, progress, commands);
        crate::ui::save::show_question(ctx, &self.workspace, self.question.as_ref(), commands);
    }

    /// The window title for tests and the status bar.
    #[must_use]
    pub fn window_title(&self) -> &str {
        &self.save.title
    }

    /// True while a file is being written.
    #[must_use]
    pub fn is_writing(&self) -> bool {
        self.save.job.is_some()
    }
}
