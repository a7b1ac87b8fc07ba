//! Clearance effort: team-days and calendar days per sector and for a plan, and the area a
//! technical survey samples.
//!
//! Rates are **user inputs** (m² one team clears in a day with one asset): they differ by an
//! order of magnitude with soil, vegetation, slope and the devices expected, so minemap has no
//! built-in rate. For a sector of `area_m2`:
//! - `team_days = area_m2 / rate_m2_per_team_day`
//! - `duration_days = team_days / teams`
//! - `ts_sample_m2 = area_m2 × share`, the share of the sector a technical survey samples by
//!   the hazard area's `mine_probability` ([`TsSamplingTable`], by default the national
//!   standard quoted in DOMAIN.md: very high 30 %, medium-high 10 %, low 5 %, very low 3 %).
//!
//! Every struct here is `serde` with `#[serde(default)]`, so the GUI can keep the rates and the
//! sampling table in its settings and read older settings files.
//!
//! ```
//! use minemap::analysis::effort::{Asset, EffortInputs};
//! let mut inputs = EffortInputs { teams: 2, ..EffortInputs::default() };
//! inputs.rates.set(Asset::Manual, Some(400.0)); // this programme's manual rate, m²/team-day
//! let effort = inputs.sector_effort(2_500.0).unwrap();
//! assert_eq!(effort.team_days, 6.25);
//! assert_eq!(effort.duration_days, 3.125);
//! assert_eq!(inputs.ts_sample_m2(2_500.0, Some("medium_high")), Some(250.0));
//! ```

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::analysis::geodesy::geodesic_area_m2;
use crate::model::Feature;

/// The clearance assets whose rates planners set (DOMAIN.md's `planned_asset`).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Asset {
    /// Manual deminers.
    #[default]
    Manual,
    /// Mine detection dogs.
    Mdd,
    /// Mechanical assets (flails, tillers).
    Mechanical,
}

impl Asset {
    pub const ALL: [Self; 3] = [Self::Manual, Self::Mdd, Self::Mechanical];

    /// The code written in data (`manual`, `mdd`, `mechanical`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Manual => "manual",
            Self::Mdd => "mdd",
            Self::Mechanical => "mechanical",
        }
    }

    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Manual => "Manual",
            Self::Mdd => "Mine detection dogs",
            Self::Mechanical => "Mechanical",
        }
    }

    /// Reads a code or a common spelling (`MDD`, `dogs`, `mech`…), any case.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match normalise(text).as_str() {
            "manual" | "manual_demining" | "deminers" => Some(Self::Manual),
            "mdd" | "dogs" | "dog" | "mine_detection_dogs" => Some(Self::Mdd),
            "mechanical" | "mech" | "machine" | "mechanical_demining" => Some(Self::Mechanical),
            _ => None,
        }
    }
}

/// Clearance rates in m² per team-day, per asset; `None` until the user sets one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClearanceRates {
    pub manual: Option<f64>,
    pub mdd: Option<f64>,
    pub mechanical: Option<f64>,
}

impl ClearanceRates {
    /// The rate for `asset`, if set.
    #[must_use]
    pub fn get(&self, asset: Asset) -> Option<f64> {
        match asset {
            Asset::Manual => self.manual,
            Asset::Mdd => self.mdd,
            Asset::Mechanical => self.mechanical,
        }
    }

    /// Sets (or clears) the rate for `asset`.
    pub fn set(&mut self, asset: Asset, rate: Option<f64>) {
        match asset {
            Asset::Manual => self.manual = rate,
            Asset::Mdd => self.mdd = rate,
            Asset::Mechanical => self.mechanical = rate,
        }
    }
}

/// One row of the sampling table: the share (0..1) of a sector technical survey samples where
/// the hazard area's `mine_probability` has this value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SamplingShare {
    pub mine_probability: String,
    pub share: f64,
}

/// Technical-survey sampling shares by mine probability. The default is the national standard
/// quoted in DOMAIN.md; programmes with another standard edit it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TsSamplingTable {
    pub shares: Vec<SamplingShare>,
}

impl Default for TsSamplingTable {
    fn default() -> Self {
        let row = |p: &str, share: f64| SamplingShare {
            mine_probability: p.to_owned(),
            share,
        };
        Self {
            shares: vec![
                row("very_high", 0.30),
                row("medium_high", 0.10),
                row("low", 0.05),
                row("very_low", 0.03),
            ],
        }
    }
}

impl TsSamplingTable {
    /// The share for a `mine_probability` value, compared without case, spaces or hyphens
    /// (`"Very high"`, `"very-high"` and `"very_high"` are one value).
    #[must_use]
    pub fn share(&self, mine_probability: &str) -> Option<f64> {
        let wanted = normalise(mine_probability);
        self.shares
            .iter()
            .find(|s| normalise(&s.mine_probability) == wanted)
            .map(|s| s.share)
    }
}

/// `"Very high"` → `very_high`.
fn normalise(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// What a plan's effort is computed from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EffortInputs {
    /// The asset planned for the sectors.
    pub asset: Asset,
    pub rates: ClearanceRates,
    /// Teams of that asset working each sector together.
    pub teams: u32,
    pub ts_sampling: TsSamplingTable,
}

impl Default for EffortInputs {
    fn default() -> Self {
        Self {
            asset: Asset::Manual,
            rates: ClearanceRates::default(),
            teams: 1,
            ts_sampling: TsSamplingTable::default(),
        }
    }
}

/// Why effort cannot be computed.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum EffortError {
    #[error("no clearance rate is set for {} (m² per team-day)", .0.label())]
    NoRate(Asset),
    #[error("the clearance rate {rate} for {} is not a positive number of m² per team-day", asset.label())]
    BadRate { asset: Asset, rate: f64 },
    #[error("the number of teams must be at least 1")]
    NoTeams,
}

/// The effort of one sector.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectorEffort {
    pub asset: Asset,
    pub rate_m2_per_team_day: f64,
    pub teams: u32,
    pub team_days: f64,
    pub duration_days: f64,
}

impl EffortInputs {
    /// The rate of the planned asset, checked.
    ///
    /// # Errors
    /// [`EffortError::NoRate`], [`EffortError::BadRate`] (zero, negative, NaN, infinite) or
    /// [`EffortError::NoTeams`].
    pub fn checked_rate(&self) -> Result<f64, EffortError> {
        if self.teams == 0 {
            return Err(EffortError::NoTeams);
        }
        let rate = self
            .rates
            .get(self.asset)
            .ok_or(EffortError::NoRate(self.asset))?;
        if rate.is_finite() && rate > 0.0 {
            Ok(rate)
        } else {
            Err(EffortError::BadRate {
                asset: self.asset,
                rate,
            })
        }
    }

    /// Team-days and calendar days for a sector of `area_m2`.
    ///
    /// # Errors
    /// As [`Self::checked_rate`].
    pub fn sector_effort(&self, area_m2: f64) -> Result<SectorEffort, EffortError> {
        let rate = self.checked_rate()?;
        let team_days = area_m2 / rate;
        Ok(SectorEffort {
            asset: self.asset,
            rate_m2_per_team_day: rate,
            teams: self.teams,
            team_days,
            duration_days: team_days / f64::from(self.teams),
        })
    }

    /// The area technical survey samples in a sector, by the hazard area's mine probability;
    /// `None` when the probability is unknown or not in the table.
    #[must_use]
    pub fn ts_sample_m2(&self, area_m2: f64, mine_probability: Option<&str>) -> Option<f64> {
        Some(area_m2 * self.ts_sampling.share(mine_probability?)?)
    }
}

/// Totals of the sectors planned with one asset.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AssetPlan {
    pub asset: Asset,
    pub sectors: usize,
    pub area_m2: f64,
    pub team_days: f64,
    /// Σ `duration_days` of its sectors: the asset's teams work one sector after another.
    pub calendar_days: f64,
}

/// The plan summary panel's figures for a set of clearance sectors.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub sectors: usize,
    /// Sectors without an asset and effort (not in the team-days).
    pub unplanned_sectors: usize,
    pub total_area_m2: f64,
    pub team_days: f64,
    /// The longest of the assets' calendar days: different assets work in parallel.
    pub calendar_days: f64,
    /// Σ `ts_sample_m2` over the sectors that have one.
    pub ts_sample_m2: f64,
    /// One row per asset used, in [`Asset::ALL`] order.
    pub by_asset: Vec<AssetPlan>,
}

/// Sums the sectors' properties (DOMAIN.md's clearance_sector row): `area_m2` (the geodesic
/// area of the geometry when missing), `planned_asset`, `team_days` (or `area_m2 /
/// rate_m2_per_team_day`), `teams` (1 when missing) and `duration_days` (or `team_days /
/// teams`), `ts_sample_m2`. Reading the features rather than a split's output keeps the summary
/// right after sectors are edited by hand.
#[must_use]
pub fn plan_summary<'a>(sectors: impl IntoIterator<Item = &'a Feature>) -> PlanSummary {
    let mut summary = PlanSummary::default();
    let mut by_asset: Vec<AssetPlan> = Asset::ALL
        .iter()
        .map(|&asset| AssetPlan {
            asset,
            ..AssetPlan::default()
        })
        .collect();
    for f in sectors {
        let number = |key: &str| {
            f.properties
                .get(key)
                .and_then(crate::model::PropertyValue::as_f64)
                .filter(|v| v.is_finite())
        };
        let area =
            number("area_m2").unwrap_or_else(|| f.geometry.as_ref().map_or(0.0, geodesic_area_m2));
        summary.sectors += 1;
        summary.total_area_m2 += area;
        summary.ts_sample_m2 += number("ts_sample_m2").unwrap_or(0.0);
        let asset = f
            .properties
            .get("planned_asset")
            .and_then(crate::model::PropertyValue::as_str)
            .and_then(Asset::parse);
        let team_days = number("team_days").or_else(|| {
            number("rate_m2_per_team_day")
                .filter(|r| *r > 0.0)
                .map(|r| area / r)
        });
        let (Some(asset), Some(team_days)) = (asset, team_days) else {
            summary.unplanned_sectors += 1;
            continue;
        };
        let teams = number("teams").filter(|t| *t >= 1.0).unwrap_or(1.0);
        let duration = number("duration_days").unwrap_or(team_days / teams);
        if let Some(row) = by_asset.iter_mut().find(|r| r.asset == asset) {
            row.sectors += 1;
            row.area_m2 += area;
            row.team_days += team_days;
            row.calendar_days += duration;
        }
        summary.team_days += team_days;
    }
    by_asset.retain(|r| r.sectors > 0);
    summary.calendar_days = by_asset.iter().map(|r| r.calendar_days).fold(0.0, f64::max);
    summary.by_asset = by_asset;
    summary
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Properties, PropertyValue};

    /// Rates for tests only, in m² per team-day — not advice: real rates come from each
    /// programme's own records.
    const EXAMPLE_RATES: ClearanceRates = ClearanceRates {
        manual: Some(400.0),
        mdd: Some(2_000.0),
        mechanical: Some(8_000.0),
    };

    fn sector(props: &[(&str, PropertyValue)]) -> Feature {
        let mut properties = Properties::new();
        for (k, v) in props {
            properties.insert(k, v.clone());
        }
        Feature {
            properties,
            ..Feature::default()
        }
    }

    #[test]
    fn team_days_are_area_over_rate_and_duration_divides_by_teams() {
        let inputs = EffortInputs {
            asset: Asset::Mdd,
            rates: EXAMPLE_RATES,
            teams: 4,
            ..EffortInputs::default()
        };
        let e = inputs.sector_effort(10_000.0).unwrap();
        assert_eq!(e.rate_m2_per_team_day, 2_000.0);
        assert_eq!(e.team_days, 5.0);
        assert_eq!(e.duration_days, 1.25);
    }

    #[test]
    fn missing_zero_or_nan_rates_and_zero_teams_are_refused() {
        let mut inputs = EffortInputs::default();
        assert_eq!(
            inputs.sector_effort(1.0),
            Err(EffortError::NoRate(Asset::Manual))
        );
        for bad in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            inputs.rates.set(Asset::Manual, Some(bad));
            assert!(matches!(
                inputs.sector_effort(1.0),
                Err(EffortError::BadRate { .. })
            ));
        }
        inputs.rates.set(Asset::Manual, Some(100.0));
        inputs.teams = 0;
        assert_eq!(inputs.sector_effort(1.0), Err(EffortError::NoTeams));
    }

    #[test]
    fn sampling_share_follows_the_table_and_reads_loose_spellings() {
        let inputs = EffortInputs::default();
        assert_eq!(inputs.ts_sample_m2(1_000.0, Some("very_high")), Some(300.0));
        assert_eq!(inputs.ts_sample_m2(1_000.0, Some("Very High")), Some(300.0));
        assert_eq!(
            inputs.ts_sample_m2(1_000.0, Some("medium-high")),
            Some(100.0)
        );
        assert_eq!(inputs.ts_sample_m2(1_000.0, Some("very_low")), Some(30.0));
        assert_eq!(inputs.ts_sample_m2(1_000.0, Some("unheard_of")), None);
        assert_eq!(inputs.ts_sample_m2(1_000.0, None), None);
        let mut custom = inputs.clone();
        custom.ts_sampling.shares[2].share = 0.5;
        assert_eq!(custom.ts_sample_m2(1_000.0, Some("low")), Some(500.0));
    }

    #[test]
    fn settings_written_by_an_older_version_still_load() {
        let inputs: EffortInputs = serde_json::from_str(r#"{"rates":{"manual":350.0}}"#).unwrap();
        assert_eq!(inputs.rates.manual, Some(350.0));
        assert_eq!(inputs.teams, 1);
        assert_eq!(inputs.ts_sampling, TsSamplingTable::default());
        let back: EffortInputs =
            serde_json::from_str(&serde_json::to_string(&inputs).unwrap()).unwrap();
        assert_eq!(back, inputs);
    }

    #[test]
    fn plan_summary_totals_by_asset_and_takes_the_longest_asset_as_calendar_days() {
        let n = |v: f64| PropertyValue::from(v);
        let s = |v: &str| PropertyValue::from(v);
        let sectors = [
            // manual, 2 teams: 10 team-days, 5 days
            sector(&[
                ("area_m2", n(4_000.0)),
                ("planned_asset", s("manual")),
                ("rate_m2_per_team_day", n(400.0)),
                ("teams", n(2.0)),
            ]),
            // manual, team_days given: 3 team-days on 1 team
            sector(&[
                ("area_m2", n(1_200.0)),
                ("planned_asset", s("manual")),
                ("team_days", n(3.0)),
                ("ts_sample_m2", n(60.0)),
            ]),
            // mdd: 2 team-days, 2 days
            sector(&[
                ("area_m2", n(4_000.0)),
                ("planned_asset", s("MDD")),
                ("rate_m2_per_team_day", n(2_000.0)),
            ]),
            // no plan yet
            sector(&[("area_m2", n(500.0))]),
        ];
        let p = plan_summary(&sectors);
        assert_eq!(p.sectors, 4);
        assert_eq!(p.unplanned_sectors, 1);
        assert_eq!(p.total_area_m2, 9_700.0);
        assert_eq!(p.team_days, 15.0);
        assert_eq!(p.ts_sample_m2, 60.0);
        assert_eq!(p.by_asset.len(), 2);
        assert_eq!(p.by_asset[0].asset, Asset::Manual);
        assert_eq!(p.by_asset[0].sectors, 2);
        assert_eq!(p.by_asset[0].team_days, 13.0);
        assert_eq!(p.by_asset[0].calendar_days, 8.0);
        assert_eq!(p.by_asset[1].calendar_days, 2.0);
        assert_eq!(p.calendar_days, 8.0);
    }
}
