//! Filters: OGC CQL2 text (OGC 21-065), the one filter language of minemap — the filter
//! panel writes it, the command line's `--where` takes it, settings keep it.
//!
//! `Filter::parse` reads the text (lexer on `winnow`, a Pratt parser, then a compile step)
//! into a predicate over [`Feature`]s that is evaluated without JSON conversions or
//! allocation, in parallel over a layer with [`evaluate_layer`].
//!
//! What a filter means:
//! - Comparisons `= <> < > <= >=`, `AND`, `OR`, `NOT`, `[NOT] IN (…)`, `[NOT] BETWEEN … AND …`,
//!   `[NOT] LIKE` (`%` any text, `_` one character, `\` escapes them; nothing else is special),
//!   `IS [NOT] NULL`, `+ - * /`, `CASEI(…)`, `ACCENTI(…)`, `DATE('…')`, `TIMESTAMP('…')`,
//!   `A_CONTAINS`/`A_CONTAINEDBY`/`A_OVERLAPS`/`A_EQUALS` (as sets), `S_INTERSECTS`,
//!   `S_DISJOINT`, `S_WITHIN`, `S_CONTAINS`, `S_TOUCHES`, `S_CROSSES`, `S_OVERLAPS`,
//!   `S_EQUALS` with WKT literals (lon/lat) or `BBOX(west, south, east, north)`.
//! - A missing property is null. Null, and a value of another type than the one it is compared
//!   with (a string against a number), give *unknown*, which never matches — not even under
//!   `NOT` (three-valued logic, as in SQL, QGIS and the standard). `IN` is membership: items
//!   of another type are simply not equal, so `v NOT IN (12, 'open')` keeps `12.5`; it is
//!   unknown only when `v` is null or no item is of its type.
//! - Strings compare case-sensitively, by code point, unless wrapped in `CASEI`.
//! - An array property compared with one value matches when any element does: `contamination
//!   = 'ap_mine'` and `contamination IN ('ap_mine', 'cmr')` keep a feature with
//!   `["uxo", "ap_mine"]`; `<>` and `NOT IN` keep it when no element equals. In the `A_…`
//!   functions a single value counts as an array of one.
//! - `DATE('2022-01-01')` compares with strings holding dates (`"2024-05-05"`) or times
//!   (`"2024-05-05T10:00:00Z"`, taken by their UTC day); `TIMESTAMP('…')` compares instants
//!   (a date counts as its UTC midnight's day, so compare dates with `DATE`).
//! - `id` is the property `id` if the feature has one, else its GeoJSON id;
//!   `geodesic_area_m2`, `geodesic_perimeter_m`, `geodesic_length_m` are the feature's
//!   measures unless it has such a property; `a.b` reads member `b` of object property `a`
//!   when no property is called `a.b`.

mod compile;
mod eval;
mod lexer;
mod parser;

#[cfg(test)]
mod tests;

use rayon::prelude::*;

use crate::analysis::measures::FeatureMeasures;
use crate::model::{Feature, Layer, PropertyValue};

pub use parser::MAX_DEPTH;

/// Why a filter's text cannot be used. Every variant names the 1-based column (in
/// characters) where the problem is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// The text does not follow CQL2's grammar; `message` says what was expected.
    #[error("column {column}: {message}")]
    Syntax { column: usize, message: String },
    /// A function minemap does not know.
    #[error("column {column}: unknown function {name} (known: {known})", known = compile::FUNCTIONS)]
    UnknownFunction { column: usize, name: String },
    /// Nested deeper than [`MAX_DEPTH`] levels.
    #[error("column {column}: the expression nests more than {limit} levels deep")]
    TooDeep { column: usize, limit: u32 },
    /// Grammatical, but meaningless: a condition where a value belongs, a bad date, a bad
    /// geometry, a wrong number of arguments.
    #[error("column {column}: {message}")]
    Invalid { column: usize, message: String },
}

impl FilterError {
    /// The 1-based column (in characters) the error points at.
    #[must_use]
    pub fn column(&self) -> usize {
        match self {
            Self::Syntax { column, .. }
            | Self::UnknownFunction { column, .. }
            | Self::TooDeep { column, .. }
            | Self::Invalid { column, .. } => *column,
        }
    }
}

/// A compiled CQL2 filter.
#[derive(Clone, Debug)]
pub struct Filter {
    text: String,
    pred: eval::Pred,
    properties: Vec<String>,
}

impl Filter {
    /// Parses and compiles CQL2 text.
    ///
    /// ```
    /// use minemap::analysis::filter::Filter;
    /// let f = Filter::parse(r#""status" = 'open' AND "classification" IN ('cha','sha')"#)?;
    /// assert_eq!(f.properties(), ["status", "classification"]);
    /// let e = Filter::parse("status = ").unwrap_err();
    /// assert_eq!(e.to_string(), "column 10: expected a value after '=', found the end of the expression");
    /// # Ok::<(), minemap::analysis::filter::FilterError>(())
    /// ```
    ///
    /// # Errors
    /// [`FilterError`] with the column and what was expected; unknown properties are not
    /// errors (they read as null), unknown functions are.
    pub fn parse(text: &str) -> Result<Self, FilterError> {
        let node = parser::parse(text)?;
        let mut compiler = compile::Compiler {
            text,
            properties: Vec::new(),
        };
        let pred = compiler.pred(node)?;
        Ok(Self {
            text: text.to_owned(),
            pred,
            properties: compiler.properties,
        })
    }

    /// The text as given.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The property names the filter reads, in first-use order (names inside spatial
    /// functions mean the feature's geometry and are not listed). The GUI can warn about
    /// names no feature has: the filter itself treats them as null.
    #[must_use]
    pub fn properties(&self) -> Vec<String> {
        self.properties.clone()
    }

    /// True when `feature` matches. `measures` supplies `geodesic_area_m2` and friends.
    #[must_use]
    pub fn matches(&self, feature: &Feature, measures: Option<&FeatureMeasures>) -> bool {
        self.pred.eval(eval::Ctx { feature, measures }) == Some(true)
    }
}

/// One flag per feature of `layer`, in order, evaluated in parallel. `measures`, when given,
/// are the layer's measures index for index (see `MeasureCache`).
#[must_use]
pub fn evaluate_layer(
    filter: &Filter,
    layer: &Layer,
    measures: Option<&[FeatureMeasures]>,
) -> Vec<bool> {
    evaluate_features(filter, &layer.features, measures)
}

/// [`evaluate_layer`] over a slice of features.
#[must_use]
pub fn evaluate_features(
    filter: &Filter,
    features: &[Feature],
    measures: Option<&[FeatureMeasures]>,
) -> Vec<bool> {
    features
        .par_iter()
        .enumerate()
        .with_min_len(4096)
        .map(|(i, f)| filter.matches(f, measures.and_then(|m| m.get(i))))
        .collect()
}

/// A property name as CQL2 text: always double-quoted, `"` doubled (`"Ərazi adı"`).
#[must_use]
pub fn quote_property(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A value as a CQL2 literal: `'it''s'`, `12.5`, `TRUE`, `NULL`, `('a', 'b')`. An object has
/// no CQL2 literal and becomes its JSON text as a string.
#[must_use]
pub fn quote_literal(value: &PropertyValue) -> String {
    match value {
        PropertyValue::Null => "NULL".into(),
        PropertyValue::Bool(true) => "TRUE".into(),
        PropertyValue::Bool(false) => "FALSE".into(),
        PropertyValue::Number(n) => n.to_string(),
        PropertyValue::String(s) => quote_string(s),
        PropertyValue::Array(items) => {
            let items: Vec<String> = items.iter().map(quote_literal).collect();
            format!("({})", items.join(", "))
        }
        PropertyValue::Object(_) => quote_string(&value.to_string()),
    }
}

fn quote_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}
