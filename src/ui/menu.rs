//! The menu bar: File, Edit, View, Help. Items with a shortcut come from
//! [`Action`], where their label and keys are spelled once.

use crate::analysis::coords::CoordFormat;
use crate::i18n::{labels, lang, tr, tr_args};
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
        ui.menu_button(tr("menu-file"), |ui| {
            if action_item(ui, Action::Open, Action::Open.label(), true) {
                commands.push(Action::Open.command());
                ui.close();
            }
            ui.separator();
            let any = !ws.layers.is_empty();
            for action in [Action::Save, Action::SaveAs, Action::Export] {
                if action_item(ui, action, action.label(), any) {
                    commands.push(action.command());
                    ui.close();
                }
            }
            if action_item(
                ui,
                Action::ExportMapImage,
                Action::ExportMapImage.label(),
                true,
            ) {
                commands.push(Action::ExportMapImage.command());
                ui.close();
            }
            // Project files.
            ui.separator();
            if ui
                .button(crate::i18n::tr("project-open"))
                .on_hover_text(crate::i18n::tr("project-open-tip"))
                .clicked()
            {
                commands.push(Command::ShowOpenProjectDialog);
                ui.close();
            }
            if action_item(ui, Action::SaveProject, Action::SaveProject.label(), true) {
                commands.push(Action::SaveProject.command());
                ui.close();
            }
            if ui.button(crate::i18n::tr("project-save-as")).clicked() {
                commands.push(Command::ShowSaveProjectAsDialog);
                ui.close();
            }
            ui.separator();
            if ui.button(tr("menu-quit")).clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button(tr("menu-edit"), |ui| {
            // The items say what they would undo: "Undo: status of HA-00114".
            let undo = ws.history.undo_label().map_or_else(
                || Action::Undo.label().to_owned(),
                |l| tr_args("menu-undo-what", &[("what", l.into())]),
            );
            if action_item(ui, Action::Undo, &undo, ws.history.can_undo()) {
                commands.push(Command::Undo);
                ui.close();
            }
            let redo = ws.history.redo_label().map_or_else(
                || Action::Redo.label().to_owned(),
                |l| tr_args("menu-redo-what", &[("what", l.into())]),
            );
            if action_item(ui, Action::Redo, &redo, ws.history.can_redo()) {
                commands.push(Command::Redo);
                ui.close();
            }
            ui.separator();
            let any = ws.selection.is_some();
            if action_item(
                ui,
                Action::ClearSelection,
                Action::ClearSelection.label(),
                any,
            ) {
                commands.push(Action::ClearSelection.command());
                ui.close();
            }
        });
        ui.menu_button(tr("menu-view"), |ui| {
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
            ui.label(tr("language"));
            if ui
                .radio(settings.lang.is_none(), tr("language-follow-system"))
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
            ui.label(tr("menu-coordinates"));
            for f in CoordFormat::ALL {
                if ui
                    .radio(settings.coord_format == f, labels::coord_format(f, lang()))
                    .clicked()
                {
                    commands.push(Command::SetCoordFormat(f));
                    ui.close();
                }
            }
        });
        ui.menu_button(tr("menu-help"), |ui| {
            ui.label(tr("help-about"));
            ui.label(tr("help-keys"));
            ui.label(tr("help-click"));
            ui.label(tr("help-filters"));
            for a in Action::ALL {
                ui.weak(format!("{}: {}", a.shortcut_text(ui.ctx()), a.label()));
            }
        });
    });
}
