//! The actions a menu item, a button and a keyboard shortcut share: each one's label,
//! tooltip, shortcuts and the command it sends, in one place (as rerun's `UICommand`), so a
//! shortcut is spelled once and no two actions claim the same keys.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::Command;

/// An action with a fixed label and shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Open,
    Save,
    SaveAs,
    Export,
    Undo,
    Redo,
    ZoomToAll,
    ClearSelection,
    ToggleTable,
    ToggleLayers,
    ToggleInspector,
    /// Save the project (layers, styles, filters, basemap, view) to its file.
    SaveProject,
    ToggleGrid,
    ExportMapImage,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_ALT: Modifiers = Modifiers {
    alt: true,
    ..Modifiers::COMMAND
};
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Action {
    pub const ALL: [Self; 14] = [
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::Export,
        Self::Undo,
        Self::Redo,
        Self::ZoomToAll,
        Self::ClearSelection,
        Self::ToggleTable,
        Self::ToggleLayers,
        Self::ToggleInspector,
        Self::SaveProject,
        Self::ToggleGrid,
        Self::ExportMapImage,
    ];

    /// The catalogue key of the menu label (`assets/i18n/*.ftl`, "Actions").
    #[must_use]
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Open => "action-open",
            Self::Undo => "action-undo",
            Self::Redo => "action-redo",
            Self::ZoomToAll => "action-zoom-to-all",
            Self::ClearSelection => "action-clear-selection",
            Self::ToggleTable => "action-toggle-table",
            Self::ToggleLayers => "action-toggle-layers",
            Self::ToggleInspector => "action-toggle-inspector",
            Self::SaveProject => "project-save",
            Self::Save => "action-save",
            Self::SaveAs => "action-save-as",
            Self::Export => "action-export",
            Self::ToggleGrid => "action-toggle-grid",
            Self::ExportMapImage => "action-export-map-image",
        }
    }

    /// The catalogue key of the tooltip.
    #[must_use]
    pub fn tooltip_key(self) -> &'static str {
        match self {
            Self::Open => "action-open-tooltip",
            Self::Undo => "action-undo-tooltip",
            Self::Redo => "action-redo-tooltip",
            Self::ZoomToAll => "action-zoom-to-all-tooltip",
            Self::ClearSelection => "action-clear-selection-tooltip",
            Self::ToggleTable => "action-toggle-table-tooltip",
            Self::ToggleLayers => "action-toggle-layers-tooltip",
            Self::ToggleInspector => "action-toggle-inspector-tooltip",
            Self::SaveProject => "project-save-tip",
            Self::Save => "action-save-tooltip",
            Self::SaveAs => "action-save-as-tooltip",
            Self::Export => "action-export-tooltip",
            Self::ToggleGrid => "action-toggle-grid-tooltip",
            Self::ExportMapImage => "action-export-map-image-tooltip",
        }
    }

    /// The menu label in the interface language.
    #[must_use]
    pub fn label(self) -> &'static str {
        crate::i18n::tr(self.label_key())
    }

    /// What it does, for tooltips, in the interface language.
    #[must_use]
    pub fn tooltip(self) -> &'static str {
        crate::i18n::tr(self.tooltip_key())
    }

    /// The keyboard shortcuts, the first one shown in menus.
    #[must_use]
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const OPEN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::O)];
        const SAVE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::S)];
        const SAVE_AS: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL_SHIFT, Key::S)];
        const EXPORT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::E)];
        const UNDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Z)];
        const REDO: [KeyboardShortcut; 2] = [
            KeyboardShortcut::new(CTRL_SHIFT, Key::Z),
            KeyboardShortcut::new(CTRL, Key::Y),
        ];
        const HOME: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::Home)];
        const ESC: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::Escape)];
        const TABLE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::T)];
        const LAYERS: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::L)];
        const INSPECTOR: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::I)];
        const SAVE_PROJECT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL_ALT, Key::S)];
        const GRID: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::G)];
        // "Print" the map: the report image.
        const MAP_IMAGE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::P)];
        match self {
            Self::Open => &OPEN,
            Self::Save => &SAVE,
            Self::SaveAs => &SAVE_AS,
            Self::Export => &EXPORT,
            Self::Undo => &UNDO,
            Self::Redo => &REDO,
            Self::ZoomToAll => &HOME,
            Self::ClearSelection => &ESC,
            Self::ToggleTable => &TABLE,
            Self::ToggleLayers => &LAYERS,
            Self::ToggleInspector => &INSPECTOR,
            Self::SaveProject => &SAVE_PROJECT,
            Self::ToggleGrid => &GRID,
            Self::ExportMapImage => &MAP_IMAGE,
        }
    }

    /// The shortcut as menus show it ("Ctrl+Shift+Z").
    #[must_use]
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .first()
            .map(|s| ctx.format_shortcut(s))
            .unwrap_or_default()
    }

    /// True for actions whose keys must not fire while a text field has focus (there they
    /// edit the text: Ctrl+Z undoes typing, Home moves the cursor).
    #[must_use]
    pub fn yields_to_text_fields(self) -> bool {
        matches!(
            self,
            Self::Undo | Self::Redo | Self::ZoomToAll | Self::ClearSelection
        )
    }

    /// The command it sends.
    #[must_use]
    pub fn command(self) -> Command {
        match self {
            Self::Open => Command::ShowOpenDialog,
            Self::Save => Command::Save,
            Self::SaveAs => Command::SaveAs,
            Self::Export => Command::ShowExportDialog,
            Self::Undo => Command::Undo,
            Self::Redo => Command::Redo,
            Self::ZoomToAll => Command::ZoomToAll,
            Self::ClearSelection => Command::Select(None),
            Self::ToggleTable => Command::TogglePanel(super::Panel::Table),
            Self::ToggleLayers => Command::TogglePanel(super::Panel::Layers),
            Self::ToggleInspector => Command::TogglePanel(super::Panel::Inspector),
            Self::SaveProject => Command::SaveProject,
            Self::ToggleGrid => Command::ToggleGrid,
            Self::ExportMapImage => Command::ShowMapImageDialog,
        }
    }

    /// The actions whose shortcut was pressed this frame (the keys are consumed). Skips those
    /// that yield to a focused text field.
    pub fn pressed(ctx: &egui::Context) -> Vec<Self> {
        let text_focused = ctx.text_edit_focused();
        let mut chords: Vec<(KeyboardShortcut, Self)> = Self::ALL
            .into_iter()
            .filter(|a| !(text_focused && a.yields_to_text_fields()))
            .flat_map(|a| a.shortcuts().iter().map(move |s| (*s, a)))
            .collect();
        // egui matches Ctrl+Z when Ctrl+Shift+Z is pressed (extra Shift is ignored), so the
        // chords with more modifiers are tried, and consumed, first.
        chords.sort_by_key(|(s, _)| {
            std::cmp::Reverse(
                u8::from(s.modifiers.shift)
                    + u8::from(s.modifiers.alt)
                    + u8::from(s.modifiers.command),
            )
        });
        let mut out = Vec::new();
        ctx.input_mut(|i| {
            for (s, a) in chords {
                if i.consume_shortcut(&s) && !out.contains(&a) {
                    out.push(a);
                }
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, Action)> = Vec::new();
        for a in Action::ALL {
            for s in a.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(t, _)| t == s) {
                    panic!("{a:?} and {other:?} both use {s:?}");
                }
                seen.push((*s, a));
            }
        }
    }

    #[test]
    fn every_action_has_a_label_and_a_tooltip_in_every_language() {
        for a in Action::ALL {
            for key in [a.label_key(), a.tooltip_key()] {
                for lang in crate::i18n::Lang::ALL {
                    assert!(
                        crate::i18n::keys(lang).iter().any(|k| k == key),
                        "{a:?}: no \"{key}\" in {}.ftl",
                        lang.code()
                    );
                }
            }
        }
    }
}
