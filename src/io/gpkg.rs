//! GeoPackage: every feature table becomes a layer, through the bundled SQLite (`rusqlite`).
//!
//! Tables come from `gpkg_contents` with their geometry column from `gpkg_geometry_columns`;
//! each table's coordinate system from `gpkg_spatial_ref_sys` (its EPSG code, else its WKT),
//! reprojected to WGS84 like a Shapefile's. The integer primary key becomes the feature id;
//! the other columns become properties in table order, typed by their declared type
//! (`BOOLEAN` as true/false, `DATE`/`DATETIME` as ISO text). Geometry blobs are decoded
//! and reprojected in parallel.

use std::path::Path;

use rayon::prelude::*;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::crs::SourceCrs;
use super::geojson::{LoadError, LoadWarning, LoadedLayer};
use super::wkb::read_gpkg_geometry;
use crate::model::{
    Feature, FeatureId, GeometryNote, GeometryNoteKind, Layer, Properties, PropertyKey,
    PropertyValue, property_key,
};

/// A GeoPackage geometry blob (`GP` header, envelope, WKB) in its own coordinates;
/// `Ok(None)` for an empty geometry.
///
/// # Errors
/// A reason when the blob is not a GeoPackage geometry.
pub fn read_geometry_blob(blob: &[u8]) -> Result<Option<geo::Geometry<f64>>, String> {
    read_gpkg_geometry(blob, &mut Vec::new())
}

/// One feature table as `gpkg_contents` lists it.
struct Table {
    name: String,
    geometry_column: String,
    srs_id: i64,
}

/// Reads every feature table of a GeoPackage, one layer each, in `gpkg_contents` order.
///
/// # Errors
/// [`LoadError`] naming the file: not SQLite, not a GeoPackage, no feature table, a table
/// in an unknown coordinate system.
pub fn read_geopackage_file(
    path: &Path,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<Vec<LoadedLayer>, LoadError> {
    let bad = |reason: String| LoadError::BadFile {
        path: path.to_owned(),
        reason,
    };
    let db = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| bad(format!("cannot open as a GeoPackage: {e}")))?;
    let tables = feature_tables(&db).map_err(|e| {
        bad(format!(
            "not a GeoPackage (no readable gpkg_contents/gpkg_geometry_columns): {e}"
        ))
    })?;
    if tables.is_empty() {
        return Err(bad("the GeoPackage holds no feature table".into()));
    }
    let count = tables.len();
    let mut layers = Vec::with_capacity(count);
    for (n, table) in tables.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)] // a progress fraction
        let (from, span) = (n as f32 / count as f32, 1.0 / count as f32);
        let loaded = read_table(&db, path, table, &|f| progress(from + span * f))?;
        layers.push(loaded);
    }
    progress(1.0);
    Ok(layers)
}

fn feature_tables(db: &Connection) -> rusqlite::Result<Vec<Table>> {
    let mut stmt = db.prepare(
        "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c \
         JOIN gpkg_geometry_columns g ON lower(c.table_name) = lower(g.table_name) \
         WHERE lower(c.data_type) = 'features' ORDER BY c.rowid",
    )?;
    stmt.query_map([], |row| {
        Ok(Table {
            name: row.get(0)?,
            geometry_column: row.get(1)?,
            srs_id: row.get(2)?,
        })
    })?
    .collect()
}

/// `name` quoted as an SQL identifier.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The coordinate system of `srs_id`.
fn table_crs(db: &Connection, path: &Path, table: &Table) -> Result<SourceCrs, LoadError> {
    // The GeoPackage specification's two undefined systems (-1 Cartesian, 0 geographic), and
    // 4326 itself, need no look-up.
    if matches!(table.srs_id, -1 | 0 | 4326) {
        return Ok(SourceCrs::wgs84());
    }
    let row: Option<(String, String, i64, String)> = db
        .query_row(
            "SELECT srs_name, organization, organization_coordsys_id, definition \
             FROM gpkg_spatial_ref_sys WHERE srs_id = ?1",
            [table.srs_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .ok();
    let crs_error = |source| LoadError::Crs {
        path: path.join(&table.name),
        source,
    };
    let Some((name, organization, code, definition)) = row else {
        return Err(crs_error(super::crs::CrsError::Unknown {
            name: format!("srs_id {}", table.srs_id),
            reason: "not listed in gpkg_spatial_ref_sys".into(),
        }));
    };
    let by_code = (organization.eq_ignore_ascii_case("EPSG"))
        .then(|| u32::try_from(code).ok())
        .flatten()
        .map(SourceCrs::from_epsg);
    match by_code {
        Some(Ok(crs)) => Ok(crs),
        _ => SourceCrs::from_wkt(&definition).map_err(|e| match e {
            super::crs::CrsError::Unknown { reason, .. } => {
                crs_error(super::crs::CrsError::Unknown {
                    name: format!("{name} ({organization}:{code})"),
                    reason,
                })
            }
            other => crs_error(other),
        }),
    }
}

/// A column and how its values are typed.
struct Column {
    key: PropertyKey,
    boolean: bool,
}

fn read_table(
    db: &Connection,
    path: &Path,
    table: &Table,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    let table_path = path.join(&table.name);
    let bad = |reason: String| LoadError::BadFile {
        path: table_path.clone(),
        reason,
    };
    let crs = table_crs(db, path, table)?;

    // Columns in table order, with the integer primary key noted.
    let mut info = db
        .prepare(&format!("PRAGMA table_info({})", quoted(&table.name)))
        .map_err(|e| bad(e.to_string()))?;
    let columns: Vec<(String, String, bool)> = info
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                r.get::<_, String>(2).unwrap_or_default(),
                r.get::<_, i64>(5)? > 0,
            ))
        })
        .and_then(Iterator::collect)
        .map_err(|e| bad(format!("columns cannot be read: {e}")))?;
    let pk = columns
        .iter()
        .position(|(_, t, pk)| *pk && t.eq_ignore_ascii_case("INTEGER"));
    let geometry = columns
        .iter()
        .position(|(n, _, _)| n.eq_ignore_ascii_case(&table.geometry_column));
    let properties: Vec<(usize, Column)> = columns
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != pk && Some(*i) != geometry)
        .map(|(i, (name, kind, _))| {
            (
                i,
                Column {
                    key: property_key(name),
                    boolean: kind.eq_ignore_ascii_case("BOOLEAN"),
                },
            )
        })
        .collect();
    let total: i64 = db
        .query_row(
            &format!("SELECT count(*) FROM {}", quoted(&table.name)),
            [],
            |r| r.get(0),
        )
        .unwrap_or(0);

    let mut stmt = db
        .prepare(&format!("SELECT * FROM {}", quoted(&table.name)))
        .map_err(|e| bad(e.to_string()))?;
    let mut rows = stmt.query([]).map_err(|e| bad(e.to_string()))?;
    let mut read: Vec<(Option<FeatureId>, Properties, Option<Vec<u8>>)> = Vec::new();
    let mut warnings = Vec::new();
    loop {
        let row = match rows.next() {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(e) => {
                // A damaged page: keep what was read, say where it stopped.
                warnings.push(LoadWarning {
                    feature_index: read.len(),
                    feature_id: None,
                    reason: format!("the table cannot be read past here: {e}"),
                });
                break;
            }
        };
        if read.len().is_multiple_of(4096) {
            #[allow(clippy::cast_precision_loss)] // a progress fraction
            progress(0.6 * read.len() as f32 / total.max(1) as f32);
        }
        let id = pk
            .and_then(|i| row.get::<_, i64>(i).ok())
            .map(|fid| FeatureId::Number(fid.into()));
        let props: Properties = properties
            .iter()
            .map(|(i, column)| {
                let value = match row.get_ref(*i) {
                    Ok(ValueRef::Integer(n)) if column.boolean => PropertyValue::Bool(n != 0),
                    Ok(ValueRef::Integer(n)) => PropertyValue::Number(n.into()),
                    Ok(ValueRef::Real(x)) => PropertyValue::from(x),
                    Ok(ValueRef::Text(t)) => {
                        PropertyValue::String(String::from_utf8_lossy(t).into())
                    }
                    // Blobs other than the geometry have no JSON form; nothing to show.
                    Ok(ValueRef::Null | ValueRef::Blob(_)) | Err(_) => PropertyValue::Null,
                };
                (column.key.clone(), value)
            })
            .collect();
        let blob = geometry.and_then(|i| match row.get_ref(i) {
            Ok(ValueRef::Blob(b)) => Some(b.to_vec()),
            _ => None,
        });
        read.push((id, props, blob));
    }
    progress(0.6);

    let built: Vec<(Feature, Option<LoadWarning>)> = read
        .into_par_iter()
        .enumerate()
        .map(|(index, (id, properties, blob))| {
            let mut notes = Vec::new();
            let mut problem = None;
            let mut geometry = match blob.map(|b| read_gpkg_geometry(&b, &mut notes)) {
                Some(Ok(g)) => g,
                Some(Err(reason)) => {
                    problem = Some(format!("geometry cannot be read ({reason})"));
                    None
                }
                None => None,
            };
            if let Some(g) = geometry.as_mut()
                && let Err(e) = crs.to_wgs84(g)
            {
                problem = Some(e.to_string());
                geometry = None;
            }
            if let Some(reason) = &problem {
                notes.push(GeometryNote {
                    kind: GeometryNoteKind::Unreadable,
                    message: reason.clone(),
                    location: None,
                    positions: None,
                });
            }
            let feature = Feature {
                id,
                properties,
                geometry,
                notes,
                ..Feature::default()
            };
            let warning = problem.map(|reason| LoadWarning {
                feature_index: index,
                feature_id: feature.id.as_ref().map(|_| feature.display_id(index)),
                reason: format!("{reason} — kept without geometry"),
            });
            (feature, warning)
        })
        .collect();
    let mut features = Vec::with_capacity(built.len());
    for (f, w) in built {
        features.push(f);
        warnings.extend(w);
    }
    let mut layer = Layer::new(table.name.clone(), Some(path.to_owned()), features);
    layer.source_crs = Some(crs.name.clone());
    layer.source_reprojected = crs.reprojects();
    progress(1.0);
    Ok(LoadedLayer { layer, warnings })
}
