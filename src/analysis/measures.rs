//! Per-feature measures (geodesic area, perimeter, length, centroid), computed for a whole
//! layer in parallel and cached so panels and reports never recompute them per frame.

use std::collections::HashMap;

use geo::{Centroid, Geometry};
use rayon::prelude::*;

use super::geodesy::{area_perimeter, geodesic_length_m};
use crate::model::{Feature, Layer, LayerId};

/// What a feature measures on the WGS84 ellipsoid.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FeatureMeasures {
    /// Geodesic area (m²) of a polygon or multipolygon, holes subtracted; 0 otherwise.
    pub area_m2: f64,
    /// Geodesic perimeter (m) of a polygon, holes included; 0 otherwise.
    pub perimeter_m: f64,
    /// Geodesic length (m) of a line or multiline; 0 otherwise.
    pub length_m: f64,
    /// `[lon, lat]` of the planar centroid in degrees (good for labels and zooming);
    /// `None` for null or empty geometries.
    pub centroid: Option<[f64; 2]>,
}

impl FeatureMeasures {
    /// Measures one geometry.
    #[must_use]
    pub fn of_geometry(geometry: &Geometry<f64>) -> Self {
        let ap = area_perimeter(geometry);
        Self {
            area_m2: ap.area_m2,
            perimeter_m: ap.perimeter_m,
            length_m: geodesic_length_m(geometry),
            centroid: geometry
                .centroid()
                .map(|p| [p.x(), p.y()])
                .filter(|c| c[0].is_finite() && c[1].is_finite()),
        }
    }

    /// Measures one feature (all zero for a feature without geometry).
    #[must_use]
    pub fn of_feature(feature: &Feature) -> Self {
        feature
            .geometry
            .as_ref()
            .map_or_else(Self::default, Self::of_geometry)
    }
}

/// Measures every feature of a layer, in parallel, in feature order.
#[must_use]
pub fn measure_layer(layer: &Layer) -> Vec<FeatureMeasures> {
    measure_features(&layer.features)
}

/// Measures features in parallel, in order.
#[must_use]
pub fn measure_features(features: &[Feature]) -> Vec<FeatureMeasures> {
    features
        .par_iter()
        .with_min_len(256)
        .map(FeatureMeasures::of_feature)
        .collect()
}

/// The measures of every feature of every layer, kept by the app between frames.
/// Call [`MeasureCache::invalidate`] when a feature's geometry changes; the next
/// [`MeasureCache::measures`] recomputes only what changed.
#[derive(Debug, Default)]
pub struct MeasureCache {
    layers: HashMap<LayerId, CachedLayer>,
}

#[derive(Debug, Default)]
struct CachedLayer {
    measures: Vec<FeatureMeasures>,
    /// Indices whose measures are stale.
    stale: Vec<usize>,
}

impl MeasureCache {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The measures of `layer`'s features, index for index, computing what is missing or
    /// stale. Features appended since the last call are measured; if features were removed
    /// the layer is measured anew.
    pub fn measures(&mut self, layer: &Layer) -> &[FeatureMeasures] {
        let entry = self.layers.entry(layer.id).or_default();
        let n = layer.features.len();
        if entry.measures.len() > n {
            entry.measures.clear();
            entry.stale.clear();
        }
        let old = entry.measures.len();
        if old < n {
            entry
                .measures
                .extend(measure_features(&layer.features[old..]));
        }
        if !entry.stale.is_empty() {
            let stale = std::mem::take(&mut entry.stale);
            let fresh: Vec<(usize, FeatureMeasures)> = stale
                .par_iter()
                .filter_map(|&i| {
                    layer
                        .features
                        .get(i)
                        .map(|f| (i, FeatureMeasures::of_feature(f)))
                })
                .collect();
            for (i, m) in fresh {
                if let Some(slot) = entry.measures.get_mut(i) {
                    *slot = m;
                }
            }
        }
        &entry.measures
    }

    /// The cached measures of one feature, if its layer has been measured and it is not stale.
    #[must_use]
    pub fn get(&self, layer: LayerId, index: usize) -> Option<&FeatureMeasures> {
        let entry = self.layers.get(&layer)?;
        if entry.stale.contains(&index) {
            return None;
        }
        entry.measures.get(index)
    }

    /// Marks one feature's measures stale (after an edit of its geometry).
    pub fn invalidate(&mut self, layer: LayerId, index: usize) {
        if let Some(entry) = self.layers.get_mut(&layer)
            && index < entry.measures.len()
            && !entry.stale.contains(&index)
        {
            entry.stale.push(index);
        }
    }

    /// Stores measures computed elsewhere (on the loading thread), index for index.
    pub fn insert(&mut self, layer: LayerId, measures: Vec<FeatureMeasures>) {
        self.layers.insert(
            layer,
            CachedLayer {
                measures,
                stale: Vec::new(),
            },
        );
    }

    /// Forgets a layer (closed, or its features were reordered or deleted).
    pub fn remove_layer(&mut self, layer: LayerId) {
        self.layers.remove(&layer);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use geo::polygon;

    use super::*;

    fn square(size: f64) -> Feature {
        Feature {
            geometry: Some(Geometry::Polygon(polygon![
                (x: 47.0, y: 40.0), (x: 47.0 + size, y: 40.0),
                (x: 47.0 + size, y: 40.0 + size), (x: 47.0, y: 40.0 + size)
            ])),
            ..Feature::default()
        }
    }

    #[test]
    fn an_edited_feature_is_remeasured_after_invalidate() {
        let mut layer = Layer::new("t".into(), None, vec![square(0.01), square(0.02)]);
        let mut cache = MeasureCache::new();
        let before = cache.measures(&layer)[1].area_m2;
        layer.features_mut()[1] = square(0.01);
        assert_eq!(cache.measures(&layer)[1].area_m2, before, "cache kept");
        cache.invalidate(layer.id, 1);
        assert!(cache.get(layer.id, 1).is_none());
        let after = cache.measures(&layer)[1].area_m2;
        assert!(
            (after * 4.0 - before).abs() / before < 0.01,
            "{after} {before}"
        );
    }

    #[test]
    fn a_feature_without_geometry_measures_zero() {
        let m = FeatureMeasures::of_feature(&Feature::default());
        assert_eq!(m, FeatureMeasures::default());
    }
}
