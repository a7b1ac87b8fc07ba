//! The actions a menu item, a button and a keyboard shortcut share: each one's label,
//! tooltip, shortcuts and the command it sends, in one place (as rerun's `UICommand`), so a
//! shortcut is spelled once and no two actions claim the same keys.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::Command;

/// An action with a fixed label and shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Open,
    Undo,
    Redo,
    ZoomToAll,
    ClearSelection,
    ToggleTable,
    ToggleLayers,
    ToggleInspector,
    ToggleGrid,
    ExportMapImage,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Action {
    pub const ALL: [Self; 10] = [
        Self::Open,
        Self::Undo,
        Self::Redo,
        Self::ZoomToAll,
        Self::ClearSelection,
        Self::ToggleTable,
        Self::ToggleLayers,
        Self::ToggleInspector,
        Self::ToggleGrid,
        Self::ExportMapImage,
    ];

    /// The menu label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open…",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::ZoomToAll => "Zoom to all layers",
            Self::ClearSelection => "Clear selection",
            Self::ToggleTable => "Attribute table",
            Self::ToggleLayers => "Layers panel",
            Self::ToggleInspector => "Inspector panel",
            Self::ToggleGrid => crate::i18n::tr("action-toggle-grid"),
            Self::ExportMapImage => crate::i18n::tr("action-export-map-image"),
        }
    }

    /// What it does, for tooltips.
    #[must_use]
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::Open => "Open GeoJSON files or tile packages",
            Self::Undo => "Undo the last edit of the data",
            Self::Redo => "Redo the last undone edit",
            Self::ZoomToAll => "Fit the map to every layer",
            Self::ClearSelection => "Select nothing",
            Self::ToggleTable => "Show or hide the attribute table",
            Self::ToggleLayers => "Show or hide the layers panel",
            Self::ToggleInspector => "Show or hide the inspector, statistics and QA",
            Self::ToggleGrid => crate::i18n::tr("action-toggle-grid-tooltip"),
            Self::ExportMapImage => crate::i18n::tr("action-export-map-image-tooltip"),
        }
    }

    /// The keyboard shortcuts, the first one shown in menus.
    #[must_use]
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const OPEN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::O)];
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
        const GRID: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::G)];
        // "Print" the map: the report image.
        const MAP_IMAGE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::P)];
        match self {
            Self::Open => &OPEN,
            Self::Undo => &UNDO,
            Self::Redo => &REDO,
            Self::ZoomToAll => &HOME,
            Self::ClearSelection => &ESC,
            Self::ToggleTable => &TABLE,
            Self::ToggleLayers => &LAYERS,
            Self::ToggleInspector => &INSPECTOR,
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
            Self::Undo => Command::Undo,
            Self::Redo => Command::Redo,
            Self::ZoomToAll => Command::ZoomToAll,
            Self::ClearSelection => Command::Select(None),
            Self::ToggleTable => Command::TogglePanel(super::Panel::Table),
            Self::ToggleLayers => Command::TogglePanel(super::Panel::Layers),
            Self::ToggleInspector => Command::TogglePanel(super::Panel::Inspector),
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
    fn every_action_has_a_label_and_a_tooltip() {
        for a in Action::ALL {
            assert!(!a.label().is_empty() && !a.tooltip().is_empty(), "{a:?}");
        }
    }
}
