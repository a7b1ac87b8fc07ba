//! Saving's questions and progress: the confirmation before Save replaces a file (naming
//! the file and its `.bak`), the Save / Discard / Cancel question when a layer or the app is
//! closed with unsaved edits, and the progress of a file being written.

use std::path::PathBuf;

use crate::i18n::{tr, tr_args};
use crate::io::export::backup_path;
use crate::model::LayerId;
use crate::state::export::{FileJobKind, saves_in_place};
use crate::state::{Command, Workspace};

/// A question waiting for the user's answer (a modal window).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// Replace `path` with the layer's edits?
    ConfirmSave { layer: LayerId, path: PathBuf },
    /// The layer has unsaved edits and is being closed.
    CloseUnsaved(LayerId),
    /// The app is being closed with unsaved edits.
    QuitUnsaved,
}

/// A file job's progress, for the progress window.
pub struct Progress<'a> {
    pub kind: &'a FileJobKind,
    pub fraction: f32,
}

/// Shows the open question, if any.
pub fn show_question(
    ctx: &egui::Context,
    ws: &Workspace,
    question: Option<&Question>,
    commands: &mut Vec<Command>,
) {
    let Some(q) = question else { return };
    let modal = egui::Modal::new(egui::Id::unique("save question")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match q {
            Question::ConfirmSave { layer, path } => confirm_save(ui, ws, *layer, path, commands),
            Question::CloseUnsaved(layer) => close_unsaved(ui, ws, *layer, commands),
            Question::QuitUnsaved => quit_unsaved(ui, ws, commands),
        }
    });
    if modal.should_close() {
        commands.push(Command::DismissQuestion);
    }
}

fn layer_name(ws: &Workspace, layer: LayerId) -> String {
    ws.layer(layer)
        .map_or_else(|| "?".to_owned(), |l| l.name.clone())
}

fn confirm_save(
    ui: &mut egui::Ui,
    ws: &Workspace,
    layer: LayerId,
    path: &std::path::Path,
    commands: &mut Vec<Command>,
) {
    ui.heading(tr("save-confirm-title"));
    ui.label(tr_args(
        "save-confirm-text",
        &[
            ("layer", layer_name(ws, layer).into()),
            ("path", path.display().to_string().into()),
            ("backup", backup_path(path).display().to_string().into()),
        ],
    ));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button(tr("save-button")).clicked() {
            commands.push(Command::SaveLayerTo {
                layer,
                path: path.to_owned(),
                then_close: false,
            });
            commands.push(Command::DismissQuestion);
        }
        if ui.button(tr("save-cancel")).clicked() {
            commands.push(Command::DismissQuestion);
        }
    });
}

fn close_unsaved(ui: &mut egui::Ui, ws: &Workspace, layer: LayerId, commands: &mut Vec<Command>) {
    ui.heading(tr("save-unsaved-title"));
    ui.label(tr_args(
        "save-close-unsaved-text",
        &[("layer", layer_name(ws, layer).into())],
    ));
    ui.add_space(8.0);
    let in_place = ws.layer(layer).filter(|l| saves_in_place(l));
    ui.horizontal(|ui| {
        let save = ui.button(tr("save-button"));
        if let Some(l) = in_place {
            let path = l.path.clone().unwrap_or_default();
            let save = save.on_hover_text(tr_args(
                "save-keeps-backup",
                &[("backup", backup_path(&path).display().to_string().into())],
            ));
            if save.clicked() {
                commands.push(Command::SaveLayerTo {
                    layer,
                    path,
                    then_close: true,
                });
                commands.push(Command::DismissQuestion);
            }
        } else if save.on_hover_text(tr("save-as-geojson-tooltip")).clicked() {
            commands.push(Command::SaveLayerAs {
                layer,
                then_close: true,
            });
            commands.push(Command::DismissQuestion);
        }
        if ui.button(tr("save-discard")).clicked() {
            commands.push(Command::DiscardAndCloseLayer(layer));
            commands.push(Command::DismissQuestion);
        }
        if ui.button(tr("save-cancel")).clicked() {
            commands.push(Command::DismissQuestion);
        }
    });
}

fn quit_unsaved(ui: &mut egui::Ui, ws: &Workspace, commands: &mut Vec<Command>) {
    ui.heading(tr("save-unsaved-title"));
    ui.label(tr("save-quit-unsaved-text"));
    let mut all_in_place = true;
    for l in ws.unsaved_layers() {
        let in_place = saves_in_place(l);
        all_in_place &= in_place;
        let line = if in_place {
            format!("• {}", l.name)
        } else {
            tr_args("save-quit-no-file", &[("layer", l.name.as_str().into())])
        };
        ui.label(line);
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let save = ui.add_enabled(all_in_place, egui::Button::new(tr("save-all-and-quit")));
        let save = if all_in_place {
            save.on_hover_text(tr("save-all-tooltip"))
        } else {
            save.on_disabled_hover_text(tr("save-all-disabled-tooltip"))
        };
        if save.clicked() {
            commands.push(Command::SaveAllAndQuit);
            commands.push(Command::DismissQuestion);
        }
        if ui.button(tr("save-quit-discard")).clicked() {
            commands.push(Command::QuitDiscarding);
            commands.push(Command::DismissQuestion);
        }
        if ui.button(tr("save-cancel")).clicked() {
            commands.push(Command::DismissQuestion);
        }
    });
}

/// A small window with the progress of the file being written, and Cancel.
pub fn show_progress(
    ctx: &egui::Context,
    progress: Option<Progress<'_>>,
    commands: &mut Vec<Command>,
) {
    let Some(p) = progress else { return };
    let (title, path) = match p.kind {
        FileJobKind::Export(path) => (tr("save-progress-export"), path),
        FileJobKind::Save(path) => (tr("save-progress-save"), path),
    };
    egui::Window::new(title)
        .id(egui::Id::unique("file job progress"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -40.0))
        .show(ctx, |ui| {
            ui.label(path.display().to_string());
            ui.add(egui::ProgressBar::new(p.fraction).show_percentage());
            if matches!(p.kind, FileJobKind::Export(_)) && ui.button(tr("save-cancel")).clicked() {
                commands.push(Command::CancelFileJob);
            }
        });
}
