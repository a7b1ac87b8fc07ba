//! GeoJSON reader: a file becomes a [`Layer`] whose features keep every member the file gave
//! them (ids, properties in order, foreign members) and point back at their source text.
//!
//! One pass over the top level finds the raw text of each feature in the `features` array;
//! the features are then parsed in parallel (rayon) by hand-written serde visitors that go
//! straight to the model — properties into compact maps, coordinates into `geo` rings with
//! no allocation per position — so a 300 MB file loads in about a second and the text is
//! read once and never copied. A feature whose geometry cannot be read is kept without
//! geometry and listed as a warning, so one bad polygon never costs the whole file.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use rayon::prelude::*;
use serde::Deserialize;
use serde::de::{
    self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor,
};
use serde_json::value::RawValue;
use serde_json::{Map, Number, Value};
use thiserror::Error;

use super::build::ring;

use crate::model::{
    Feature, FeatureId, GeometryNote, GeometryNoteKind, Layer, Properties, PropertyValue,
};

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
    /// A file of another format that cannot be read as a whole (a Shapefile without its
    /// `.dbf`, a zip with no shapefile, a KML with no placemarks, …).
    #[error("{path}: {reason}")]
    BadFile { path: PathBuf, reason: String },
    /// One record stops the whole file (its number as the format counts: Shapefile records
    /// from 1, CSV lines from 1 with the header).
    #[error("{path}: record {record}: {reason}")]
    BadRecord {
        path: PathBuf,
        record: usize,
        reason: String,
    },
    /// The file's coordinate system cannot be converted to WGS84.
    #[error("{path}: {source}")]
    Crs {
        path: PathBuf,
        #[source]
        source: crate::io::crs::CrsError,
    },
    /// Neither the extension nor the content says which reader fits.
    #[error(
        "{path}: not a format minemap reads ({reason}); it opens GeoJSON, Shapefile (.shp or \
         .zip), GeoPackage, KML/KMZ, GPX and CSV/TSV"
    )]
    UnknownFormat { path: PathBuf, reason: String },
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
/// The file's text is read once and becomes the layer's `source_text` without a copy.
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
    let mut loaded = parse_source(Arc::new(text), path, progress)?;
    loaded.layer.path = Some(path.to_owned());
    if !loaded.layer.collection_members.contains_key("name") {
        loaded.layer.name = name;
    }
    Ok(loaded)
}

/// Parses GeoJSON text into a layer. `path` only names the source in messages.
///
/// The text is copied once into the layer's `source_text`; this is meant for embedded and
/// test data — files go through [`read_geojson_file`], which does not copy.
///
/// # Errors
/// [`LoadError::NotJson`] or [`LoadError::NotGeoJson`].
pub fn parse_geojson(
    text: Arc<str>,
    path: &Path,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    parse_source(Arc::new(String::from(&*text)), path, progress)
}

/// The reader proper: `text` becomes the layer's `source_text`, shared, never copied.
fn parse_source(
    text: Arc<String>,
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
    let top: TopLevel<'_> = serde_json::from_str(&text).map_err(|e| {
        if e.is_data() {
            not_geojson("the file holds JSON but not an object with a \"type\"".into())
        } else {
            not_json(&e)
        }
    })?;
    let kind = top
        .kind
        .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
        .ok_or_else(|| not_geojson("no \"type\" member at the top level".into()))?;

    let base = text.as_ptr() as usize;
    let span_of = |raw: &RawValue| {
        let start = raw.get().as_ptr() as usize - base;
        start..start + raw.get().len()
    };

    let mut collection_members = Map::new();
    let raw_features: Vec<&RawValue> = match kind.as_str() {
        "FeatureCollection" => {
            for (key, raw) in top.others {
                let value: Value = serde_json::from_str(raw.get()).map_err(|e| not_json(&e))?;
                collection_members.insert(key, value);
            }
            match top.features {
                Some(FeaturesMember::List(list)) => list,
                Some(FeaturesMember::NotArray) => {
                    return Err(not_geojson("\"features\" is not an array".into()));
                }
                None => {
                    return Err(not_geojson("FeatureCollection without \"features\"".into()));
                }
            }
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
        let geometry: RawGeometry = serde_json::from_str(&text).map_err(|e| {
            not_geojson(format!("bad geometry: {}", strip_position(&e.to_string())))
        })?;
        let mut notes = Vec::new();
        let geometry = geometry.into_geo(&mut notes);
        let feature = Feature {
            geometry: Some(geometry),
            notes,
            ..Feature::default()
        };
        (vec![feature], Vec::new())
    } else {
        let total = raw_features.len().max(1);
        let done = AtomicUsize::new(0);
        // Features and warnings straight into their own vectors: no intermediate vector of
        // pairs as large as the features themselves.
        let (features, warnings): (Vec<Feature>, Vec<Option<LoadWarning>>) = raw_features
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
            .unzip();
        (features, warnings.into_iter().flatten().collect())
    };
    drop(raw_features);
    progress(0.97);

    let name = collection_members
        .get("name")
        .and_then(Value::as_str)
        .map_or_else(|| path.display().to_string(), str::to_owned);
    let mut layer = Layer::new(name, None, features);
    layer.collection_members = collection_members;
    layer.source_text = text;
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
    match serde_json::from_str::<RawFeature>(raw.get()) {
        Ok(f) => {
            let mut notes = Vec::new();
            let geometry = f.geometry.map(|g| g.into_geo(&mut notes));
            let feature = Feature {
                id: f.id,
                properties: f.properties,
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

/// A feature whose geometry (or structure) could not be read: keep id and properties.
fn salvage_feature(raw: &RawValue, index: usize, reason: &str) -> (Feature, Option<LoadWarning>) {
    #[derive(serde::Deserialize)]
    struct Loose {
        #[serde(default)]
        id: Option<Value>,
        #[serde(default)]
        properties: Option<Properties>,
    }
    let loose: Option<Loose> = serde_json::from_str(raw.get()).ok();
    let id = loose.as_ref().and_then(|l| match &l.id {
        Some(Value::String(s)) => Some(FeatureId::String(s.clone())),
        Some(Value::Number(n)) => Some(FeatureId::Number(n.clone())),
        _ => None,
    });
    let feature = Feature {
        id,
        properties: loose.and_then(|l| l.properties).unwrap_or_default(),
        notes: vec![GeometryNote {
            kind: GeometryNoteKind::Unreadable,
            message: format!("geometry cannot be read: {reason}"),
            location: None,
            positions: None,
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

// ---------------------------------------------------------------------------------------
// Top level: one pass that keeps each feature's raw text and every other member unparsed.

/// Top-level members of a GeoJSON object. `features` is split into the raw text of each
/// feature during the same pass, so the array is scanned once.
struct TopLevel<'a> {
    kind: Option<&'a RawValue>,
    features: Option<FeaturesMember<'a>>,
    /// Members other than `type` and `features`, in the file's order.
    others: Vec<(String, &'a RawValue)>,
}

/// The `features` member: the raw text of each element, or a note that it was no array.
enum FeaturesMember<'a> {
    List(Vec<&'a RawValue>),
    NotArray,
}

impl<'de> Deserialize<'de> for TopLevel<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TopVisitor;
        impl<'de> Visitor<'de> for TopVisitor {
            type Value = TopLevel<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut top = TopLevel {
                    kind: None,
                    features: None,
                    others: Vec::new(),
                };
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "type" => top.kind = Some(map.next_value()?),
                        "features" => top.features = Some(map.next_value()?),
                        _ => top.others.push((key, map.next_value()?)),
                    }
                }
                Ok(top)
            }
        }
        deserializer.deserialize_map(TopVisitor)
    }
}

impl<'de> Deserialize<'de> for FeaturesMember<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FeaturesVisitor;
        impl<'de> Visitor<'de> for FeaturesVisitor {
            type Value = FeaturesMember<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of features")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(raw) = seq.next_element::<&'de RawValue>()? {
                    list.push(raw);
                }
                Ok(FeaturesMember::List(list))
            }
            // Anything else is valid JSON but not GeoJSON: say so after the scan.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(FeaturesMember::NotArray)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(FeaturesMember::NotArray)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(FeaturesMember::NotArray)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(FeaturesMember::NotArray)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(FeaturesMember::NotArray)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(FeaturesMember::NotArray)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(FeaturesMember::NotArray)
            }
        }
        deserializer.deserialize_any(FeaturesVisitor)
    }
}

// ---------------------------------------------------------------------------------------
// One feature, read member by member (no `#[serde(flatten)]`, which would buffer the whole
// feature before reading it).

/// A feature as read, before it becomes a model [`Feature`].
struct RawFeature {
    id: Option<FeatureId>,
    properties: Properties,
    geometry: Option<RawGeometry>,
    foreign_members: Properties,
}

/// The members of a feature the reader knows; anything else is a foreign member.
enum FeatureKey {
    Type,
    Id,
    Properties,
    Geometry,
    Bbox,
    Other(String),
}

impl<'de> Deserialize<'de> for FeatureKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = FeatureKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(match v {
                    "type" => FeatureKey::Type,
                    "id" => FeatureKey::Id,
                    "properties" => FeatureKey::Properties,
                    "geometry" => FeatureKey::Geometry,
                    "bbox" => FeatureKey::Bbox,
                    other => FeatureKey::Other(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// `"type": "Feature"`, checked without allocating.
struct FeatureType;

impl<'de> Deserialize<'de> for FeatureType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TypeVisitor;
        impl Visitor<'_> for TypeVisitor {
            type Value = FeatureType;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"Feature\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v == "Feature" {
                    Ok(FeatureType)
                } else {
                    Err(E::invalid_value(Unexpected::Str(v), &self))
                }
            }
        }
        deserializer.deserialize_str(TypeVisitor)
    }
}

/// A feature id: a string, a number, or null (no id).
struct MaybeId(Option<FeatureId>);

impl<'de> Deserialize<'de> for MaybeId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl<'de> Visitor<'de> for IdVisitor {
            type Value = MaybeId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a feature id (a string or a number)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(MaybeId(Some(FeatureId::String(v.to_owned()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(MaybeId(Some(FeatureId::String(v))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(MaybeId(Some(FeatureId::Number(v.into()))))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(MaybeId(Some(FeatureId::Number(v.into()))))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Number::from_f64(v)
                    .map(|n| MaybeId(Some(FeatureId::Number(n))))
                    .ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(MaybeId(None))
            }
        }
        deserializer.deserialize_any(IdVisitor)
    }
}

impl<'de> Deserialize<'de> for RawFeature {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FeatureVisitor;
        impl<'de> Visitor<'de> for FeatureVisitor {
            type Value = RawFeature;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a GeoJSON Feature object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut typed = false;
                let mut feature = RawFeature {
                    id: None,
                    properties: Properties::new(),
                    geometry: None,
                    foreign_members: Properties::new(),
                };
                let mut foreign = Properties::new();
                while let Some(key) = map.next_key::<FeatureKey>()? {
                    match key {
                        FeatureKey::Type => {
                            map.next_value::<FeatureType>()?;
                            typed = true;
                        }
                        FeatureKey::Id => feature.id = map.next_value::<MaybeId>()?.0,
                        FeatureKey::Properties => {
                            feature.properties =
                                map.next_value::<Option<Properties>>()?.unwrap_or_default();
                        }
                        FeatureKey::Geometry => feature.geometry = map.next_value()?,
                        // Kept in the source text; nothing in the model needs it.
                        FeatureKey::Bbox => {
                            map.next_value::<IgnoredAny>()?;
                        }
                        FeatureKey::Other(name) => {
                            foreign.insert(&name, map.next_value::<PropertyValue>()?);
                        }
                    }
                }
                if !typed {
                    return Err(de::Error::missing_field("type"));
                }
                feature.foreign_members = foreign;
                Ok(feature)
            }
        }
        deserializer.deserialize_map(FeatureVisitor)
    }
}

// ---------------------------------------------------------------------------------------
// Geometry: straight into `geo` coordinates, one vector per ring, no allocation per position.

/// A geometry as read, before ring checks turn it into a `geo` geometry.
enum RawGeometry {
    Point(Coord<f64>),
    MultiPoint(Vec<Coord<f64>>),
    LineString(Vec<Coord<f64>>),
    MultiLineString(Vec<Vec<Coord<f64>>>),
    Polygon(Vec<Vec<Coord<f64>>>),
    MultiPolygon(Vec<Vec<Vec<Coord<f64>>>>),
    GeometryCollection(Vec<RawGeometry>),
}

/// The GeoJSON geometry types.
#[derive(Clone, Copy, PartialEq, Eq)]
enum GeometryKind {
    Point,
    MultiPoint,
    LineString,
    MultiLineString,
    Polygon,
    MultiPolygon,
    GeometryCollection,
}

const GEOMETRY_KINDS: &[&str] = &[
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
];

impl<'de> Deserialize<'de> for GeometryKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KindVisitor;
        impl Visitor<'_> for KindVisitor {
            type Value = GeometryKind;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a GeoJSON geometry type")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(match v {
                    "Point" => GeometryKind::Point,
                    "MultiPoint" => GeometryKind::MultiPoint,
                    "LineString" => GeometryKind::LineString,
                    "MultiLineString" => GeometryKind::MultiLineString,
                    "Polygon" => GeometryKind::Polygon,
                    "MultiPolygon" => GeometryKind::MultiPolygon,
                    "GeometryCollection" => GeometryKind::GeometryCollection,
                    other => return Err(E::unknown_variant(other, GEOMETRY_KINDS)),
                })
            }
        }
        deserializer.deserialize_str(KindVisitor)
    }
}

/// The members of a geometry the reader uses; the rest (`bbox`, foreign members) stay in
/// the source text.
enum GeometryKey {
    Type,
    Coordinates,
    Geometries,
    Other,
}

impl<'de> Deserialize<'de> for GeometryKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = GeometryKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(match v {
                    "type" => GeometryKey::Type,
                    "coordinates" => GeometryKey::Coordinates,
                    "geometries" => GeometryKey::Geometries,
                    _ => GeometryKey::Other,
                })
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for RawGeometry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct GeometryVisitor;
        impl<'de> Visitor<'de> for GeometryVisitor {
            type Value = RawGeometry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a GeoJSON geometry object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut kind = None;
                let mut coordinates = None;
                // `coordinates` before `type`: kept as text until the type is known.
                let mut deferred: Option<&'de RawValue> = None;
                let mut geometries = None;
                while let Some(key) = map.next_key::<GeometryKey>()? {
                    match key {
                        GeometryKey::Type => kind = Some(map.next_value::<GeometryKind>()?),
                        GeometryKey::Coordinates => match kind {
                            Some(GeometryKind::GeometryCollection) => {
                                map.next_value::<IgnoredAny>()?;
                            }
                            Some(k) => coordinates = Some(map.next_value_seed(CoordinatesOf(k))?),
                            None => deferred = Some(map.next_value()?),
                        },
                        GeometryKey::Geometries => {
                            geometries = Some(map.next_value::<Exact<RawGeometry>>()?.0);
                        }
                        GeometryKey::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                let kind = kind.ok_or_else(|| de::Error::missing_field("type"))?;
                if kind == GeometryKind::GeometryCollection {
                    return geometries
                        .map(RawGeometry::GeometryCollection)
                        .ok_or_else(|| de::Error::missing_field("geometries"));
                }
                if let (None, Some(raw)) = (&coordinates, deferred) {
                    let mut d = serde_json::Deserializer::from_str(raw.get());
                    coordinates = Some(
                        CoordinatesOf(kind)
                            .deserialize(&mut d)
                            .map_err(|e| de::Error::custom(strip_position(&e.to_string())))?,
                    );
                }
                coordinates.ok_or_else(|| de::Error::missing_field("coordinates"))
            }
        }
        deserializer.deserialize_map(GeometryVisitor)
    }
}

/// Reads the `coordinates` of a geometry of a known type.
struct CoordinatesOf(GeometryKind);

impl<'de> DeserializeSeed<'de> for CoordinatesOf {
    type Value = RawGeometry;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Ok(match self.0 {
            GeometryKind::Point => RawGeometry::Point(Position::deserialize(d)?.0),
            GeometryKind::MultiPoint => RawGeometry::MultiPoint(Positions::deserialize(d)?.0),
            GeometryKind::LineString => RawGeometry::LineString(Positions::deserialize(d)?.0),
            GeometryKind::MultiLineString => {
                RawGeometry::MultiLineString(unwrap_rings(Exact::<Positions>::deserialize(d)?.0))
            }
            GeometryKind::Polygon => {
                RawGeometry::Polygon(unwrap_rings(Exact::<Positions>::deserialize(d)?.0))
            }
            GeometryKind::MultiPolygon => RawGeometry::MultiPolygon(
                Exact::<Exact<Positions>>::deserialize(d)?
                    .0
                    .into_iter()
                    .map(|p| unwrap_rings(p.0))
                    .collect(),
            ),
            // Handled by the geometry visitor: a collection has `geometries`, not coordinates.
            GeometryKind::GeometryCollection => {
                IgnoredAny::deserialize(d)?;
                RawGeometry::GeometryCollection(Vec::new())
            }
        })
    }
}

fn unwrap_rings(rings: Vec<Positions>) -> Vec<Vec<Coord<f64>>> {
    // Same layout: collected in place, no new allocation.
    rings.into_iter().map(|r| r.0).collect()
}

/// One position: an array of at least two numbers; more (altitude, measures) are skipped —
/// they stay in the source text, which export writes back.
struct Position(Coord<f64>);

impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PositionVisitor;
        impl<'de> Visitor<'de> for PositionVisitor {
            type Value = Position;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a position (an array of at least two numbers)")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let x = seq
                    .next_element::<f64>()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let y = seq
                    .next_element::<f64>()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Position(Coord { x, y }))
            }
        }
        deserializer.deserialize_seq(PositionVisitor)
    }
}

thread_local! {
    /// Reused by every ring read on this thread.
    static SCRATCH_POSITIONS: std::cell::Cell<Vec<Coord<f64>>> = const { std::cell::Cell::new(Vec::new()) };
}

/// An array of positions (a ring, a line, the points of a MultiPoint) in one vector.
struct Positions(Vec<Coord<f64>>);

impl<'de> Deserialize<'de> for Positions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PositionsVisitor;
        impl<'de> Visitor<'de> for PositionsVisitor {
            type Value = Positions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of positions")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // Positions go into this thread's scratch vector first, then into one
                // allocation of the right size: no growing and copying per ring.
                let mut scratch = SCRATCH_POSITIONS.take();
                scratch.clear();
                let read = (|| {
                    while let Some(p) = seq.next_element::<Position>()? {
                        scratch.push(p.0);
                    }
                    Ok(())
                })();
                // One spare slot, so closing an unclosed ring does not reallocate.
                let mut coords = Vec::with_capacity(scratch.len() + 1);
                coords.extend_from_slice(&scratch);
                SCRATCH_POSITIONS.set(scratch);
                read.map(|()| Positions(coords))
            }
        }
        deserializer.deserialize_seq(PositionsVisitor)
    }
}

/// An array read into a vector with no spare capacity.
struct Exact<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Exact<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExactVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ExactVisitor<T> {
            type Value = Exact<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element::<T>()? {
                    items.push(item);
                }
                items.shrink_to_fit();
                Ok(Exact(items))
            }
        }
        deserializer.deserialize_seq(ExactVisitor(std::marker::PhantomData))
    }
}

impl RawGeometry {
    /// The `geo` geometry, with unclosed rings closed and noted and short rings noted.
    fn into_geo(self, notes: &mut Vec<GeometryNote>) -> Geometry<f64> {
        match self {
            Self::Point(c) => Geometry::Point(Point(c)),
            Self::MultiPoint(cs) => {
                Geometry::MultiPoint(MultiPoint(cs.into_iter().map(Point).collect()))
            }
            Self::LineString(cs) => Geometry::LineString(LineString(cs)),
            Self::MultiLineString(lines) => Geometry::MultiLineString(MultiLineString(
                lines.into_iter().map(LineString).collect(),
            )),
            Self::Polygon(rings) => Geometry::Polygon(polygon(rings, notes)),
            Self::MultiPolygon(polygons) => Geometry::MultiPolygon(MultiPolygon(
                polygons.into_iter().map(|p| polygon(p, notes)).collect(),
            )),
            Self::GeometryCollection(geometries) => {
                Geometry::GeometryCollection(geo::GeometryCollection(
                    geometries.into_iter().map(|g| g.into_geo(notes)).collect(),
                ))
            }
        }
    }
}

fn polygon(rings: Vec<Vec<Coord<f64>>>, notes: &mut Vec<GeometryNote>) -> Polygon<f64> {
    let mut iter = rings.into_iter();
    let exterior = iter
        .next()
        .map_or_else(|| LineString(Vec::new()), |r| ring(r, notes));
    let interiors = iter.map(|r| ring(r, notes)).collect();
    Polygon::new(exterior, interiors)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(text: &str) -> LoadedLayer {
        parse_geojson(Arc::from(text), Path::new("t.geojson"), &|_| {}).unwrap()
    }

    #[test]
    fn coordinates_written_before_type_are_read() {
        let loaded = parse(
            r#"{"type":"FeatureCollection","features":[{"geometry":{"coordinates":[[[47,40],[47.1,40],[47.1,40.1],[47,40]]],"type":"Polygon"},"properties":{},"type":"Feature"}]}"#,
        );
        let f = &loaded.layer.features[0];
        let Some(Geometry::Polygon(p)) = &f.geometry else {
            panic!("polygon expected, got {:?}", f.geometry)
        };
        assert_eq!(p.exterior().0.len(), 4);
        assert!(loaded.warnings.is_empty());
    }

    #[test]
    fn altitudes_are_skipped_and_a_one_number_position_is_unreadable() {
        let loaded = parse(
            r#"{"type":"FeatureCollection","features":[
              {"type":"Feature","geometry":{"type":"LineString","coordinates":[[47,40,812.5],[47.1,40.1,13,7]]},"properties":{}},
              {"type":"Feature","id":9,"geometry":{"type":"Point","coordinates":[47]},"properties":{"keep":1}}]}"#,
        );
        let Some(Geometry::LineString(l)) = &loaded.layer.features[0].geometry else {
            panic!("line expected")
        };
        assert_eq!(l.0[1], Coord { x: 47.1, y: 40.1 });
        let bad = &loaded.layer.features[1];
        assert!(bad.geometry.is_none());
        assert_eq!(
            bad.properties.get("keep").map(PropertyValue::to_json),
            Some(json!(1))
        );
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.warnings[0].feature_index, 1);
        assert_eq!(loaded.warnings[0].feature_id.as_deref(), Some("9"));
    }

    #[test]
    fn ids_foreign_members_null_properties_and_collections_are_kept() {
        let loaded = parse(
            r#"{"type":"FeatureCollection","features":[
              {"type":"Feature","id":17,"bbox":[1,2,3,4],"properties":null,"geometry":null},
              {"x_team":{"name":"NTS-3"},"type":"Feature","id":"HA-2","properties":{"b":[1,{"c":null}],"a":true},
               "geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[47,40]},{"type":"MultiPoint","coordinates":[[47,40],[48,41]]}]}}]}"#,
        );
        let [first, second] = loaded.layer.features.as_slice() else {
            panic!("two features expected")
        };
        assert_eq!(first.display_id(0), "17");
        assert!(first.properties.is_empty());
        assert!(first.foreign_members.is_empty());
        assert!(first.geometry.is_none());
        assert_eq!(second.display_id(1), "HA-2");
        let keys: Vec<&str> = second.properties.keys().collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(
            Value::Object(second.properties.to_json()),
            json!({"b": [1, {"c": null}], "a": true})
        );
        assert_eq!(
            Value::Object(second.foreign_members.to_json()),
            json!({"x_team": {"name": "NTS-3"}})
        );
        let Some(Geometry::GeometryCollection(gc)) = &second.geometry else {
            panic!("collection expected")
        };
        assert_eq!(gc.0.len(), 2);
        assert_eq!(
            loaded
                .layer
                .feature_source(1)
                .map(|s| s.starts_with("{\"x_team\"")),
            Some(true)
        );
    }

    #[test]
    fn a_features_member_that_is_not_an_array_is_not_geojson() {
        let err = parse_geojson(
            Arc::from(r#"{"type":"FeatureCollection","features":{"a":1}}"#),
            Path::new("t.geojson"),
            &|_| {},
        )
        .unwrap_err();
        assert!(err.to_string().contains("not an array"), "{err}");
    }
}
