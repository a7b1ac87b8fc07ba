//! Coded values of the mine-action schema (`shared/DOMAIN.md`), with the aliases that real
//! exports use (IMSMA, NGO spreadsheets, KML from Google Earth).

use serde::{Deserialize, Serialize};

/// Normalises a coded value for alias matching: lower case, separators folded to `_`.
fn fold(value: &str) -> String {
    value
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// How strong the evidence of contamination is (IMAS 07.11).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Classification {
    /// A report, not yet surveyed.
    Indication,
    /// Suspected hazardous area: indirect evidence.
    Sha,
    /// Confirmed hazardous area: direct evidence.
    Cha,
}

impl Classification {
    pub const ALL: [Self; 3] = [Self::Indication, Self::Sha, Self::Cha];

    /// Reads a coded value or a common alias (`SHA`, `Suspected Hazardous Area`, `confirmed`…).
    #[must_use]
    pub fn parse(value: &str) -> Option<Self> {
        match fold(value).as_str() {
            "indication" | "ind" | "indicator" | "reported" | "report" | "dangerous_area" => {
                Some(Self::Indication)
            }
            "sha" | "suspected" | "suspected_hazardous_area" | "suspected_hazard_area" => {
                Some(Self::Sha)
            }
            "cha"
            | "confirmed"
            | "confirmed_hazardous_area"
            | "confirmed_hazard_area"
            | "minefield" => Some(Self::Cha),
            _ => None,
        }
    }

    /// The schema's code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Indication => "indication",
            Self::Sha => "sha",
            Self::Cha => "cha",
        }
    }

    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Indication => "Indication",
            Self::Sha => "SHA (suspected)",
            Self::Cha => "CHA (confirmed)",
        }
    }
}

/// Where the work on a hazard area stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum HazardStatus {
    Open,
    WorkedOn,
    Closed,
    Suspended,
}

impl HazardStatus {
    pub const ALL: [Self; 4] = [Self::Open, Self::WorkedOn, Self::Closed, Self::Suspended];

    /// Reads a coded value or a common alias (`Active`, `In progress`, `Released`…).
    #[must_use]
    pub fn parse(value: &str) -> Option<Self> {
        match fold(value).as_str() {
            "open" | "active" | "new" | "not_started" => Some(Self::Open),
            "worked_on" | "workedon" | "in_progress" | "ongoing" | "being_worked_on"
            | "under_clearance" | "work_in_progress" => Some(Self::WorkedOn),
            "closed" | "released" | "completed" | "cleared" | "done" => Some(Self::Closed),
            "suspended" | "on_hold" | "paused" => Some(Self::Suspended),
            _ => None,
        }
    }

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::WorkedOn => "worked_on",
            Self::Closed => "closed",
            Self::Suspended => "suspended",
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::WorkedOn => "Worked on",
            Self::Closed => "Closed",
            Self::Suspended => "Suspended",
        }
    }
}

/// The kind of explosive ordnance in a hazard area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Contamination {
    ApMine,
    AtMine,
    Uxo,
    Axo,
    Cmr,
    Ied,
    BoobyTrap,
    Unknown,
}

impl Contamination {
    pub const ALL: [Self; 8] = [
        Self::ApMine,
        Self::AtMine,
        Self::Uxo,
        Self::Axo,
        Self::Cmr,
        Self::Ied,
        Self::BoobyTrap,
        Self::Unknown,
    ];

    /// Reads a coded value or a common alias (`AP`, `anti-personnel`, `ERW`…).
    #[must_use]
    pub fn parse(value: &str) -> Option<Self> {
        match fold(value).as_str() {
            "ap_mine" | "ap" | "apm" | "anti_personnel" | "anti_personnel_mine" => {
                Some(Self::ApMine)
            }
            "at_mine" | "at" | "atm" | "av" | "anti_tank" | "anti_tank_mine" | "anti_vehicle"
            | "anti_vehicle_mine" => Some(Self::AtMine),
            "uxo" | "unexploded_ordnance" | "erw" => Some(Self::Uxo),
            "axo" | "abandoned_ordnance" | "abandoned_explosive_ordnance" => Some(Self::Axo),
            "cmr"
            | "cluster"
            | "cluster_munition"
            | "cluster_munition_remnants"
            | "submunition" => Some(Self::Cmr),
            "ied" | "improvised_explosive_device" => Some(Self::Ied),
            "booby_trap" | "boobytrap" => Some(Self::BoobyTrap),
            "unknown" | "other" => Some(Self::Unknown),
            _ => None,
        }
    }

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::ApMine => "ap_mine",
            Self::AtMine => "at_mine",
            Self::Uxo => "uxo",
            Self::Axo => "axo",
            Self::Cmr => "cmr",
            Self::Ied => "ied",
            Self::BoobyTrap => "booby_trap",
            Self::Unknown => "unknown",
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::ApMine => "AP mine",
            Self::AtMine => "AT mine",
            Self::Uxo => "UXO",
            Self::Axo => "AXO",
            Self::Cmr => "Cluster munition remnants",
            Self::Ied => "IED",
            Self::BoobyTrap => "Booby trap",
            Self::Unknown => "Unknown",
        }
    }
}

/// Who was hurt in an accident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AccidentType {
    Civilian,
    Demining,
    Military,
    Unknown,
}

impl AccidentType {
    pub const ALL: [Self; 4] = [
        Self::Civilian,
        Self::Demining,
        Self::Military,
        Self::Unknown,
    ];

    #[must_use]
    pub fn parse(value: &str) -> Option<Self> {
        match fold(value).as_str() {
            "civilian" | "civil" => Some(Self::Civilian),
            "demining" | "deminer" | "demining_accident" => Some(Self::Demining),
            "military" | "army" => Some(Self::Military),
            "unknown" | "other" => Some(Self::Unknown),
            _ => None,
        }
    }

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Civilian => "civilian",
            Self::Demining => "demining",
            Self::Military => "military",
            Self::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_aliases_are_recognised() {
        assert_eq!(Classification::parse("SHA"), Some(Classification::Sha));
        assert_eq!(
            Classification::parse("Confirmed Hazardous Area"),
            Some(Classification::Cha)
        );
        assert_eq!(
            Classification::parse("indication"),
            Some(Classification::Indication)
        );
        assert_eq!(Classification::parse("forest"), None);
    }

    #[test]
    fn status_and_contamination_aliases_are_recognised() {
        assert_eq!(
            HazardStatus::parse("In progress"),
            Some(HazardStatus::WorkedOn)
        );
        assert_eq!(
            HazardStatus::parse("worked_on"),
            Some(HazardStatus::WorkedOn)
        );
        assert_eq!(
            Contamination::parse("Anti-Personnel"),
            Some(Contamination::ApMine)
        );
        assert_eq!(Contamination::parse("CMR"), Some(Contamination::Cmr));
        for c in Contamination::ALL {
            assert_eq!(Contamination::parse(c.code()), Some(c));
        }
        for s in HazardStatus::ALL {
            assert_eq!(HazardStatus::parse(s.code()), Some(s));
        }
    }
}
