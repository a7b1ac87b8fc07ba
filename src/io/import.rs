//! One door for every file minemap opens: [`read_any_file`] looks at the first bytes (and
//! then the extension) and hands the file to its reader. A GeoPackage or a zip may hold
//! several layers, so the answer is a list.

use std::io::Read;
use std::path::Path;

use super::build::layer_name;
use super::csv::{CsvOptions, read_csv_file_with};
use super::geojson::{LoadError, LoadedLayer, read_geojson_file};
use super::gpkg::read_geopackage_file;
use super::gpx::read_gpx_file;
use super::kml::{read_kml_file, read_kmz_bytes};
use super::shapefile::{ShapefileParts, read_shapefile_file, read_shapefile_parts};

/// The formats minemap reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    GeoJson,
    Shapefile,
    /// A zip holding shapefiles.
    Zip,
    GeoPackage,
    Kml,
    /// A zip holding a KML document.
    Kmz,
    Gpx,
    /// CSV or TSV with coordinate columns.
    Csv,
}

/// Extensions the Open dialog offers, each group under one name.
pub const OPEN_FILTERS: &[(&str, &[&str])] = &[
    (
        "All supported",
        &[
            "geojson", "json", "shp", "zip", "gpkg", "kml", "kmz", "gpx", "csv", "tsv",
        ],
    ),
    ("GeoJSON", &["geojson", "json"]),
    ("Shapefile", &["shp", "zip"]),
    ("GeoPackage", &["gpkg"]),
    ("KML/KMZ", &["kml", "kmz"]),
    ("GPX", &["gpx"]),
    ("CSV/TSV", &["csv", "tsv", "txt"]),
];

/// Which reader fits `path`, from its first bytes `head` and then its extension.
#[must_use]
pub fn detect_format(path: &Path, head: &[u8]) -> Option<Format> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    // Content first: a renamed file still opens.
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Some(if ext == "kmz" {
            Format::Kmz
        } else {
            Format::Zip
        });
    }
    if head.starts_with(b"SQLite format 3\0") {
        return Some(Format::GeoPackage);
    }
    // A .shp starts with the file code 9994, big-endian.
    if head.starts_with(&[0x00, 0x00, 0x27, 0x0A]) {
        return Some(Format::Shapefile);
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(512)]);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        return Some(Format::GeoJson);
    }
    if trimmed.starts_with('<') && (text.contains("<kml") || text.contains("opengis.net/kml")) {
        return Some(Format::Kml);
    }
    if trimmed.starts_with('<') && text.contains("<gpx") {
        return Some(Format::Gpx);
    }
    match ext.as_str() {
        "geojson" | "json" => Some(Format::GeoJson),
        "shp" => Some(Format::Shapefile),
        "zip" => Some(Format::Zip),
        "gpkg" => Some(Format::GeoPackage),
        "kml" => Some(Format::Kml),
        "kmz" => Some(Format::Kmz),
        "gpx" => Some(Format::Gpx),
        "csv" | "tsv" | "tab" | "txt" => Some(Format::Csv),
        _ => None,
    }
}

/// Choices a reader cannot guess for every file: which CSV columns hold the geometry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// For CSV/TSV files; the default guesses.
    pub csv: CsvOptions,
}

/// Reads any supported file into its layers. `progress` receives the fraction done (0..=1).
///
/// # Errors
/// [`LoadError`] naming the file (and the record, where one record stops the file).
pub fn read_any_file(
    path: &Path,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<Vec<LoadedLayer>, LoadError> {
    read_any_file_with(path, &ImportOptions::default(), progress)
}

/// As [`read_any_file`], with the choices of `options`.
///
/// # Errors
/// As [`read_any_file`], and when an option names a column the file lacks.
pub fn read_any_file_with(
    path: &Path,
    options: &ImportOptions,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<Vec<LoadedLayer>, LoadError> {
    let mut head = Vec::with_capacity(512);
    std::fs::File::open(path)
        .and_then(|f| f.take(512).read_to_end(&mut head))
        .map_err(|source| LoadError::Io {
            path: path.to_owned(),
            source,
        })?;
    let format = detect_format(path, &head).ok_or_else(|| LoadError::UnknownFormat {
        path: path.to_owned(),
        reason: "neither its content nor its extension is one of them".into(),
    })?;
    match format {
        Format::GeoJson => read_geojson_file(path, progress).map(|l| vec![l]),
        Format::Shapefile => read_shapefile_file(path, progress).map(|l| vec![l]),
        Format::GeoPackage => read_geopackage_file(path, progress),
        Format::Kml => read_kml_file(path, progress).map(|l| vec![l]),
        Format::Gpx => read_gpx_file(path, progress),
        Format::Csv => read_csv_file_with(path, &options.csv, progress).map(|l| vec![l]),
        Format::Zip | Format::Kmz => {
            let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
                path: path.to_owned(),
                source,
            })?;
            if format == Format::Kmz || zip_holds_only_kml(&bytes) {
                read_kmz_bytes(path, &bytes, progress).map(|l| vec![l])
            } else {
                read_zip(path, &bytes, progress)
            }
        }
    }
}

/// A zip with a `.kml` and no `.shp`: a KMZ under another name.
fn zip_holds_only_kml(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).is_ok_and(|a| {
        let names: Vec<String> = a
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.to_ascii_lowercase())
            .collect();
        names.iter().any(|n| n.ends_with(".kml")) && !names.iter().any(|n| n.ends_with(".shp"))
    })
}

/// Most a zip may unpack to: more is a zip bomb, not mine action data.
const MAX_UNZIPPED: u64 = 4 << 30;

/// The shapefiles in a zip, one layer each (in the order of their `.shp` in the archive).
///
/// # Errors
/// [`LoadError::BadFile`] when the zip cannot be read or holds no shapefile.
pub fn read_zip(
    path: &Path,
    bytes: &[u8],
    progress: &(dyn Fn(f32) + Sync),
) -> Result<Vec<LoadedLayer>, LoadError> {
    let bad = |reason: String| LoadError::BadFile {
        path: path.to_owned(),
        reason,
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable zip: {e}")))?;
    let mut names: Vec<String> = Vec::new();
    for i in 0..archive.len() {
        if let Ok(f) = archive.by_index_raw(i)
            && !f.is_dir()
            && let Ok(name) = f.name()
        {
            names.push(name.into_owned());
        }
    }
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    let shps: Vec<usize> = (0..names.len())
        .filter(|&i| lower[i].ends_with(".shp") && !lower[i].contains("__macosx/"))
        .collect();
    if shps.is_empty() {
        return Err(bad(format!(
            "the zip holds no shapefile (.shp); it holds {}",
            if names.is_empty() {
                "nothing".to_owned()
            } else {
                names
                    .iter()
                    .take(8)
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        )));
    }
    let mut unzipped = 0u64;
    let mut read_entry = |name: &str| -> Result<Vec<u8>, LoadError> {
        let entry = archive
            .by_name(name)
            .map_err(|e| bad(format!("{name}: {e}")))?;
        let mut out = Vec::new();
        entry
            .take(MAX_UNZIPPED - unzipped)
            .read_to_end(&mut out)
            .map_err(|e| bad(format!("{name}: cannot unzip: {e}")))?;
        unzipped += out.len() as u64;
        if unzipped >= MAX_UNZIPPED {
            return Err(bad("unzips to more than 4 GiB".into()));
        }
        Ok(out)
    };
    let mut layers = Vec::new();
    let count = shps.len();
    for (n, &i) in shps.iter().enumerate() {
        let stem = &lower[i][..lower[i].len() - 4];
        let text = |b: Option<Vec<u8>>| b.map(|b| String::from_utf8_lossy(&b).into_owned());
        let shp = read_entry(&names[i])?;
        let mut part = |ext: &str| -> Result<Option<Vec<u8>>, LoadError> {
            let wanted = format!("{stem}.{ext}");
            match lower.iter().position(|l| *l == wanted) {
                Some(j) => read_entry(&names[j]).map(Some),
                None => Ok(None),
            }
        };
        let parts = ShapefileParts {
            path: path.join(&names[i]),
            shp,
            shx: part("shx")?,
            dbf: part("dbf")?,
            prj: text(part("prj")?),
            cpg: text(part("cpg")?),
        };
        #[allow(clippy::cast_precision_loss)] // a progress fraction
        let (from, span) = (n as f32 / count as f32, 1.0 / count as f32);
        let mut loaded = read_shapefile_parts(&parts, &|f| progress(from + span * f))?;
        loaded.layer.path = Some(path.to_owned());
        if count > 1 {
            loaded.layer.name = format!("{} — {}", layer_name(path), loaded.layer.name);
        }
        layers.push(loaded);
    }
    progress(1.0);
    Ok(layers)
}
