//! Every user action that changes the app's state is a [`Command`], applied in one place
//! ([`crate::app::MinemapApp::apply`]). Panels push commands; they never mutate state.
//! Data edits (sector drawing, attribute edits) will join this enum with their inverses for
//! undo/redo.

use std::path::PathBuf;

use crate::analysis::coords::CoordFormat;
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
    DismissMessage(usize),
    ClearMessages,
}
