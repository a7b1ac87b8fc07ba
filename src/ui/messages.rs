//! Errors and warnings from loading, shown until the user dismisses them.

use crate::i18n::{tr, tr_args};
use crate::state::{Command, Level, Workspace};

pub fn show(ctx: &egui::Context, ws: &Workspace, commands: &mut Vec<Command>) {
    if ws.messages.is_empty() {
        return;
    }
    egui::Window::new(tr("messages-title"))
        .id(egui::Id::unique("messages"))
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 40.0))
        .resizable(true)
        .collapsible(true)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for (i, m) in ws.messages.iter().enumerate() {
                        ui.horizontal(|ui| {
                            let (icon, color) = match m.level {
                                Level::Error => (tr("message-error"), ui.visuals().error_fg_color),
                                Level::Warning => {
                                    (tr("message-warning"), ui.visuals().warn_fg_color)
                                }
                                Level::Info => (tr("message-note"), ui.visuals().text_color()),
                            };
                            ui.colored_label(color, icon);
                            ui.add(egui::Label::new(&m.text).wrap());
                            if ui.small_button(tr("message-dismiss")).clicked() {
                                commands.push(Command::DismissMessage(m.id));
                            }
                        });
                        if !m.details.is_empty() {
                            egui::CollapsingHeader::new(tr_args(
                                "message-details",
                                &[("count", m.details.len().into())],
                            ))
                            .id_salt(("message details", i))
                            .show(ui, |ui| {
                                for d in &m.details {
                                    ui.label(d);
                                }
                            });
                        }
                        ui.separator();
                    }
                });
            if ui.button(tr("message-dismiss-all")).clicked() {
                commands.push(Command::ClearMessages);
            }
        });
}
