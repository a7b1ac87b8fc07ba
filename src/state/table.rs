//! The attribute table's view of each layer: its columns, the sort, and the rows it shows
//! (sorted, filtered, optionally only the selection), cached until the data, the filter or
//! the sort changes, so scrolling 200 000 rows costs nothing per frame.

use std::collections::HashMap;
use std::sync::Arc;

use super::Workspace;
use crate::analysis::measures::MeasureCache;
use crate::analysis::sort::{Column, sorted_rows};
use crate::model::{Layer, LayerId, PropertyValue};

/// How the table shows one layer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableView {
    pub sort: Option<(Column, bool)>,
    /// Show only the selected features.
    pub only_selected: bool,
}

/// What identifies a layer's sorted order: revision, length, sort.
type SortKey = (u64, usize, Option<(Column, bool)>);

/// What identifies the rows a layer's table shows.
type RowsKey = (u64, usize, u64, Option<(Column, bool)>, bool, usize);

/// The table's state for every layer.
#[derive(Default)]
pub struct TableState {
    /// The layer whose tab is open.
    pub layer: Option<LayerId>,
    pub views: HashMap<LayerId, TableView>,
    /// Sorted feature positions per layer, by (revision, length, sort).
    sorted: HashMap<LayerId, (SortKey, Arc<Vec<usize>>)>,
    rows: HashMap<LayerId, (RowsKey, Arc<Vec<usize>>)>,
}

impl TableState {
    /// The view of a layer (the default for one never shown).
    #[must_use]
    pub fn view(&self, layer: LayerId) -> TableView {
        self.views.get(&layer).cloned().unwrap_or_default()
    }

    /// The feature positions the table shows for `layer`, in order: sorted, passing the
    /// filter and, if asked, selected. Recomputed only when something they depend on changed.
    pub fn rows(
        &mut self,
        ws: &Workspace,
        measures: &mut MeasureCache,
        layer: &Layer,
    ) -> Arc<Vec<usize>> {
        let view = self.view(layer.id);
        let filter_generation = ws.filter(layer.id).map_or(0, |f| f.generation);
        let key: RowsKey = (
            layer.revision,
            layer.features.len(),
            filter_generation,
            view.sort.clone(),
            view.only_selected,
            if view.only_selected {
                ws.selected.len()
            } else {
                0
            },
        );
        if let Some((k, rows)) = self.rows.get(&layer.id)
            && *k == key
            && !view.only_selected
        {
            return rows.clone();
        }
        let order = self.sorted_order(measures, layer, view.sort.as_ref());
        let mask = ws.mask(layer.id);
        let rows: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| mask.is_none_or(|m| m.get(i).copied().unwrap_or(false)))
            .filter(|&i| {
                !view.only_selected
                    || ws.selected.contains(&crate::model::FeatureRef {
                        layer: layer.id,
                        index: i,
                    })
            })
            .collect();
        let rows = Arc::new(rows);
        self.rows.insert(layer.id, (key, rows.clone()));
        rows
    }

    fn sorted_order(
        &mut self,
        measures: &mut MeasureCache,
        layer: &Layer,
        sort: Option<&(Column, bool)>,
    ) -> Arc<Vec<usize>> {
        let key = (layer.revision, layer.features.len(), sort.cloned());
        if let Some((k, order)) = self.sorted.get(&layer.id)
            && *k == key
        {
            return order.clone();
        }
        let order = Arc::new(match sort {
            None => (0..layer.features.len()).collect(),
            Some((column, descending)) => {
                let m = matches!(column, Column::Area | Column::Perimeter)
                    .then(|| measures.measures(layer));
                sorted_rows(layer, column, m, *descending)
            }
        });
        self.sorted.insert(layer.id, (key, order.clone()));
        order
    }

    /// Forgets a closed layer.
    pub fn remove_layer(&mut self, layer: LayerId) {
        self.views.remove(&layer);
        self.sorted.remove(&layer);
        self.rows.remove(&layer);
        if self.layer == Some(layer) {
            self.layer = None;
        }
    }
}

/// A cell's new text as a typed value: a number stays a number when the text is one (as
/// JSON writes numbers, so "007" or "1e400" stay text), `true`/`false` are booleans, `null`
/// or an empty text is null, anything else — dates included — is text.
#[must_use]
pub fn typed_value(text: &str, was: Option<&PropertyValue>) -> PropertyValue {
    let t = text.trim();
    if t.is_empty() || t == "null" {
        return PropertyValue::Null;
    }
    // An array or object stays one when the text is JSON of that kind (`["ap_mine", "uxo"]`).
    if matches!(
        was,
        Some(PropertyValue::Array(_) | PropertyValue::Object(_))
    ) && let Ok(v) = serde_json::from_str::<serde_json::Value>(t)
        && (v.is_array() || v.is_object())
    {
        return PropertyValue::from(v);
    }
    // A value that was text stays text unless it is clearly something else: "12" typed over
    // a text code keeps the column's type.
    let was_text = matches!(was, Some(PropertyValue::String(_)));
    if !was_text {
        if t == "true" || t == "false" {
            return PropertyValue::Bool(t == "true");
        }
        // JSON numbers: no leading `+`, no leading zeros ("007" is a code, not 7).
        let plain_number = !(t.starts_with('+')
            || t.len() > 1 && t.starts_with('0') && !t.starts_with("0."))
            && !(t.len() > 2 && t.starts_with("-0") && !t.starts_with("-0."));
        if plain_number && let Ok(n) = serde_json::from_str::<serde_json::Number>(t) {
            return PropertyValue::Number(n);
        }
    }
    PropertyValue::String(text.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_entry_keeps_numbers_numbers_and_dates_text() {
        let n = typed_value("12.5", None);
        assert_eq!(n.to_string(), "12.5");
        assert!(matches!(n, PropertyValue::Number(_)));
        assert!(matches!(
            typed_value("2026-12-01", None),
            PropertyValue::String(_)
        ));
        assert!(matches!(typed_value("007", None), PropertyValue::String(_)));
        assert!(matches!(
            typed_value("1e400", None),
            PropertyValue::String(_)
        ));
        assert_eq!(typed_value("true", None), PropertyValue::Bool(true));
        assert_eq!(typed_value("", None), PropertyValue::Null);
        let was = PropertyValue::from("A12");
        assert!(matches!(
            typed_value("12", Some(&was)),
            PropertyValue::String(_)
        ));
        assert!(matches!(
            typed_value("-0.5", None),
            PropertyValue::Number(_)
        ));
    }
}
