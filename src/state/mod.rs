//! The state the panels read and the commands they push: the layers and the selection, the
//! edit history, filters, background loading and analyses, messages and the settings kept
//! between runs.
//!
//! The arrows run one way: `app` (the shell) → `ui` (panels) → `state` → `map`, `analysis`,
//! `io` → `model`. Panels take `&Workspace` and push [`Command`]s; the app applies them in
//! one place. Nothing here draws.

pub mod actions;
pub mod analysis;
pub mod autosave;
mod command;
pub mod csv_import;
pub mod export;
pub mod filters;
pub mod history;
pub mod jobs;
mod loading;
pub mod planner;
pub mod table;

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

pub use command::Command;
pub use history::{Edit, History};
pub use loading::{LoadJob, LoadOutcome, LoadSource};

use crate::analysis::coords::CoordFormat;
use crate::map::style::LayerStyle;
use crate::map::tiles::OnlineSource;
use crate::model::{Feature, FeatureRef, Layer, LayerId};

/// View settings kept between runs (eframe storage). Undo history is never kept.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub coord_format: CoordFormat,
    pub show_layers: bool,
    pub show_inspector: bool,
    pub show_table: bool,
    /// Online XYZ sources the user added, offered in the basemap selector.
    pub online_sources: Vec<OnlineSource>,
    /// Filters as CQL2 text, by layer name (the file name), so reopening a file filters it
    /// the same way.
    pub filters: HashMap<String, String>,
    /// The clearance planner's split settings, rates and teams.
    pub planner: planner::PlannerSettings,
    /// Styles (renderer, labels), by layer name, so reopening a file draws it the same way.
    pub styles: HashMap<String, LayerStyle>,
    /// Snap drawn and dragged vertices to the vertices and edges of drawn features.
    pub snapping: bool,
    /// The interface language; `None` follows the system's.
    pub lang: Option<crate::i18n::Lang>,
    /// The Export dialog's last choices (scope, annotations, precision, privacy).
    pub export: export::ExportSettings,
    /// Draw the MGRS/UTM grid over the map (View → MGRS/UTM grid).
    pub show_grid: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            coord_format: CoordFormat::Decimal,
            show_layers: true,
            show_inspector: true,
            show_table: true,
            online_sources: Vec::new(),
            filters: HashMap::new(),
            planner: planner::PlannerSettings::default(),
            styles: HashMap::new(),
            snapping: true,
            lang: None,
            export: export::ExportSettings::default(),
            show_grid: false,
        }
    }
}

/// The tabs of the right-hand panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RightTab {
    Inspector,
    Statistics,
    Quality,
    Planner,
}

/// The panels that can be shown or hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Layers,
    Inspector,
    Table,
}

/// How serious a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// Names one message for as long as the program runs (so dismissing one message never
/// dismisses another that took its place in the list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MessageId(pub u64);

/// Something the user should read: a file that failed, features that were skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub id: MessageId,
    pub level: Level,
    pub text: String,
    /// Long lists (one line per skipped feature), shown collapsed.
    pub details: Vec<String>,
}

/// The data the panels read.
#[derive(Default)]
pub struct Workspace {
    /// Drawing order: index 0 at the bottom, the last on top.
    pub layers: Vec<Layer>,
    /// The feature the inspector shows (also in `selected`).
    pub selection: Option<FeatureRef>,
    /// Every selected feature (the table's selection; bulk edits apply to these).
    pub selected: BTreeSet<FeatureRef>,
    pub hovered: Option<FeatureRef>,
    pub messages: Vec<Message>,
    next_message: u64,
    pub jobs: Vec<LoadJob>,
    /// The start order of each layer's load (see [`LoadJob::sequence`]).
    pub load_sequence: HashMap<LayerId, u64>,
    /// Each layer's filter and which features pass it.
    pub filters: HashMap<LayerId, filters::LayerFilter>,
    /// Undo and redo of data edits.
    pub history: History,
    /// How each layer is drawn (the map's overlay draws with a copy).
    pub styles: HashMap<LayerId, LayerStyle>,
    /// The [`Layer::revision`] each layer was last saved (or read) at; a layer missing here
    /// was saved at revision 0, which is where a loaded layer starts.
    pub saved_revisions: HashMap<LayerId, u64>,
    /// CSVs waiting for their geometry columns to be confirmed (the dialog shows the first).
    pub csv_imports: Vec<csv_import::CsvImport>,
}

impl Workspace {
    #[must_use]
    pub fn layer(&self, id: LayerId) -> Option<&Layer> {
        self.layers.iter().find(|l| l.id == id)
    }

    pub(crate) fn layer_mut(&mut self, id: LayerId) -> Option<&mut Layer> {
        self.layers.iter_mut().find(|l| l.id == id)
    }

    #[must_use]
    pub fn position(&self, id: LayerId) -> Option<usize> {
        self.layers.iter().position(|l| l.id == id)
    }

    /// The feature a reference points at, with its layer.
    #[must_use]
    pub fn feature(&self, r: FeatureRef) -> Option<(&Layer, &Feature)> {
        let layer = self.layer(r.layer)?;
        Some((layer, layer.features.get(r.index)?))
    }

    /// The feature's id as people read it (`HA-0042`, or `#index` without one), `?` if it is
    /// no longer loaded.
    #[must_use]
    pub fn display_id(&self, r: FeatureRef) -> String {
        self.feature(r)
            .map_or_else(|| "?".to_owned(), |(_, f)| f.display_id(r.index))
    }

    /// The style a layer is drawn with (its default until the user picks one).
    #[must_use]
    pub fn style(&self, layer: &Layer) -> LayerStyle {
        self.styles
            .get(&layer.id)
            .cloned()
            .unwrap_or_else(|| LayerStyle::default_for(layer))
    }

    /// The filter of a layer, if it has one.
    #[must_use]
    pub fn filter(&self, id: LayerId) -> Option<&filters::LayerFilter> {
        self.filters.get(&id)
    }

    /// One flag per feature of the layer: does it pass the layer's filter? `None` when the
    /// layer is not filtered (every feature passes).
    #[must_use]
    pub fn mask(&self, id: LayerId) -> Option<&[bool]> {
        self.filters.get(&id).and_then(filters::LayerFilter::mask)
    }

    /// True when feature `r` passes its layer's filter.
    #[must_use]
    pub fn passes(&self, r: FeatureRef) -> bool {
        self.mask(r.layer)
            .is_none_or(|m| m.get(r.index).copied().unwrap_or(false))
    }

    /// Features of the layer that pass its filter, and all of them.
    #[must_use]
    pub fn shown_count(&self, layer: &Layer) -> (usize, usize) {
        let total = layer.features.len();
        let shown = self
            .filters
            .get(&layer.id)
            .map_or(total, filters::LayerFilter::shown);
        (shown, total)
    }

    /// True when the layer has edits that are in no file: its revision moved since it was
    /// read or last saved. (Undoing back to the saved state still counts as unsaved: the
    /// question is then asked once too often, never once too few.)
    #[must_use]
    pub fn is_unsaved(&self, layer: &Layer) -> bool {
        layer.revision != self.saved_revisions.get(&layer.id).copied().unwrap_or(0)
    }

    /// The layers with unsaved edits, in drawing order.
    pub fn unsaved_layers(&self) -> impl Iterator<Item = &Layer> {
        self.layers.iter().filter(|l| self.is_unsaved(l))
    }

    /// Records that `layer` is in its file as it was at `revision`.
    pub fn mark_saved(&mut self, layer: LayerId, revision: u64) {
        self.saved_revisions.insert(layer, revision);
    }

    /// Adds a message for the user (and the log).
    pub fn message(&mut self, level: Level, text: String, details: Vec<String>) {
        match level {
            Level::Error => log::error!("{text}"),
            Level::Warning => log::warn!("{text}"),
            Level::Info => log::info!("{text}"),
        }
        self.next_message += 1;
        self.messages.push(Message {
            id: MessageId(self.next_message),
            level,
            text,
            details,
        });
    }

    /// Longitude/latitude bounds of the layers (or of one).
    #[must_use]
    pub fn bounds(&self, only: Option<LayerId>) -> Option<[[f64; 2]; 2]> {
        self.layers
            .iter()
            .filter(|l| only.is_none_or(|id| l.id == id))
            .filter_map(Layer::bbox)
            .map(|r| [[r.min().x, r.min().y], [r.max().x, r.max().y]])
            .reduce(union_bounds)
    }

    /// Longitude/latitude bounds of the features that pass the layer's filter.
    #[must_use]
    pub fn shown_bounds(&self, id: LayerId) -> Option<[[f64; 2]; 2]> {
        let layer = self.layer(id)?;
        let mask = self.mask(id);
        layer
            .features
            .iter()
            .enumerate()
            .filter(|(i, _)| mask.is_none_or(|m| m.get(*i).copied().unwrap_or(false)))
            .filter_map(|(_, f)| f.bbox())
            .map(|r| [[r.min().x, r.min().y], [r.max().x, r.max().y]])
            .reduce(union_bounds)
    }
}

fn union_bounds(a: [[f64; 2]; 2], b: [[f64; 2]; 2]) -> [[f64; 2]; 2] {
    [
        [a[0][0].min(b[0][0]), a[0][1].min(b[0][1])],
        [a[1][0].max(b[1][0]), a[1][1].max(b[1][1])],
    ]
}
