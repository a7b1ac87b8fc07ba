//! The clearance planner's settings (split method, orientation, slivers, clearance rates and
//! teams: user inputs, remembered between runs) and its live preview of a split, computed
//! again only when the hazard area or a setting changed.

use serde::{Deserialize, Serialize};

use super::Workspace;
use crate::analysis::effort::EffortInputs;
use crate::analysis::is_hazard_area;
use crate::analysis::split::{Sector, SplitError, SplitOptions, split_hazard_area};
use crate::model::{FeatureRef, LayerRole};

/// What the planner panel is set to; kept in the settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlannerSettings {
    pub split: SplitOptions,
    pub effort: EffortInputs,
    /// Write team-days and the other effort fields into the sectors.
    pub with_effort: bool,
}

/// What a preview was computed from.
type PreviewKey = (FeatureRef, u64, String);

/// The planner's preview of a split of the selected hazard area.
#[derive(Default)]
pub struct PlannerState {
    key: Option<PreviewKey>,
    /// The sectors the split would make, or why it cannot be made.
    pub preview: Option<Result<Vec<Sector>, SplitError>>,
    /// Milliseconds the last preview took.
    pub preview_ms: f64,
}

impl PlannerState {
    /// Brings the preview up to date with the selected hazard area and the settings. Nothing
    /// is computed when no hazard area is selected.
    pub fn update(&mut self, ws: &Workspace, settings: &PlannerSettings) {
        let Some(target) = selected_hazard_area(ws) else {
            self.key = None;
            self.preview = None;
            return;
        };
        let Some((layer, feature)) = ws.feature(target) else {
            return;
        };
        let key = (target, layer.revision, format!("{:?}", settings.split));
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.key = Some(key);
        self.preview = feature.geometry.as_ref().map(|g| {
            let t = std::time::Instant::now();
            let result = split_hazard_area(g, &settings.split);
            self.preview_ms = t.elapsed().as_secs_f64() * 1000.0;
            result
        });
    }
}

/// The selected feature when it is a hazard area (a polygon whose layer or `feature_type`
/// says so).
#[must_use]
pub fn selected_hazard_area(ws: &Workspace) -> Option<FeatureRef> {
    let r = ws.selection?;
    let (layer, feature) = ws.feature(r)?;
    is_hazard_area(layer, feature).then_some(r)
}

/// The layer sectors go to: the topmost clearance-sectors layer.
#[must_use]
pub fn sector_layer(ws: &Workspace) -> Option<crate::model::LayerId> {
    ws.layers
        .iter()
        .rev()
        .find(|l| l.role == LayerRole::ClearanceSectors)
        .map(|l| l.id)
}
