//! File formats: GeoJSON read and write (lossless, annotated export), the importers
//! (Shapefile, GeoPackage, KML/KMZ, GPX, CSV) behind one entry point, atomic saves, the
//! recovery journal, project files, CSV tables, tile packages. No egui here.

pub mod atomic;
mod build;
pub mod crs;
pub mod csv;
mod dbf;
pub mod export;
pub mod fuzzing;
pub mod geojson;
pub mod gpkg;
pub mod gpx;
pub mod import;
pub mod journal;
pub mod kml;
pub mod project;
pub mod shapefile;
pub mod table;
mod wkb;
mod xml;

pub use self::export::{
    ExportError, ExportLayer, ExportOptions, ExportPlan, ExportSummary, export_to_file,
    plan_export, save_layer, write_layer,
};
pub use self::geojson::{LoadError, LoadWarning, LoadedLayer, parse_geojson, read_geojson_file};
pub use self::import::{
    Format, ImportOptions, OPEN_FILTERS, detect_format, read_any_file, read_any_file_with,
};
pub mod mbtiles;
pub mod pmtiles;
mod robustness;
pub mod tile_cache;
pub mod tile_package;
