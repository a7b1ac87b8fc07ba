//! One feature as read from a file: its geometry for drawing and analysis, and everything
//! else the file said about it, kept for a lossless export.

use std::ops::Range;

use geo::{BoundingRect, Geometry, Rect};
use serde_json::Value;

use super::Properties;

/// A GeoJSON feature id: a string or a number, as the file wrote it.
pub type FeatureId = geojson::feature::Id;

/// Something the reader noticed about a geometry as written in the file. The feature is kept
/// (nothing is lost); geometry QA reports these.
#[derive(Clone, Debug, PartialEq)]
pub struct GeometryNote {
    pub kind: GeometryNoteKind,
    /// For people: what is wrong and where.
    pub message: String,
    /// Longitude/latitude of the problem, where it has one.
    pub location: Option<[f64; 2]>,
    /// The number of positions written, for a ring with too few (so QA can say it in any
    /// language); `None` for other notes.
    pub positions: Option<usize>,
}

/// The kinds of [`GeometryNote`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GeometryNoteKind {
    /// A ring whose last position differs from its first (RFC 7946 requires closed rings).
    UnclosedRing,
    /// A ring with fewer than 4 positions (3 distinct vertices and the closing one).
    TooFewPositions,
    /// The geometry could not be read at all (wrong structure, non-numeric coordinates).
    Unreadable,
}

/// A feature of a layer.
#[derive(Clone, Debug, Default)]
pub struct Feature {
    /// The GeoJSON `id`, if the feature has one.
    pub id: Option<FeatureId>,
    /// The properties in the file's order (`null` properties read as empty).
    pub properties: Properties,
    /// The geometry in WGS84 longitude/latitude; `None` for a null or unreadable geometry.
    pub geometry: Option<Geometry<f64>>,
    /// Members of the feature other than type, id, properties, geometry and bbox, in order
    /// (empty when there are none).
    pub foreign_members: Properties,
    /// Byte range of this feature's JSON in its layer's source text: what export writes back
    /// for parts nobody edited. `None` for features made in minemap.
    pub source_span: Option<Range<usize>>,
    /// Set when the geometry was changed in minemap, so export writes the model's geometry.
    pub geometry_edited: bool,
    /// Set when properties or id were changed in minemap.
    pub properties_edited: bool,
    /// What the reader noticed about the geometry as written.
    pub notes: Vec<GeometryNote>,
}

impl Feature {
    /// The id as text for people (`"HA-0042"`, `17`), or `#index` when the feature has none.
    #[must_use]
    pub fn display_id(&self, index: usize) -> String {
        match &self.id {
            Some(FeatureId::String(s)) => s.clone(),
            Some(FeatureId::Number(n)) => n.to_string(),
            None => format!("#{index}"),
        }
    }

    /// The id as a JSON value (`null` when absent), as reports write it.
    #[must_use]
    pub fn id_value(&self) -> Value {
        match &self.id {
            Some(FeatureId::String(s)) => Value::String(s.clone()),
            Some(FeatureId::Number(n)) => Value::Number(n.clone()),
            None => Value::Null,
        }
    }

    /// A polygon or multipolygon (what hazard areas and sectors are).
    #[must_use]
    pub fn is_polygonal(&self) -> bool {
        matches!(
            self.geometry,
            Some(
                Geometry::Polygon(_)
                    | Geometry::MultiPolygon(_)
                    | Geometry::Rect(_)
                    | Geometry::Triangle(_)
            )
        )
    }

    /// A point or multipoint (what incidents are).
    #[must_use]
    pub fn is_point(&self) -> bool {
        matches!(
            self.geometry,
            Some(Geometry::Point(_) | Geometry::MultiPoint(_))
        )
    }

    /// Bounding box in longitude/latitude.
    #[must_use]
    pub fn bbox(&self) -> Option<Rect<f64>> {
        self.geometry.as_ref().and_then(BoundingRect::bounding_rect)
    }

    /// The GeoJSON geometry type name (`"Polygon"`, …) or `"null"`.
    #[must_use]
    pub fn geometry_type(&self) -> &'static str {
        match &self.geometry {
            None => "null",
            Some(Geometry::Point(_)) => "Point",
            Some(Geometry::MultiPoint(_)) => "MultiPoint",
            Some(Geometry::Line(_) | Geometry::LineString(_)) => "LineString",
            Some(Geometry::MultiLineString(_)) => "MultiLineString",
            Some(Geometry::Polygon(_) | Geometry::Rect(_) | Geometry::Triangle(_)) => "Polygon",
            Some(Geometry::MultiPolygon(_)) => "MultiPolygon",
            Some(Geometry::GeometryCollection(_)) => "GeometryCollection",
        }
    }
}
