//! Translated labels of the coded values minemap knows (classification, status,
//! contamination, accident type, layer role, land-release product, QA problem kind). Panels
//! show these instead of the English `label()` of each type; the codes themselves stay the
//! schema's, in files and reports alike.

use super::{Lang, tr_in};
use crate::analysis::qa::ProblemKind;
use crate::model::LayerRole;
use crate::model::{AccidentType, Classification, Contamination, HazardStatus};

/// "CHA (confirmed)" → "Təsdiqlənmiş təhlükəli ərazi (CHA)".
#[must_use]
pub fn classification(c: Classification, lang: Lang) -> &'static str {
    tr_in(
        lang,
        match c {
            Classification::Indication => "classification-indication",
            Classification::Sha => "classification-sha",
            Classification::Cha => "classification-cha",
        },
    )
}

#[must_use]
pub fn status(s: HazardStatus, lang: Lang) -> &'static str {
    tr_in(
        lang,
        match s {
            HazardStatus::Open => "status-open",
            HazardStatus::WorkedOn => "status-worked_on",
            HazardStatus::Closed => "status-closed",
            HazardStatus::Suspended => "status-suspended",
        },
    )
}

#[must_use]
pub fn contamination(c: Contamination, lang: Lang) -> &'static str {
    tr_in(
        lang,
        match c {
            Contamination::ApMine => "contamination-ap_mine",
            Contamination::AtMine => "contamination-at_mine",
            Contamination::Uxo => "contamination-uxo",
            Contamination::Axo => "contamination-axo",
            Contamination::Cmr => "contamination-cmr",
            Contamination::Ied => "contamination-ied",
            Contamination::BoobyTrap => "contamination-booby_trap",
            Contamination::Unknown => "contamination-unknown",
        },
    )
}

#[must_use]
pub fn accident_type(a: AccidentType, lang: Lang) -> &'static str {
    tr_in(
        lang,
        match a {
            AccidentType::Civilian => "accident-civilian",
            AccidentType::Demining => "accident-demining",
            AccidentType::Military => "accident-military",
            AccidentType::Unknown => "accident-unknown",
        },
    )
}

#[must_use]
pub fn layer_role(r: LayerRole, lang: Lang) -> &'static str {
    tr_in(
        lang,
        match r {
            LayerRole::HazardAreas => "role-hazard_areas",
            LayerRole::Incidents => "role-incidents",
            LayerRole::ClearanceSectors => "role-clearance_sectors",
            LayerRole::Activities => "role-activities",
            LayerRole::Other => "role-other",
        },
    )
}

#[must_use]
pub fn problem_kind(k: ProblemKind, lang: Lang) -> &'static str {
    tr_in(
        lang,
        match k {
            ProblemKind::SelfIntersection => "qa-self_intersection",
            ProblemKind::TooFewVertices => "qa-too_few_vertices",
            ProblemKind::DuplicateVertex => "qa-duplicate_vertex",
            ProblemKind::LongSegment => "qa-long_segment",
            ProblemKind::CoordinatesOutOfRange => "qa-coordinates_out_of_range",
            ProblemKind::UnclosedRing => "qa-unclosed_ring",
            ProblemKind::HoleOutsideShell => "qa-hole_outside_shell",
            ProblemKind::EmptyGeometry => "qa-empty_geometry",
            ProblemKind::NullGeometry => "qa-null_geometry",
            ProblemKind::DuplicateId => "qa-duplicate_id",
            ProblemKind::DuplicateGeometry => "qa-duplicate_geometry",
            ProblemKind::Overlap => "qa-overlap",
        },
    )
}

/// A land-release product code (`cancelled`, `reduced`, `cleared`) or `estimated`/`remaining`
/// of the land-release summary; `None` for another code.
#[must_use]
pub fn land_release(code: &str, lang: Lang) -> Option<&'static str> {
    let key = match code {
        "estimated" => "lr-estimated",
        "cancelled" => "lr-cancelled",
        "reduced" => "lr-reduced",
        "cleared" => "lr-cleared",
        "remaining" => "lr-remaining",
        _ => return None,
    };
    Some(tr_in(lang, key))
}
