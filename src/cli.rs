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
