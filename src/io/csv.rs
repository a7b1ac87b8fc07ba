//! CSV and TSV tables from spreadsheets and ODK/KoboToolbox forms, read with the `csv` crate.
//!
//! The geometry comes from, in this order of preference: a WKT column (`wkt`, `geometry`, or
//! values that start like WKT), a latitude and a longitude column (`lat`/`latitude`/`y`,
//! `lon`/`lng`/`longitude`/`x`, ODK/Kobo's `_location_latitude`/`_location_longitude`),
//! an ODK `geopoint` column (`lat lon altitude accuracy`, space-separated), or an MGRS/UTM
//! column read by the parser the go-to box uses. [`CsvOptions`] overrides the guess (the
//! command line's flags, the GUI's confirmation). Numbers, integers and booleans are detected
//! per column: a column is numeric when every non-empty value in it is a number. A value
//! that cannot be read costs its row's geometry (a warning naming the line), not the file.

use std::path::Path;

use geo::{Coord, Geometry, Point};
use wkt::TryFromWkt;

use super::build::layer_name;
use super::geojson::{LoadError, LoadWarning, LoadedLayer};
use crate::analysis::coords::parse_coordinate;
use crate::model::{Feature, Layer, Properties, PropertyValue, property_key};

/// Which columns hold the geometry; `None` fields are guessed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Field separator; guessed from the first line (`,` `;` or tab) when `None`.
    pub delimiter: Option<u8>,
    pub lat: Option<String>,
    pub lon: Option<String>,
    /// A column of WKT geometries.
    pub wkt: Option<String>,
    /// A column of MGRS, UTM or degree coordinates, or ODK geopoints.
    pub coordinate: Option<String>,
}

/// Where the geometry of each row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvGeometry {
    LatLon {
        lat: usize,
        lon: usize,
    },
    Wkt(usize),
    /// ODK `lat lon [altitude accuracy]`.
    Geopoint(usize),
    /// Anything the go-to box reads: MGRS, UTM, degrees.
    Coordinate(usize),
}

const LAT_NAMES: &[&str] = &[
    "lat",
    "latitude",
    "y",
    "point_y",
    "lat_dd",
    "gps_latitude",
    "_gps_latitude",
    "_location_latitude",
    "ycoord",
    "y_coord",
];
const LON_NAMES: &[&str] = &[
    "lon",
    "lng",
    "long",
    "longitude",
    "x",
    "point_x",
    "lon_dd",
    "gps_longitude",
    "_gps_longitude",
    "_location_longitude",
    "xcoord",
    "x_coord",
];
const WKT_NAMES: &[&str] = &["wkt", "geometry", "geom", "the_geom", "shape", "wkt_geom"];
const GEOPOINT_NAMES: &[&str] = &[
    "geopoint",
    "location",
    "gps",
    "_geolocation",
    "gps_location",
];
const COORDINATE_NAMES: &[&str] = &[
    "mgrs",
    "utm",
    "coordinate",
    "coordinates",
    "grid",
    "grid_ref",
    "grid_reference",
    "position",
];

fn folded(name: &str) -> String {
    name.trim().to_lowercase()
}

/// A WKT geometry: a type keyword, maybe `Z`/`M`/`ZM`, then `(` or `EMPTY` — not just text that
/// starts with a keyword ("Point number 3" is a name).
fn looks_like_wkt(value: &str) -> bool {
    let v = value.trim_start().to_ascii_uppercase();
    [
        "POINT",
        "LINESTRING",
        "POLYGON",
        "MULTIPOINT",
        "MULTILINESTRING",
        "MULTIPOLYGON",
        "GEOMETRYCOLLECTION",
    ]
    .iter()
    .filter_map(|k| v.strip_prefix(k))
    .any(|rest| {
        let rest = rest.trim_start();
        let rest = ["ZM", "Z", "M"]
            .iter()
            .find_map(|d| rest.strip_prefix(d))
            .unwrap_or(rest)
            .trim_start();
        rest.starts_with('(') || rest.starts_with("EMPTY")
    })
}

/// `lat lon [alt acc]` with a latitude and a longitude in range.
fn geopoint(value: &str) -> Option<Coord<f64>> {
    let mut it = value.split_whitespace().map(str::parse::<f64>);
    let lat = it.next()?.ok()?;
    let lon = it.next()?.ok()?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon))
        .then_some(Coord { x: lon, y: lat })
}

/// Guesses the geometry columns from the header and the first rows.
///
/// # Errors
/// A reason naming the columns looked for and the columns found.
pub fn detect_geometry(
    headers: &[String],
    sample: &[Vec<String>],
    options: &CsvOptions,
) -> Result<CsvGeometry, String> {
    let names: Vec<String> = headers.iter().map(|h| folded(h)).collect();
    let find = |wanted: &str| -> Result<usize, String> {
        names
            .iter()
            .position(|n| *n == folded(wanted))
            .ok_or_else(|| format!("no column named \"{wanted}\""))
    };
    if let Some(w) = &options.wkt {
        return find(w).map(CsvGeometry::Wkt);
    }
    if let (Some(lat), Some(lon)) = (&options.lat, &options.lon) {
        return Ok(CsvGeometry::LatLon {
            lat: find(lat)?,
            lon: find(lon)?,
        });
    }
    if let Some(c) = &options.coordinate {
        let i = find(c)?;
        let geopoints = sample
            .iter()
            .filter_map(|r| r.get(i))
            .filter(|v| !v.trim().is_empty())
            .all(|v| geopoint(v).is_some() && v.split_whitespace().count() >= 3);
        return Ok(if geopoints {
            CsvGeometry::Geopoint(i)
        } else {
            CsvGeometry::Coordinate(i)
        });
    }
    let first_value = |i: usize| {
        sample
            .iter()
            .filter_map(|r| r.get(i))
            .find(|v| !v.trim().is_empty())
            .map(String::as_str)
    };
    if let Some(i) = names.iter().position(|n| WKT_NAMES.contains(&n.as_str())) {
        return Ok(CsvGeometry::Wkt(i));
    }
    if let Some(i) = (0..names.len()).find(|&i| first_value(i).is_some_and(looks_like_wkt)) {
        return Ok(CsvGeometry::Wkt(i));
    }
    let by_name = |list: &[&str], suffix: &str| {
        list.iter()
            .find_map(|l| names.iter().position(|n| n == l))
            .or_else(|| names.iter().position(|n| n.ends_with(suffix)))
    };
    if let (Some(lat), Some(lon)) = (
        by_name(LAT_NAMES, "_latitude"),
        by_name(LON_NAMES, "_longitude"),
    ) {
        return Ok(CsvGeometry::LatLon { lat, lon });
    }
    if let Some(i) = names.iter().position(|n| {
        GEOPOINT_NAMES
            .iter()
            .any(|g| n == g || n.ends_with("geopoint"))
    }) && first_value(i).is_some_and(|v| geopoint(v).is_some())
    {
        return Ok(CsvGeometry::Geopoint(i));
    }
    if let Some(i) = names
        .iter()
        .position(|n| COORDINATE_NAMES.contains(&n.as_str()))
    {
        return Ok(CsvGeometry::Coordinate(i));
    }
    Err(format!(
        "no coordinate columns: minemap looks for lat/latitude/y with lon/lng/longitude/x, \
         ODK's _location_latitude/_location_longitude or a geopoint column, a WKT column \
         (wkt, geometry) or an MGRS/UTM column (mgrs, utm); this file has {}",
        headers
            .iter()
            .take(20)
            .map(|h| format!("\"{h}\""))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// The field separator of a table whose first line is `line`.
fn sniff_delimiter(line: &str) -> u8 {
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| line.bytes().filter(|b| b == d).count())
        .filter(|d| line.as_bytes().contains(d))
        .unwrap_or(b',')
}

/// Reads a CSV/TSV file, guessing the geometry columns.
///
/// # Errors
/// [`LoadError`] naming the file: no header, no coordinate columns.
pub fn read_csv_file(
    path: &Path,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    read_csv_file_with(path, &CsvOptions::default(), progress)
}

/// Reads a CSV/TSV file with the geometry columns `options` names (the rest guessed).
///
/// # Errors
/// As [`read_csv_file`], and when a named column does not exist.
pub fn read_csv_file_with(
    path: &Path,
    options: &CsvOptions,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    progress(0.1);
    read_csv_bytes(path, &bytes, options, progress)
}

/// Reads CSV text. `path` names the source in messages and the layer.
///
/// # Errors
/// As [`read_csv_file_with`].
pub fn read_csv_bytes(
    path: &Path,
    bytes: &[u8],
    options: &CsvOptions,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<LoadedLayer, LoadError> {
    let bad = |reason: String| LoadError::BadFile {
        path: path.to_owned(),
        reason,
    };
    let text = String::from_utf8_lossy(bytes);
    let (_, mut reader, headers) = open_table(path, &text, options)?;
    let mut warnings = Vec::new();
    // Rows with the line each starts on (for messages).
    let mut rows: Vec<(u64, Vec<String>)> = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, csv::Position::line);
                rows.push((line, r.iter().map(str::to_owned).collect()));
            }
            Err(e) => warnings.push(LoadWarning {
                feature_index: rows.len(),
                feature_id: None,
                reason: format!("{e} — row left out"),
            }),
        }
    }
    progress(0.5);
    let sample: Vec<Vec<String>> = rows.iter().take(50).map(|(_, r)| r.clone()).collect();
    let geometry_columns = detect_geometry(&headers, &sample, options).map_err(bad)?;

    // Column types: numeric when every non-empty value is a number.
    let kinds: Vec<ColumnKind> = (0..headers.len())
        .map(|i| {
            column_kind(
                rows.iter()
                    .filter_map(|(_, r)| r.get(i).map(String::as_str)),
            )
        })
        .collect();
    let keys: Vec<_> = headers.iter().map(|h| property_key(h)).collect();
    let skip = match geometry_columns {
        CsvGeometry::Wkt(i) => Some(i),
        _ => None,
    };
    let mut features = Vec::with_capacity(rows.len());
    for (index, (line, row)) in rows.into_iter().enumerate() {
        let cell = |i: usize| row.get(i).map_or("", |s| s.trim());
        let geometry = row_geometry(geometry_columns, &cell).map_err(|reason| LoadWarning {
            feature_index: index,
            feature_id: None,
            reason: format!("line {line}: {reason} — kept without geometry"),
        });
        let geometry = match geometry {
            Ok(g) => g,
            Err(w) => {
                warnings.push(w);
                None
            }
        };
        let properties: Properties = keys
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != skip)
            .map(|(i, k)| (k.clone(), kinds[i].value(cell(i))))
            .collect();
        features.push(Feature {
            properties,
            geometry,
            ..Feature::default()
        });
    }
    progress(0.95);
    let mut layer = Layer::new(layer_name(path), Some(path.to_owned()), features);
    layer.source_crs = Some("WGS 84 (CSV)".into());
    progress(1.0);
    Ok(LoadedLayer { layer, warnings })
}

/// A table opened for reading: the delimiter used, a reader past the header, the header.
type OpenTable<'t> = (u8, csv::Reader<&'t [u8]>, Vec<String>);

/// The delimiter (given or guessed), a reader past the header, and the header of CSV `text`.
fn open_table<'t>(
    path: &Path,
    text: &'t str,
    options: &CsvOptions,
) -> Result<OpenTable<'t>, LoadError> {
    let bad = |reason: String| LoadError::BadFile {
        path: path.to_owned(),
        reason,
    };
    let text = text.trim_start_matches('\u{feff}');
    let tsv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab"));
    let delimiter = options.delimiter.unwrap_or_else(|| {
        if tsv {
            b'\t'
        } else {
            sniff_delimiter(text.lines().next().unwrap_or(""))
        }
    });
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| bad(format!("no header row: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(bad("the file is empty: no header row".into()));
    }
    Ok((delimiter, reader, headers))
}

/// What the column-confirmation dialog shows before a CSV loads: the delimiter, the header,
/// the first rows and the guessed geometry columns (or why none were found).
#[derive(Clone, Debug, PartialEq)]
pub struct CsvPreview {
    pub delimiter: u8,
    pub headers: Vec<String>,
    /// The first rows (at most [`PREVIEW_ROWS`]).
    pub rows: Vec<Vec<String>>,
    /// The geometry columns `options` name or the guess; `Err` says why there is none.
    pub geometry: Result<CsvGeometry, String>,
}

/// Rows a [`CsvPreview`] holds.
pub const PREVIEW_ROWS: usize = 20;

/// Bytes of a file read for its preview: enough for the header and many rows of any table.
const PREVIEW_BYTES: u64 = 256 * 1024;

/// The preview of CSV `bytes` read with `options` (`None` fields guessed).
///
/// # Errors
/// [`LoadError::BadFile`] naming the file when it has no header row.
pub fn preview_csv_bytes(
    path: &Path,
    bytes: &[u8],
    options: &CsvOptions,
) -> Result<CsvPreview, LoadError> {
    let text = String::from_utf8_lossy(bytes);
    let (delimiter, mut reader, headers) = open_table(path, &text, options)?;
    // Up to 50 rows for the guess (as the full read does), the first ones shown.
    let sample: Vec<Vec<String>> = reader
        .records()
        .filter_map(Result::ok)
        .take(50)
        .map(|r| r.iter().map(str::to_owned).collect())
        .collect();
    let geometry = detect_geometry(&headers, &sample, options);
    Ok(CsvPreview {
        delimiter,
        headers,
        rows: sample.into_iter().take(PREVIEW_ROWS).collect(),
        geometry,
    })
}

/// The preview of a CSV file, from its first 256 KiB (cut at the last whole line).
///
/// # Errors
/// [`LoadError::Io`] when the file cannot be read; as [`preview_csv_bytes`].
pub fn preview_csv_file(path: &Path, options: &CsvOptions) -> Result<CsvPreview, LoadError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(PREVIEW_BYTES).read_to_end(&mut bytes))
        .map_err(|source| LoadError::Io {
            path: path.to_owned(),
            source,
        })?;
    if bytes.len() as u64 == PREVIEW_BYTES
        && let Some(end) = bytes.iter().rposition(|&b| b == b'\n')
    {
        bytes.truncate(end + 1);
    }
    preview_csv_bytes(path, &bytes, options)
}

impl CsvOptions {
    /// Options that name exactly these geometry columns of `headers` (and keep the delimiter).
    #[must_use]
    pub fn naming(headers: &[String], geometry: CsvGeometry, delimiter: Option<u8>) -> Self {
        let name = |i: usize| headers.get(i).cloned();
        let mut options = Self {
            delimiter,
            ..Self::default()
        };
        match geometry {
            CsvGeometry::LatLon { lat, lon } => {
                options.lat = name(lat);
                options.lon = name(lon);
            }
            CsvGeometry::Wkt(i) => options.wkt = name(i),
            CsvGeometry::Geopoint(i) | CsvGeometry::Coordinate(i) => options.coordinate = name(i),
        }
        options
    }
}

/// A delimiter as typed on a command line: `,` `;` `|`, `tab` or `\t`.
///
/// # Errors
/// A message when the text is not one ASCII character or a tab's name.
pub fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "TAB" | "\\t" | "\t" => Ok(b'\t'),
        _ if text.len() == 1 && text.is_ascii() => Ok(text.as_bytes()[0]),
        _ => Err(format!(
            "\"{text}\" is not a one-character delimiter (or \"tab\")"
        )),
    }
}

fn number(text: &str, what: &str) -> Result<f64, String> {
    text.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("{what} \"{text}\" is not a number"))
}

/// The geometry of one row; `Ok(None)` when its geometry cells are empty.
fn row_geometry<'a>(
    columns: CsvGeometry,
    cell: &dyn Fn(usize) -> &'a str,
) -> Result<Option<Geometry<f64>>, String> {
    match columns {
        CsvGeometry::LatLon { lat, lon } => {
            let (la, lo) = (cell(lat), cell(lon));
            if la.is_empty() && lo.is_empty() {
                return Ok(None);
            }
            let y = number(la, "latitude")?;
            let x = number(lo, "longitude")?;
            if !(-90.0..=90.0).contains(&y) || !(-180.0..=180.0).contains(&x) {
                return Err(format!(
                    "latitude {y}, longitude {x} is outside -90..90, -180..180 (swapped?)"
                ));
            }
            Ok(Some(Geometry::Point(Point::new(x, y))))
        }
        CsvGeometry::Wkt(i) => {
            let text = cell(i);
            if text.is_empty() {
                return Ok(None);
            }
            Geometry::<f64>::try_from_wkt_str(text)
                .map(Some)
                .map_err(|e| format!("WKT cannot be read: {e}"))
        }
        CsvGeometry::Geopoint(i) => {
            let text = cell(i);
            if text.is_empty() {
                return Ok(None);
            }
            geopoint(text)
                .map(|c| Some(Geometry::Point(Point(c))))
                .ok_or_else(|| format!("geopoint \"{text}\" is not \"latitude longitude\""))
        }
        CsvGeometry::Coordinate(i) => {
            let text = cell(i);
            if text.is_empty() {
                return Ok(None);
            }
            parse_coordinate(text)
                .map(|(lon, lat)| Some(Geometry::Point(Point::new(lon, lat))))
                .map_err(|e| e.to_string())
        }
    }
}

/// What a column's values are.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ColumnKind {
    Integer,
    Number,
    Boolean,
    Text,
}

fn column_kind<'a>(values: impl Iterator<Item = &'a str>) -> ColumnKind {
    let mut kind: Option<ColumnKind> = None;
    for v in values.map(str::trim).filter(|v| !v.is_empty()) {
        // `007` is a code, not seven.
        let leading_zero = v.len() > 1 && v.starts_with('0') && v.as_bytes()[1].is_ascii_digit();
        let this = if leading_zero {
            return ColumnKind::Text;
        } else if v.parse::<i64>().is_ok() && !v.starts_with('+') {
            ColumnKind::Integer
        } else if v.parse::<f64>().is_ok_and(f64::is_finite)
            && !v.starts_with(['+', '.'])
            && !v.ends_with('.')
        {
            ColumnKind::Number
        } else if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") {
            ColumnKind::Boolean
        } else {
            return ColumnKind::Text;
        };
        kind = Some(match (kind, this) {
            (None, k) => k,
            (Some(a), b) if a == b => a,
            (
                Some(ColumnKind::Integer | ColumnKind::Number),
                ColumnKind::Integer | ColumnKind::Number,
            ) => ColumnKind::Number,
            _ => return ColumnKind::Text,
        });
    }
    kind.unwrap_or(ColumnKind::Text)
}

impl ColumnKind {
    fn value(self, text: &str) -> PropertyValue {
        if text.is_empty() {
            return PropertyValue::Null;
        }
        match self {
            Self::Integer => text.parse::<i64>().map_or_else(
                |_| PropertyValue::String(text.into()),
                |i| PropertyValue::Number(i.into()),
            ),
            Self::Number => serde_json::from_str::<serde_json::Number>(text).map_or_else(
                |_| {
                    text.parse::<f64>()
                        .map_or_else(|_| PropertyValue::String(text.into()), PropertyValue::from)
                },
                PropertyValue::Number,
            ),
            Self::Boolean => PropertyValue::Bool(text.eq_ignore_ascii_case("true")),
            Self::Text => PropertyValue::String(text.into()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> Result<LoadedLayer, LoadError> {
        read_csv_bytes(
            Path::new(name),
            text.as_bytes(),
            &CsvOptions::default(),
            &|_| {},
        )
    }

    #[test]
    fn kobo_columns_give_points_and_numbers_are_detected_per_column() {
        let loaded = read(
            "kobo.csv",
            "start;_location_latitude;_location_longitude;killed;code;ok\n\
             2024-01-01;40.1;47.2;1;007;true\n2024-01-02;40.2;47.3;2.5;8;false\n",
        )
        .unwrap();
        let f = &loaded.layer.features[1];
        assert_eq!(
            serde_json::Value::Object(f.properties.to_json()),
            serde_json::json!({"start": "2024-01-02", "_location_latitude": 40.2,
                "_location_longitude": 47.3, "killed": 2.5, "code": "8", "ok": false})
        );
        assert_eq!(f.geometry, Some(Geometry::Point(Point::new(47.3, 40.2))));
    }

    #[test]
    fn odk_geopoint_and_mgrs_columns_are_read() {
        let loaded = read("odk.csv", "name,geopoint\na,40.1 47.2 812 5\n").unwrap();
        assert_eq!(
            loaded.layer.features[0].geometry,
            Some(Geometry::Point(Point::new(47.2, 40.1)))
        );
        let loaded = read("grid.csv", "name,mgrs\na,38TNK1234556789\n").unwrap();
        assert!(loaded.layer.features[0].geometry.is_some());
    }

    #[test]
    fn a_bad_value_costs_its_row_geometry_and_names_its_line() {
        let mut text = String::from("id,lat,lon\n");
        for i in 0..9_100 {
            let lat = if i == 8_998 {
                "4O.1".to_owned()
            } else {
                format!("40.{i}")
            };
            text.push_str(&format!("{i},{lat},47.5\n"));
        }
        let loaded = read("big.csv", &text).unwrap();
        assert_eq!(loaded.layer.features.len(), 9_100);
        assert_eq!(loaded.warnings.len(), 1);
        let w = loaded.warnings[0].to_string();
        assert!(w.contains("line 9000") && w.contains("\"4O.1\""), "{w}");
    }

    #[test]
    fn only_real_wkt_values_make_a_wkt_column() {
        assert!(looks_like_wkt("POINT (47 40)"));
        assert!(looks_like_wkt(" multipolygon(((0 0,1 0,1 1,0 0)))"));
        assert!(looks_like_wkt("POINT Z (47 40 5)"));
        assert!(looks_like_wkt("LINESTRING EMPTY"));
        assert!(!looks_like_wkt("Point number 3"));
        assert!(!looks_like_wkt("Polygon survey, north"));
    }

    #[test]
    fn delimiters_are_read_as_typed_on_a_command_line() {
        assert_eq!(parse_delimiter(";"), Ok(b';'));
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert_eq!(parse_delimiter("\\t"), Ok(b'\t'));
        assert!(parse_delimiter(";;").unwrap_err().contains("\";;\""));
    }

    #[test]
    fn a_preview_of_a_large_file_reads_only_its_start_and_guesses_from_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.tsv");
        let mut text = String::from("name\tY\tX\n");
        for i in 0..40_000 {
            text.push_str(&format!("point number {i}\t40.{i}\t47.{i}\n"));
        }
        assert!(text.len() as u64 > PREVIEW_BYTES);
        std::fs::write(&path, &text).unwrap();
        let preview = preview_csv_file(&path, &CsvOptions::default()).unwrap();
        assert_eq!(preview.delimiter, b'\t');
        assert_eq!(preview.headers, ["name", "Y", "X"]);
        assert_eq!(preview.rows.len(), PREVIEW_ROWS);
        assert_eq!(preview.rows[3], ["point number 3", "40.3", "47.3"]);
        assert_eq!(preview.geometry, Ok(CsvGeometry::LatLon { lat: 1, lon: 2 }));
        // A column named by the options that the file lacks: the reason names it.
        let named = CsvOptions {
            wkt: Some("shape".into()),
            ..CsvOptions::default()
        };
        let preview = preview_csv_file(&path, &named).unwrap();
        assert!(preview.geometry.unwrap_err().contains("\"shape\""));
    }

    #[test]
    fn a_table_without_coordinates_lists_its_columns() {
        let e = read("plain.csv", "name,notes\na,b\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("plain.csv")
                && e.contains("no coordinate columns")
                && e.contains("\"notes\""),
            "{e}"
        );
    }
}
