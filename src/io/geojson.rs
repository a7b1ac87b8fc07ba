//! GeoJSON reader: a file becomes a [`Layer`] whose features keep every member the file gave
//! them (ids, properties in order, foreign members) and point back at their source text.
//!
//! Features are parsed in parallel (rayon) from the raw text of the `features` array; a
//! feature whose geometry cannot be read is kept without geometry and listed as a warning,
//! so one bad polygon never costs the whole file.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use geojson::{GeometryValue, Position};
use rayon::prelude::*;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use thiserror::Error;

use crate::model::{Feature, GeometryNote, GeometryNoteKind, Layer};

/// Why a file could not be read at all.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not text (UTF-8) — is this really a GeoJSON file?")]
    NotUtf8 { path: PathBuf },
    #[error("{path}: not valid JSON at line {line}, column {column}: {reason}")]
    NotJson {
        path: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("{path}: not GeoJSON: {reason}")]
    NotGeoJson { path: PathBuf, reason: String },
}

/// A feature that was read but whose geometry is unusable (kept without geometry), or any
/// other problem worth telling the user about after a partial import.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadWarning {
    /// 0-based position of the feature in the file.
    pub feature_index: usize,
    /// The feature's id as text, if it has one.
    pub feature_id: Option<String>,
    pub reason: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.feature_id {
            Some(id) => write!(
                f,
                "feature {} (id {id}): {}",
                self.feature_index, self.reason
            ),
            None => write!(f, "feature {}: {}", self.feature_index, self.reason),
        }
    }
}

/// A layer and what went wrong with parts of it.
#[derive(Debug)]
pub struct LoadedLayer {
    pub layer: Layer,
    pub warnings: Vec<LoadWarning>,
}

/// Reads a GeoJSON file (FeatureCollection, Feature or bare Geometry) into a layer.
/// `progress` receives the fraction done (0..=1), from any thread.
///
/// # Errors
/// [`LoadError`] naming the file when it cannot be read, is not JSON or is not GeoJSON.
pub fn read_geojson_file(
    path: &Path,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    progress(0.05);
    let text = String::from_utf8(bytes).map_err(|_| LoadError::NotUtf8 {
        path: path.to_owned(),
    })?;
    let name = path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut loaded = parse_geojson(Arc::from(text), path, progress)?;
    loaded.layer.path = Some(path.to_owned());
    if !loaded.layer.collection_members.contains_key("name") {
        loaded.layer.name = name;
    }
    Ok(loaded)
}

/// Top-level members of a GeoJSON object, in order, unparsed.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> serde::Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    out.push((k, v));
                }
                Ok(Members(out))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

/// Parses GeoJSON text into a layer. `path` only names the source in messages.
///
/// # Errors
/// [`LoadError::NotJson`] or [`LoadError::NotGeoJson`].
pub fn parse_geojson(
    text: Arc<str>,
    path: &Path,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    let not_json = |e: &serde_json::Error| LoadError::NotJson {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        reason: strip_position(&e.to_string()),
    };
    let not_geojson = |reason: String| LoadError::NotGeoJson {
        path: path.to_owned(),
        reason,
    };
    let members: Members<'_> = serde_json::from_str(&text).map_err(|e| {
        if e.is_data() {
            not_geojson("the file holds JSON but not an object with a \"type\"".into())
        } else {
            not_json(&e)
        }
    })?;
    let kind = members
        .0
        .iter()
        .find(|(k, _)| k == "type")
        .and_then(|(_, v)| serde_json::from_str::<String>(v.get()).ok())
        .ok_or_else(|| not_geojson("no \"type\" member at the top level".into()))?;

    let base = text.as_ptr() as usize;
    let span_of = |raw: &RawValue| {
        let start = raw.get().as_ptr() as usize - base;
        start..start + raw.get().len()
    };

    let mut collection_members = Map::new();
    let raw_features: Vec<&RawValue> = match kind.as_str() {
        "FeatureCollection" => {
            let mut features = None;
            for (key, raw) in &members.0 {
                match key.as_str() {
                    "type" => {}
                    "features" => {
                        let list: Vec<&RawValue> = serde_json::from_str(raw.get())
                            .map_err(|_| not_geojson("\"features\" is not an array".into()))?;
                        features = Some(list);
                    }
                    _ => {
                        let value: Value =
                            serde_json::from_str(raw.get()).map_err(|e| not_json(&e))?;
                        collection_members.insert(key.clone(), value);
                    }
                }
            }
            features.ok_or_else(|| not_geojson("FeatureCollection without \"features\"".into()))?
        }
        "Feature" => {
            let raw: &RawValue = serde_json::from_str(&text).map_err(|e| not_json(&e))?;
            vec![raw]
        }
        "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon"
        | "GeometryCollection" => Vec::new(),
        other => return Err(not_geojson(format!("unknown GeoJSON type \"{other}\""))),
    };
    progress(0.2);

    let (features, warnings) = if raw_features.is_empty() && kind != "FeatureCollection" {
        // A bare geometry: one feature without properties.
        let geometry: geojson::Geometry = serde_json::from_str(&text).map_err(|e| {
            not_geojson(format!("bad geometry: {}", strip_position(&e.to_string())))
        })?;
        let mut notes = Vec::new();
        let geometry = convert_geometry(&geometry.value, &mut notes);
        let feature = Feature {
            geometry: Some(geometry),
            notes,
            ..Feature::default()
        };
        (vec![feature], Vec::new())
    } else {
        let total = raw_features.len().max(1);
        let done = AtomicUsize::new(0);
        let results: Vec<(Feature, Option<LoadWarning>)> = raw_features
            .par_iter()
            .enumerate()
            .map(|(index, raw)| {
                let n = done.fetch_add(1, Ordering::Relaxed);
                if n.is_multiple_of(4096) {
                    #[allow(clippy::cast_precision_loss)] // a progress fraction
                    progress(0.2 + 0.75 * n as f32 / total as f32);
                }
                let mut parsed = parse_feature(raw, index);
                parsed.0.source_span = Some(span_of(raw));
                parsed
            })
            .collect();
        let mut warnings = Vec::new();
        let features = results
            .into_iter()
            .map(|(f, w)| {
                warnings.extend(w);
                f
            })
            .collect();
        (features, warnings)
    };
    progress(0.97);

    let name = collection_members
        .get("name")
        .and_then(Value::as_str)
        .map_or_else(|| path.display().to_string(), str::to_owned);
    let mut layer = Layer::new(name, None, features);
    layer.collection_members = collection_members;
    layer.source_text = text.clone();
    progress(1.0);
    Ok(LoadedLayer { layer, warnings })
}

/// serde_json appends " at line L column C"; we report those separately.
fn strip_position(message: &str) -> String {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
        .to_owned()
}

/// Parses one feature. On a bad geometry the feature is kept with what could be read.
fn parse_feature(raw: &RawValue, index: usize) -> (Feature, Option<LoadWarning>) {
    match serde_json::from_str::<geojson::Feature>(raw.get()) {
        Ok(f) => {
            let mut notes = Vec::new();
            let geometry = f
                .geometry
                .as_ref()
                .map(|g| convert_geometry(&g.value, &mut notes));
            let feature = Feature {
                id: f.id,
                properties: f.properties.unwrap_or_default(),
                geometry,
                foreign_members: f.foreign_members,
                notes,
                ..Feature::default()
            };
            let warning = feature
                .notes
                .iter()
                .find(|n| n.kind == GeometryNoteKind::TooFewPositions)
                .map(|n| LoadWarning {
                    feature_index: index,
                    feature_id: feature.id.as_ref().map(|_| feature.display_id(index)),
                    reason: format!("{} — not drawn", n.message),
                });
            (feature, warning)
        }
        Err(e) => salvage_feature(raw, index, &strip_position(&e.to_string())),
    }
}

/// A feature whose geometry (or structure) geojson rejected: keep id and properties.
fn salvage_feature(raw: &RawValue, index: usize, reason: &str) -> (Feature, Option<LoadWarning>) {
    #[derive(serde::Deserialize)]
    struct Loose {
        #[serde(default)]
        id: Option<Value>,
        #[serde(default)]
        properties: Option<Map<String, Value>>,
    }
    let loose: Option<Loose> = serde_json::from_str(raw.get()).ok();
    let id = loose.as_ref().and_then(|l| match &l.id {
        Some(Value::String(s)) => Some(geojson::feature::Id::String(s.clone())),
        Some(Value::Number(n)) => Some(geojson::feature::Id::Number(n.clone())),
        _ => None,
    });
    let feature = Feature {
        id,
        properties: loose.and_then(|l| l.properties).unwrap_or_default(),
        notes: vec![GeometryNote {
            kind: GeometryNoteKind::Unreadable,
            message: format!("geometry cannot be read: {reason}"),
            location: None,
        }],
        ..Feature::default()
    };
    let warning = LoadWarning {
        feature_index: index,
        feature_id: feature.id.as_ref().map(|_| feature.display_id(index)),
        reason: format!("geometry cannot be read ({reason}) — kept without geometry"),
    };
    (feature, Some(warning))
}

fn coord(p: &Position) -> Coord<f64> {
    let s = p.as_slice();
    Coord {
        x: s.first().copied().unwrap_or(f64::NAN),
        y: s.get(1).copied().unwrap_or(f64::NAN),
    }
}

fn line(positions: &[Position]) -> LineString<f64> {
    LineString(positions.iter().map(coord).collect())
}

/// A ring as written, with notes on whether it is closed and long enough.
fn ring(positions: &[Position], notes: &mut Vec<GeometryNote>) -> LineString<f64> {
    let mut ls = line(positions);
    let location = ls.0.first().map(|c| [c.x, c.y]);
    if positions.len() < 4 {
        notes.push(GeometryNote {
            kind: GeometryNoteKind::TooFewPositions,
            message: format!(
                "ring has {} positions; a ring needs at least 4",
                positions.len()
            ),
            location,
        });
    }
    if let (Some(first), Some(last)) = (ls.0.first(), ls.0.last())
        && first != last
    {
        notes.push(GeometryNote {
            kind: GeometryNoteKind::UnclosedRing,
            message: "ring is not closed: its last position differs from its first".into(),
            location,
        });
        // Close it, as every GIS does, so area and drawing are what the author meant.
        ls.close();
    }
    ls
}

fn polygon(rings: &[Vec<Position>], notes: &mut Vec<GeometryNote>) -> Polygon<f64> {
    let mut iter = rings.iter();
    let exterior = iter
        .next()
        .map_or_else(|| LineString(Vec::new()), |r| ring(r, notes));
    let interiors = iter.map(|r| ring(r, notes)).collect();
    Polygon::new(exterior, interiors)
}

/// geojson geometry to geo geometry, noting unclosed and short rings.
fn convert_geometry(value: &GeometryValue, notes: &mut Vec<GeometryNote>) -> Geometry<f64> {
    match value {
        GeometryValue::Point { coordinates } => Geometry::Point(Point(coord(coordinates))),
        GeometryValue::MultiPoint { coordinates } => Geometry::MultiPoint(MultiPoint(
            coordinates.iter().map(|p| Point(coord(p))).collect(),
        )),
        GeometryValue::LineString { coordinates } => Geometry::LineString(line(coordinates)),
        GeometryValue::MultiLineString { coordinates } => Geometry::MultiLineString(
            MultiLineString(coordinates.iter().map(|l| line(l)).collect()),
        ),
        GeometryValue::Polygon { coordinates } => Geometry::Polygon(polygon(coordinates, notes)),
        GeometryValue::MultiPolygon { coordinates } => Geometry::MultiPolygon(MultiPolygon(
            coordinates.iter().map(|p| polygon(p, notes)).collect(),
        )),
        GeometryValue::GeometryCollection { geometries } => {
            Geometry::GeometryCollection(geo::GeometryCollection(
                geometries
                    .iter()
                    .map(|g| convert_geometry(&g.value, notes))
                    .collect(),
            ))
        }
    }
}
