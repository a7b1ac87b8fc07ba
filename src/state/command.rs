//! Every user action that changes the app's state is a [`Command`], applied in one place
//! (`MinemapApp::apply`). Panels push commands; they never mutate state. Commands that edit
//! the data become [`super::Edit`]s with their inverses in the edit history; the others
//! (view, panels, settings) are not undone, as in QGIS.

use std::path::PathBuf;

use geo::Geometry;

use super::export::ExportRequest;
use super::filters::FilterBuilder;
use super::planner::PlannerSettings;
use super::{MessageId, Panel, RightTab};
use crate::analysis::coords::CoordFormat;
use crate::analysis::drawing::Tool;
use crate::analysis::incidents::IncidentOptions;
use crate::analysis::qa::{ProblemKind, QaOptions};
use crate::analysis::sort::Column;
use crate::map::basemaps::BaseChoice;
use crate::map::style::LayerStyle;
use crate::map::tiles::{BasemapSpec, OnlineSource};
use crate::model::{FeatureRef, LayerId, LayerRole, PropertyRole, PropertyValue};

/// One user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Read these GeoJSON files in the background.
    OpenFiles(Vec<PathBuf>),
    /// Show the file dialog (it runs on its own thread; the window stays responsive).
    ShowOpenDialog,
    /// Load the CSV the column dialog shows with these geometry columns, and close the dialog.
    ConfirmCsvImport(crate::io::csv::CsvOptions),
    /// Close the column dialog without loading its CSV.
    CancelCsvImport,
    /// The column dialog's choices changed (a new draft for the CSV it shows).
    SetCsvImport(Box<super::csv_import::CsvImport>),
    /// Read the CSV the column dialog shows again with this delimiter.
    SetCsvDelimiter(u8),
    /// Close a layer; one with unsaved edits asks first (Save / Discard / Cancel).
    CloseLayer(LayerId),
    /// Close a layer and drop its unsaved edits (the user said Discard).
    DiscardAndCloseLayer(LayerId),

    // --- Export, Save, CSV (issue 10). Each file is written on a worker thread.
    /// Show the Export dialog.
    ShowExportDialog,
    /// Work out what an export would do (the dry-run summary the dialog shows).
    PreviewExport(Box<ExportRequest>),
    /// Ask where to write an export (the save dialog, on its own thread), then write it.
    ChooseExportPath(Box<ExportRequest>),
    /// Write an export to this file in the background.
    ExportTo(PathBuf, Box<ExportRequest>),
    /// Stop the file being written (an export's target is left as it was).
    CancelFileJob,
    /// Save the active layer to its own file (after a confirmation), or Save as when it
    /// has no GeoJSON file.
    Save,
    /// Save the active layer to a file the user picks.
    SaveAs,
    /// Save this layer: ask to confirm, naming the file and its `.bak`.
    SaveLayer(LayerId),
    /// Pick a GeoJSON file for this layer, then save to it (`then_close`: close it after).
    SaveLayerAs {
        layer: LayerId,
        then_close: bool,
    },
    /// Write the layer to `path` (keeping `path.bak`); the path becomes the layer's.
    SaveLayerTo {
        layer: LayerId,
        path: PathBuf,
        then_close: bool,
    },
    /// Save every unsaved layer to its file, then quit (the quit question's Save).
    SaveAllAndQuit,
    /// Quit and drop unsaved edits (the quit question's Discard).
    QuitDiscarding,
    /// Close the open question (Cancel).
    DismissQuestion,
    /// Ask where to write the attribute table of a layer as CSV (its shown rows and columns).
    ExportTableCsv(LayerId),
    WriteTableCsv {
        layer: LayerId,
        path: PathBuf,
    },
    /// Ask where to write the statistics panel's figures as CSV.
    ExportStatisticsCsv,
    WriteStatisticsCsv(PathBuf),
    SetLayerVisible(LayerId, bool),
    SetLayerOpacity(LayerId, f32),
    /// Move a layer one step up (towards the top of the drawing order).
    RaiseLayer(LayerId),
    LowerLayer(LayerId),
    SetLayerRole(LayerId, LayerRole),
    /// Draw a layer with this style (renderer, labels); kept in the settings.
    SetLayerStyle(LayerId, Box<LayerStyle>),
    SetPropertyRole {
        layer: LayerId,
        role: PropertyRole,
        key: Option<String>,
    },
    ZoomToLayer(LayerId),
    ZoomToAll,
    ZoomToFeature(FeatureRef),
    /// Select one feature (or nothing): the inspector shows it, the table scrolls to it.
    Select(Option<FeatureRef>),
    /// Add a feature to the selection or take it out (Ctrl+click in the table).
    ToggleSelected(FeatureRef),
    /// Select these features (the first is the one the inspector shows).
    SelectMany(Vec<FeatureRef>),
    /// Centre the map on a position (go-to box), optionally at a zoom.
    CenterOn {
        lon: f64,
        lat: f64,
        zoom: Option<f64>,
    },
    SetCoordFormat(CoordFormat),
    /// Open a basemap (package, URL, embedded, none) and draw it at the bottom.
    SetBasemap(BasemapSpec),
    /// Choose an already opened basemap as the base.
    SelectBase(BaseChoice),
    /// Open a package and draw it over the base.
    SetBasemapOverlay(BasemapSpec),
    /// Choose an already opened source (or none) to draw over the base.
    SelectBasemapOverlay(Option<usize>),
    SetBasemapOverlayOpacity(f32),
    /// Show the file dialog for tile packages.
    ShowOpenTilesDialog,
    /// Keep an online XYZ source in the settings (replacing one with the same URL) and show
    /// it as the base.
    AddOnlineSource(OnlineSource),
    /// Drop the saved online source with this URL template from the settings.
    ForgetOnlineSource(String),
    DismissMessage(MessageId),
    ClearMessages,
    SetRightTab(RightTab),
    TogglePanel(Panel),
    /// Show or hide the MGRS/UTM grid (kept in the settings).
    ToggleGrid,
    /// Open the "Export map image" dialog.
    ShowMapImageDialog,
    /// Render a map image on a background job into the path given, or, without one, the
    /// path asked for in a file dialog (on its own thread).
    ExportMapImage(Box<crate::map::render::MapImageOptions>, Option<PathBuf>),

    // --- Data edits: each is one undo step.
    /// Set property `key` of these features to `value` (a cell edit, or a bulk edit of the
    /// selected or filtered rows).
    SetProperty {
        layer: LayerId,
        indices: Vec<usize>,
        key: String,
        value: PropertyValue,
    },
    /// Add property `key` (null) to these features: a new table column.
    AddColumn {
        layer: LayerId,
        indices: Vec<usize>,
        key: String,
    },
    /// Replace a feature's geometry (a vertex dragged, added or removed). Edits with the same
    /// `coalesce` key while the pointer is down are one undo step (a whole drag).
    SetGeometry {
        target: FeatureRef,
        geometry: Geometry<f64>,
        coalesce: Option<String>,
    },
    /// Add a drawn polygon as a clearance sector (to the clearance-sectors layer, made on
    /// first use).
    AddSector(Geometry<f64>),
    /// Delete features (one undo step).
    DeleteFeatures(Vec<FeatureRef>),
    /// Split a hazard area into clearance sectors with the planner's settings, replacing
    /// the sectors it had; one undo step.
    SplitHazardArea(FeatureRef),
    Undo,
    Redo,

    // --- Filters, table, analyses.
    /// Apply a CQL2 expression typed by hand (empty removes the filter).
    SetFilterText {
        layer: LayerId,
        text: String,
    },
    /// Apply what the filter panel's controls say.
    SetFilterBuilder {
        layer: LayerId,
        builder: Box<FilterBuilder>,
    },
    /// Show a layer's tab in the attribute table.
    ShowTableOf(LayerId),
    /// Sort a layer's table (`None`: file order).
    SortTable {
        layer: LayerId,
        sort: Option<(Column, bool)>,
    },
    /// Show only the selected rows of a layer's table.
    SetTableOnlySelected(LayerId, bool),
    SetGroupBy(Option<String>),
    SetQaOptions(QaOptions),
    /// Run the geometry checks again on the same data.
    RecheckQa,
    SetQaKindFilter(Option<ProblemKind>),
    SetIncidentOptions(IncidentOptions),
    SetPlanner(Box<PlannerSettings>),

    // --- Map tools (the drawing in progress is a draft, not data).
    SetTool(Tool),
    /// Add a vertex to the drawing, `[lon, lat]`.
    AddDraftVertex([f64; 2]),
    RemoveLastDraftVertex,
    /// Finish the drawing: a polygon or rectangle becomes a sector, a base-line goes to the
    /// planner, a measurement stays on screen.
    FinishDraft,
    CancelDraft,
    SetSnapping(bool),
    /// The interface language (`None`: the system's); switches at once.
    SetLanguage(Option<crate::i18n::Lang>),

    // --- Project files (`*.minemap.json`).
    /// Open a project: its layers (in the background), roles, styles, filters, basemap and
    /// view; missing files are listed.
    OpenProject(PathBuf),
    /// Show the file dialog for a project to open.
    ShowOpenProjectDialog,
    /// Save the project to its file (asks for one the first time).
    SaveProject,
    /// Save the project to a file chosen in the dialog.
    ShowSaveProjectAsDialog,
    /// Save the project to this file.
    SaveProjectAs(PathBuf),

    // --- Recovery of a crashed session's unsaved edits.
    /// Open the files of the offered journal and re-apply its edits (one undo step per
    /// layer).
    RestoreRecovery,
    /// Delete the offered journal.
    DiscardRecovery,
    /// Close the recovery window for this session; the journal stays for the next start.
    PostponeRecovery,
}
