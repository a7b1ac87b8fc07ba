//! GPX from handheld GPS units: waypoints become points (name, time, elevation, comment,
//! description, symbol, type and every `<extensions>` value), routes and tracks become lines.
//! One layer per kind present (`… waypoints`, `… routes`, `… tracks`).
//!
//! Read through [`super::xml`] rather than the `gpx` crate, which skips `<extensions>`
//! (where GDAL, Garmin and OsmAnd put every other attribute) and fails the whole file on one
//! bad point.

use std::path::Path;

use geo::{Coord, Geometry, LineString, MultiLineString, Point};

use super::build::layer_name;
use super::geojson::{LoadError, LoadWarning, LoadedLayer};
use super::xml::{Element, parse};
use crate::model::{Feature, Layer, Properties, PropertyValue, property_key};

/// Reads a `.gpx` file into up to three layers: waypoints, routes, tracks.
///
/// # Errors
/// [`LoadError`] naming the file: not XML, not GPX, nothing in it.
pub fn read_gpx_file(
    path: &Path,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<Vec<LoadedLayer>, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    progress(0.1);
    read_gpx_bytes(path, &bytes, progress)
}

/// Reads GPX text. `path` names the source in messages and layers.
///
/// # Errors
/// As [`read_gpx_file`].
pub fn read_gpx_bytes(
    path: &Path,
    bytes: &[u8],
    progress: &(dyn Fn(f32) + Sync),
) -> Result<Vec<LoadedLayer>, LoadError> {
    let bad = |reason: String| LoadError::BadFile {
        path: path.to_owned(),
        reason,
    };
    let root = parse(&String::from_utf8_lossy(bytes)).map_err(bad)?;
    if root.name != "gpx" {
        return Err(bad(format!(
            "not GPX: its root element is <{}>, not <gpx>",
            root.name
        )));
    }
    progress(0.5);
    let name = layer_name(path);
    let mut layers = Vec::new();
    for (kind, element, label) in [
        (Kind::Waypoint, "wpt", "waypoints"),
        (Kind::Route, "rte", "routes"),
        (Kind::Track, "trk", "tracks"),
    ] {
        let mut warnings = Vec::new();
        let features: Vec<Feature> = root
            .children_named(element)
            .enumerate()
            .map(|(i, e)| feature(e, kind, i, &mut warnings))
            .collect();
        if features.is_empty() {
            continue;
        }
        let mut layer = Layer::new(format!("{name} — {label}"), Some(path.to_owned()), features);
        layer.source_crs = Some("WGS 84 (GPX)".into());
        layers.push(LoadedLayer { layer, warnings });
    }
    if layers.is_empty() {
        return Err(bad("the GPX holds no waypoints, routes or tracks".into()));
    }
    progress(1.0);
    Ok(layers)
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Waypoint,
    Route,
    Track,
}

/// `lat`/`lon` attributes of a point element.
fn position(e: &Element) -> Option<Coord<f64>> {
    let lat: f64 = e.attribute("lat")?.trim().parse().ok()?;
    let lon: f64 = e.attribute("lon")?.trim().parse().ok()?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon))
        .then_some(Coord { x: lon, y: lat })
}

/// Text that looks like a number becomes one: extensions carry no types.
fn value(text: &str) -> PropertyValue {
    if let Ok(i) = text.parse::<i64>() {
        return PropertyValue::Number(i.into());
    }
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && !text.starts_with(['+', '.']) => PropertyValue::from(x),
        _ => PropertyValue::String(text.into()),
    }
}

/// Leaf values under `<extensions>`, by their local names, depth first.
fn extensions(e: &Element, out: &mut Vec<(String, PropertyValue)>, depth: usize) {
    for child in &e.children {
        if child.children.is_empty() {
            let t = child.text.trim();
            out.push((
                child.name.clone(),
                if t.is_empty() {
                    PropertyValue::Null
                } else {
                    value(t)
                },
            ));
        } else if depth < 8 {
            extensions(child, out, depth + 1);
        }
    }
}

fn feature(e: &Element, kind: Kind, index: usize, warnings: &mut Vec<LoadWarning>) -> Feature {
    let mut members: Vec<(String, PropertyValue)> = Vec::new();
    let text_fields: &[&str] = match kind {
        Kind::Waypoint => &["name", "time", "cmt", "desc", "src", "sym", "type"],
        Kind::Route | Kind::Track => &["name", "cmt", "desc", "src", "type", "number"],
    };
    for key in text_fields {
        if let Some(t) = e.child_text(key) {
            members.push(((*key).to_owned(), PropertyValue::String(t.into())));
        }
    }
    if kind == Kind::Waypoint
        && let Some(ele) = e.child_text("ele").and_then(|t| t.parse::<f64>().ok())
    {
        members.push(("ele".into(), PropertyValue::from(ele)));
    }
    if let Some(ext) = e.child("extensions") {
        extensions(ext, &mut members, 0);
    }
    let mut skipped = 0usize;
    let mut points = |parent: &Element, child: &str| -> Vec<Coord<f64>> {
        parent
            .children_named(child)
            .filter_map(|p| {
                let c = position(p);
                skipped += usize::from(c.is_none());
                c
            })
            .collect()
    };
    let geometry = match kind {
        Kind::Waypoint => points_of_self(e, &mut skipped),
        Kind::Route => Some(Geometry::LineString(LineString(points(e, "rtept")))),
        Kind::Track => {
            let mut segments: Vec<LineString<f64>> = e
                .children_named("trkseg")
                .map(|s| LineString(points(s, "trkpt")))
                .filter(|l| !l.0.is_empty())
                .collect();
            match segments.len() {
                0 => None,
                1 => segments.pop().map(Geometry::LineString),
                _ => Some(Geometry::MultiLineString(MultiLineString(segments))),
            }
        }
    };
    let name = e.child_text("name").map(str::to_owned);
    if geometry.is_none() || skipped > 0 {
        warnings.push(LoadWarning {
            feature_index: index,
            feature_id: name,
            reason: if geometry.is_none() {
                "no valid lat/lon — kept without geometry".into()
            } else {
                format!("{skipped} points without a valid lat/lon left out")
            },
        });
    }
    Feature {
        properties: members
            .into_iter()
            .map(|(k, v)| (property_key(&k), v))
            .collect::<Properties>(),
        geometry,
        ..Feature::default()
    }
}

fn points_of_self(e: &Element, skipped: &mut usize) -> Option<Geometry<f64>> {
    let c = position(e);
    *skipped += usize::from(c.is_none());
    c.map(|c| Geometry::Point(Point(c)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn waypoints_with_extensions_and_a_track_become_two_layers() {
        let gpx = r#"<gpx version="1.1" xmlns:ogr="http://osgeo.org/gdal">
<wpt lat="40.1" lon="47.2"><ele>812.5</ele><time>2023-10-01T08:00:00Z</time><name>INC-1</name>
 <desc>Şuşa</desc><extensions><ogr:killed>1</ogr:killed><ogr:note>AT mine</ogr:note></extensions></wpt>
<wpt lat="abc" lon="47.2"><name>bad</name></wpt>
<trk><name>patrol</name><trkseg><trkpt lat="40" lon="47"/><trkpt lat="40.1" lon="47.1"/></trkseg></trk>
</gpx>"#;
        let layers = read_gpx_bytes(Path::new("unit.gpx"), gpx.as_bytes(), &|_| {}).unwrap();
        assert_eq!(layers.len(), 2);
        let w = &layers[0];
        assert_eq!(w.layer.name, "unit — waypoints");
        assert_eq!(
            serde_json::Value::Object(w.layer.features[0].properties.to_json()),
            serde_json::json!({"name": "INC-1", "time": "2023-10-01T08:00:00Z", "desc": "Şuşa",
                "ele": 812.5, "killed": 1, "note": "AT mine"})
        );
        assert!(w.layer.features[1].geometry.is_none());
        assert_eq!(w.warnings.len(), 1);
        assert_eq!(w.warnings[0].feature_id.as_deref(), Some("bad"));
        assert!(matches!(
            layers[1].layer.features[0].geometry,
            Some(Geometry::LineString(_))
        ));
    }
}
