//! File formats: GeoJSON read and write (lossless, annotated export), atomic saves, the
//! recovery journal, project files, CSV tables. No egui here.

pub mod atomic;
pub mod export;
pub mod geojson;
pub mod journal;
pub mod project;
pub mod table;

pub use self::export::{
    ExportError, ExportLayer, ExportOptions, ExportPlan, ExportSummary, export_to_file,
    plan_export, save_layer, write_layer,
};
pub use self::geojson::{LoadError, LoadWarning, LoadedLayer, parse_geojson, read_geojson_file};
pub mod mbtiles;
pub mod pmtiles;
pub mod tile_cache;
pub mod tile_package;
