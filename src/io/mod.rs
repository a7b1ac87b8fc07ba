//! File formats: GeoJSON read and write (lossless), atomic saves. No egui here.

pub mod atomic;
pub mod export;
pub mod geojson;

pub use self::export::{ExportError, save_layer, write_layer};
pub use self::geojson::{LoadError, LoadWarning, LoadedLayer, parse_geojson, read_geojson_file};
pub mod mbtiles;
pub mod pmtiles;
pub mod tile_cache;
pub mod tile_package;
