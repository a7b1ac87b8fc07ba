//! Work that arrives from outside the frame: files loaded on their threads, the file
//! dialog's answer, files dropped on the window, and the keyboard.

use crate::i18n::{tr, tr_args};
use std::path::PathBuf;

use super::{MinemapApp, shortcut_commands};
use crate::map::style::LayerStyle;
use crate::state::{Command, Level, LoadJob, LoadSource};

impl MinemapApp {
    pub(super) fn start_load(&mut self, source: LoadSource) {
        let wake = self.waker();
        self.workspace.jobs.push(LoadJob::spawn(source, wake));
    }

    /// Shows the native file dialog on its own thread, so the window keeps drawing.
    pub(super) fn show_dialog(&mut self, tile_packages: bool) {
        let (tx, rx) = std::sync::mpsc::channel();
        let wake = self.waker();
        // Translated here: the dialog's thread must not depend on the language switching.
        let (title, open_tiles, tiles, all) = (
            tr("dialog-open"),
            tr("dialog-open-tile-package"),
            tr("filter-tile-packages"),
            tr("filter-all-files"),
        );
        std::thread::spawn(move || {
            let dialog = if tile_packages {
                rfd::FileDialog::new()
                    .set_title(open_tiles)
                    .add_filter(tiles, &["mbtiles", "pmtiles"])
            } else {
                // Every format the importers read, then tile packages.
                crate::io::OPEN_FILTERS
                    .iter()
                    .fold(
                        rfd::FileDialog::new().set_title(title),
                        |d, (name, exts)| d.add_filter(*name, exts),
                    )
                    .add_filter(tiles, &["mbtiles", "pmtiles"])
            };
            let picked = dialog
                .add_filter(all, &["*"])
                .pick_files()
                .unwrap_or_default();
            // The app may have closed meanwhile: then nobody is waiting.
            let _ = tx.send(picked);
            wake();
        });
        self.dialog = Some(rx);
    }

    /// Collects finished background work: loaded layers, dialog results, dropped files.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context) {
        let mut finished = Vec::new();
        self.workspace.jobs.retain(|job| match job.poll() {
            Some(result) => {
                finished.push((job.label.clone(), job.sequence, result));
                false
            }
            None => true,
        });
        for (label, sequence, result) in finished {
            match result {
                // A GeoPackage or a zip of shapefiles gives several layers.
                Ok(outcome) => {
                    for outcome in outcome.into_all() {
                        let loaded = outcome.loaded;
                        self.measures.insert(loaded.layer.id, outcome.measures);
                        self.map.overlay.insert_prepared(outcome.overlay);
                        let n = loaded.layer.features.len();
                        if !loaded.warnings.is_empty() {
                            let details = loaded.warnings.iter().map(ToString::to_string).collect();
                            self.workspace.message(
                                Level::Warning,
                                tr_args(
                                    "msg-loaded-with-warnings",
                                    &[
                                        ("file", label.as_str().into()),
                                        ("count", n.into()),
                                        ("unusable", loaded.warnings.len().into()),
                                    ],
                                ),
                                details,
                            );
                        }
                        let ws = &mut self.workspace;
                        // Stack in the order the files were opened, not the order threads finished.
                        let at = ws
                            .layers
                            .iter()
                            .position(|l| {
                                ws.load_sequence.get(&l.id).is_some_and(|&s| s > sequence)
                            })
                            .unwrap_or(ws.layers.len());
                        let id = loaded.layer.id;
                        let name = loaded.layer.name.clone();
                        // The style this file had last time, else its role's default.
                        let style = self
                            .settings
                            .styles
                            .get(&name)
                            .cloned()
                            .unwrap_or_else(|| LayerStyle::default_for(&loaded.layer));
                        self.map.overlay.set_style(id, style.clone());
                        ws.styles.insert(id, style);
                        ws.load_sequence.insert(id, sequence);
                        ws.layers.insert(at, loaded.layer);
                        if self.table.layer.is_none() {
                            self.table.layer = Some(id);
                        }
                        // The filter this file had last time.
                        if let Some(text) = self.settings.filters.get(&name).cloned() {
                            self.apply(Command::SetFilterText { layer: id, text });
                        }
                        // A project's settings for this file win over the remembered ones.
                        self.apply_project_layer(id);
                    }
                }
                Err(e) => self.workspace.message(
                    Level::Error,
                    tr_args("msg-could-not-open", &[("why", e.to_string().into())]),
                    Vec::new(),
                ),
            }
        }
        if self.fit_when_loaded
            && self.workspace.jobs.is_empty()
            && !self.workspace.layers.is_empty()
        {
            self.fit_when_loaded = false;
            self.apply(Command::ZoomToAll);
        }
        if let Some(rx) = &self.dialog
            && let Ok(paths) = rx.try_recv()
        {
            self.dialog = None;
            if !paths.is_empty() {
                self.apply(Command::OpenFiles(paths));
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.apply(Command::OpenFiles(dropped));
        }
    }

    /// Shortcuts of the actions (Ctrl+Z, Ctrl+O, Home…), and keyboard navigation of the map
    /// unless a text field has focus. Panning and zooming change only the view, never the
    /// data, so they act on the map directly rather than through the command list.
    pub(super) fn handle_keys(&mut self, ctx: &egui::Context) {
        let drawing = self.tools.draft.tool != crate::analysis::drawing::Tool::Select
            || self.tools.measured.is_some();
        for c in shortcut_commands(ctx) {
            // Esc cancels a drawing before it clears the selection.
            if drawing && c == Command::Select(None) {
                self.push(Command::CancelDraft);
            } else {
                self.push(c);
            }
        }
        if ctx.text_edit_focused() {
            return;
        }
        let step = 120.0;
        let (pan, zoom) = ctx.input(|i| {
            let mut pan = egui::Vec2::ZERO;
            if i.key_pressed(egui::Key::ArrowLeft) {
                pan.x -= step;
            }
            if i.key_pressed(egui::Key::ArrowRight) {
                pan.x += step;
            }
            if i.key_pressed(egui::Key::ArrowUp) {
                pan.y -= step;
            }
            if i.key_pressed(egui::Key::ArrowDown) {
                pan.y += step;
            }
            let mut zoom = 0.0;
            if i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals) {
                zoom += 1.0;
            }
            if i.key_pressed(egui::Key::Minus) {
                zoom -= 1.0;
            }
            (pan, zoom)
        });
        if pan != egui::Vec2::ZERO {
            self.map.pan_by(pan);
        }
        if zoom != 0.0 {
            self.map.zoom_by(zoom);
        }
    }
}
