//! Raster MBTiles packages (MBTiles 1.3: QGIS "Generate XYZ tiles (MBTiles)", QField, ODK).
//!
//! The file is opened read-only and queried one tile at a time through SQLite's index, so a
//! 2 GB package opens instantly and memory stays at SQLite's page cache. Rows are stored in
//! TMS order (`tile_row = 2^z − 1 − y`); callers speak XYZ and the flip happens here.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use thiserror::Error;

use crate::io::tile_package::{
    AncestorTile, LonLatBounds, TileAddr, TileFormat, TilePackageInfo, deepest_available,
};

/// Why an MBTiles package could not be opened or read. Each names the file.
#[derive(Debug, Error)]
pub enum MbTilesError {
    #[error("{path}: no such file")]
    Missing { path: PathBuf },
    #[error("{path}: not an SQLite database, so not an MBTiles package ({reason})")]
    NotSqlite { path: PathBuf, reason: String },
    #[error("{path}: an SQLite database without a `tiles` table, so not an MBTiles package")]
    NoTilesTable { path: PathBuf },
    #[error(
        "{path}: tiles are {format:?}, which minemap cannot draw (raster png, jpg or webp only; vector pbf packages are not supported)"
    )]
    UnsupportedFormat { path: PathBuf, format: String },
    #[error("{path}: the package is damaged or unreadable: {reason}")]
    Corrupt { path: PathBuf, reason: String },
}

/// An open raster MBTiles package. Holds one read-only SQLite connection (not `Sync`: give
/// it to one worker thread).
pub struct MbTiles {
    path: PathBuf,
    conn: Connection,
    info: TilePackageInfo,
}

impl std::fmt::Debug for MbTiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MbTiles")
            .field("path", &self.path)
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

impl MbTiles {
    /// Open `path` read-only, check that it is a raster tile package, and read its metadata.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, MbTilesError> {
        let path = path.as_ref().to_path_buf();
        if !path.is_file() {
            return Err(MbTilesError::Missing { path });
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| MbTilesError::NotSqlite {
            path: path.clone(),
            reason: e.to_string(),
        })?;

        // SQLite opens anything lazily; the first query tells a database from other files.
        let has_tiles: Option<String> = conn
            .query_row(
                "SELECT name FROM sqlite_master WHERE name = 'tiles' AND type IN ('table', 'view')",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| classify(&path, &e))?;
        if has_tiles.is_none() {
            return Err(MbTilesError::NoTilesTable { path });
        }

        let info = read_info(&path, &conn)?;
        Ok(Self { path, conn, info })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn info(&self) -> &TilePackageInfo {
        &self.info
    }

    /// The stored bytes of XYZ tile `(z, x, y)`, or `None` when the package lacks it.
    pub fn tile_bytes(&self, tile: TileAddr) -> Result<Option<Vec<u8>>, MbTilesError> {
        if !tile.is_valid() {
            return Ok(None);
        }
        // MBTiles rows count from the south (TMS); XYZ rows count from the north.
        let tms_row = (1u32 << tile.z) - 1 - tile.y;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
            )
            .map_err(|e| classify(&self.path, &e))?;
        stmt.query_row(params![tile.z, tile.x, tms_row], |row| row.get(0))
            .optional()
            .map_err(|e| classify(&self.path, &e))
    }

    /// The tile itself or, past `maxzoom` or where the package has a hole, the deepest
    /// ancestor with the sub-square of it to crop and scale.
    pub fn tile_or_ancestor(&self, tile: TileAddr) -> Result<Option<AncestorTile>, MbTilesError> {
        deepest_available(tile, self.info.min_zoom, self.info.max_zoom, |t| {
            self.tile_bytes(t)
        })
    }
}

fn classify(path: &Path, e: &rusqlite::Error) -> MbTilesError {
    if let rusqlite::Error::SqliteFailure(f, _) = e
        && f.code == rusqlite::ErrorCode::NotADatabase
    {
        return MbTilesError::NotSqlite {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
    }
    MbTilesError::Corrupt {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

fn read_info(path: &Path, conn: &Connection) -> Result<TilePackageInfo, MbTilesError> {
    let mut entries: Vec<(String, String)> = Vec::new();
    let has_metadata: Option<String> = conn
        .query_row(
            "SELECT name FROM sqlite_master WHERE name = 'metadata' AND type IN ('table', 'view')",
            [],
            |row| row.get(0),
        )
        .optional()
        .map_err(|e| classify(path, &e))?;
    if has_metadata.is_some() {
        let mut stmt = conn
            .prepare("SELECT name, value FROM metadata")
            .map_err(|e| classify(path, &e))?;
        let rows = stmt
            .query_map([], |row| {
                // Some writers store numbers as integers; read any type as text.
                let name: String = row.get(0)?;
                let value: rusqlite::types::Value = row.get(1)?;
                Ok((name, value))
            })
            .map_err(|e| classify(path, &e))?;
        for row in rows {
            let (name, value) = row.map_err(|e| classify(path, &e))?;
            let text = match value {
                rusqlite::types::Value::Text(s) => s,
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Real(r) => r.to_string(),
                _ => continue,
            };
            entries.push((name.to_ascii_lowercase(), text));
        }
    }
    let get = |key: &str| {
        entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };

    let format = match get("format") {
        Some(name) => Some(TileFormat::from_mbtiles_name(&name).ok_or_else(|| {
            MbTilesError::UnsupportedFormat {
                path: path.to_path_buf(),
                format: name.clone(),
            }
        })?),
        None => {
            // Metadata silent: look at one tile.
            let first: Option<Vec<u8>> = conn
                .query_row("SELECT tile_data FROM tiles LIMIT 1", [], |row| row.get(0))
                .optional()
                .map_err(|e| classify(path, &e))?;
            match first {
                Some(bytes) => Some(TileFormat::sniff(&bytes).ok_or_else(|| {
                    MbTilesError::UnsupportedFormat {
                        path: path.to_path_buf(),
                        format: "unrecognised tile bytes (not png, jpg or webp)".to_string(),
                    }
                })?),
                None => None,
            }
        }
    };

    let parse_zoom = |key: &str| {
        get(key)
            .and_then(|v| v.parse::<f64>().ok())
            .map(|z| z as u8)
    };
    let (mut min_zoom, mut max_zoom) = (parse_zoom("minzoom"), parse_zoom("maxzoom"));
    if min_zoom.is_none() || max_zoom.is_none() {
        // MIN/MAX on the indexed zoom column is an index lookup, not a scan.
        let (lo, hi): (Option<i64>, Option<i64>) = conn
            .query_row(
                "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(|e| classify(path, &e))?;
        min_zoom = min_zoom.or(lo.map(|z| z.clamp(0, 30) as u8));
        max_zoom = max_zoom.or(hi.map(|z| z.clamp(0, 30) as u8));
    }
    let min_zoom = min_zoom.unwrap_or(0).min(30);
    let max_zoom = max_zoom.unwrap_or(min_zoom).clamp(min_zoom, 30);

    let numbers = |v: String| -> Vec<f64> {
        v.split(',')
            .filter_map(|p| p.trim().parse::<f64>().ok())
            .collect()
    };
    let bounds = get("bounds").map(numbers).and_then(|b| match b[..] {
        [west, south, east, north] if west < east && south < north => Some(LonLatBounds {
            west,
            south,
            east,
            north,
        }),
        _ => None,
    });
    let center = get("center").map(numbers).and_then(|c| match c[..] {
        [lon, lat] => Some((lon, lat, None)),
        [lon, lat, z, ..] => Some((lon, lat, Some(z.clamp(0.0, 30.0) as u8))),
        _ => None,
    });

    let name = get("name").unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    });

    Ok(TilePackageInfo {
        name,
        format,
        bounds,
        min_zoom,
        max_zoom,
        attribution: get("attribution"),
        center,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use crate::io::tile_package::SubSquare;

    /// A 4×4 PNG of one colour, so each tile of a fixture is told apart by its pixels.
    pub(crate) fn solid_png(rgb: [u8; 3]) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(4, 4, image::Rgb(rgb));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    /// The colour a fixture gives XYZ tile (z, x, y): distinct for every tile up to z3.
    pub(crate) fn colour_of(t: TileAddr) -> [u8; 3] {
        [t.z * 40, (t.x * 30) as u8, (t.y * 30 + 5) as u8]
    }

    fn png_colour(bytes: &[u8]) -> [u8; 3] {
        let img = image::load_from_memory(bytes).unwrap().to_rgb8();
        img.get_pixel(0, 0).0
    }

    /// Builds an MBTiles file with every tile of z0..=max_zoom (rows in TMS order).
    pub(crate) fn make_fixture(path: &Path, max_zoom: u8, with_metadata: bool) {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch(
            "CREATE TABLE metadata (name TEXT, value TEXT);
             CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
             CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);",
        )
        .unwrap();
        if with_metadata {
            for (k, v) in [
                ("name", "Fixture ortho"),
                ("format", "png"),
                ("bounds", "44.5,38.3,50.9,41.95"),
                ("center", "47.5,40.2,7"),
                ("minzoom", "0"),
                ("maxzoom", &max_zoom.to_string()),
                ("attribution", "© Test survey 2026"),
            ] {
                conn.execute("INSERT INTO metadata VALUES (?1, ?2)", params![k, v])
                    .unwrap();
            }
        }
        for z in 0..=max_zoom {
            let n = 1u32 << z;
            for x in 0..n {
                for y in 0..n {
                    let t = TileAddr::new(z, x, y);
                    conn.execute(
                        "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)",
                        params![z, x, n - 1 - y, solid_png(colour_of(t))],
                    )
                    .unwrap();
                }
            }
        }
    }

    #[test]
    fn xyz_tile_is_read_from_the_tms_flipped_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fixture.mbtiles");
        make_fixture(&path, 3, true);
        let mb = MbTiles::open(&path).unwrap();
        for t in [
            TileAddr::new(0, 0, 0),
            TileAddr::new(2, 1, 0),
            TileAddr::new(2, 1, 3),
            TileAddr::new(3, 6, 1),
        ] {
            let bytes = mb.tile_bytes(t).unwrap().unwrap();
            assert_eq!(png_colour(&bytes), colour_of(t), "tile {t:?}");
        }
        assert_eq!(mb.tile_bytes(TileAddr::new(4, 0, 0)).unwrap(), None);
        assert_eq!(mb.tile_bytes(TileAddr::new(2, 9, 0)).unwrap(), None);
    }

    #[test]
    fn past_max_zoom_the_parent_quadrant_is_lent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fixture.mbtiles");
        make_fixture(&path, 2, true);
        let mb = MbTiles::open(&path).unwrap();
        // z4 (13, 6) lies in z2 tile (3, 1), sub-square column 1, row 2 of 4×4.
        let lent = mb
            .tile_or_ancestor(TileAddr::new(4, 13, 6))
            .unwrap()
            .unwrap();
        assert_eq!(lent.source, TileAddr::new(2, 3, 1));
        assert_eq!(
            lent.crop,
            SubSquare {
                dz: 2,
                col: 1,
                row: 2
            }
        );
        assert_eq!(png_colour(&lent.bytes), colour_of(TileAddr::new(2, 3, 1)));
        // Inside the zoom range, the tile itself.
        let own = mb
            .tile_or_ancestor(TileAddr::new(2, 0, 3))
            .unwrap()
            .unwrap();
        assert_eq!(own.crop, SubSquare::WHOLE);
        assert_eq!(own.source, TileAddr::new(2, 0, 3));
    }

    #[test]
    fn metadata_bounds_zooms_and_attribution_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fixture.mbtiles");
        make_fixture(&path, 3, true);
        let info = MbTiles::open(&path).unwrap().info().clone();
        assert_eq!(info.name, "Fixture ortho");
        assert_eq!(info.format, Some(TileFormat::Png));
        assert_eq!((info.min_zoom, info.max_zoom), (0, 3));
        let b = info.bounds.unwrap();
        assert_eq!(
            (b.west, b.south, b.east, b.north),
            (44.5, 38.3, 50.9, 41.95)
        );
        assert_eq!(info.center, Some((47.5, 40.2, Some(7))));
        assert_eq!(info.attribution.as_deref(), Some("© Test survey 2026"));
    }

    /// What QGIS's "Generate XYZ tiles (MBTiles)" writes (QGIS 3.34, `QgsMbTiles::create` and
    /// `QgsXyzTilesMbtilesAlgorithm`): lower-case column types, `format` = `jpg`, `type` =
    /// `overlay`, `version` = `1.1`, bounds as `xmin,ymin,xmax,ymax`, no attribution, 256 px
    /// JPEG tiles over the chosen extent only, rows in TMS order.
    #[test]
    fn a_package_laid_out_as_qgis_writes_it_opens_and_lines_up() {
        // The slippy-map tile under a place, from the projection the map draws with.
        let tile_of_lon_lat = |lon: f64, lat: f64, z: u8| {
            let [wx, wy] = crate::map::projection::lonlat_to_world(lon, lat);
            let n = f64::from(1u32 << z);
            ((wx * n).floor() as u32, (wy * n).floor() as u32)
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("aghdam_ortho.mbtiles");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE metadata (name text, value text);\
             CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);\
             CREATE UNIQUE INDEX tile_index on tiles (zoom_level, tile_column, tile_row);",
        )
        .unwrap();
        let (west, south, east, north) = (46.85, 39.95, 47.05, 40.05);
        for (k, v) in [
            ("format", "jpg".to_owned()),
            ("name", "aghdam_ortho".to_owned()),
            ("description", "aghdam_ortho".to_owned()),
            ("version", "1.1".to_owned()),
            ("type", "overlay".to_owned()),
            ("minzoom", "10".to_owned()),
            ("maxzoom", "12".to_owned()),
            ("bounds", format!("{west},{south},{east},{north}")),
        ] {
            conn.execute(&format!("insert into metadata values ('{k}', '{v}')"), [])
                .unwrap();
        }
        let jpeg = |rgb: [u8; 3]| {
            let img = image::RgbImage::from_pixel(256, 256, image::Rgb(rgb));
            let mut out = std::io::Cursor::new(Vec::new());
            img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
            out.into_inner()
        };
        for z in 10u8..=12 {
            let (x0, y0) = tile_of_lon_lat(west, north, z);
            let (x1, y1) = tile_of_lon_lat(east, south, z);
            for x in x0..=x1 {
                for y in y0..=y1 {
                    let tms_row = (1u32 << z) - 1 - y;
                    let data = jpeg(colour_of(TileAddr::new(z - 9, x % 8, y % 8)));
                    conn.execute(
                        &format!("insert into tiles values ({z}, {x}, {tms_row}, ?)"),
                        params![data],
                    )
                    .unwrap();
                }
            }
        }
        drop(conn);

        let mb = MbTiles::open(&path).unwrap();
        let info = mb.info().clone();
        assert_eq!(info.name, "aghdam_ortho");
        assert_eq!(info.format, Some(TileFormat::Jpeg));
        assert_eq!((info.min_zoom, info.max_zoom), (10, 12));
        let b = info.bounds.unwrap();
        assert_eq!(
            (b.west, b.south, b.east, b.north),
            (west, south, east, north)
        );
        assert_eq!(info.attribution, None);
        // The tile under Aghdam at each zoom is the one QGIS rendered for that place.
        for z in 10u8..=12 {
            let (x, y) = tile_of_lon_lat(46.93, 40.0, z);
            let bytes = mb.tile_bytes(TileAddr::new(z, x, y)).unwrap().unwrap();
            let got = png_colour(&bytes);
            let want = colour_of(TileAddr::new(z - 9, x % 8, y % 8));
            let close = got.iter().zip(want).all(|(g, w)| g.abs_diff(w) <= 3);
            assert!(close, "z{z}: {got:?} vs {want:?} (JPEG is lossy)");
        }
        // Deeper than QGIS rendered: the z12 tile is over-zoomed.
        let (x, y) = tile_of_lon_lat(46.93, 40.0, 15);
        let lent = mb
            .tile_or_ancestor(TileAddr::new(15, x, y))
            .unwrap()
            .unwrap();
        assert_eq!(lent.source, TileAddr::new(12, x >> 3, y >> 3));
    }

    #[test]
    fn package_without_metadata_gets_zooms_and_format_from_its_tiles() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bare.mbtiles");
        make_fixture(&path, 2, false);
        let info = MbTiles::open(&path).unwrap().info().clone();
        assert_eq!(info.format, Some(TileFormat::Png));
        assert_eq!((info.min_zoom, info.max_zoom), (0, 2));
        assert_eq!(info.name, "bare");
        assert_eq!(info.bounds, None);
    }

    #[test]
    fn bad_files_give_errors_that_name_them() {
        let dir = tempfile::tempdir().unwrap();

        let missing = dir.path().join("nowhere.mbtiles");
        let e = MbTiles::open(&missing).unwrap_err();
        assert!(matches!(e, MbTilesError::Missing { .. }), "{e}");
        assert!(e.to_string().contains("nowhere.mbtiles"));

        let text = dir.path().join("notes.mbtiles");
        std::fs::write(
            &text,
            "this is a text file, not a database at all.........".repeat(40),
        )
        .unwrap();
        let e = MbTiles::open(&text).unwrap_err();
        assert!(matches!(e, MbTilesError::NotSqlite { .. }), "{e}");
        assert!(e.to_string().contains("notes.mbtiles"));

        let other = dir.path().join("survey.mbtiles");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE hazards (id INTEGER, name TEXT);")
            .unwrap();
        let e = MbTiles::open(&other).unwrap_err();
        assert!(matches!(e, MbTilesError::NoTilesTable { .. }), "{e}");

        let vector = dir.path().join("vector.mbtiles");
        make_fixture(&vector, 0, false);
        Connection::open(&vector)
            .unwrap()
            .execute("INSERT INTO metadata VALUES ('format', 'pbf')", [])
            .unwrap();
        let e = MbTiles::open(&vector).unwrap_err();
        assert!(
            matches!(&e, MbTilesError::UnsupportedFormat { format, .. } if format == "pbf"),
            "{e}"
        );

        // A real database whose pages were overwritten half-way.
        let broken = dir.path().join("broken.mbtiles");
        make_fixture(&broken, 3, true);
        let mut bytes = std::fs::read(&broken).unwrap();
        let half = bytes.len() / 2;
        for b in &mut bytes[100..half] {
            *b = 0xA5;
        }
        std::fs::write(&broken, bytes).unwrap();
        // Either open refuses it, or reading tiles reports it; never a panic.
        if let Ok(mb) = MbTiles::open(&broken) {
            for x in 0..8 {
                let _ = mb.tile_or_ancestor(TileAddr::new(3, x, x));
            }
        }
    }
}
