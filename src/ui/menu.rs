//! The menu bar: File, Edit, View, Help. Items with a shortcut come from
//! [`Action`], where their label and keys are spelled once.

use crate::analysis::coords::CoordFormat;
use crate::state::actions::Action;
use crate::state::{Command, Settings, Workspace};

/// A menu item for an action, with its shortcut; returns true when clicked.
fn action_item(ui: &mut egui::Ui, action: Action, label: &str, enabled: bool) -> bool {
    let shortcut = action.shortcut_text(ui.ctx());
    ui.add_enabled(enabled, egui::Button::new(label).shortcut_text(shortcut))
        .on_hover_text(action.tooltip())
        .clicked()
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, settings: &Settings, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if action_item(ui, Action::Open, Action::Open.label(), true) {
                commands.push(Action::Open.command());
                ui.close();
            }
            if action_item(ui, Action::ExportMapImage, Action::ExportMapImage.label(), true) {
                commands.push(Action::ExportMapImage.command());
                ui.close();
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("Edit", |ui| {
            // The items say what they would undo: "Undo: status of HA-00114".
            let undo = ws
                .history
                .undo_label()
                .map_or_else(|| "Undo".to_owned(), |l| format!("Undo: {l}"));
            if action_item(ui, Action::Undo, &undo, ws.history.can_undo()) {
                commands.push(Command::Undo);
                ui.close();
            }
            let redo = ws
                .history
                .redo_label()
                .map_or_else(|| "Redo".to_owned(), |l| format!("Redo: {l}"));
            if action_item(ui, Action::Redo, &redo, ws.history.can_redo()) {
                commands.push(Command::Redo);
                ui.close();
            }
            ui.separator();
            let any = ws.selection.is_some();
            if action_item(ui, Action::ClearSelection, Action::ClearSelection.label(), any) {
                commands.push(Action::ClearSelection.command());
                ui.close();
            }
        });
        ui.menu_button("View", |ui| {
            if action_item(
                ui,
                Action::ZoomToAll,
                Action::ZoomToAll.label(),
                !ws.layers.is_empty(),
            ) {
                commands.push(Action::ZoomToAll.command());
                ui.close();
            }
            ui.separator();
            for (action, shown) in [
                (Action::ToggleLayers, settings.show_layers),
                (Action::ToggleInspector, settings.show_inspector),
                (Action::ToggleTable, settings.show_table),
                (Action::ToggleGrid, settings.show_grid),
            ] {
                let button = egui::Button::selectable(shown, action.label())
                    .shortcut_text(action.shortcut_text(ui.ctx()));
                if ui.add(button).on_hover_text(action.tooltip()).clicked() {
                    commands.push(action.command());
                    ui.close();
                }
            }
            ui.separator();
            ui.label("Language");
            if ui
                .radio(settings.lang.is_none(), "System")
                .clicked()
            {
                commands.push(Command::SetLanguage(None));
                ui.close();
            }
            for lang in crate::i18n::Lang::ALL {
                if ui
                    .radio(settings.lang == Some(lang), lang.native_name())
                    .clicked()
                {
                    commands.push(Command::SetLanguage(Some(lang)));
                    ui.close();
                }
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
            ui.label("Click a feature to inspect it; Ctrl+click table rows to select several.");
            ui.label("Filters (layers panel) take OGC CQL2, e.g. \"status\" = 'open' AND \"classification\" IN ('cha','sha').");
            for a in Action::ALL {
                ui.weak(format!("{}: {}", a.shortcut_text(ui.ctx()), a.label()));
            }
        });
    });
}
