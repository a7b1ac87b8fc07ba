//! The menu bar: File, View, Help.

use crate::analysis::coords::CoordFormat;
use crate::app::{Command, Settings, Workspace};

pub fn show(ui: &mut egui::Ui, ws: &Workspace, settings: &Settings, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui
                .add(egui::Button::new("Open GeoJSON…").shortcut_text("Ctrl+O"))
                .clicked()
            {
                commands.push(Command::ShowOpenDialog);
                ui.close();
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("View", |ui| {
            if ui
                .add_enabled(!ws.layers.is_empty(), egui::Button::new("Zoom to all layers").shortcut_text("Home"))
                .clicked()
            {
                commands.push(Command::ZoomToAll);
                ui.close();
            }
            ui.separator();
            ui.label("Coordinates");
            for f in CoordFormat::ALL {
                if ui.radio(settings.coord_format == f, f.label()).clicked() {
                    commands.push(Command::SetCoordFormat(f));
                    ui.close();
                }
            }
        });
        ui.menu_button("Help", |ui| {
            ui.label("minemap — offline GIS for mine action");
            ui.label("Pan: drag or arrow keys · Zoom: wheel, +/− · Home: zoom to all · Esc: clear selection");
            ui.label("Click a feature to inspect it.");
        });
    });
}
