//! Ordering features by a column for the attribute table and reports: numbers as numbers,
//! ISO dates as dates, text case-insensitively, and mixed types in one defined order —
//! numbers, then text (dates first), then booleans, then arrays and objects, then null
//! (a missing property is null). Descending reverses the values; nulls stay last either way,
//! as a table reader looks for values, not gaps.

use std::cmp::Ordering;

use rayon::prelude::*;

use super::measures::FeatureMeasures;
use crate::model::{Feature, Layer, PropertyValue};

/// What a table column shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// The GeoJSON feature id.
    Id,
    /// A property by name.
    Property(String),
    /// Geodesic area (m²), computed.
    Area,
    /// Geodesic perimeter (m), computed.
    Perimeter,
}

/// A value reduced to what orders it.
#[derive(Clone, Debug, PartialEq)]
enum SortKey {
    Number(f64),
    /// Days and seconds since the epoch of an ISO 8601 date or timestamp, then the text.
    Date(i64, i64),
    Text(String),
    Bool(bool),
    Complex(String),
    Null,
}

impl SortKey {
    fn rank(&self) -> u8 {
        match self {
            Self::Number(_) => 0,
            Self::Date(..) => 1,
            Self::Text(_) => 2,
            Self::Bool(_) => 3,
            Self::Complex(_) => 4,
            Self::Null => 5,
        }
    }

    fn of(value: Option<&PropertyValue>) -> Self {
        match value {
            None | Some(PropertyValue::Null) => Self::Null,
            Some(PropertyValue::Number(n)) => n.as_f64().map_or(Self::Null, Self::Number),
            Some(PropertyValue::String(s)) => iso_date_key(s)
                .map_or_else(|| Self::Text(s.to_lowercase()), |(d, t)| Self::Date(d, t)),
            Some(PropertyValue::Bool(b)) => Self::Bool(*b),
            Some(v @ (PropertyValue::Array(_) | PropertyValue::Object(_))) => {
                Self::Complex(v.to_string())
            }
        }
    }

    fn compare(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Self::Number(a), Self::Number(b)) => a.total_cmp(b),
            (Self::Date(a, s), Self::Date(b, t)) => (a, s).cmp(&(b, t)),
            (Self::Text(a), Self::Text(b)) | (Self::Complex(a), Self::Complex(b)) => a.cmp(b),
            (Self::Bool(a), Self::Bool(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

/// `YYYY-MM-DD` with an optional time (`THH:MM[:SS]`, anything after ignored) as days
/// since 1970-01-01 and seconds into the day.
fn iso_date_key(s: &str) -> Option<(i64, i64)> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let seconds = if b.len() >= 16 && (b[10] == b'T' || b[10] == b' ') {
        let h = num(11..13)?;
        let min = num(14..16)?;
        let sec = if b.len() >= 19 {
            num(17..19).unwrap_or(0)
        } else {
            0
        };
        h * 3600 + min * 60 + sec
    } else if b.len() == 10 {
        0
    } else {
        // Something after the date that is not a time: text, not a date.
        return None;
    };
    Some((days_from_civil(y, m, d), seconds))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn key_of(column: &Column, feature: &Feature, measures: Option<&FeatureMeasures>) -> SortKey {
    match column {
        Column::Id => match &feature.id {
            None => SortKey::Null,
            Some(geojson::feature::Id::Number(n)) => {
                n.as_f64().map_or(SortKey::Null, SortKey::Number)
            }
            Some(geojson::feature::Id::String(s)) => SortKey::Text(s.to_lowercase()),
        },
        Column::Property(name) => SortKey::of(feature.properties.get(name)),
        Column::Area => measures.map_or(SortKey::Null, |m| SortKey::Number(m.area_m2)),
        Column::Perimeter => measures.map_or(SortKey::Null, |m| SortKey::Number(m.perimeter_m)),
    }
}

/// The positions of `layer`'s features ordered by `column` (ties keep file order).
/// `measures` are the layer's, index for index, for the computed columns.
#[must_use]
pub fn sorted_rows(
    layer: &Layer,
    column: &Column,
    measures: Option<&[FeatureMeasures]>,
    descending: bool,
) -> Vec<usize> {
    let keys: Vec<SortKey> = layer
        .features
        .par_iter()
        .enumerate()
        .map(|(i, f)| key_of(column, f, measures.and_then(|m| m.get(i))))
        .collect();
    let mut rows: Vec<usize> = (0..keys.len()).collect();
    rows.par_sort_by(|&a, &b| {
        let (ka, kb) = (&keys[a], &keys[b]);
        let order = match (ka, kb) {
            (SortKey::Null, SortKey::Null) => Ordering::Equal,
            (SortKey::Null, _) => Ordering::Greater,
            (_, SortKey::Null) => Ordering::Less,
            _ if descending => kb.compare(ka),
            _ => ka.compare(kb),
        };
        order.then(a.cmp(&b))
    });
    rows
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::Properties;

    fn layer(values: &[serde_json::Value]) -> Layer {
        let features = values
            .iter()
            .map(|v| {
                let mut properties = Properties::new();
                properties.insert("v", PropertyValue::from(v.clone()));
                Feature {
                    properties,
                    ..Feature::default()
                }
            })
            .collect();
        Layer::new("t".into(), None, features)
    }

    fn order(values: &[serde_json::Value], descending: bool) -> Vec<usize> {
        sorted_rows(
            &layer(values),
            &Column::Property("v".into()),
            None,
            descending,
        )
    }

    #[test]
    fn numbers_sort_as_numbers_not_as_text() {
        use serde_json::json;
        assert_eq!(
            order(&[json!(10), json!(9), json!(100), json!(-1.5)], false),
            [3, 1, 0, 2]
        );
    }

    #[test]
    fn mixed_types_follow_the_documented_order_with_nulls_last_both_ways() {
        use serde_json::json;
        let values = [
            json!(null),
            json!(true),
            json!("b"),
            json!([1]),
            json!(3),
            json!("2024-01-02"),
            json!("A"),
        ];
        assert_eq!(order(&values, false), [4, 5, 6, 2, 1, 3, 0]);
        assert_eq!(order(&values, true), [3, 1, 2, 6, 5, 4, 0]);
    }

    #[test]
    fn iso_dates_and_timestamps_sort_as_time() {
        use serde_json::json;
        let values = [
            json!("2024-05-05T10:00:00Z"),
            json!("2023-12-31"),
            json!("2024-05-05"),
            json!("2024-05-05T09:59:59Z"),
        ];
        assert_eq!(order(&values, false), [1, 2, 3, 0]);
    }

    #[test]
    fn text_sorts_case_insensitively_and_ties_keep_file_order() {
        use serde_json::json;
        assert_eq!(
            order(&[json!("b"), json!("A"), json!("a"), json!("B")], false),
            [1, 2, 0, 3]
        );
    }

    #[test]
    fn civil_days_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2026, 12, 2), 20_789);
    }
}
