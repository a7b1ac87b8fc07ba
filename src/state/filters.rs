//! Each layer's filter: the CQL2 text, its compiled form, and one flag per feature saying
//! whether it passes. The map (through the overlay's visibility mask: a filter never
//! re-tessellates), the table, the statistics and QA all read the same flags.
//!
//! The filter panel's controls ([`FilterBuilder`]) write CQL2 text; the text can also be
//! typed by hand. Either way the text is the filter, and it is what the settings keep.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::analysis::filter::{Filter, evaluate_layer, quote_literal, quote_property};
use crate::analysis::measures::FeatureMeasures;
use crate::model::{Layer, PropertyValue, value_text};

/// The text a category of missing or null values goes by in the panel.
pub const NO_VALUE: &str = "(none)";

/// A layer's filter and its result.
#[derive(Clone, Debug, Default)]
pub struct LayerFilter {
    /// The CQL2 text as applied (empty: no filter).
    pub text: String,
    /// The panel's controls, when the text came from them.
    pub builder: FilterBuilder,
    /// Why the text could not be applied (the previous filter stays).
    pub error: Option<String>,
    /// Properties the expression names that no feature of the layer has (a likely typo).
    pub unknown_properties: Vec<String>,
    compiled: Option<Arc<Filter>>,
    mask: Option<Arc<Vec<bool>>>,
    shown: usize,
    /// Goes up each time the flags change, so the caches of the table and the statistics
    /// know.
    pub generation: u64,
}

impl LayerFilter {
    /// The flags, one per feature; `None` when nothing is filtered.
    #[must_use]
    pub fn mask(&self) -> Option<&[bool]> {
        self.mask.as_deref().map(Vec::as_slice)
    }

    /// The flags, shared (for worker threads).
    #[must_use]
    pub fn mask_arc(&self) -> Option<Arc<Vec<bool>>> {
        self.mask.clone()
    }

    /// How many features pass.
    #[must_use]
    pub fn shown(&self) -> usize {
        self.shown
    }

    /// True when a filter is applied.
    #[must_use]
    pub fn is_active(&self) -> bool {
        self.compiled.is_some()
    }

    /// Parses `text` and, if it is valid, evaluates it over the layer. An invalid text keeps
    /// the filter that was applied and records why; an empty one removes the filter.
    pub fn set_text(
        &mut self,
        text: &str,
        layer: &Layer,
        measures: Option<&[FeatureMeasures]>,
    ) -> Result<(), String> {
        let text = text.trim();
        if text.is_empty() {
            self.text.clear();
            self.error = None;
            self.unknown_properties.clear();
            self.compiled = None;
            self.mask = None;
            self.shown = layer.features.len();
            self.generation += 1;
            return Ok(());
        }
        match Filter::parse(text) {
            Ok(filter) => {
                let keys = layer.property_keys();
                self.unknown_properties = filter
                    .properties()
                    .into_iter()
                    .filter(|p| !keys.iter().any(|k| k == p) && !is_builtin_name(p))
                    .collect();
                self.text = text.to_owned();
                self.error = None;
                self.compiled = Some(Arc::new(filter));
                self.reevaluate(layer, measures);
                Ok(())
            }
            Err(e) => {
                let why = e.to_string();
                self.error = Some(why.clone());
                Err(why)
            }
        }
    }

    /// Evaluates the filter over every feature again (after a load or a structural edit).
    pub fn reevaluate(&mut self, layer: &Layer, measures: Option<&[FeatureMeasures]>) {
        let Some(filter) = &self.compiled else {
            self.shown = layer.features.len();
            return;
        };
        let mask = evaluate_layer(filter, layer, measures);
        self.shown = mask.iter().filter(|&&b| b).count();
        self.mask = Some(Arc::new(mask));
        self.generation += 1;
    }

    /// Evaluates the filter again for some features whose properties or geometry changed
    /// (an edit or an undo); returns true when a flag changed.
    pub fn reevaluate_features(
        &mut self,
        layer: &Layer,
        indices: &[usize],
        measures: Option<&[FeatureMeasures]>,
    ) -> bool {
        let (Some(filter), Some(mask)) = (&self.compiled, &mut self.mask) else {
            return false;
        };
        let mask = Arc::make_mut(mask);
        let mut changed = false;
        for &i in indices {
            let (Some(f), Some(flag)) = (layer.features.get(i), mask.get_mut(i)) else {
                continue;
            };
            let now = filter.matches(f, measures.and_then(|m| m.get(i)));
            if now != *flag {
                *flag = now;
                changed = true;
                if now {
                    self.shown += 1;
                } else {
                    self.shown -= 1;
                }
            }
        }
        if changed {
            self.generation += 1;
        }
        changed
    }
}

/// Names that resolve without being a property: the feature id and the computed measures.
fn is_builtin_name(name: &str) -> bool {
    matches!(
        name,
        "id" | "geometry" | "geodesic_area_m2" | "geodesic_perimeter_m"
    )
}

/// A numeric range on one property (either end open).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NumericRange {
    pub property: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// A date range on one property, ISO dates (`2025-12-01`), either end open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DateRange {
    pub property: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// What the filter panel's controls say; [`FilterBuilder::to_cql2`] writes it as CQL2.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilterBuilder {
    /// Per property, the categories the user unticked (as shown: [`category_of`] text).
    pub hidden: BTreeMap<String, BTreeSet<String>>,
    /// Per property, every category it has with a typed value (to write literals), and
    /// whether the property holds arrays (an array passes when any element is ticked).
    pub categories: BTreeMap<String, CategoryValues>,
    pub dates: Option<DateRange>,
    pub ranges: Vec<NumericRange>,
    /// Free text looked for in every text property (case-insensitive).
    pub text: String,
    /// The properties free text is looked for in (the layer's).
    pub text_properties: Vec<String>,
    /// `[min lon, min lat, max lon, max lat]` of the map view, when "only in the current
    /// view" is ticked.
    pub in_view: Option<[f64; 4]>,
    /// "Within D m of the selected feature": the distance, the feature's id as people read
    /// it (for the panel) and the buffer as WKT (for the expression).
    pub near: Option<Near>,
}

/// A "within D m of a feature" condition.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Near {
    pub distance_m: f64,
    pub feature: String,
    pub buffer_wkt: String,
}

/// Every value of a categorical property.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CategoryValues {
    /// Category text → one typed value of it.
    pub values: BTreeMap<String, PropertyValue>,
    pub is_array: bool,
}

/// The category a value falls in, as the panel shows it.
#[must_use]
pub fn category_of(value: Option<&PropertyValue>) -> String {
    match value {
        None | Some(PropertyValue::Null) => NO_VALUE.to_owned(),
        Some(v) => {
            let t = value_text(v);
            if t.is_empty() { NO_VALUE.to_owned() } else { t }
        }
    }
}

impl FilterBuilder {
    /// True when no control restricts anything.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.to_cql2().is_empty()
    }

    /// The controls as one CQL2 expression (empty when nothing is restricted).
    #[must_use]
    pub fn to_cql2(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (property, hidden) in &self.hidden {
            if hidden.is_empty() {
                continue;
            }
            let Some(cats) = self.categories.get(property) else {
                continue;
            };
            let condition = category_condition(property, cats, hidden);
            if !condition.is_empty() {
                parts.push(condition);
            }
        }
        if let Some(d) = &self.dates {
            let p = quote_property(&d.property);
            match (&d.from, &d.to) {
                (Some(a), Some(b)) => parts.push(format!(
                    "{p} BETWEEN DATE({}) AND DATE({})",
                    quote_text(a),
                    quote_text(b)
                )),
                (Some(a), None) => parts.push(format!("{p} >= DATE({})", quote_text(a))),
                (None, Some(b)) => parts.push(format!("{p} <= DATE({})", quote_text(b))),
                (None, None) => {}
            }
        }
        for r in &self.ranges {
            let p = quote_property(&r.property);
            match (r.min, r.max) {
                (Some(a), Some(b)) => parts.push(format!("{p} BETWEEN {a} AND {b}")),
                (Some(a), None) => parts.push(format!("{p} >= {a}")),
                (None, Some(b)) => parts.push(format!("{p} <= {b}")),
                (None, None) => {}
            }
        }
        if !self.text.trim().is_empty() {
            let pattern = format!("%{}%", escape_like(self.text.trim()));
            let ors: Vec<String> = self
                .text_properties
                .iter()
                .map(|k| {
                    format!(
                        "CASEI({}) LIKE CASEI({})",
                        quote_property(k),
                        quote_text(&pattern)
                    )
                })
                .collect();
            if !ors.is_empty() {
                parts.push(format!("({})", ors.join(" OR ")));
            }
        }
        if let Some([a, b, c, d]) = self.in_view {
            parts.push(format!("S_INTERSECTS(geometry, BBOX({a}, {b}, {c}, {d}))"));
        }
        if let Some(n) = &self.near {
            parts.push(format!("S_INTERSECTS(geometry, {})", n.buffer_wkt));
        }
        parts.join(" AND ")
    }
}

/// A string as a CQL2 literal.
fn quote_text(s: &str) -> String {
    quote_literal(&PropertyValue::from(s))
}

/// `%`, `_` and `\` in user text stand for themselves in a LIKE pattern.
fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The condition that keeps the ticked categories of a property (empty when it keeps
/// everything). A scalar property keeps the values not unticked (`NOT IN`, so values added
/// later by an edit stay shown); an array property keeps features with any ticked element
/// (`IN` over the ticked ones matches an array when any element does). Missing and null
/// values are their own category, [`NO_VALUE`].
fn category_condition(property: &str, cats: &CategoryValues, hidden: &BTreeSet<String>) -> String {
    let p = quote_property(property);
    let keep_none = !hidden.contains(NO_VALUE);
    let literals = |unticked: bool| -> Vec<String> {
        cats.values
            .iter()
            .filter(|(k, _)| k.as_str() != NO_VALUE && hidden.contains(*k) == unticked)
            .map(|(_, v)| quote_literal(v))
            .collect()
    };
    if cats.is_array {
        let shown = literals(false);
        match (shown.is_empty(), keep_none) {
            (true, true) => format!("{p} IS NULL"),
            (true, false) => "FALSE".to_owned(),
            (false, true) => format!("({p} IN ({}) OR {p} IS NULL)", shown.join(", ")),
            (false, false) => format!("{p} IN ({})", shown.join(", ")),
        }
    } else {
        let unticked = literals(true);
        match (unticked.is_empty(), keep_none) {
            (true, true) => String::new(),
            (true, false) => format!("{p} IS NOT NULL"),
            (false, true) => format!("({p} NOT IN ({}) OR {p} IS NULL)", unticked.join(", ")),
            (false, false) => format!("{p} NOT IN ({})", unticked.join(", ")),
        }
    }
}

/// Every category of `property` in `layer` with how many features fall in it: in all, and
/// among those `mask` keeps. An array value counts once for each distinct element.
#[must_use]
pub fn category_counts(
    layer: &Layer,
    property: &str,
    mask: Option<&[bool]>,
) -> (CategoryValues, BTreeMap<String, (usize, usize)>) {
    let mut cats = CategoryValues::default();
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, f) in layer.features.iter().enumerate() {
        let shown = mask.is_none_or(|m| m.get(i).copied().unwrap_or(false));
        let mut count = |v: Option<&PropertyValue>| {
            let key = category_of(v);
            let c = counts.entry(key.clone()).or_default();
            c.0 += 1;
            c.1 += usize::from(shown);
            if let Some(v) = v.filter(|v| !v.is_null()) {
                cats.values.entry(key).or_insert_with(|| v.clone());
            }
        };
        match f.properties.get(property) {
            Some(PropertyValue::Array(items)) => {
                cats.is_array = true;
                if items.is_empty() {
                    count(None);
                }
                let mut seen = BTreeSet::new();
                for item in items.iter() {
                    if seen.insert(category_of(Some(item))) {
                        count(Some(item));
                    }
                }
            }
            v => count(v),
        }
    }
    (cats, counts)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Feature, Properties};
    use serde_json::json;

    fn layer(rows: &[serde_json::Value]) -> Layer {
        let features = rows
            .iter()
            .map(|p| Feature {
                properties: Properties::from(p.as_object().unwrap().clone()),
                ..Feature::default()
            })
            .collect();
        Layer::new("t".into(), None, features)
    }

    fn kept(layer: &Layer, builder: &FilterBuilder) -> Vec<usize> {
        let mut f = LayerFilter::default();
        f.set_text(&builder.to_cql2(), layer, None).unwrap();
        match f.mask() {
            None => (0..layer.features.len()).collect(),
            Some(m) => m
                .iter()
                .enumerate()
                .filter_map(|(i, &k)| k.then_some(i))
                .collect(),
        }
    }

    fn builder_for(layer: &Layer, property: &str, hidden: &[&str]) -> FilterBuilder {
        let (cats, _) = category_counts(layer, property, None);
        let mut b = FilterBuilder::default();
        b.categories.insert(property.into(), cats);
        b.hidden.insert(
            property.into(),
            hidden.iter().map(|s| (*s).to_owned()).collect(),
        );
        b
    }

    #[test]
    fn unticking_a_status_hides_it_and_keeps_features_without_one() {
        let l = layer(&[
            json!({"status": "open"}),
            json!({"status": "closed"}),
            json!({}),
            json!({"status": null}),
        ]);
        let b = builder_for(&l, "status", &["closed"]);
        assert_eq!(kept(&l, &b), [0, 2, 3]);
        let b = builder_for(&l, "status", &["closed", NO_VALUE]);
        assert_eq!(kept(&l, &b), [0]);
        let b = builder_for(&l, "status", &[NO_VALUE]);
        assert_eq!(kept(&l, &b), [0, 1]);
    }

    #[test]
    fn an_array_property_keeps_features_with_any_ticked_element() {
        let l = layer(&[
            json!({"contamination": ["ap_mine", "uxo"]}),
            json!({"contamination": ["uxo"]}),
            json!({"contamination": ["at_mine"]}),
        ]);
        let b = builder_for(&l, "contamination", &["uxo"]);
        assert_eq!(kept(&l, &b), [0, 2]);
        let b = builder_for(&l, "contamination", &["uxo", "ap_mine", "at_mine"]);
        assert_eq!(kept(&l, &b), Vec::<usize>::new());
    }

    #[test]
    fn numbers_keep_their_type_in_category_literals() {
        let l = layer(&[
            json!({"killed": 0}),
            json!({"killed": 2}),
            json!({"killed": "2"}),
        ]);
        let b = builder_for(&l, "killed", &["0"]);
        assert!(b.to_cql2().contains("NOT IN (0)"), "{}", b.to_cql2());
        // The text "2" and the number 2 share a category; a number literal keeps the number
        // and the text (another type) passes through NOT IN as unknown: hidden.
        assert_eq!(kept(&l, &b), [1]);
    }

    #[test]
    fn dates_ranges_text_and_view_make_one_valid_expression() {
        let l = layer(&[
            json!({"date": "2023-05-01", "killed": 1, "name": "Ağdam road"}),
            json!({"date": "2021-01-01", "killed": 3, "name": "Füzuli school"}),
            json!({"date": "2023-07-01", "killed": 0, "name": "AĞDAM farm"}),
        ]);
        let mut b = FilterBuilder {
            dates: Some(DateRange {
                property: "date".into(),
                from: Some("2022-01-01".into()),
                to: None,
            }),
            ..FilterBuilder::default()
        };
        assert_eq!(kept(&l, &b), [0, 2]);
        b.ranges.push(NumericRange {
            property: "killed".into(),
            min: Some(1.0),
            max: None,
        });
        assert_eq!(kept(&l, &b), [0]);
        b.ranges.clear();
        b.text = "ağdam".into();
        b.text_properties = vec!["name".into(), "date".into()];
        assert_eq!(kept(&l, &b), [0, 2]);
        b.text = "50%_\\".into();
        assert_eq!(
            kept(&l, &b),
            Vec::<usize>::new(),
            "wildcards typed are literal"
        );
    }
}
