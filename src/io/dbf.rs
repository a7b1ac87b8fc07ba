//! dBASE (`.dbf`) tables, the attributes of a Shapefile, read from bytes.
//!
//! Written here rather than with the `dbase` crate because a Shapefile needs what it does not
//! give: deleted records must keep their place (the crate skips them, which shifts every later
//! record onto the wrong shape), numbers keep their precision (the crate reads `F` fields as
//! `f32`), one bad value must cost one value, not the record, and text needs UTF-8
//! with a fallback per value. The format is a fixed-width table: a header, one 32-byte
//! descriptor per field, then records of `record_length` bytes each.
//!
//! Types follow GDAL: `N`/`F` numbers (integers when written without decimals), `D` dates as
//! ISO `YYYY-MM-DD` strings, `L` logicals as booleans, `I`/`+`/`O` binary integers and
//! doubles, `C` text; blank values are null. Field names stay as written (10 characters).

use encoding_rs::Encoding;
use serde_json::Number;

use crate::model::{Properties, PropertyKey, PropertyValue, property_key};

/// How text is decoded.
#[derive(Clone, Copy, Debug)]
pub(crate) enum TextEncoding {
    /// The encoding a `.cpg` names: used as it is.
    Declared(&'static Encoding),
    /// No `.cpg`: UTF-8 where the bytes are UTF-8, else this one (from the language driver
    /// byte, or Windows-1252 when that says nothing).
    Utf8Else(&'static Encoding),
}

impl TextEncoding {
    fn decode<'a>(self, bytes: &'a [u8]) -> std::borrow::Cow<'a, str> {
        match self {
            Self::Declared(e) => e.decode_without_bom_handling(bytes).0,
            Self::Utf8Else(e) => match std::str::from_utf8(bytes) {
                Ok(s) => std::borrow::Cow::Borrowed(s),
                Err(_) => e.decode_without_bom_handling(bytes).0,
            },
        }
    }
}

/// The encoding a `.cpg` names (`UTF-8`, `CP1251`, `1254`, `ANSI 1251`, `windows-1251`).
pub(crate) fn encoding_of_cpg(text: &str) -> Option<&'static Encoding> {
    let label = text.trim().trim_start_matches('\u{feff}');
    let upper = label.to_ascii_uppercase();
    let digits = upper
        .trim_start_matches("ANSI")
        .trim_start_matches("CP")
        .trim_start_matches("OEM")
        .trim()
        .trim_start_matches(['-', '_']);
    if let Ok(code) = digits.parse::<u16>() {
        return codepage::to_encoding(code);
    }
    Encoding::for_label(label.as_bytes())
}

/// The encoding a DBF language driver id (header byte 29) stands for.
pub(crate) fn encoding_of_ldid(ldid: u8) -> Option<&'static Encoding> {
    // The table ArcGIS and GDAL use (dBASE IV/ArcGIS language driver ids).
    let code = match ldid {
        0x01 => 437,
        0x02 | 0x1A..=0x1F | 0x21..=0x25 | 0x37 => 850,
        0x03 | 0x57 | 0x58 | 0x59 => 1252,
        0x26 | 0x65 => 866,
        0x64 => 852,
        0x6B => 857,
        0x78 => 950,
        0x79 => 949,
        0x7A => 936,
        0x7B => 932,
        0x7C => 874,
        0x7D => 1255,
        0x7E => 1256,
        0xC8 => 1250,
        0xC9 => 1251,
        0xCA => 1254,
        0xCB => 1253,
        0xCC => 1257,
        _ => return None,
    };
    codepage::to_encoding(code)
}

/// One column.
#[derive(Debug)]
struct Field {
    key: PropertyKey,
    kind: u8,
    offset: usize,
    len: usize,
    decimals: u8,
}

/// A DBF table over the file's bytes.
#[derive(Debug)]
pub(crate) struct Dbf<'a> {
    bytes: &'a [u8],
    fields: Vec<Field>,
    header_len: usize,
    record_len: usize,
    records: usize,
    encoding: TextEncoding,
}

/// What a record held.
pub(crate) enum Row {
    /// The record's values, and notes on values that could not be read (kept as null).
    Values(Properties, Vec<String>),
    /// Marked deleted in the file.
    Deleted,
}

impl<'a> Dbf<'a> {
    /// Reads the header and field descriptors. `cpg` is the `.cpg` file's text, if any.
    ///
    /// # Errors
    /// A reason when the header is not a DBF header.
    pub(crate) fn parse(bytes: &'a [u8], cpg: Option<&str>) -> Result<Self, String> {
        if bytes.len() < 32 {
            return Err(format!(
                "{} bytes: too short for a dBASE header (32 bytes)",
                bytes.len()
            ));
        }
        let records = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        let header_len = usize::from(u16::from_le_bytes([bytes[8], bytes[9]]));
        let record_len = usize::from(u16::from_le_bytes([bytes[10], bytes[11]]));
        let encoding = match cpg.and_then(encoding_of_cpg) {
            Some(e) => TextEncoding::Declared(e),
            None => TextEncoding::Utf8Else(
                encoding_of_ldid(bytes[29]).unwrap_or(encoding_rs::WINDOWS_1252),
            ),
        };
        let mut fields = Vec::new();
        let mut offset = 1; // after the deletion flag
        let mut at = 32;
        while at + 32 <= bytes.len().min(header_len.max(33)) && bytes[at] != 0x0D {
            let d = &bytes[at..at + 32];
            let name_bytes = &d[..11];
            let name_end = name_bytes.iter().position(|&b| b == 0).unwrap_or(11);
            let name = encoding.decode(&name_bytes[..name_end]).trim().to_owned();
            let len = usize::from(d[16]);
            fields.push(Field {
                key: property_key(&name),
                kind: d[11].to_ascii_uppercase(),
                offset,
                len,
                decimals: d[17],
            });
            offset += len;
            at += 32;
        }
        if offset > record_len.max(1) {
            return Err(format!(
                "fields need {offset} bytes per record but the header says records are \
                 {record_len} bytes"
            ));
        }
        if header_len < 32 {
            return Err(format!("header length {header_len} is too short"));
        }
        Ok(Self {
            bytes,
            fields,
            header_len,
            record_len,
            records,
            encoding,
        })
    }

    /// Number of records the header announces.
    pub(crate) fn len(&self) -> usize {
        self.records
    }

    /// Number of records whose bytes are all in the file.
    pub(crate) fn complete_records(&self) -> usize {
        if self.record_len == 0 {
            return 0;
        }
        (self.bytes.len().saturating_sub(self.header_len) / self.record_len).min(self.records)
    }

    /// Record `index` (0-based), or `None` past the end of the file.
    pub(crate) fn row(&self, index: usize) -> Option<Row> {
        let start = self
            .header_len
            .checked_add(index.checked_mul(self.record_len)?)?;
        let record = self.bytes.get(start..start.checked_add(self.record_len)?)?;
        if record.first() == Some(&b'*') {
            return Some(Row::Deleted);
        }
        let mut problems = Vec::new();
        let members = self.fields.iter().map(|f| {
            let raw = record.get(f.offset..f.offset + f.len).unwrap_or_default();
            let value = self.value(f, raw).unwrap_or_else(|reason| {
                problems.push(format!("field {}: {reason} — read as null", f.key));
                PropertyValue::Null
            });
            (f.key.clone(), value)
        });
        let properties: Properties = members.collect();
        Some(Row::Values(properties, problems))
    }

    fn value(&self, field: &Field, raw: &[u8]) -> Result<PropertyValue, String> {
        let text = || {
            let s = self.encoding.decode(raw);
            s.trim_matches(|c: char| c == ' ' || c == '\0').to_owned()
        };
        Ok(match field.kind {
            b'N' | b'F' => {
                let t = text();
                if t.is_empty() || t.bytes().all(|b| b == b'*') {
                    // Blank, or `*****`: the overflow mark ArcGIS writes.
                    PropertyValue::Null
                } else {
                    number(&t, field.decimals).ok_or_else(|| format!("\"{t}\" is not a number"))?
                }
            }
            b'D' => {
                let t = text();
                if t.is_empty() || t.bytes().all(|b| b == b'0') {
                    PropertyValue::Null
                } else if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
                    PropertyValue::String(format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..]).into())
                } else {
                    return Err(format!("\"{t}\" is not a date (YYYYMMDD)"));
                }
            }
            b'L' => match raw.first().copied().unwrap_or(b' ') {
                b'T' | b't' | b'Y' | b'y' => PropertyValue::Bool(true),
                b'F' | b'f' | b'N' | b'n' => PropertyValue::Bool(false),
                _ => PropertyValue::Null,
            },
            b'I' | b'+' if raw.len() == 4 => {
                PropertyValue::Number(i32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]).into())
            }
            b'O' if raw.len() == 8 => {
                let mut b = [0u8; 8];
                b.copy_from_slice(raw);
                PropertyValue::from(f64::from_le_bytes(b))
            }
            // Memo and general fields live in a `.dbt` the Shapefile does not carry.
            b'M' | b'G' | b'B' | b'P' => PropertyValue::Null,
            _ => {
                let t = self.encoding.decode(raw);
                // GDAL trims the padding at the end only: leading spaces may mean something.
                let t = t.trim_end_matches([' ', '\0']);
                if t.is_empty() {
                    PropertyValue::Null
                } else {
                    PropertyValue::String(t.into())
                }
            }
        })
    }
}

/// A DBF number as JSON: integer when it has no decimals, else the digits as written.
fn number(text: &str, decimals: u8) -> Option<PropertyValue> {
    let t = text.trim_start_matches('+');
    if decimals == 0
        && let Ok(i) = t.parse::<i64>()
    {
        return Some(PropertyValue::Number(i.into()));
    }
    // JSON number syntax first (`12.50`, `-3e2`), then Rust's for the forms JSON lacks
    // (`.5`, `5.`); `1,5` is not a DBF number.
    if let Ok(n) = serde_json::from_str::<Number>(t) {
        return Some(PropertyValue::Number(n));
    }
    let x: f64 = t.parse().ok()?;
    x.is_finite().then(|| PropertyValue::from(x))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A DBF with the given fields `(name, type, length, decimals)` and rows of raw values.
    pub(crate) fn table(
        fields: &[(&str, u8, u8, u8)],
        rows: &[(&[u8], bool)],
        ldid: u8,
    ) -> Vec<u8> {
        let record_len: usize = 1 + fields.iter().map(|f| usize::from(f.2)).sum::<usize>();
        let header_len = 32 + 32 * fields.len() + 1;
        let mut out = vec![0u8; 32];
        out[0] = 3;
        out[4..8].copy_from_slice(&u32::try_from(rows.len()).unwrap().to_le_bytes());
        out[8..10].copy_from_slice(&u16::try_from(header_len).unwrap().to_le_bytes());
        out[10..12].copy_from_slice(&u16::try_from(record_len).unwrap().to_le_bytes());
        out[29] = ldid;
        for (name, kind, len, dec) in fields {
            let mut d = [0u8; 32];
            d[..name.len()].copy_from_slice(name.as_bytes());
            d[11] = *kind;
            d[16] = *len;
            d[17] = *dec;
            out.extend_from_slice(&d);
        }
        out.push(0x0D);
        for (raw, deleted) in rows {
            out.push(if *deleted { b'*' } else { b' ' });
            assert_eq!(raw.len(), record_len - 1);
            out.extend_from_slice(raw);
        }
        out.push(0x1A);
        out
    }

    fn row(values: &[&str]) -> Vec<u8> {
        values.concat().into_bytes()
    }

    #[test]
    fn values_are_typed_blank_is_null_and_deleted_rows_keep_their_place() {
        let bytes = table(
            &[
                ("n", b'N', 5, 0),
                ("x", b'N', 8, 3),
                ("d", b'D', 8, 0),
                ("l", b'L', 1, 0),
                ("t", b'C', 4, 0),
            ],
            &[
                (
                    row(&["   42", "  12.500", "20240105", "T", " ab "]).as_slice(),
                    false,
                ),
                (
                    row(&["     ", "        ", "        ", " ", "    "]).as_slice(),
                    false,
                ),
                (
                    row(&["    1", "   1.000", "20240105", "F", "zz  "]).as_slice(),
                    true,
                ),
                (
                    row(&["*****", "  abcdef", "2024XX05", "?", "    "]).as_slice(),
                    false,
                ),
            ],
            0,
        );
        let dbf = Dbf::parse(&bytes, None).unwrap();
        assert_eq!(dbf.len(), 4);
        let Some(Row::Values(p, problems)) = dbf.row(0) else {
            panic!()
        };
        assert!(problems.is_empty());
        assert_eq!(
            serde_json::Value::Object(p.to_json()),
            serde_json::json!({"n": 42, "x": 12.5, "d": "2024-01-05", "l": true, "t": " ab"})
        );
        let Some(Row::Values(p, _)) = dbf.row(1) else {
            panic!()
        };
        assert!(p.iter().all(|(_, v)| v.is_null()), "{p:?}");
        assert!(matches!(dbf.row(2), Some(Row::Deleted)));
        let Some(Row::Values(p, problems)) = dbf.row(3) else {
            panic!()
        };
        assert!(p.get("n").unwrap().is_null());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("\"abcdef\" is not a number"),
            "{problems:?}"
        );
        assert!(dbf.row(4).is_none());
    }

    #[test]
    fn text_falls_back_to_the_language_driver_and_a_cpg_wins() {
        // "Şuşa" in CP1254 and "Шуша" in CP1251 share no UTF-8 reading.
        let (cp1254, _, _) = encoding_rs::WINDOWS_1254.encode("Şuşa");
        let bytes = table(&[("name", b'C', 4, 0)], &[(&cp1254[..], false)], 0xCA);
        let Some(Row::Values(p, _)) = Dbf::parse(&bytes, None).unwrap().row(0) else {
            panic!()
        };
        assert_eq!(p.get("name").unwrap().as_str(), Some("Şuşa"));
        let Some(Row::Values(p, _)) = Dbf::parse(&bytes, Some("CP1251\n")).unwrap().row(0) else {
            panic!()
        };
        assert_eq!(p.get("name").unwrap().as_str(), Some("Юuюa"));
        let utf8 = "Ağ\u{0}".as_bytes();
        let bytes = table(&[("name", b'C', 4, 0)], &[(utf8, false)], 0xCA);
        let Some(Row::Values(p, _)) = Dbf::parse(&bytes, None).unwrap().row(0) else {
            panic!()
        };
        assert_eq!(p.get("name").unwrap().as_str(), Some("Ağ"));
    }

    #[test]
    fn cpg_labels_people_write_are_understood() {
        for label in [
            "UTF-8",
            "utf8",
            "CP1251",
            "1251",
            "ANSI 1251",
            "windows-1251",
        ] {
            assert!(encoding_of_cpg(label).is_some(), "{label}");
        }
        assert_eq!(encoding_of_cpg("1254"), Some(encoding_rs::WINDOWS_1254));
    }
}
