//! The values an export adds to features ("annotations"): geodesic area and perimeter, QA
//! problems, the hazard area an incident belongs to, and incident counts per hazard area.
//! Computed once for the features being exported, with the same analysis code the panels
//! use, then read per feature by the writer (`io::export`). No JSON text here: values only.
//!
//! # Keys
//! | annotation | keys | on which features |
//! |---|---|---|
//! | `area` | `area_m2` (geodesic, m², 2 decimals) | polygons and multipolygons |
//! | `perimeter` | `perimeter_m` (geodesic, m, 2 decimals, holes included) | polygons and multipolygons |
//! | `qa` | `qa_problems`: `[{"code": "duplicate_vertex", "message": "…"}]`, `[]` when clean | every feature |
//! | `links` | `hazard_id` (id of the hazard area holding the incident, else the nearest; `null` when none), `distance_to_hazard_m` (geodesic m to its boundary, 0 inside, 2 decimals) | incidents |
//! | `counts` | `incidents_inside`, `casualties_inside`, `incidents_nearby`, `casualties_nearby` (within the buffer, default 500 m, inside included) | hazard areas |
//!
//! A key that the exported data already uses is written under another name (see
//! `io::export`), never over the input's value unless the caller asked for that.

use std::collections::HashMap;

use serde_json::{Number, Value};

use super::incidents::{HazardIncidents, IncidentOptions, link_incidents};
use super::measures::{FeatureMeasures, measure_features};
use super::qa::{ProblemKind, QaOptions, validate};
use super::{is_hazard_area, is_incident};
use crate::model::{Feature, FeatureRef, Layer, LayerId};

/// What an export can add to each feature.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Annotation {
    /// Geodesic area, `area_m2`.
    Area,
    /// Geodesic perimeter, `perimeter_m`.
    Perimeter,
    /// Geometry QA problems, `qa_problems`.
    Qa,
    /// Incident → hazard area: `hazard_id`, `distance_to_hazard_m`.
    Links,
    /// Hazard area ← incidents: `incidents_inside`, `casualties_inside`, `incidents_nearby`,
    /// `casualties_nearby`.
    Counts,
}

impl Annotation {
    pub const ALL: [Self; 5] = [
        Self::Area,
        Self::Perimeter,
        Self::Qa,
        Self::Links,
        Self::Counts,
    ];

    /// The name on the command line and in `ExportOptions` (`area`, `perimeter`, …).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Area => "area",
            Self::Perimeter => "perimeter",
            Self::Qa => "qa",
            Self::Links => "links",
            Self::Counts => "counts",
        }
    }

    /// The annotation named `code` (case-insensitive).
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|a| a.code().eq_ignore_ascii_case(code.trim()))
    }

    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Area => "Geodesic area (m²)",
            Self::Perimeter => "Geodesic perimeter (m)",
            Self::Qa => "QA problems",
            Self::Links => "Incident → hazard area and distance",
            Self::Counts => "Incidents and casualties per hazard area",
        }
    }

    /// The property keys it writes, in the order they are written.
    #[must_use]
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Self::Area => &["area_m2"],
            Self::Perimeter => &["perimeter_m"],
            Self::Qa => &["qa_problems"],
            Self::Links => &["hazard_id", "distance_to_hazard_m"],
            Self::Counts => &[
                "incidents_inside",
                "casualties_inside",
                "incidents_nearby",
                "casualties_nearby",
            ],
        }
    }
}

/// Settings of the analyses behind the annotations.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AnnotationSettings {
    /// Incidents within this many metres of a hazard area count as `*_nearby`.
    pub buffer_m: f64,
    /// The QA checks run for `qa_problems`.
    pub qa: QaOptions,
}

impl Default for AnnotationSettings {
    fn default() -> Self {
        Self {
            buffer_m: IncidentOptions::default().buffer_m,
            qa: QaOptions::default(),
        }
    }
}

/// The link of one incident, as written.
#[derive(Clone, Debug, PartialEq)]
struct Link {
    hazard_id: Value,
    distance_m: Option<f64>,
}

/// Annotation values for the features of some layers, computed once.
#[derive(Debug, Default)]
pub struct AnnotationValues {
    which: Vec<Annotation>,
    measures: HashMap<LayerId, Vec<FeatureMeasures>>,
    qa: HashMap<FeatureRef, Vec<(ProblemKind, String)>>,
    links: HashMap<FeatureRef, Link>,
    counts: HashMap<FeatureRef, HazardIncidents>,
}

/// One layer to annotate: the features that will be written, and its measures if the caller
/// has them cached (index for index; computed otherwise).
#[derive(Clone, Copy, Debug)]
pub struct AnnotatedLayer<'a> {
    pub layer: &'a Layer,
    pub indices: &'a [usize],
    pub measures: Option<&'a [FeatureMeasures]>,
}

impl AnnotationValues {
    /// Computes `which` for `layers`. `context` layers are not annotated but take part in the
    /// analyses: hazard areas of another open layer for `links`, incidents of another layer
    /// for `counts`.
    #[must_use]
    pub fn compute(
        layers: &[AnnotatedLayer<'_>],
        context: &[&Layer],
        which: &[Annotation],
        settings: &AnnotationSettings,
    ) -> Self {
        let mut which: Vec<Annotation> = which.to_vec();
        which.sort_unstable();
        which.dedup();
        let mut out = Self {
            which,
            ..Self::default()
        };
        let wants = |a: Annotation| out.which.contains(&a);
        if wants(Annotation::Area) || wants(Annotation::Perimeter) {
            for l in layers {
                let measures = match l.measures {
                    Some(m) if m.len() == l.layer.features.len() => m.to_vec(),
                    _ => measure_selected(&l.layer.features, l.indices),
                };
                out.measures.insert(l.layer.id, measures);
            }
        }
        if wants(Annotation::Qa) {
            let refs: Vec<&Layer> = layers.iter().map(|l| l.layer).collect();
            for p in validate(&refs, &settings.qa) {
                out.qa
                    .entry(FeatureRef {
                        layer: p.layer,
                        index: p.index,
                    })
                    .or_default()
                    .push((p.kind, p.message));
            }
        }
        if wants(Annotation::Links) || wants(Annotation::Counts) {
            let mut all: Vec<&Layer> = layers.iter().map(|l| l.layer).collect();
            for &c in context {
                if !all.iter().any(|l| l.id == c.id) {
                    all.push(c);
                }
            }
            let options = IncidentOptions {
                buffer_m: settings.buffer_m,
                ..IncidentOptions::default()
            };
            let report = link_incidents(&all, &all, &options);
            let id_of = |r: FeatureRef| {
                all.iter()
                    .find(|l| l.id == r.layer)
                    .and_then(|l| l.features.get(r.index))
                    .map_or(Value::Null, Feature::id_value)
            };
            for link in &report.links {
                out.links.insert(
                    link.incident,
                    Link {
                        hazard_id: link.nearest.map_or(Value::Null, |n| id_of(n.hazard)),
                        distance_m: link.nearest.map(|n| n.distance_m),
                    },
                );
            }
            out.counts = report.per_hazard;
        }
        out
    }

    /// The annotations computed.
    #[must_use]
    pub fn which(&self) -> &[Annotation] {
        &self.which
    }

    /// The values for feature `index` of `layer`, as `(key, value)` in [`Annotation::keys`]
    /// order; keys that do not apply to the feature (an area for a point) are left out.
    #[must_use]
    pub fn values(&self, layer: &Layer, index: usize) -> Vec<(&'static str, Value)> {
        let mut out = Vec::new();
        let Some(feature) = layer.features.get(index) else {
            return out;
        };
        let r = FeatureRef {
            layer: layer.id,
            index,
        };
        for &a in &self.which {
            match a {
                Annotation::Area | Annotation::Perimeter if feature.is_polygonal() => {
                    let m = self
                        .measures
                        .get(&layer.id)
                        .and_then(|m| m.get(index))
                        .copied()
                        .unwrap_or_else(|| FeatureMeasures::of_feature(feature));
                    let (key, v) = if a == Annotation::Area {
                        ("area_m2", m.area_m2)
                    } else {
                        ("perimeter_m", m.perimeter_m)
                    };
                    out.push((key, number(round2(v))));
                }
                Annotation::Qa => {
                    let problems = self.qa.get(&r).map_or_else(Vec::new, |ps| {
                        ps.iter()
                            .map(|(kind, message)| {
                                serde_json::json!({"code": kind.code(), "message": message})
                            })
                            .collect()
                    });
                    out.push(("qa_problems", Value::Array(problems)));
                }
                Annotation::Links if is_incident(layer, feature) => {
                    let link = self.links.get(&r);
                    out.push((
                        "hazard_id",
                        link.map_or(Value::Null, |l| l.hazard_id.clone()),
                    ));
                    out.push((
                        "distance_to_hazard_m",
                        link.and_then(|l| l.distance_m)
                            .map_or(Value::Null, |d| number(round2(d))),
                    ));
                }
                Annotation::Counts if is_hazard_area(layer, feature) => {
                    let c = self.counts.get(&r).copied().unwrap_or_default();
                    out.push(("incidents_inside", number(c.incidents_inside as f64)));
                    out.push(("casualties_inside", number(c.casualties_inside)));
                    out.push(("incidents_nearby", number(c.incidents_within as f64)));
                    out.push(("casualties_nearby", number(c.casualties_within)));
                }
                _ => {}
            }
        }
        out
    }
}

/// Measures of the selected features, index for index (others zero).
fn measure_selected(features: &[Feature], indices: &[usize]) -> Vec<FeatureMeasures> {
    if indices.len() == features.len() {
        return measure_features(features);
    }
    use rayon::prelude::*;
    let mut out = vec![FeatureMeasures::default(); features.len()];
    let fresh: Vec<(usize, FeatureMeasures)> = indices
        .par_iter()
        .filter_map(|&i| features.get(i).map(|f| (i, FeatureMeasures::of_feature(f))))
        .collect();
    for (i, m) in fresh {
        out[i] = m;
    }
    out
}

/// Rounded to 2 decimals: centimetres and square centimetres are beyond what any survey
/// measures, and shorter numbers keep the file small.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A JSON number: an integer when the value is whole (counts, casualties), else a float;
/// `null` for NaN and infinities.
fn number(x: f64) -> Value {
    // Whole values below 2^53 are exact as integers.
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "whole and below 2^53: exact"
        )]
        return Value::Number(Number::from(x as i64));
    }
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn annotation_codes_read_back() {
        for a in Annotation::ALL {
            assert_eq!(Annotation::from_code(a.code()), Some(a));
        }
        assert_eq!(Annotation::from_code(" Area "), Some(Annotation::Area));
        assert_eq!(Annotation::from_code("volume"), None);
    }

    #[test]
    fn whole_numbers_are_written_as_integers() {
        assert_eq!(number(3.0).to_string(), "3");
        assert_eq!(number(2.5).to_string(), "2.5");
        assert_eq!(number(f64::NAN), Value::Null);
        assert_eq!(round2(1234.5678), 1234.57);
    }
}
