//! `--where 'CQL2'` of `report` and `validate`: which features of each layer take part.

use crate::analysis::filter::{Filter, evaluate_layer};
use crate::analysis::incidents::HazardIndex;
use crate::analysis::measures::FeatureMeasures;
use crate::analysis::{Selection, is_hazard_area};
use crate::model::{FeatureRef, Layer};

use super::exit;

/// Parses the `--where` text; a bad one is reported as `error: --where: column N: …` and
/// ends the command with exit code 2 (before any file is read).
pub(super) fn parse(text: Option<&str>) -> Result<Option<Filter>, i32> {
    text.map(Filter::parse).transpose().map_err(|e| {
        eprintln!("error: --where: {e}");
        exit::FILE_ERROR
    })
}

/// The features each layer keeps: one flag per feature, or `None` (all) without a filter.
/// `measures` are the layers' measures index for index, for `geodesic_area_m2` and friends.
pub(super) struct Kept {
    masks: Vec<Option<Vec<bool>>>,
}

impl Kept {
    pub(super) fn new(
        filter: Option<&Filter>,
        layers: &[Layer],
        measures: Option<&[Vec<FeatureMeasures>]>,
    ) -> Self {
        let masks = layers
            .iter()
            .enumerate()
            .map(|(l, layer)| {
                let ms = measures.and_then(|m| m.get(l)).map(Vec::as_slice);
                filter.map(|f| evaluate_layer(f, layer, ms))
            })
            .collect();
        Self { masks }
    }

    /// True when feature `index` of layer number `layer` takes part.
    pub(super) fn has(&self, layer: usize, index: usize) -> bool {
        match self.masks.get(layer) {
            Some(Some(mask)) => mask.get(index).copied().unwrap_or(false),
            _ => true,
        }
    }

    /// The selection of layer number `layer`, for the analyses.
    pub(super) fn selection(&self, layer: usize) -> Selection<'_> {
        match self.masks.get(layer) {
            Some(Some(mask)) => Selection::Mask(mask),
            _ => Selection::All,
        }
    }

    /// The kept hazard areas of `layers`, indexed for nearest-hazard queries; without any,
    /// every kept polygon (for layers whose role is not set).
    pub(super) fn hazard_index<'a>(&self, layers: &'a [Layer]) -> HazardIndex<'a> {
        let kept = |hazards_only: bool| {
            layers.iter().enumerate().flat_map(move |(l, layer)| {
                layer
                    .features
                    .iter()
                    .enumerate()
                    .filter(move |(i, f)| {
                        self.has(l, *i) && (!hazards_only || is_hazard_area(layer, f))
                    })
                    .filter_map(|(i, f)| {
                        let r = FeatureRef {
                            layer: layer.id,
                            index: i,
                        };
                        f.geometry.as_ref().map(|g| (r, g))
                    })
            })
        };
        let index = HazardIndex::from_features(kept(true));
        if index.is_empty() {
            HazardIndex::from_features(kept(false))
        } else {
            index
        }
    }
}
