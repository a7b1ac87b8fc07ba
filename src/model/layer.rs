//! A layer: the features of one opened file, the role it plays and how it is shown.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Map, Value};

use super::{Feature, LayerRole, SchemaMapping};

/// Identifies a layer for the lifetime of the program (stable across reordering).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct LayerId(pub u64);

impl LayerId {
    /// A new id, never handed out before in this process.
    #[must_use]
    pub fn fresh() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Self(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// The features of one file.
#[derive(Clone, Debug)]
pub struct Layer {
    pub id: LayerId,
    /// Shown in the layers panel: the file name, or the collection's `name` member.
    pub name: String,
    /// Where it was read from; `None` for layers made in minemap.
    pub path: Option<PathBuf>,
    pub role: LayerRole,
    pub schema: SchemaMapping,
    /// Shared, so background analyses (unions, QA) read them without a copy; edits go
    /// through `Arc::make_mut`, which copies only while such a job still holds them.
    pub features: Arc<Vec<Feature>>,
    /// Members of the FeatureCollection other than `type` and `features` (`name`, `crs`, `bbox`,
    /// foreign members), in the file's order, written back on export.
    pub collection_members: Map<String, Value>,
    /// The file's text; features' `source_span`s point into it. A `String` shared as read,
    /// so a 300 MB file is never copied.
    pub source_text: Arc<String>,
    /// The coordinate system the file was written in, for the layer's info (`WGS 84 / UTM
    /// zone 38N (EPSG:32638)`); `None` for GeoJSON, which is WGS84 by definition. Features
    /// hold WGS84 longitude/latitude whatever this says.
    pub source_crs: Option<String>,
    /// True when the coordinates were converted from `source_crs` to WGS84 on reading.
    pub source_reprojected: bool,
    pub visible: bool,
    /// 0..=1, applied to fills and outlines.
    pub opacity: f32,
    /// Goes up with every edit of the features, so caches (sorted table rows, statistics,
    /// filter flags) know when they are stale: the features' `Arc` may be edited in place.
    pub revision: u64,
}

impl Layer {
    /// Property names used in the layer, in first-seen order, from a sample of at most about
    /// 500 features: enough for exports, which are homogeneous, and instant on 200 000.
    #[must_use]
    pub fn property_keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        add_property_keys(&self.features, &mut keys);
        keys
    }

    /// A layer of `features`, with role and schema detected from them.
    #[must_use]
    pub fn new(name: String, path: Option<PathBuf>, features: Vec<Feature>) -> Self {
        let (role, schema) = SchemaMapping::detect(&features);
        Self {
            id: LayerId::fresh(),
            name,
            path,
            role,
            schema,
            features: Arc::new(features),
            collection_members: Map::new(),
            source_text: Arc::new(String::new()),
            source_crs: None,
            source_reprojected: false,
            visible: true,
            opacity: 1.0,
            revision: 0,
        }
    }

    /// The features for editing (copied first if a background job still reads them).
    pub fn features_mut(&mut self) -> &mut Vec<Feature> {
        Arc::make_mut(&mut self.features)
    }

    /// The original JSON text of feature `index`, if it came from the file.
    #[must_use]
    pub fn feature_source(&self, index: usize) -> Option<&str> {
        let span = self.features.get(index)?.source_span.clone()?;
        self.source_text.get(span)
    }

    /// Bounding box of all features in longitude/latitude.
    #[must_use]
    pub fn bbox(&self) -> Option<geo::Rect<f64>> {
        self.features
            .iter()
            .filter_map(Feature::bbox)
            .reduce(|a, b| {
                geo::Rect::new(
                    geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                    geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
                )
            })
    }
}

/// Points at one feature of one layer (selection, hover, QA problems).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct FeatureRef {
    pub layer: LayerId,
    /// Position of the feature in its layer's `features`.
    pub index: usize,
}

/// Adds the property names of a sample of `features` to `keys`, skipping known ones.
pub fn add_property_keys(features: &[Feature], keys: &mut Vec<String>) {
    for f in features.iter().step_by((features.len() / 500).max(1)) {
        for k in f.properties.keys() {
            if !keys.iter().any(|known| known == k) {
                keys.push(k.to_owned());
            }
        }
    }
}
