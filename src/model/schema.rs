//! Which role a layer plays and which of its properties plays which part.
//!
//! Real data does not follow our schema: detection looks for the DOMAIN.md keys first, then
//! for common aliases, and the user can change every choice per layer.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::domain::{Classification, HazardStatus};
use super::{Feature, PropertyValue};

/// The part a layer plays in mine action.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LayerRole {
    HazardAreas,
    Incidents,
    ClearanceSectors,
    Activities,
    #[default]
    Other,
}

impl LayerRole {
    pub const ALL: [Self; 5] = [
        Self::HazardAreas,
        Self::Incidents,
        Self::ClearanceSectors,
        Self::Activities,
        Self::Other,
    ];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::HazardAreas => "Hazard areas",
            Self::Incidents => "Incidents",
            Self::ClearanceSectors => "Clearance sectors",
            Self::Activities => "Activities",
            Self::Other => "Other",
        }
    }

    /// The `feature_type` code that marks features of this role.
    #[must_use]
    pub fn from_feature_type(value: &str) -> Option<Self> {
        match value.trim().to_lowercase().as_str() {
            "hazard_area" | "hazard" | "land" | "sha" | "cha" => Some(Self::HazardAreas),
            "accident" | "incident" | "victim" => Some(Self::Incidents),
            "clearance_sector" | "sector" => Some(Self::ClearanceSectors),
            "activity" => Some(Self::Activities),
            _ => None,
        }
    }
}

/// A part a property can play.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PropertyRole {
    Name,
    Classification,
    Status,
    Contamination,
    Date,
    Killed,
    Injured,
    /// A single casualty count, for data that does not split killed and injured.
    Casualties,
    Region,
    EstimatedArea,
    CancelledArea,
    ReducedArea,
    ClearedArea,
    HazardId,
}

impl PropertyRole {
    pub const ALL: [Self; 14] = [
        Self::Name,
        Self::Classification,
        Self::Status,
        Self::Contamination,
        Self::Date,
        Self::Killed,
        Self::Injured,
        Self::Casualties,
        Self::Region,
        Self::EstimatedArea,
        Self::CancelledArea,
        Self::ReducedArea,
        Self::ClearedArea,
        Self::HazardId,
    ];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Classification => "Classification",
            Self::Status => "Status",
            Self::Contamination => "Contamination",
            Self::Date => "Date",
            Self::Killed => "Killed",
            Self::Injured => "Injured",
            Self::Casualties => "Casualties",
            Self::Region => "Region",
            Self::EstimatedArea => "Estimated area (m²)",
            Self::CancelledArea => "Cancelled area (m²)",
            Self::ReducedArea => "Reduced area (m²)",
            Self::ClearedArea => "Cleared area (m²)",
            Self::HazardId => "Hazard id",
        }
    }

    /// Property keys that play this role, best first, compared case- and separator-insensitively.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Name => &[
                "name",
                "hazard_name",
                "haz_name",
                "title",
                "label",
                "local_id",
                // DBF keeps 10 characters of a name.
                "hazard_nam",
            ],
            Self::Classification => &[
                "classification",
                "hazard_type",
                "haz_type",
                "hazardtype",
                "area_type",
                "sha_cha",
                "type_of_area",
                "land_class",
                "category",
                "classifica",
            ],
            Self::Status => &[
                "status",
                "hazard_status",
                "haz_status",
                "state",
                "land_status",
                "hazard_sta",
            ],
            Self::Contamination => &[
                "contamination",
                "contamination_type",
                "hazard_contamination",
                "ordnance_type",
                "device_type",
                "eo_type",
                "threat",
                "contaminat",
            ],
            Self::Date => &[
                "date",
                "accident_date",
                "incident_date",
                "date_of_accident",
                "date_of_information",
                "event_date",
                "date_of_in",
                "accident_d",
                "incident_d",
            ],
            Self::Killed => &["killed", "deaths", "dead", "fatalities", "num_killed"],
            Self::Injured => &["injured", "injuries", "wounded", "num_injured"],
            Self::Casualties => &["casualties", "victims", "num_victims", "total_victims"],
            Self::Region => &[
                "region", "district", "rayon", "province", "admin1", "admin2",
            ],
            Self::EstimatedArea => &[
                "estimated_area_m2",
                "estimated_area",
                "area_m2",
                "area_sqm",
                // 10-character DBF truncations.
                "estimated_",
            ],
            Self::CancelledArea => &[
                "cancelled_area_m2",
                "cancelled_area",
                "canceled_area_m2",
                "cancelled_",
                "canceled_a",
            ],
            Self::ReducedArea => &["reduced_area_m2", "reduced_area", "reduced_ar"],
            Self::ClearedArea => &["cleared_area_m2", "cleared_area", "cleared_ar"],
            Self::HazardId => &["hazard_id", "hazard", "land_id", "haz_id"],
        }
    }
}

/// Normalises a property key: lower case, separators removed.
fn fold_key(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which property key plays which role in one layer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaMapping {
    pub roles: BTreeMap<PropertyRole, String>,
}

impl SchemaMapping {
    /// The key that plays `role`, if any.
    #[must_use]
    pub fn key(&self, role: PropertyRole) -> Option<&str> {
        self.roles.get(&role).map(String::as_str)
    }

    /// Sets (or with `None` clears) the key for `role`.
    pub fn set(&mut self, role: PropertyRole, key: Option<String>) {
        match key {
            Some(k) => {
                self.roles.insert(role, k);
            }
            None => {
                self.roles.remove(&role);
            }
        }
    }

    /// The value of `role` in `feature`, if mapped and present (and not JSON null).
    #[must_use]
    pub fn value<'f>(&self, feature: &'f Feature, role: PropertyRole) -> Option<&'f PropertyValue> {
        let key = self.key(role)?;
        feature.properties.get(key).filter(|v| !v.is_null())
    }

    /// The value of `role` as text (numbers formatted, arrays joined with ", ").
    #[must_use]
    pub fn text(&self, feature: &Feature, role: PropertyRole) -> Option<String> {
        self.value(feature, role).map(value_text)
    }

    /// The value of `role` as a number (numeric strings are accepted).
    #[must_use]
    pub fn number(&self, feature: &Feature, role: PropertyRole) -> Option<f64> {
        match self.value(feature, role)? {
            PropertyValue::Number(n) => n.as_f64(),
            PropertyValue::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The feature's classification, read through aliases.
    #[must_use]
    pub fn classification(&self, feature: &Feature) -> Option<Classification> {
        self.value(feature, PropertyRole::Classification)
            .and_then(PropertyValue::as_str)
            .and_then(Classification::parse)
    }

    /// The feature's status, read through aliases.
    #[must_use]
    pub fn status(&self, feature: &Feature) -> Option<HazardStatus> {
        self.value(feature, PropertyRole::Status)
            .and_then(PropertyValue::as_str)
            .and_then(HazardStatus::parse)
    }

    /// Killed + injured (or the single casualty count), if the layer says anything about it.
    #[must_use]
    pub fn casualties(&self, feature: &Feature) -> Option<f64> {
        let killed = self.number(feature, PropertyRole::Killed);
        let injured = self.number(feature, PropertyRole::Injured);
        match (killed, injured) {
            (None, None) => self.number(feature, PropertyRole::Casualties),
            (k, i) => Some(k.unwrap_or(0.0) + i.unwrap_or(0.0)),
        }
    }

    /// Detects the layer role and the property mapping from the features' keys and values.
    #[must_use]
    pub fn detect(features: &[Feature]) -> (LayerRole, Self) {
        // Sample keys from a bounded number of features: detection must stay instant on
        // 200 000-feature layers, and exports are homogeneous.
        let sample: Vec<&Feature> = features
            .iter()
            .step_by((features.len() / 500).max(1))
            .collect();
        let mut keys: Vec<String> = Vec::new();
        super::add_property_keys(features, &mut keys);
        let mut mapping = Self::default();
        for role in PropertyRole::ALL {
            let found = role.aliases().iter().find_map(|alias| {
                let folded = fold_key(alias);
                keys.iter().find(|k| fold_key(k) == folded)
            });
            if let Some(key) = found {
                mapping.roles.insert(role, key.clone());
            }
        }
        // `category` or `hazard_type` only count as classification if their values say so.
        if let Some(key) = mapping.key(PropertyRole::Classification).map(str::to_owned) {
            let recognised = sample.iter().any(|f| {
                f.properties
                    .get(&key)
                    .and_then(PropertyValue::as_str)
                    .and_then(Classification::parse)
                    .is_some()
            });
            if !recognised {
                mapping.roles.remove(&PropertyRole::Classification);
            }
        }
        let role = Self::detect_role(&sample, &mapping);
        (role, mapping)
    }

    fn detect_role(sample: &[&Feature], mapping: &Self) -> LayerRole {
        let mut votes: BTreeMap<u8, usize> = BTreeMap::new();
        let mut vote = |role: LayerRole| {
            let slot = LayerRole::ALL.iter().position(|r| *r == role).unwrap_or(4);
            *votes.entry(u8::try_from(slot).unwrap_or(4)).or_default() += 1;
        };
        for f in sample {
            if let Some(role) = f
                .properties
                .get("feature_type")
                // A Shapefile's DBF keeps 10 characters of a name.
                .or_else(|| f.properties.get("feature_ty"))
                .and_then(PropertyValue::as_str)
                .and_then(LayerRole::from_feature_type)
            {
                vote(role);
                continue;
            }
            let polygonal = f.is_polygonal();
            let point = f.is_point();
            if polygonal && mapping.classification(f).is_some() {
                vote(LayerRole::HazardAreas);
            } else if polygonal && f.properties.contains_key("sector_index") {
                vote(LayerRole::ClearanceSectors);
            } else if point && mapping.casualties(f).is_some() {
                vote(LayerRole::Incidents);
            }
        }
        votes
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .and_then(|(slot, _)| LayerRole::ALL.get(usize::from(slot)).copied())
            .unwrap_or_default()
    }
}

/// A property value as text for people: strings bare, arrays joined, numbers as written.
#[must_use]
pub fn value_text(value: &PropertyValue) -> String {
    match value {
        PropertyValue::String(s) => s.to_string(),
        PropertyValue::Null => String::new(),
        PropertyValue::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}
