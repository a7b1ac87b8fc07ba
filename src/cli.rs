//! The command line: options for the GUI and the headless subcommands. Never imports egui.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// minemap — offline-first desktop GIS for humanitarian mine action.
#[derive(Debug, Parser)]
#[command(name = "minemap", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// GeoJSON files to open (default: the bundled sample data).
    pub files: Vec<PathBuf>,

    /// Basemap: `embedded`, `none`, a `.mbtiles`/`.pmtiles` path, or an XYZ URL template
    /// such as `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    #[arg(long, value_name = "SOURCE")]
    pub basemap: Option<String>,

    /// Open the map centred on LAT,LON (decimal degrees).
    #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
    pub center: Option<String>,

    /// Open the map at this zoom level (0–20).
    #[arg(long, value_name = "Z")]
    pub zoom: Option<f64>,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {}

/// Parses `--center LAT,LON` (decimal degrees, latitude first as people say it) into
/// `(lon, lat)`.
///
/// # Errors
/// A message saying what is wrong with the text.
pub fn parse_center(text: &str) -> Result<(f64, f64), String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let [lat, lon] = parts.as_slice() else {
        return Err(format!("\"{text}\" is not LAT,LON (for example 40.1,47.5)"));
    };
    let lat: f64 = lat
        .parse()
        .map_err(|_| format!("latitude \"{lat}\" is not a number"))?;
    let lon: f64 = lon
        .parse()
        .map_err(|_| format!("longitude \"{lon}\" is not a number"))?;
    if !(-90.0..=90.0).contains(&lat) {
        return Err(format!("latitude {lat} is outside −90..90"));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(format!("longitude {lon} is outside −180..180"));
    }
    Ok((lon, lat))
}
