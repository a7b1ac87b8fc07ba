//! Translated labels of the coded values minemap knows (classification, status,
//! contamination, accident type, layer role, land-release product, QA problem kind). Panels
//! show these instead of the English `label()` of each type; the codes themselves stay the
//! schema's, in files and reports alike.

use super::{Lang, tr_in};
use crate::analysis::coords::CoordFormat;
use crate::analysis::drawing::Tool;
use crate::analysis::qa::ProblemKind;
use crate::model::{AccidentType, Classification, Contamination, HazardStatus};
use crate::model::{LayerRole, PropertyRole};

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

/// What a property means to minemap (the schema editor, the hover tooltip).
#[must_use]
pub fn property_role(r: PropertyRole, lang: Lang) -> &'static str {
    tr_in(
        lang,
        match r {
            PropertyRole::Name => "prop-name",
            PropertyRole::Classification => "prop-classification",
            PropertyRole::Status => "prop-status",
            PropertyRole::Contamination => "prop-contamination",
            PropertyRole::Date => "prop-date",
            PropertyRole::Killed => "prop-killed",
            PropertyRole::Injured => "prop-injured",
            PropertyRole::Casualties => "prop-casualties",
            PropertyRole::Region => "prop-region",
            PropertyRole::EstimatedArea => "prop-estimated-area",
            PropertyRole::CancelledArea => "prop-cancelled-area",
            PropertyRole::ReducedArea => "prop-reduced-area",
            PropertyRole::ClearedArea => "prop-cleared-area",
            PropertyRole::HazardId => "prop-hazard-id",
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

/// A drawing tool's name on the tool bar.
#[must_use]
pub fn tool(t: Tool, lang: Lang) -> &'static str {
    tr_in(
        lang,
        match t {
            Tool::Select => "tool-select",
            Tool::Measure => "tool-measure",
            Tool::Polygon => "tool-polygon",
            Tool::Rectangle => "tool-rectangle",
            Tool::BaseLine => "tool-base-line",
        },
    )
}

/// What a drawing tool does and how to use it (tooltip and the tool bar's hint row).
#[must_use]
pub fn tool_help(t: Tool, lang: Lang) -> &'static str {
    tr_in(
        lang,
        match t {
            Tool::Select => "tool-select-help",
            Tool::Measure => "tool-measure-help",
            Tool::Polygon => "tool-polygon-help",
            Tool::Rectangle => "tool-rectangle-help",
            Tool::BaseLine => "tool-base-line-help",
        },
    )
}

/// A coordinate format's short name for a format picker ("DD", "DMS" → "ГМС").
#[must_use]
pub fn coord_format(f: CoordFormat, lang: Lang) -> &'static str {
    tr_in(
        lang,
        match f {
            CoordFormat::Decimal => "coord-dd",
            CoordFormat::Dms => "coord-dms",
            CoordFormat::Utm => "coord-utm",
            CoordFormat::Mgrs => "coord-mgrs",
        },
    )
}

/// A value of `property` in `layer` as the interface names it, when the property plays a coded
/// role there (classification, status, contamination, accident type) and the value is one of
/// its codes in any spelling the schema reads (`CHA`, `confirmed`…); `None` for data text.
#[must_use]
pub fn coded_value(
    layer: &crate::model::Layer,
    property: &str,
    value: &str,
    lang: Lang,
) -> Option<&'static str> {
    let plays = |role| layer.schema.key(role) == Some(property);
    if plays(PropertyRole::Classification) {
        Classification::parse(value).map(|c| classification(c, lang))
    } else if plays(PropertyRole::Status) {
        HazardStatus::parse(value).map(|s| status(s, lang))
    } else if plays(PropertyRole::Contamination) {
        Contamination::parse(value).map(|c| contamination(c, lang))
    } else if property == "accident_type" {
        AccidentType::parse(value).map(|a| accident_type(a, lang))
    } else {
        None
    }
}

/// A clearance asset (manual teams, mine detection dogs, machines) in the planner.
#[must_use]
pub fn asset(a: crate::analysis::effort::Asset, lang: Lang) -> &'static str {
    use crate::analysis::effort::Asset;
    tr_in(
        lang,
        match a {
            Asset::Manual => "asset-manual",
            Asset::Mdd => "asset-mdd",
            Asset::Mechanical => "asset-mechanical",
        },
    )
}

/// Why a hazard area could not be split, in `lang` (the planner panel). The English wording is
/// the error's own `Display`, which the command line prints.
#[must_use]
pub fn split_error(e: &crate::analysis::split::SplitError, lang: Lang) -> String {
    use super::{Arg, tr_args_in};
    use crate::analysis::split::{MAX_EXTENT_KM, SplitError};
    // The parameter an error names ("width", "strips"…), by its catalogue word.
    let word = |what: &str| -> String {
        let key = match what {
            "width" => "split-word-width",
            "depth" => "split-word-depth",
            "strips" => "split-word-strips",
            "parts" => "split-word-parts",
            other => return other.to_owned(),
        };
        tr_in(lang, key).to_owned()
    };
    match e {
        SplitError::BadCellSize { what, value } => tr_args_in(
            lang,
            "split-error-bad-cell-size",
            &[("what", Arg::from(word(what))), ("value", (*value).into())],
        ),
        SplitError::ZeroCount { what } => tr_args_in(
            lang,
            "split-error-zero-count",
            &[("what", Arg::from(word(what)))],
        ),
        SplitError::BadSliverShare(v) => {
            tr_args_in(lang, "split-error-bad-sliver", &[("value", (*v).into())])
        }
        SplitError::TooManyCells { estimated, limit } => tr_args_in(
            lang,
            "split-error-too-many",
            &[
                ("estimated", (*estimated).into()),
                ("limit", (*limit).into()),
            ],
        ),
        SplitError::NotAPolygon(kind) => tr_args_in(
            lang,
            "split-error-not-polygon",
            &[("kind", Arg::from(*kind))],
        ),
        SplitError::Empty => tr_in(lang, "split-error-empty").to_owned(),
        // The validity detail comes from the geometry library, as written.
        SplitError::Invalid(why) => tr_args_in(
            lang,
            "split-error-invalid",
            &[("why", Arg::from(why.as_str()))],
        ),
        SplitError::TooLarge { extent_km } => tr_args_in(
            lang,
            "split-error-too-large",
            &[
                ("extent", extent_km.round().into()),
                ("max", MAX_EXTENT_KM.into()),
            ],
        ),
        SplitError::BadOrientation(why) => tr_args_in(
            lang,
            "split-error-bad-orientation",
            &[("why", Arg::from(why.as_str()))],
        ),
        SplitError::CoverMismatch { sum_m2, parent_m2 } => {
            let sum = super::format::area_m2(*sum_m2, lang);
            let whole = super::format::area_m2(*parent_m2, lang);
            let args = [("sum", Arg::from(sum)), ("parent", Arg::from(whole))];
            tr_args_in(lang, "split-error-cover-mismatch", &args)
        }
        SplitError::Cancelled => tr_in(lang, "split-error-cancelled").to_owned(),
    }
}
