//! `--csv-lat/--csv-lon/--csv-wkt/--csv-coord/--csv-delimiter`: which columns of a CSV hold
//! the geometry, for the GUI and every subcommand that reads files (the guess otherwise).

use clap::Args;

use crate::io::ImportOptions;
use crate::io::csv::{CsvOptions, parse_delimiter};

/// The CSV flags, shared by the GUI and the subcommands.
#[derive(Clone, Debug, Default, Args)]
pub struct CsvArgs {
    /// CSV: the latitude column (with --csv-lon).
    #[arg(long, value_name = "COL", requires = "csv_lon")]
    pub csv_lat: Option<String>,
    /// CSV: the longitude column (with --csv-lat).
    #[arg(long, value_name = "COL", requires = "csv_lat")]
    pub csv_lon: Option<String>,
    /// CSV: a column of WKT geometries.
    #[arg(long, value_name = "COL", conflicts_with_all = ["csv_lat", "csv_coord"])]
    pub csv_wkt: Option<String>,
    /// CSV: a column of MGRS, UTM or degree coordinates, or ODK geopoints.
    #[arg(long, value_name = "COL", conflicts_with = "csv_lat")]
    pub csv_coord: Option<String>,
    /// CSV: the field separator (`,` `;` `|` or `tab`; guessed from the header otherwise).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub csv_delimiter: Option<u8>,
}

impl CsvArgs {
    /// The reading options these flags ask for.
    #[must_use]
    pub fn import_options(&self) -> ImportOptions {
        ImportOptions {
            csv: CsvOptions {
                delimiter: self.csv_delimiter,
                lat: self.csv_lat.clone(),
                lon: self.csv_lon.clone(),
                wkt: self.csv_wkt.clone(),
                coordinate: self.csv_coord.clone(),
            },
        }
    }

    /// True when any CSV flag was given (the GUI then loads without asking).
    #[must_use]
    pub fn any(&self) -> bool {
        self.import_options() != ImportOptions::default()
    }
}
