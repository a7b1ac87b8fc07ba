//! GeoJSON writer that loses nothing: a feature nobody edited is written back as the exact text
//! it was read from; an edited one is rebuilt from the model, keeping its foreign members and
//! the original geometry when only properties changed. Collection members come back in order.

use std::io::Write;
use std::path::Path;

use serde_json::{Map, Value};
use thiserror::Error;

use crate::io::atomic::write_atomic;
use crate::model::{Feature, Layer};

/// Why a layer could not be written.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("{path}: cannot write: {source}")]
    Io {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `layer` as a GeoJSON FeatureCollection to `out`.
///
/// # Errors
/// Any error of `out`.
pub fn write_layer(layer: &Layer, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"{\"type\":\"FeatureCollection\"")?;
    for (k, v) in &layer.collection_members {
        out.write_all(b",")?;
        serde_json::to_writer(&mut *out, k)?;
        out.write_all(b":")?;
        serde_json::to_writer(&mut *out, v)?;
    }
    out.write_all(b",\"features\":[\n")?;
    for (i, feature) in layer.features.iter().enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        match layer.feature_source(i) {
            Some(raw) if !feature.geometry_edited && !feature.properties_edited => {
                out.write_all(raw.as_bytes())?;
            }
            raw => serde_json::to_writer(&mut *out, &feature_json(feature, raw))?,
        }
    }
    out.write_all(b"\n]}\n")?;
    Ok(())
}

/// Writes `layer` to `path` atomically.
///
/// # Errors
/// [`ExportError::Io`] naming the file.
pub fn save_layer(layer: &Layer, path: &Path) -> Result<(), ExportError> {
    write_atomic(path, |w| write_layer(layer, w)).map_err(|source| ExportError::Io {
        path: path.to_owned(),
        source,
    })
}

/// An edited feature as JSON: members from the original text where the model has nothing
/// newer, in the original order.
fn feature_json(feature: &Feature, raw: Option<&str>) -> Value {
    let original: Map<String, Value> = raw
        .and_then(|r| serde_json::from_str(r).ok())
        .unwrap_or_default();
    let mut out = Map::new();
    out.insert("type".into(), Value::String("Feature".into()));
    if let Some(id) = feature.id.as_ref() {
        out.insert("id".into(), serde_json::to_value(id).unwrap_or(Value::Null));
    }
    let geometry = if feature.geometry_edited || !original.contains_key("geometry") {
        feature.geometry.as_ref().map_or(Value::Null, |g| {
            serde_json::to_value(geojson::Geometry::from(g)).unwrap_or(Value::Null)
        })
    } else {
        original.get("geometry").cloned().unwrap_or(Value::Null)
    };
    out.insert("geometry".into(), geometry);
    out.insert(
        "properties".into(),
        Value::Object(feature.properties.to_json()),
    );
    if let Some(bbox) = original.get("bbox").filter(|_| !feature.geometry_edited) {
        out.insert("bbox".into(), bbox.clone());
    }
    for (k, v) in feature.foreign_members.iter() {
        out.insert(k.to_owned(), v.to_json());
    }
    Value::Object(out)
}
