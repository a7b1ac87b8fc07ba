//! Tables as CSV (the attribute table, statistics): RFC 4180 quoting by the `csv` crate,
//! UTF-8, optionally with a byte-order mark so spreadsheet programs (Excel) read the
//! Azerbaijani letters right instead of guessing a legacy code page.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::analysis::Selection;
use crate::io::atomic::write_atomic;
use crate::model::{Layer, PropertyValue};

/// Why a table could not be written.
#[derive(Debug, Error)]
pub enum TableError {
    #[error("{}: cannot write the table: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// How a CSV file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark (what Excel needs to read UTF-8).
    pub bom: bool,
    /// Field separator: `b','`, or `b';'` for spreadsheets set to a comma decimal mark.
    pub delimiter: u8,
}

impl Default for CsvOptions {
    fn default() -> Self {
        Self {
            bom: true,
            delimiter: b',',
        }
    }
}

/// Writes a header and rows of text cells as CSV to `out`. Rows shorter or longer than the
/// header are written as they are.
///
/// # Errors
/// Any error of `out`.
pub fn write_csv<H, R, C>(
    out: &mut dyn Write,
    header: &[H],
    rows: impl IntoIterator<Item = R>,
    options: CsvOptions,
) -> std::io::Result<()>
where
    H: AsRef<str>,
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    if options.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(options.delimiter)
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let to_io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    };
    w.write_record(header.iter().map(AsRef::as_ref))
        .map_err(to_io)?;
    for row in rows {
        w.write_record(row.into_iter().map(|c| c.as_ref().to_owned()))
            .map_err(to_io)?;
    }
    w.flush()
}

/// Writes a CSV file atomically (see [`write_csv`]).
///
/// # Errors
/// [`TableError::Io`] naming the file.
pub fn write_csv_file<H, R, C>(
    path: &Path,
    header: &[H],
    rows: impl IntoIterator<Item = R>,
    options: CsvOptions,
) -> Result<(), TableError>
where
    H: AsRef<str>,
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    write_atomic(path, |w| write_csv(w, header, rows, options)).map_err(|source| TableError::Io {
        path: path.to_owned(),
        source,
    })
}

/// A property value as a table cell: text as it is, numbers in JSON's shortest form
/// (`9007199254740993` exact, `0.10` as `0.1`), `true`/`false`, empty for null, arrays and
/// objects as JSON.
#[must_use]
pub fn cell_text(value: &PropertyValue) -> String {
    match value {
        PropertyValue::Null => String::new(),
        PropertyValue::String(s) => s.to_string(),
        other => other.to_string(),
    }
}

/// Writes the attribute table of the selected features of `layer`: `id`, then every
/// property key in first-seen order (all selected features are looked at, not a sample).
///
/// # Errors
/// Any error of `out`.
pub fn write_layer_table(
    out: &mut dyn Write,
    layer: &Layer,
    selection: Selection<'_>,
    options: CsvOptions,
) -> std::io::Result<()> {
    let indices: Vec<usize> = selection.indices(layer.features.len()).collect();
    let mut keys: Vec<&str> = Vec::new();
    for &i in &indices {
        for k in layer.features[i].properties.keys() {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    // A property called `id` would clash with the feature id column.
    let id_header = if keys.contains(&"id") {
        "feature_id"
    } else {
        "id"
    };
    let mut header = vec![id_header];
    header.extend(keys.iter().copied());
    let rows = indices.iter().map(|&i| {
        let f = &layer.features[i];
        std::iter::once(f.id.as_ref().map_or_else(String::new, |_| f.display_id(i))).chain(
            keys.iter()
                .map(|k| f.properties.get(k).map_or_else(String::new, cell_text)),
        )
    });
    write_csv(out, &header, rows, options)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Feature, FeatureId, Properties};

    #[test]
    fn cells_are_quoted_as_rfc_4180_and_start_with_a_bom() {
        let mut out = Vec::new();
        write_csv(
            &mut out,
            &["name", "note"],
            [["Ağdam, north", "he said \"mines\"\nhere"], ["Şuşa", ""]],
            CsvOptions::default(),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\u{feff}name,note\r\n\"Ağdam, north\",\"he said \"\"mines\"\"\nhere\"\r\nŞuşa,\r\n"
        );
    }

    #[test]
    fn a_layer_table_has_every_key_and_numbers_as_written() {
        let props = |t: &str| -> Properties { serde_json::from_str(t).unwrap() };
        let layer = Layer::new(
            "t".into(),
            None,
            vec![
                Feature {
                    id: Some(FeatureId::String("HA-1".into())),
                    properties: props(r#"{"id":"x","area":0.10,"tags":["a","b"]}"#),
                    ..Feature::default()
                },
                Feature {
                    id: Some(FeatureId::Number(7.into())),
                    properties: props(r#"{"extra":null,"area":9007199254740993}"#),
                    ..Feature::default()
                },
            ],
        );
        let mut out = Vec::new();
        let options = CsvOptions {
            bom: false,
            delimiter: b';',
        };
        write_layer_table(&mut out, &layer, Selection::All, options).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "feature_id;id;area;tags;extra\r\nHA-1;x;0.1;\"[\"\"a\"\",\"\"b\"\"]\";\r\n7;;9007199254740993;;\r\n"
        );
    }
}
