//! Sectors as features of a clearance-sectors layer, with DOMAIN.md's clearance_sector
//! properties.

use serde_json::Number;

use super::Sector;
use crate::analysis::effort::{EffortError, EffortInputs};
use crate::model::{Feature, FeatureId, Properties, PropertyValue};

/// Properties of the hazard area every sector repeats (DOMAIN.md: optional on every feature).
const INHERITED: [&str; 3] = ["region", "settlement", "organisation"];

/// The id of sector `index` of a hazard area: `HA-0042-S001` (three digits, more when there
/// are more than 999 sectors).
#[must_use]
pub fn sector_id(hazard_display_id: &str, index: usize, count: usize) -> String {
    let width = count.to_string().len().max(3);
    format!("{hazard_display_id}-S{index:0width$}")
}

/// The sectors of one hazard area as new features (`geometry_edited` set, no source text):
/// `id`, `feature_type: clearance_sector`, `name`, the hazard's `region`/`settlement`/
/// `organisation`, `hazard_id`, `sector_index`, geodesic `area_m2` (0.01 m²), `status:
/// planned`, and with `effort`: `planned_asset`, `rate_m2_per_team_day`, `teams`, `team_days`,
/// `duration_days` and — when the hazard area's `mine_probability` is in the sampling table —
/// `ts_sample_m2`.
///
/// # Errors
/// An [`EffortError`] when `effort` is given without a usable rate or with no teams; nothing
/// is made then.
pub fn sector_features(
    hazard: &Feature,
    hazard_display_id: &str,
    sectors: &[Sector],
    effort: Option<&EffortInputs>,
) -> Result<Vec<Feature>, EffortError> {
    if let Some(inputs) = effort {
        inputs.checked_rate()?;
    }
    let mine_probability = hazard
        .properties
        .get("mine_probability")
        .and_then(PropertyValue::as_str);
    let round = |v: f64, digits: i32| {
        let k = 10f64.powi(digits);
        PropertyValue::from((v * k).round() / k)
    };
    let mut out = Vec::with_capacity(sectors.len());
    for s in sectors {
        let id = sector_id(hazard_display_id, s.index, sectors.len());
        let mut p = Properties::new();
        p.insert("id", PropertyValue::from(id.as_str()));
        p.insert("feature_type", PropertyValue::from("clearance_sector"));
        p.insert(
            "name",
            PropertyValue::from(format!("{hazard_display_id} sector {}", s.index).as_str()),
        );
        for key in INHERITED {
            if let Some(v) = hazard.properties.get(key) {
                p.insert(key, v.clone());
            }
        }
        p.insert("hazard_id", PropertyValue::from(hazard_display_id));
        p.insert(
            "sector_index",
            PropertyValue::Number(Number::from(s.index as u64)),
        );
        p.insert("area_m2", round(s.area_m2, 2));
        p.insert("status", PropertyValue::from("planned"));
        if let Some(inputs) = effort {
            let e = inputs.sector_effort(s.area_m2)?;
            p.insert("planned_asset", PropertyValue::from(e.asset.code()));
            p.insert(
                "rate_m2_per_team_day",
                PropertyValue::from(e.rate_m2_per_team_day),
            );
            p.insert("teams", PropertyValue::Number(Number::from(e.teams)));
            p.insert("team_days", round(e.team_days, 3));
            p.insert("duration_days", round(e.duration_days, 3));
            if let Some(ts) = inputs.ts_sample_m2(s.area_m2, mine_probability) {
                p.insert("ts_sample_m2", round(ts, 2));
            }
        }
        out.push(Feature {
            id: Some(FeatureId::String(id)),
            properties: p,
            geometry: Some(s.geometry.clone()),
            geometry_edited: true,
            properties_edited: true,
            ..Feature::default()
        });
    }
    Ok(out)
}
