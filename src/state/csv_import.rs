//! The CSV column confirmation: opening a CSV shows its columns, the guessed geometry columns
//! and its first rows, and loads only once the user confirms or changes the guess. This is the
//! dialog's draft (the columns chosen so far); `ui::csv_import` draws it and `app/apply.rs`
//! reads the preview and starts the load.

use std::path::PathBuf;

use crate::io::LoadError;
use crate::io::csv::{CsvGeometry, CsvOptions, CsvPreview, preview_csv_file};

/// Where the geometry of each row comes from, as the dialog offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvSource {
    /// A latitude and a longitude column, in decimal degrees.
    LatLon,
    /// A column of WKT geometries.
    Wkt,
    /// A column of MGRS, UTM or degree coordinates, or ODK geopoints.
    Coordinate,
}

/// A CSV waiting for the user to confirm its geometry columns.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvImport {
    pub path: PathBuf,
    pub preview: CsvPreview,
    /// The delimiter chosen (the guess at first).
    pub delimiter: u8,
    pub source: CsvSource,
    pub lat: Option<usize>,
    pub lon: Option<usize>,
    pub wkt: Option<usize>,
    pub coordinate: Option<usize>,
}

impl CsvImport {
    /// Reads the preview of `path` with `delimiter` (guessed when `None`) and takes its guess.
    ///
    /// # Errors
    /// [`LoadError`] when the file cannot be read or has no header row.
    pub fn open(path: PathBuf, delimiter: Option<u8>) -> Result<Self, LoadError> {
        let preview = preview_csv_file(
            &path,
            &CsvOptions {
                delimiter,
                ..CsvOptions::default()
            },
        )?;
        Ok(Self::from_preview(path, preview))
    }

    /// The draft of a preview: the guessed columns chosen, or nothing chosen when there is none.
    #[must_use]
    pub fn from_preview(path: PathBuf, preview: CsvPreview) -> Self {
        let mut draft = Self {
            path,
            delimiter: preview.delimiter,
            source: CsvSource::LatLon,
            lat: None,
            lon: None,
            wkt: None,
            coordinate: None,
            preview,
        };
        match draft.preview.geometry {
            Ok(CsvGeometry::LatLon { lat, lon }) => {
                draft.lat = Some(lat);
                draft.lon = Some(lon);
            }
            Ok(CsvGeometry::Wkt(i)) => {
                draft.source = CsvSource::Wkt;
                draft.wkt = Some(i);
            }
            Ok(CsvGeometry::Geopoint(i) | CsvGeometry::Coordinate(i)) => {
                draft.source = CsvSource::Coordinate;
                draft.coordinate = Some(i);
            }
            Err(_) => {}
        }
        draft
    }

    /// True when the file's columns were not recognised (the user must pick them).
    #[must_use]
    pub fn guess_failed(&self) -> bool {
        self.preview.geometry.is_err()
    }

    /// The geometry columns chosen; `None` while a column the source needs is not chosen.
    #[must_use]
    pub fn geometry(&self) -> Option<CsvGeometry> {
        match self.source {
            CsvSource::LatLon => match (self.lat?, self.lon?) {
                (lat, lon) if lat != lon => Some(CsvGeometry::LatLon { lat, lon }),
                _ => None,
            },
            CsvSource::Wkt => self.wkt.map(CsvGeometry::Wkt),
            CsvSource::Coordinate => self.coordinate.map(CsvGeometry::Coordinate),
        }
    }

    /// The reading options of the choice; `None` until it is complete.
    #[must_use]
    pub fn options(&self) -> Option<CsvOptions> {
        self.geometry()
            .map(|g| CsvOptions::naming(&self.preview.headers, g, Some(self.delimiter)))
    }

    /// True when `column` is one of the chosen geometry columns (highlighted in the preview).
    #[must_use]
    pub fn is_chosen(&self, column: usize) -> bool {
        let chosen = match self.source {
            CsvSource::LatLon => [self.lat, self.lon],
            CsvSource::Wkt => [self.wkt, None],
            CsvSource::Coordinate => [self.coordinate, None],
        };
        chosen.contains(&Some(column))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::io::csv::preview_csv_bytes;
    use std::path::Path;

    fn draft(text: &str) -> CsvImport {
        let preview =
            preview_csv_bytes(Path::new("t.csv"), text.as_bytes(), &CsvOptions::default()).unwrap();
        CsvImport::from_preview("t.csv".into(), preview)
    }

    #[test]
    fn a_recognised_table_starts_with_its_guess_chosen() {
        let d = draft("id;lat;lon\n1;40.1;47.2\n");
        assert_eq!(d.delimiter, b';');
        assert!(!d.guess_failed());
        assert_eq!(d.geometry(), Some(CsvGeometry::LatLon { lat: 1, lon: 2 }));
        let o = d.options().unwrap();
        assert_eq!(
            (o.lat.as_deref(), o.lon.as_deref()),
            (Some("lat"), Some("lon"))
        );
        assert_eq!(o.delimiter, Some(b';'));
    }

    #[test]
    fn an_unrecognised_table_waits_for_the_user_and_takes_the_columns_picked() {
        let mut d = draft("site,nord,ost\nA,40.1,47.2\n");
        assert!(d.guess_failed());
        assert_eq!(d.options(), None);
        d.lat = Some(1);
        assert_eq!(d.options(), None, "a longitude is still missing");
        d.lon = Some(1);
        assert_eq!(d.options(), None, "one column cannot be both");
        d.lon = Some(2);
        let o = d.options().unwrap();
        assert_eq!(
            (o.lat.as_deref(), o.lon.as_deref()),
            (Some("nord"), Some("ost"))
        );
        assert!(d.is_chosen(1) && d.is_chosen(2) && !d.is_chosen(0));
    }

    #[test]
    fn a_wkt_guess_chooses_the_wkt_source() {
        let d = draft("name,shape_text\na,\"POINT (47 40)\"\n");
        assert_eq!(d.source, CsvSource::Wkt);
        assert_eq!(d.options().unwrap().wkt.as_deref(), Some("shape_text"));
    }
}
