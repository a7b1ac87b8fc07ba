//! The edit history: every change to the data is an [`Edit`] that carries what was there
//! before, so it can be undone exactly, and a user action is one [`Step`] of one or more
//! edits (a bulk edit of 10 000 rows is one step).
//!
//! As in rerun's and egui's undo, a run of edits pushed while the user is still interacting
//! (a vertex drag, a slider) with the same coalescing key becomes one step; only a new edit
//! clears the redo list; the history is never saved. Edits address features by position in
//! their layer: the history is linear, so each step finds the data exactly as it left it.

use geo::Geometry;

use crate::model::{Feature, Layer, LayerId, PropertyValue};

/// At most this many steps are kept; the oldest are dropped first.
pub const MAX_STEPS: usize = 500;

/// One property of one feature, before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueChange {
    pub index: usize,
    /// `None`: the feature had no such property.
    pub before: Option<PropertyValue>,
    pub after: Option<PropertyValue>,
    /// The feature's edited mark before the change.
    pub was_edited: bool,
}

/// A change to the data, with what it replaced.
#[derive(Clone, Debug)]
pub enum Edit {
    /// Property `key` of some features of a layer.
    SetProperty {
        layer: LayerId,
        key: String,
        changes: Vec<ValueChange>,
    },
    /// The geometry of one feature.
    SetGeometry {
        layer: LayerId,
        index: usize,
        before: Option<Geometry<f64>>,
        after: Option<Geometry<f64>>,
        was_edited: bool,
    },
    /// Features inserted at these positions (ascending), or, undone, removed from them.
    InsertFeatures {
        layer: LayerId,
        features: Vec<(usize, Feature)>,
    },
    /// Features removed from these positions (ascending), or, undone, put back.
    RemoveFeatures {
        layer: LayerId,
        features: Vec<(usize, Feature)>,
    },
}

impl Edit {
    /// The layer the edit changes.
    #[must_use]
    pub fn layer(&self) -> LayerId {
        match self {
            Self::SetProperty { layer, .. }
            | Self::SetGeometry { layer, .. }
            | Self::InsertFeatures { layer, .. }
            | Self::RemoveFeatures { layer, .. } => *layer,
        }
    }
}

/// What applying (or undoing) an edit changed, so caches follow: measures and map meshes of
/// changed geometries, filter flags and styles of changed properties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Touched {
    Properties(LayerId, Vec<usize>),
    Geometry(LayerId, usize),
    /// Features were inserted or removed: positions after them moved.
    Structure(LayerId),
}

/// One user action: what the Edit menu names ("status of HA-00114") and its edits.
#[derive(Clone, Debug)]
pub struct Step {
    pub label: String,
    pub edits: Vec<Edit>,
    /// Edits with the same key pushed while the user interacts merge into this step.
    coalesce: Option<String>,
}

/// Undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The last step may still take edits with its coalescing key (the pointer is down).
    open: bool,
}

impl History {
    /// What Undo would undo.
    #[must_use]
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// What Redo would redo.
    #[must_use]
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// The step Undo would undo (autosave journals it before it is undone).
    #[must_use]
    pub fn next_undo(&self) -> Option<&Step> {
        self.undo.last()
    }

    /// The step Redo would redo.
    #[must_use]
    pub fn next_redo(&self) -> Option<&Step> {
        self.redo.last()
    }

    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Number of steps that can be undone.
    #[must_use]
    pub fn len(&self) -> usize {
        self.undo.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }

    /// Applies `edits` to `layers` as one new step and records it. With a coalescing key
    /// equal to the last step's while that step is still open (the user is dragging), the
    /// edits join that step instead. Returns what changed.
    pub fn perform(
        &mut self,
        layers: &mut [Layer],
        label: String,
        edits: Vec<Edit>,
        coalesce: Option<String>,
    ) -> Vec<Touched> {
        let touched: Vec<Touched> = edits
            .iter()
            .flat_map(|e| apply(layers, e, Direction::Forward))
            .collect();
        self.redo.clear();
        match self.undo.last_mut() {
            Some(last) if self.open && coalesce.is_some() && last.coalesce == coalesce => {
                last.edits.extend(edits);
                last.label = label;
            }
            _ => {
                self.undo.push(Step {
                    label,
                    edits,
                    coalesce,
                });
                if self.undo.len() > MAX_STEPS {
                    self.undo.remove(0);
                }
            }
        }
        self.open = true;
        touched
    }

    /// Ends coalescing: the next edit starts a new step (called when the pointer is up).
    pub fn close_step(&mut self) {
        self.open = false;
    }

    /// Undoes the last step; returns its label and what changed.
    pub fn undo(&mut self, layers: &mut [Layer]) -> Option<(String, Vec<Touched>)> {
        let step = self.undo.pop()?;
        self.open = false;
        let touched = step
            .edits
            .iter()
            .rev()
            .flat_map(|e| apply(layers, e, Direction::Backward))
            .collect();
        let label = step.label.clone();
        self.redo.push(step);
        Some((label, touched))
    }

    /// Redoes the last undone step; returns its label and what changed.
    pub fn redo(&mut self, layers: &mut [Layer]) -> Option<(String, Vec<Touched>)> {
        let step = self.redo.pop()?;
        self.open = false;
        let touched = step
            .edits
            .iter()
            .flat_map(|e| apply(layers, e, Direction::Forward))
            .collect();
        let label = step.label.clone();
        self.undo.push(step);
        Some((label, touched))
    }

    /// Forgets the steps that touch a layer that is being closed: they could not be
    /// undone without it.
    pub fn forget_layer(&mut self, layer: LayerId) {
        let keep = |s: &Step| s.edits.iter().all(|e| e.layer() != layer);
        self.undo.retain(keep);
        self.redo.retain(keep);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Forward,
    Backward,
}

/// Applies one edit forwards or backwards. A layer that is gone changes nothing.
fn apply(layers: &mut [Layer], edit: &Edit, dir: Direction) -> Vec<Touched> {
    let Some(layer) = layers.iter_mut().find(|l| l.id == edit.layer()) else {
        return Vec::new();
    };
    layer.revision += 1;
    let id = layer.id;
    let features = layer.features_mut();
    match edit {
        Edit::SetProperty { key, changes, .. } => {
            let mut indices = Vec::with_capacity(changes.len());
            for c in changes {
                let Some(f) = features.get_mut(c.index) else {
                    continue;
                };
                let (value, edited) = match dir {
                    Direction::Forward => (&c.after, true),
                    Direction::Backward => (&c.before, c.was_edited),
                };
                match value {
                    Some(v) => f.properties.insert(key, v.clone()),
                    None => {
                        f.properties.remove(key);
                    }
                }
                f.properties_edited = edited;
                indices.push(c.index);
            }
            vec![Touched::Properties(id, indices)]
        }
        Edit::SetGeometry {
            index,
            before,
            after,
            was_edited,
            ..
        } => {
            if let Some(f) = features.get_mut(*index) {
                let (g, edited) = match dir {
                    Direction::Forward => (after, true),
                    Direction::Backward => (before, *was_edited),
                };
                f.geometry.clone_from(g);
                f.geometry_edited = edited;
            }
            vec![Touched::Geometry(id, *index)]
        }
        Edit::InsertFeatures {
            features: items, ..
        } => {
            match dir {
                Direction::Forward => insert_at(features, items),
                Direction::Backward => remove_at(features, items),
            }
            vec![Touched::Structure(id)]
        }
        Edit::RemoveFeatures {
            features: items, ..
        } => {
            match dir {
                Direction::Forward => remove_at(features, items),
                Direction::Backward => insert_at(features, items),
            }
            vec![Touched::Structure(id)]
        }
    }
}

/// Inserts features at their (ascending) final positions.
fn insert_at(features: &mut Vec<Feature>, items: &[(usize, Feature)]) {
    for (at, f) in items {
        let at = (*at).min(features.len());
        features.insert(at, f.clone());
    }
}

/// Removes the features at these (ascending) positions, last first so positions hold.
fn remove_at(features: &mut Vec<Feature>, items: &[(usize, Feature)]) {
    for (at, _) in items.iter().rev() {
        if *at < features.len() {
            features.remove(*at);
        }
    }
}

/// The edit that sets `key` to `value` on `indices` of `layer`, with what was there before;
/// features whose value is already `value` are left out. `None` when nothing would change.
#[must_use]
pub fn set_property_edit(
    layer: &Layer,
    indices: &[usize],
    key: &str,
    value: &PropertyValue,
) -> Option<Edit> {
    let changes: Vec<ValueChange> = indices
        .iter()
        .filter_map(|&index| {
            let f = layer.features.get(index)?;
            let before = f.properties.get(key).cloned();
            (before.as_ref() != Some(value)).then(|| ValueChange {
                index,
                before,
                after: Some(value.clone()),
                was_edited: f.properties_edited,
            })
        })
        .collect();
    (!changes.is_empty()).then(|| Edit::SetProperty {
        layer: layer.id,
        key: key.to_owned(),
        changes,
    })
}

/// The edit that adds property `key` (null) to the features among `indices` that lack it.
#[must_use]
pub fn add_column_edit(layer: &Layer, indices: &[usize], key: &str) -> Option<Edit> {
    let changes: Vec<ValueChange> = indices
        .iter()
        .filter_map(|&index| {
            let f = layer.features.get(index)?;
            (!f.properties.contains_key(key)).then_some(ValueChange {
                index,
                before: None,
                after: Some(PropertyValue::Null),
                was_edited: f.properties_edited,
            })
        })
        .collect();
    (!changes.is_empty()).then(|| Edit::SetProperty {
        layer: layer.id,
        key: key.to_owned(),
        changes,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::Properties;

    fn layer() -> Layer {
        let features = (0..3)
            .map(|i| {
                let mut properties = Properties::new();
                properties.insert("status", PropertyValue::from("open"));
                properties.insert("n", PropertyValue::from(f64::from(i)));
                Feature {
                    properties,
                    ..Feature::default()
                }
            })
            .collect();
        Layer::new("t".into(), None, features)
    }

    fn status(l: &Layer, i: usize) -> Option<&str> {
        l.features[i].properties.get("status")?.as_str()
    }

    #[test]
    fn undo_restores_the_value_and_the_edited_mark_and_redo_repeats_it() {
        let mut layers = vec![layer()];
        let mut h = History::default();
        let edit =
            set_property_edit(&layers[0], &[1], "status", &PropertyValue::from("closed")).unwrap();
        h.perform(&mut layers, "status of #1".into(), vec![edit], None);
        assert_eq!(status(&layers[0], 1), Some("closed"));
        assert!(layers[0].features[1].properties_edited);
        assert_eq!(h.undo_label(), Some("status of #1"));
        h.undo(&mut layers).unwrap();
        assert_eq!(status(&layers[0], 1), Some("open"));
        assert!(!layers[0].features[1].properties_edited);
        assert_eq!(h.redo_label(), Some("status of #1"));
        h.redo(&mut layers).unwrap();
        assert_eq!(status(&layers[0], 1), Some("closed"));
    }

    #[test]
    fn a_bulk_edit_is_one_step_and_unchanged_rows_are_left_out() {
        let mut layers = vec![layer()];
        let mut h = History::default();
        let e1 = set_property_edit(&layers[0], &[0], "status", &"closed".into()).unwrap();
        h.perform(&mut layers, "one".into(), vec![e1], None);
        h.close_step();
        let e = set_property_edit(&layers[0], &[0, 1, 2], "status", &"closed".into()).unwrap();
        let Edit::SetProperty { changes, .. } = &e else {
            panic!("a property edit")
        };
        assert_eq!(changes.len(), 2, "row 0 already closed");
        h.perform(&mut layers, "bulk".into(), vec![e], None);
        assert_eq!(h.len(), 2);
        h.undo(&mut layers).unwrap();
        assert_eq!(status(&layers[0], 0), Some("closed"));
        assert_eq!(status(&layers[0], 2), Some("open"));
    }

    #[test]
    fn a_new_column_is_removed_by_undo_keeping_the_order_of_the_others() {
        let mut layers = vec![layer()];
        let mut h = History::default();
        let e = add_column_edit(&layers[0], &[0, 1, 2], "priority_review").unwrap();
        h.perform(&mut layers, "add column".into(), vec![e], None);
        let keys: Vec<_> = layers[0].features[2].properties.keys().collect();
        assert_eq!(keys, ["status", "n", "priority_review"]);
        h.undo(&mut layers).unwrap();
        let keys: Vec<_> = layers[0].features[2].properties.keys().collect();
        assert_eq!(keys, ["status", "n"]);
    }

    #[test]
    fn edits_pushed_while_dragging_coalesce_into_one_step() {
        let mut layers = vec![layer()];
        let mut h = History::default();
        for v in ["a", "b", "c"] {
            let e = set_property_edit(&layers[0], &[0], "status", &v.into()).unwrap();
            h.perform(
                &mut layers,
                format!("drag {v}"),
                vec![e],
                Some("drag".into()),
            );
        }
        h.close_step();
        assert_eq!(h.len(), 1);
        assert_eq!(h.undo_label(), Some("drag c"));
        h.undo(&mut layers).unwrap();
        assert_eq!(status(&layers[0], 0), Some("open"));
        // A new edit after the pointer went up is a step of its own.
        let e = set_property_edit(&layers[0], &[0], "status", &"x".into()).unwrap();
        h.perform(&mut layers, "x".into(), vec![e], Some("drag".into()));
        h.close_step();
        let e = set_property_edit(&layers[0], &[0], "status", &"y".into()).unwrap();
        h.perform(&mut layers, "y".into(), vec![e], Some("drag".into()));
        assert_eq!(h.len(), 2);
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut layers = vec![layer()];
        let mut h = History::default();
        let e = set_property_edit(&layers[0], &[0], "status", &"a".into()).unwrap();
        h.perform(&mut layers, "a".into(), vec![e], None);
        h.undo(&mut layers).unwrap();
        assert!(h.can_redo());
        let e = set_property_edit(&layers[0], &[1], "status", &"b".into()).unwrap();
        h.perform(&mut layers, "b".into(), vec![e], None);
        assert!(!h.can_redo());
    }

    #[test]
    fn removed_features_come_back_at_their_positions() {
        let mut layers = vec![layer()];
        let mut h = History::default();
        let items: Vec<(usize, Feature)> = [0, 2]
            .iter()
            .map(|&i| (i, layers[0].features[i].clone()))
            .collect();
        let id = layers[0].id;
        h.perform(
            &mut layers,
            "delete".into(),
            vec![Edit::RemoveFeatures {
                layer: id,
                features: items,
            }],
            None,
        );
        assert_eq!(layers[0].features.len(), 1);
        h.undo(&mut layers).unwrap();
        let ns: Vec<f64> = layers[0]
            .features
            .iter()
            .map(|f| f.properties.get("n").unwrap().as_f64().unwrap())
            .collect();
        assert_eq!(ns, [0.0, 1.0, 2.0]);
    }
}
