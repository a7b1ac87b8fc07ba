//! Geometry and analysis: geodesic areas and lengths on WGS84, totals and land release,
//! incident↔hazard links, geometry QA, coordinate formats, splitting hazard areas into
//! clearance sectors and their effort. No egui here: the GUI and the command line both call it.

pub mod annotations;
pub mod buffer;
pub mod coords;
pub mod drawing;
pub mod effort;
pub mod filter;
pub mod geodesy;
pub mod grid;
pub mod incidents;
pub mod measures;
pub mod privacy;
pub mod qa;
pub mod sort;
pub mod split;
pub mod totals;

use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::{Feature, Layer, LayerRole};

/// Which features of a layer an analysis looks at: all of them, or those a filter kept.
#[derive(Clone, Copy, Debug, Default)]
pub enum Selection<'a> {
    #[default]
    All,
    /// Feature indices (out-of-range ones are ignored).
    Indices(&'a [usize]),
    /// One flag per feature (missing flags count as not selected).
    Mask(&'a [bool]),
}

impl<'a> Selection<'a> {
    /// The selected indices of a layer of `len` features, in order.
    pub fn indices(self, len: usize) -> Box<dyn Iterator<Item = usize> + Send + 'a> {
        match self {
            Self::All => Box::new(0..len),
            Self::Indices(ix) => Box::new(ix.iter().copied().filter(move |&i| i < len)),
            Self::Mask(mask) => Box::new(
                mask.iter()
                    .take(len)
                    .enumerate()
                    .filter_map(|(i, &keep)| keep.then_some(i)),
            ),
        }
    }
}

/// A long computation was stopped through its cancel flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the computation was cancelled")]
pub struct Cancelled;

/// `Err(Cancelled)` once `cancel` is set.
pub(crate) fn check_cancel(cancel: &AtomicBool) -> Result<(), Cancelled> {
    if cancel.load(Ordering::Relaxed) {
        Err(Cancelled)
    } else {
        Ok(())
    }
}

/// The mine-action role a feature's `feature_type` names, if any: a feature that carries one
/// is taken at its word, whatever its layer. A Shapefile's DBF keeps 10 characters of the
/// name: `feature_ty`.
fn role_from_feature_type(feature: &Feature) -> Option<LayerRole> {
    let value = feature
        .properties
        .get("feature_type")
        .or_else(|| feature.properties.get("feature_ty"))?;
    LayerRole::from_feature_type(value.as_str()?)
}

/// A polygonal feature that is a hazard area: by its `feature_type`, else by its layer's role.
#[must_use]
pub fn is_hazard_area(layer: &Layer, feature: &Feature) -> bool {
    feature.is_polygonal()
        && role_from_feature_type(feature).unwrap_or(layer.role) == LayerRole::HazardAreas
}

/// A point feature that is an incident (accident): by its `feature_type`, else by its layer.
#[must_use]
pub fn is_incident(layer: &Layer, feature: &Feature) -> bool {
    feature.is_point()
        && role_from_feature_type(feature).unwrap_or(layer.role) == LayerRole::Incidents
}
