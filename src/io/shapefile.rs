//! Shapefiles: `.shp` geometry (read with the `shapefile` crate, record by record through the
//! `.shx` index), `.dbf` attributes ([`super::dbf`]), `.prj` coordinate system
//! ([`super::crs`]) and `.cpg` text encoding, from files beside each other or from a zip.
//!
//! Records are read one at a time, so a damaged record costs that record (a warning), and a
//! truncated `.shp` keeps every record before the cut. Polygon rings are sorted into shells
//! and holes by winding, as the Shapefile specification defines ([`super::build`]). Geometry
//! is reprojected to WGS84 in parallel.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, Point};
use rayon::prelude::*;
use shapefile::{Shape, ShapeReader};

use super::build::{layer_name, polygons_by_winding, ring};
use super::crs::SourceCrs;
use super::dbf::{Dbf, Row};
use super::geojson::{LoadError, LoadWarning, LoadedLayer};
use crate::model::{Feature, GeometryNote, GeometryNoteKind, Layer};

/// The files of one shapefile, read into memory.
pub(crate) struct ShapefileParts {
    /// Where the `.shp` is (a path inside a zip reads `archive.zip/folder/name.shp`).
    pub path: PathBuf,
    pub shp: Vec<u8>,
    pub shx: Option<Vec<u8>>,
    pub dbf: Option<Vec<u8>>,
    pub prj: Option<String>,
    pub cpg: Option<String>,
}

/// Reads the shapefile whose `.shp` is `path`, with the `.shx`, `.dbf`, `.prj` and `.cpg`
/// beside it (extensions in any case).
///
/// # Errors
/// [`LoadError`] naming the file: a part missing, a header that is not a Shapefile's, an
/// unknown coordinate system.
pub fn read_shapefile_file(
    path: &Path,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    let io = |p: &Path, source| LoadError::Io {
        path: p.to_owned(),
        source,
    };
    let shp = std::fs::read(path).map_err(|e| io(path, e))?;
    let sibling = |ext: &str| -> Result<Option<Vec<u8>>, LoadError> {
        match find_sibling(path, ext) {
            Some(p) => std::fs::read(&p).map(Some).map_err(|e| io(&p, e)),
            None => Ok(None),
        }
    };
    let text = |bytes: Option<Vec<u8>>| bytes.map(|b| String::from_utf8_lossy(&b).into_owned());
    let parts = ShapefileParts {
        path: path.to_owned(),
        shp,
        shx: sibling("shx")?,
        dbf: sibling("dbf")?,
        prj: text(sibling("prj")?),
        cpg: text(sibling("cpg")?),
    };
    let mut loaded = read_shapefile_parts(&parts, progress)?;
    loaded.layer.path = Some(path.to_owned());
    Ok(loaded)
}

/// Reads a shapefile from its parts in memory (`path` names the `.shp` in messages).
///
/// # Errors
/// As [`read_shapefile_file`].
pub fn read_shapefile_bytes(
    path: &Path,
    shp: &[u8],
    shx: Option<&[u8]>,
    dbf: Option<&[u8]>,
    prj: Option<&str>,
    cpg: Option<&str>,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    let parts = ShapefileParts {
        path: path.to_owned(),
        shp: shp.to_vec(),
        shx: shx.map(<[u8]>::to_vec),
        dbf: dbf.map(<[u8]>::to_vec),
        prj: prj.map(str::to_owned),
        cpg: cpg.map(str::to_owned),
    };
    read_shapefile_parts(&parts, progress)
}

/// The file beside `path` with the same name and extension `ext`, in whatever case it is.
fn find_sibling(path: &Path, ext: &str) -> Option<PathBuf> {
    let stem = path.file_stem()?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let candidates = [ext.to_ascii_lowercase(), ext.to_ascii_uppercase()];
    for e in &candidates {
        let p = path.with_extension(e);
        if p.is_file() {
            return Some(p);
        }
    }
    // Mixed case (`.Dbf`): look through the folder.
    let entries = std::fs::read_dir(dir.unwrap_or_else(|| Path::new("."))).ok()?;
    entries.flatten().map(|e| e.path()).find(|p| {
        p.file_stem() == Some(stem)
            && p.extension()
                .is_some_and(|x| x.to_string_lossy().eq_ignore_ascii_case(ext))
    })
}

/// Reads a shapefile from its parts.
///
/// # Errors
/// As [`read_shapefile_file`].
pub(crate) fn read_shapefile_parts(
    parts: &ShapefileParts,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    let path = &parts.path;
    let bad = |reason: String| LoadError::BadFile {
        path: path.clone(),
        reason,
    };
    let with_ext = |ext: &str| path.with_extension(ext);
    let shx = parts.shx.as_deref().ok_or_else(|| {
        bad(
            "its .shx index is missing: a shapefile is the .shp, .shx and .dbf together \
             (copy all of them, with the .prj)"
                .into(),
        )
    })?;
    let dbf_bytes = parts.dbf.as_deref().ok_or_else(|| {
        bad(
            "its .dbf attribute table is missing: a shapefile is the .shp, .shx and .dbf \
             together (copy all of them, with the .prj)"
                .into(),
        )
    })?;
    let dbf = Dbf::parse(dbf_bytes, parts.cpg.as_deref()).map_err(|reason| LoadError::BadFile {
        path: with_ext("dbf"),
        reason: format!("not a dBASE table: {reason}"),
    })?;

    let mut reader = ShapeReader::with_shx(Cursor::new(parts.shp.as_slice()), Cursor::new(shx))
        .map_err(|e| bad(format!("not a shapefile: {e}")))?;
    let shape_count = reader
        .shape_count()
        .map_err(|e| bad(format!("its .shx index cannot be read: {e}")))?;

    let crs = match &parts.prj {
        Some(wkt) => SourceCrs::from_wkt(wkt).map_err(|source| LoadError::Crs {
            path: with_ext("prj"),
            source,
        })?,
        None => {
            let b = reader.header().bbox;
            let degrees = [b.min.x, b.max.x]
                .iter()
                .all(|x| (-180.0..=180.0).contains(x))
                && [b.min.y, b.max.y]
                    .iter()
                    .all(|y| (-90.0..=90.0).contains(y));
            if !degrees && shape_count > 0 {
                return Err(bad(format!(
                    "it has no .prj and its coordinates ({:.0}, {:.0} … {:.0}, {:.0}) are not \
                     longitude/latitude: add the .prj that came with it",
                    b.min.x, b.min.y, b.max.x, b.max.y
                )));
            }
            SourceCrs::wgs84()
        }
    };
    progress(0.05);

    let mut warnings = Vec::new();
    let records = dbf.len();
    if records != shape_count {
        warnings.push(LoadWarning {
            feature_index: records.min(shape_count),
            feature_id: None,
            reason: format!(
                "record counts disagree: the .shp index has {shape_count} shapes and the .dbf \
                 {records} rows; {}",
                if records < shape_count {
                    "shapes past the last row have no attributes"
                } else {
                    "rows past the last shape are left out"
                }
            ),
        });
    }
    let complete = dbf.complete_records();
    if complete < records.min(shape_count) {
        warnings.push(LoadWarning {
            feature_index: complete,
            feature_id: None,
            reason: format!(
                "the .dbf ends after {complete} of its {records} rows (truncated): later \
                 shapes have no attributes"
            ),
        });
    }

    let declared_len = usize::try_from(reader.header().file_length)
        .unwrap_or(0)
        .saturating_mul(2);
    // Shapes: read one by one through the index.
    let mut shapes: Vec<(usize, Shape)> = Vec::with_capacity(shape_count);
    for index in 0..shape_count {
        if index.is_multiple_of(4096) {
            #[allow(clippy::cast_precision_loss)] // a progress fraction
            progress(0.05 + 0.45 * index as f32 / shape_count.max(1) as f32);
        }
        match reader.read_nth_shape(index) {
            Some(Ok(shape)) => shapes.push((index, shape)),
            Some(Err(e)) => {
                // Shorter than its header says: every record from here on is cut off.
                let truncated = parts.shp.len() < declared_len
                    || matches!(&e, shapefile::Error::IoError(io)
                        if io.kind() == std::io::ErrorKind::UnexpectedEof);
                if truncated {
                    warnings.push(LoadWarning {
                        feature_index: index,
                        feature_id: None,
                        reason: format!(
                            "record {}: the .shp ends inside this record (truncated file): \
                             {} of {shape_count} records read",
                            index + 1,
                            index
                        ),
                    });
                    break;
                }
                warnings.push(LoadWarning {
                    feature_index: index,
                    feature_id: None,
                    reason: format!("record {}: {e} — left out", index + 1),
                });
            }
            None => break,
        }
    }
    progress(0.5);

    let built: Vec<(Option<Feature>, Vec<LoadWarning>)> = shapes
        .into_par_iter()
        .map(|(index, shape)| {
            let mut warnings = Vec::new();
            let properties = match dbf.row(index) {
                Some(Row::Values(p, problems)) => {
                    warnings.extend(problems.into_iter().map(|reason| LoadWarning {
                        feature_index: index,
                        feature_id: None,
                        reason: format!("record {}: {reason}", index + 1),
                    }));
                    p
                }
                Some(Row::Deleted) => {
                    warnings.push(LoadWarning {
                        feature_index: index,
                        feature_id: None,
                        reason: format!(
                            "record {}: marked deleted in the .dbf — left out",
                            index + 1
                        ),
                    });
                    return (None, warnings);
                }
                None => crate::model::Properties::new(),
            };
            let mut notes = Vec::new();
            let mut geometry = shape_geometry(shape, &mut notes);
            if let Some(g) = geometry.as_mut()
                && let Err(e) = crs.to_wgs84(g)
            {
                notes.push(GeometryNote {
                    kind: GeometryNoteKind::Unreadable,
                    message: e.to_string(),
                    location: None,
                    positions: None,
                });
                warnings.push(LoadWarning {
                    feature_index: index,
                    feature_id: None,
                    reason: format!("record {}: {e} — kept without geometry", index + 1),
                });
                geometry = None;
            }
            if let Some(n) = notes
                .iter()
                .find(|n| n.kind == GeometryNoteKind::TooFewPositions)
            {
                warnings.push(LoadWarning {
                    feature_index: index,
                    feature_id: None,
                    reason: format!("record {}: {} — not drawn", index + 1, n.message),
                });
            }
            let feature = Feature {
                properties,
                geometry,
                notes,
                ..Feature::default()
            };
            (Some(feature), warnings)
        })
        .collect();
    progress(0.95);

    let mut features = Vec::with_capacity(built.len());
    for (feature, w) in built {
        features.extend(feature);
        warnings.extend(w);
    }
    let mut layer = Layer::new(layer_name(path), None, features);
    layer.source_crs = Some(crs.name.clone());
    layer.source_reprojected = crs.reprojects();
    progress(1.0);
    Ok(LoadedLayer { layer, warnings })
}

/// Coordinates of a slice of any shapefile point type.
fn coords<P: HasXY>(points: &[P]) -> Vec<Coord<f64>> {
    points
        .iter()
        .map(|p| Coord { x: p.x(), y: p.y() })
        .collect()
}

/// The x and y of the three shapefile point types (Z and M values are not kept).
trait HasXY {
    fn x(&self) -> f64;
    fn y(&self) -> f64;
}

macro_rules! has_xy {
    ($($t:ty),*) => {$(
        impl HasXY for $t {
            fn x(&self) -> f64 { self.x }
            fn y(&self) -> f64 { self.y }
        }
    )*};
}
has_xy!(shapefile::Point, shapefile::PointM, shapefile::PointZ);

fn lines<P: HasXY>(parts: &[Vec<P>]) -> Option<Geometry<f64>> {
    let mut lines: Vec<LineString<f64>> = parts.iter().map(|p| LineString(coords(p))).collect();
    match lines.len() {
        0 => None,
        1 => lines.pop().map(Geometry::LineString),
        _ => Some(Geometry::MultiLineString(MultiLineString(lines))),
    }
}

fn polygons<P: HasXY>(
    rings: Vec<shapefile::PolygonRing<P>>,
    notes: &mut Vec<GeometryNote>,
) -> Option<Geometry<f64>> {
    let rings = rings
        .into_iter()
        .map(|r| ring(coords(r.points()), notes))
        .collect();
    // The Shapefile specification: outer rings clockwise, holes counter-clockwise.
    polygons_by_winding(rings, true)
}

fn points<P: HasXY>(points: &[P]) -> Geometry<f64> {
    Geometry::MultiPoint(MultiPoint(coords(points).into_iter().map(Point).collect()))
}

/// A shape as a `geo` geometry in the file's coordinates; `None` for a null shape.
fn shape_geometry(shape: Shape, notes: &mut Vec<GeometryNote>) -> Option<Geometry<f64>> {
    match shape {
        Shape::NullShape => None,
        Shape::Point(p) => Some(Geometry::Point(Point::new(p.x, p.y))),
        Shape::PointM(p) => Some(Geometry::Point(Point::new(p.x, p.y))),
        Shape::PointZ(p) => Some(Geometry::Point(Point::new(p.x, p.y))),
        Shape::Multipoint(m) => Some(points(m.points())),
        Shape::MultipointM(m) => Some(points(m.points())),
        Shape::MultipointZ(m) => Some(points(m.points())),
        Shape::Polyline(l) => lines(l.parts()),
        Shape::PolylineM(l) => lines(l.parts()),
        Shape::PolylineZ(l) => lines(l.parts()),
        Shape::Polygon(p) => polygons(p.into_inner(), notes),
        Shape::PolygonM(p) => polygons(p.into_inner(), notes),
        Shape::PolygonZ(p) => polygons(p.into_inner(), notes),
        Shape::Multipatch(_) => {
            notes.push(GeometryNote {
                kind: GeometryNoteKind::Unreadable,
                message: "multipatch (3-D surface) shapes are not read".into(),
                location: None,
                positions: None,
            });
            None
        }
    }
}
