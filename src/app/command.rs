//! Every user action that changes the app's state is a [`Command`], applied in one place
//! ([`crate::app::MinemapApp::apply`]). Panels push commands; they never mutate state.
//! Data edits (sector drawing, attribute edits) will join this enum with their inverses for
//! undo/redo.

use std::path::PathBuf;

use crate::analysis::coords::CoordFormat;
use crate::map::basemaps::BaseChoice;
use crate::map::tiles::{BasemapSpec, OnlineSource};
use crate::model::{FeatureRef, LayerId, LayerRole, PropertyRole};

/// One user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Read these GeoJSON files in the background.
    OpenFiles(Vec<PathBuf>),
    /// Show the file dialog (it runs on its own thread; the window stays responsive).
    ShowOpenDialog,
    CloseLayer(LayerId),
    SetLayerVisible(LayerId, bool),
    SetLayerOpacity(LayerId, f32),
    /// Move a layer one step up (towards the top of the drawing order).
    RaiseLayer(LayerId),
    LowerLayer(LayerId),
    SetLayerRole(LayerId, LayerRole),
    SetPropertyRole {
        layer: LayerId,
        role: PropertyRole,
        key: Option<String>,
    },
    ZoomToLayer(LayerId),
    ZoomToAll,
    ZoomToFeature(FeatureRef),
    Select(Option<FeatureRef>),
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
    DismissMessage(usize),
    ClearMessages,
}
