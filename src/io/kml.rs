//! KML and KMZ (Google Earth): every Placemark becomes a feature.
//!
//! Properties, in this order: `name`, `description`, the `ExtendedData` values (`Data` as
//! text, `SchemaData` typed by its `Schema`'s `SimpleField` types), and `folder`, the path of
//! Folder names the placemark sits in. Geometry: Point, LineString, LinearRing, Polygon
//! (outer and inner boundaries), MultiGeometry, and `gx:Track` as a line. A KMZ is a zip
//! whose `doc.kml` (else its first `.kml`) is read. Parsed with `quick-xml` through
//! [`super::xml`]: the `kml` crate fails a whole file on one unknown element and drops
//! `SchemaData` types.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use geo::{
    Coord, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon,
};

use super::build::{layer_name, ring};
use super::geojson::{LoadError, LoadWarning, LoadedLayer};
use super::xml::{Element, parse};
use crate::model::{Feature, GeometryNote, Layer, Properties, PropertyValue, property_key};

/// Most a KMZ's KML may unpack to.
const MAX_KML: u64 = 1 << 30;

/// Reads a `.kml` file.
///
/// # Errors
/// [`LoadError`] naming the file: not XML, not KML, no placemarks.
pub fn read_kml_file(
    path: &Path,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    progress(0.1);
    read_kml_bytes(path, &bytes, progress)
}

/// Reads a KMZ (zip) already in memory.
///
/// # Errors
/// [`LoadError::BadFile`] when the zip holds no KML, else as [`read_kml_file`].
pub fn read_kmz_bytes(
    path: &Path,
    bytes: &[u8],
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    let bad = |reason: String| LoadError::BadFile {
        path: path.to_owned(),
        reason,
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable KMZ (zip): {e}")))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(std::borrow::Cow::into_owned)
        .collect();
    // `doc.kml` first, then every other KML in the archive: GDAL and Google Earth put layers
    // in `layers/*.kml` behind NetworkLinks from a `doc.kml` that holds no placemark itself.
    let mut kmls: Vec<&String> = names
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(".kml"))
        .collect();
    kmls.sort_by_key(|n| !n.eq_ignore_ascii_case("doc.kml"));
    if kmls.is_empty() {
        return Err(bad("the KMZ holds no .kml document".into()));
    }
    let mut texts = Vec::with_capacity(kmls.len());
    let mut total = 0u64;
    for kml in kmls {
        let mut text = Vec::new();
        archive
            .by_name(kml)
            .map_err(|e| bad(format!("{kml}: {e}")))?
            .take(MAX_KML.saturating_sub(total))
            .read_to_end(&mut text)
            .map_err(|e| bad(format!("{kml}: cannot unzip: {e}")))?;
        total += text.len() as u64;
        texts.push(text);
    }
    progress(0.2);
    read_kml_documents(path, &texts, progress)
}

/// Reads KML text. `path` names the source in messages and the layer.
///
/// # Errors
/// As [`read_kml_file`].
pub fn read_kml_bytes(
    path: &Path,
    bytes: &[u8],
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    read_kml_documents(path, &[bytes.to_vec()], progress)
}

/// Reads one or more KML documents (a KMZ's) into one layer.
fn read_kml_documents(
    path: &Path,
    documents: &[Vec<u8>],
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    let bad = |reason: String| LoadError::BadFile {
        path: path.to_owned(),
        reason,
    };
    let mut reader = KmlReader::default();
    let mut name = None;
    for bytes in documents {
        let text = String::from_utf8_lossy(bytes);
        let root = parse(&text).map_err(bad)?;
        if root.name != "kml" && root.name != "Document" && root.name != "Folder" {
            return Err(bad(format!(
                "not KML: its root element is <{}>, not <kml>",
                root.name
            )));
        }
        reader.collect_schemas(&root);
        let mut folders = Vec::new();
        reader.visit(&root, &mut folders, true);
        if name.is_none() {
            name = root
                .child("Document")
                .and_then(|d| d.child_text("name"))
                .map(str::to_owned);
        }
    }
    progress(0.8);
    if reader.features.is_empty() {
        return Err(bad("the KML holds no placemarks".into()));
    }
    let name = name.unwrap_or_else(|| layer_name(path));
    let mut layer = Layer::new(name, Some(path.to_owned()), reader.features);
    layer.source_crs = Some("WGS 84 (KML)".into());
    progress(1.0);
    Ok(LoadedLayer {
        layer,
        warnings: reader.warnings,
    })
}

#[derive(Default)]
struct KmlReader {
    /// Schema id → field name → declared type.
    schemas: HashMap<String, HashMap<String, String>>,
    features: Vec<Feature>,
    warnings: Vec<LoadWarning>,
}

impl KmlReader {
    fn collect_schemas(&mut self, element: &Element) {
        for child in &element.children {
            if child.name == "Schema" {
                let fields: HashMap<String, String> = child
                    .children_named("SimpleField")
                    .filter_map(|f| {
                        Some((
                            f.attribute("name")?.to_owned(),
                            f.attribute("type").unwrap_or("string").to_ascii_lowercase(),
                        ))
                    })
                    .collect();
                for key in [child.attribute("id"), child.attribute("name")]
                    .into_iter()
                    .flatten()
                {
                    self.schemas.insert(key.to_owned(), fields.clone());
                }
            } else if child.name != "Placemark" {
                self.collect_schemas(child);
            }
        }
    }

    /// Walks containers; `top` is the `kml`/`Document` level, whose name is the layer's,
    /// not a folder's.
    fn visit(&mut self, element: &Element, folders: &mut Vec<String>, top: bool) {
        for child in &element.children {
            match child.name.as_str() {
                "Placemark" => self.placemark(child, folders),
                "Folder" => {
                    folders.push(child.child_text("name").unwrap_or("").to_owned());
                    self.visit(child, folders, false);
                    folders.pop();
                }
                "Document" if top => self.visit(child, folders, true),
                "Document" => {
                    folders.push(child.child_text("name").unwrap_or("").to_owned());
                    self.visit(child, folders, false);
                    folders.pop();
                }
                _ => {}
            }
        }
    }

    fn placemark(&mut self, placemark: &Element, folders: &[String]) {
        let index = self.features.len();
        let mut members: Vec<(&str, PropertyValue)> = Vec::new();
        for key in ["name", "description"] {
            if let Some(t) = placemark.child_text(key) {
                members.push((key, PropertyValue::String(t.into())));
            }
        }
        if let Some(extended) = placemark.child("ExtendedData") {
            for data in extended.children_named("Data") {
                if let Some(name) = data.attribute("name") {
                    let value = data
                        .child_text("value")
                        .map_or(PropertyValue::Null, |t| PropertyValue::String(t.into()));
                    members.push((name, value));
                }
            }
            for schema_data in extended.children_named("SchemaData") {
                let schema = schema_data
                    .attribute("schemaUrl")
                    .map(|u| u.trim_start_matches('#'))
                    .and_then(|id| self.schemas.get(id));
                for simple in schema_data.children_named("SimpleData") {
                    let Some(name) = simple.attribute("name") else {
                        continue;
                    };
                    let kind = schema
                        .and_then(|s| s.get(name))
                        .map_or("string", String::as_str);
                    members.push((name, typed(simple.text.trim(), kind)));
                }
            }
        }
        let folder: Vec<&str> = folders
            .iter()
            .map(String::as_str)
            .filter(|f| !f.is_empty())
            .collect();
        if !folder.is_empty() {
            members.push(("folder", PropertyValue::String(folder.join(" / ").into())));
        }
        let properties: Properties = members
            .into_iter()
            .map(|(k, v)| (property_key(k), v))
            .collect();
        let mut notes = Vec::new();
        let geometry = placemark
            .children
            .iter()
            .find_map(|c| geometry(c, &mut notes, 0));
        if geometry.is_none() {
            self.warnings.push(LoadWarning {
                feature_index: index,
                feature_id: None,
                reason: "placemark has no geometry minemap reads — kept without geometry".into(),
            });
        }
        self.features.push(Feature {
            properties,
            geometry,
            notes,
            ..Feature::default()
        });
    }
}

/// A SimpleData value typed as its SimpleField declares (GDAL writes `int`, `double`,
/// `bool`, `string`); text that does not fit its type stays text.
fn typed(text: &str, kind: &str) -> PropertyValue {
    if text.is_empty() {
        return PropertyValue::Null;
    }
    match kind {
        "int" | "uint" | "short" | "ushort" => text.parse::<i64>().map_or_else(
            |_| PropertyValue::String(text.into()),
            |i| PropertyValue::Number(i.into()),
        ),
        "float" | "double" => text
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .map_or_else(|| PropertyValue::String(text.into()), PropertyValue::from),
        "bool" => match text {
            "1" | "true" => PropertyValue::Bool(true),
            "0" | "false" => PropertyValue::Bool(false),
            _ => PropertyValue::String(text.into()),
        },
        _ => PropertyValue::String(text.into()),
    }
}

/// `lon,lat[,alt]` tuples separated by white space.
fn coordinates(text: &str) -> Vec<Coord<f64>> {
    // Some writers put a space after the commas: glue those back first.
    let glued = text.replace(", ", ",");
    glued
        .split_whitespace()
        .filter_map(|tuple| {
            let mut parts = tuple.split(',').map(str::parse::<f64>);
            let x = parts.next()?.ok()?;
            let y = parts.next()?.ok()?;
            (x.is_finite() && y.is_finite()).then_some(Coord { x, y })
        })
        .collect()
}

fn ring_of(boundary: &Element, notes: &mut Vec<GeometryNote>) -> Option<LineString<f64>> {
    let linear = boundary.child("LinearRing")?;
    Some(ring(coordinates(&linear.child("coordinates")?.text), notes))
}

/// A KML geometry element as `geo`; `None` for other elements.
fn geometry(
    element: &Element,
    notes: &mut Vec<GeometryNote>,
    depth: usize,
) -> Option<Geometry<f64>> {
    if depth > 32 {
        return None;
    }
    Some(match element.name.as_str() {
        "Point" => {
            let c = *coordinates(&element.child("coordinates")?.text).first()?;
            Geometry::Point(Point(c))
        }
        "LineString" => {
            Geometry::LineString(LineString(coordinates(&element.child("coordinates")?.text)))
        }
        "LinearRing" => Geometry::Polygon(Polygon::new(
            ring(coordinates(&element.child("coordinates")?.text), notes),
            Vec::new(),
        )),
        "Polygon" => {
            let outer = ring_of(element.child("outerBoundaryIs")?, notes)?;
            let inner = element
                .children_named("innerBoundaryIs")
                .flat_map(|b| b.children_named("LinearRing"))
                .filter_map(|r| Some(ring(coordinates(&r.child("coordinates")?.text), notes)))
                .collect();
            Geometry::Polygon(Polygon::new(outer, inner))
        }
        "Track" => {
            let coords = element
                .children_named("coord")
                .filter_map(|c| {
                    let mut it = c.text.split_whitespace().map(str::parse::<f64>);
                    Some(Coord {
                        x: it.next()?.ok()?,
                        y: it.next()?.ok()?,
                    })
                })
                .collect();
            Geometry::LineString(LineString(coords))
        }
        "MultiGeometry" | "MultiTrack" => {
            let parts: Vec<Geometry<f64>> = element
                .children
                .iter()
                .filter_map(|c| geometry(c, notes, depth + 1))
                .collect();
            if parts.is_empty() {
                return None;
            }
            homogeneous(parts)
        }
        _ => return None,
    })
}

/// A MultiGeometry of one kind becomes the matching multi-geometry, so polygons stay areas.
fn homogeneous(parts: Vec<Geometry<f64>>) -> Geometry<f64> {
    if parts
        .iter()
        .all(|g| matches!(g, Geometry::Polygon(_) | Geometry::MultiPolygon(_)))
    {
        let mut polygons = Vec::new();
        for g in parts {
            match g {
                Geometry::Polygon(p) => polygons.push(p),
                Geometry::MultiPolygon(mp) => polygons.extend(mp.0),
                _ => {}
            }
        }
        return Geometry::MultiPolygon(MultiPolygon(polygons));
    }
    if parts.iter().all(|g| matches!(g, Geometry::Point(_))) {
        return Geometry::MultiPoint(MultiPoint(
            parts
                .into_iter()
                .filter_map(|g| match g {
                    Geometry::Point(p) => Some(p),
                    _ => None,
                })
                .collect(),
        ));
    }
    if parts.iter().all(|g| matches!(g, Geometry::LineString(_))) {
        return Geometry::MultiLineString(MultiLineString(
            parts
                .into_iter()
                .filter_map(|g| match g {
                    Geometry::LineString(l) => Some(l),
                    _ => None,
                })
                .collect(),
        ));
    }
    Geometry::GeometryCollection(GeometryCollection(parts))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn placemarks_in_folders_with_extended_data_become_features() {
        let kml = br##"<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Survey</name>
<Schema name="s" id="s"><SimpleField name="killed" type="int"/><SimpleField name="ok" type="bool"/></Schema>
<Folder><name>Team 3</name><Folder><name>Day 1</name>
<Placemark><name>HA-7</name><description>near the road</description>
 <ExtendedData><Data name="status"><value>open</value></Data>
  <SchemaData schemaUrl="#s"><SimpleData name="killed">2</SimpleData><SimpleData name="ok">1</SimpleData></SchemaData></ExtendedData>
 <MultiGeometry><Polygon><outerBoundaryIs><LinearRing><coordinates>47,40 47.1,40 47.1,40.1 47,40</coordinates></LinearRing></outerBoundaryIs></Polygon>
 <Polygon><outerBoundaryIs><LinearRing><coordinates>48,40 48.1,40 48.1,40.1 48,40</coordinates></LinearRing></outerBoundaryIs></Polygon></MultiGeometry>
</Placemark></Folder></Folder>
<Placemark><name>no geometry</name></Placemark></Document></kml>"##;
        let loaded = read_kml_bytes(Path::new("t.kml"), kml, &|_| {}).unwrap();
        assert_eq!(loaded.layer.name, "Survey");
        let f = &loaded.layer.features[0];
        assert_eq!(
            serde_json::Value::Object(f.properties.to_json()),
            serde_json::json!({"name": "HA-7", "description": "near the road", "status": "open",
                "killed": 2, "ok": true, "folder": "Team 3 / Day 1"})
        );
        assert!(matches!(f.geometry, Some(Geometry::MultiPolygon(ref mp)) if mp.0.len() == 2));
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.warnings[0].feature_index, 1);
    }

    #[test]
    fn a_kml_with_no_placemarks_says_so() {
        let e = read_kml_bytes(Path::new("empty.kml"), b"<kml><Document/></kml>", &|_| {})
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("empty.kml") && e.contains("no placemarks"),
            "{e}"
        );
    }
}
