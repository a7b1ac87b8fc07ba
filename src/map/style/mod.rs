//! The one theme for map symbology: every colour and stroke the map draws comes from here.
//!
//! Hazard areas follow GICHD Technical Note 07.11/01 (land-release symbology, see
//! `shared/DOMAIN.md`): fill by classification (CHA red `#FF0000`, SHA orange `#F4A718`, both
//! 50 % transparent, indication lighter), outline by status (open red continuous, worked on
//! `#F4A718` dashed, closed green continuous; suspended, which the note leaves open, purple
//! dashed). Incidents are clear point symbols sized by casualties and coloured by accident type.
//! Colours are premultiplied `Color32` as egui wants them.
//!
//! Per-layer styles (categorised, graduated, single colour, labels) are in [`layer_style`];
//! the legend that lists exactly what a style draws is in [`legend`].

pub mod layer_style;
pub mod legend;

pub use layer_style::{
    CASUALTIES_PROPERTY, Category, CategoryValue, ClassMethod, GraduatedClass, LabelStyle,
    LayerStyle, Palette, Renderer, StyleResolver, categorise, categorise_with, graduate,
    graduate_with, numeric_value, numeric_value_of, point_scale,
};
pub use legend::{legend, legend_shown};

use egui::{Color32, Stroke};

use crate::model::{
    AccidentType, Classification, Feature, HazardStatus, Layer, LayerRole, PropertyValue,
};

/// CHA fill, `#FF0000` at 50 %.
pub const CHA_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0xFF, 0x00, 0x00, 128);
/// SHA fill, `#F4A718` at 50 %.
pub const SHA_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0xF4, 0xA7, 0x18, 128);
/// Indication fill: lighter than SHA (a pale yellow at 35 %), since nothing is surveyed yet.
pub const INDICATION_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0xFF, 0xE0, 0x82, 90);
/// Hazard area whose classification is missing or unrecognised: neutral grey.
pub const UNCLASSIFIED_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0x9E, 0x9E, 0x9E, 90);

/// Outline of an open hazard area (red, continuous).
pub const OPEN_OUTLINE: Color32 = Color32::from_rgb(0xE0, 0x00, 0x00);
/// Outline of an area being worked on (`#F4A718`, dashed).
pub const WORKED_ON_OUTLINE: Color32 = Color32::from_rgb(0xF4, 0xA7, 0x18);
/// Outline of a closed (released) area (green, continuous).
pub const CLOSED_OUTLINE: Color32 = Color32::from_rgb(0x1E, 0x9E, 0x3A);
/// Outline of a suspended area (purple, dashed): work stopped, hazard remains.
pub const SUSPENDED_OUTLINE: Color32 = Color32::from_rgb(0x8E, 0x44, 0xAD);
/// Outline when the status is missing or unrecognised.
pub const UNKNOWN_STATUS_OUTLINE: Color32 = Color32::from_rgb(0x55, 0x55, 0x55);

/// Clearance sectors: blue outlines over a faint blue fill, so the CHA under them stays legible.
pub const SECTOR_OUTLINE: Color32 = Color32::from_rgb(0x15, 0x65, 0xC0);
pub const SECTOR_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0x15, 0x65, 0xC0, 40);
/// Activities (land released by survey or clearance): teal.
pub const ACTIVITY_OUTLINE: Color32 = Color32::from_rgb(0x00, 0x89, 0x7B);
pub const ACTIVITY_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0x00, 0x89, 0x7B, 50);
/// Any other layer: neutral slate.
pub const OTHER_OUTLINE: Color32 = Color32::from_rgb(0x45, 0x55, 0x64);
pub const OTHER_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0x60, 0x7D, 0x8B, 60);

/// Incident symbols, by accident type.
pub const CIVILIAN_ACCIDENT: Color32 = Color32::from_rgb(0xC2, 0x18, 0x5B);
pub const DEMINING_ACCIDENT: Color32 = Color32::from_rgb(0x6A, 0x1B, 0x9A);
pub const MILITARY_ACCIDENT: Color32 = Color32::from_rgb(0x2E, 0x4A, 0x1E);
pub const UNKNOWN_ACCIDENT: Color32 = Color32::from_rgb(0x42, 0x42, 0x42);
/// Ring around every incident symbol, so it reads over red and orange fills alike.
pub const INCIDENT_RING: Color32 = Color32::WHITE;

/// Halo around the selected feature.
pub const SELECTED_HALO: Color32 = Color32::from_rgb(0xFF, 0xEB, 0x3B);
/// Halo around the feature under the cursor.
pub const HOVER_HALO: Color32 = Color32::from_rgb(0x00, 0xE5, 0xFF);
/// Thin dark line drawn inside halos so they read on light and dark basemaps alike.
pub const HALO_CORE: Color32 = Color32::from_rgb(0x10, 0x10, 0x10);

/// Width of area outlines in screen points.
pub const OUTLINE_WIDTH: f32 = 1.6;
/// Width of the selection halo.
pub const SELECTED_HALO_WIDTH: f32 = 6.0;
/// Width of the hover halo.
pub const HOVER_HALO_WIDTH: f32 = 3.5;
/// Dash and gap of dashed outlines, in screen points.
pub const DASH_LENGTH: f32 = 6.0;
pub const GAP_LENGTH: f32 = 4.0;
/// Smallest and largest incident symbol radius, in screen points.
pub const MIN_POINT_RADIUS: f32 = 3.0;
pub const MAX_POINT_RADIUS: f32 = 9.0;

/// How one feature is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FeatureStyle {
    /// Area fill (premultiplied; transparent for none).
    pub fill: Color32,
    /// Area outline, or the ring around a point symbol.
    pub stroke: Stroke,
    /// Whether the outline is dashed (worked on, suspended).
    pub dashed: bool,
    /// Colour of the dot an area becomes when it is too small on screen to show its shape:
    /// opaque, so tiny areas stay visible at national extent.
    pub dot: Color32,
    /// Point symbol fill.
    pub point_fill: Color32,
    /// Point symbol radius in screen points.
    pub point_radius: f32,
}

/// Fill of a hazard area of `classification` (`None`: unknown).
#[must_use]
pub fn classification_fill(classification: Option<Classification>) -> Color32 {
    match classification {
        Some(Classification::Cha) => CHA_FILL,
        Some(Classification::Sha) => SHA_FILL,
        Some(Classification::Indication) => INDICATION_FILL,
        None => UNCLASSIFIED_FILL,
    }
}

/// Outline colour and dashing of a hazard area of `status` (`None`: unknown).
#[must_use]
pub fn status_outline(status: Option<HazardStatus>) -> (Color32, bool) {
    match status {
        Some(HazardStatus::Open) => (OPEN_OUTLINE, false),
        Some(HazardStatus::WorkedOn) => (WORKED_ON_OUTLINE, true),
        Some(HazardStatus::Closed) => (CLOSED_OUTLINE, false),
        Some(HazardStatus::Suspended) => (SUSPENDED_OUTLINE, true),
        None => (UNKNOWN_STATUS_OUTLINE, false),
    }
}

/// Colour of an incident symbol by accident type.
#[must_use]
pub fn accident_colour(accident_type: Option<AccidentType>) -> Color32 {
    match accident_type {
        Some(AccidentType::Civilian) => CIVILIAN_ACCIDENT,
        Some(AccidentType::Demining) => DEMINING_ACCIDENT,
        Some(AccidentType::Military) => MILITARY_ACCIDENT,
        Some(AccidentType::Unknown) | None => UNKNOWN_ACCIDENT,
    }
}

/// Radius of an incident symbol for `casualties` (killed + injured): the symbol's area grows
/// with the count, so a 9-victim accident reads three times as wide as a 1-victim one.
#[must_use]
pub fn casualty_radius(casualties: Option<f64>) -> f32 {
    let n = casualties.unwrap_or(0.0).max(0.0);
    #[allow(clippy::cast_possible_truncation)] // a radius in points
    let r = MIN_POINT_RADIUS + 1.6 * n.sqrt() as f32;
    r.clamp(MIN_POINT_RADIUS, MAX_POINT_RADIUS)
}

/// The colour with its alpha (and, premultiplied, its channels) at full strength: the dot
/// colour of a fill.
#[must_use]
pub fn opaque(c: Color32) -> Color32 {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    let _ = a;
    Color32::from_rgb(r, g, b)
}

/// How `feature` of `layer` is drawn, from the layer's role and schema mapping.
#[must_use]
pub fn feature_style(layer: &Layer, feature: &Feature) -> FeatureStyle {
    let schema = &layer.schema;
    let (fill, outline, dashed) = match layer.role {
        LayerRole::HazardAreas => {
            let (outline, dashed) = status_outline(schema.status(feature));
            (
                classification_fill(schema.classification(feature)),
                outline,
                dashed,
            )
        }
        LayerRole::ClearanceSectors => (SECTOR_FILL, SECTOR_OUTLINE, false),
        LayerRole::Activities => (ACTIVITY_FILL, ACTIVITY_OUTLINE, false),
        LayerRole::Incidents | LayerRole::Other => (OTHER_FILL, OTHER_OUTLINE, false),
    };
    let (point_fill, point_radius, stroke) = if layer.role == LayerRole::Incidents {
        let accident = feature
            .properties
            .get("accident_type")
            .and_then(PropertyValue::as_str)
            .and_then(AccidentType::parse);
        (
            accident_colour(accident),
            casualty_radius(schema.casualties(feature)),
            Stroke::new(1.5, INCIDENT_RING),
        )
    } else {
        (
            opaque(outline),
            MIN_POINT_RADIUS,
            Stroke::new(OUTLINE_WIDTH, outline),
        )
    };
    let stroke = if feature.is_point() {
        stroke
    } else {
        Stroke::new(OUTLINE_WIDTH, outline)
    };
    FeatureStyle {
        fill,
        stroke,
        dashed,
        dot: if layer.role == LayerRole::HazardAreas {
            opaque(fill)
        } else {
            outline
        },
        point_fill,
        point_radius,
    }
}

/// What a legend row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendSymbol {
    /// A filled square with an outline.
    Area,
    /// Only an outline (status rows).
    Outline,
    /// A circle of `radius` points.
    Point { radius: u8 },
}

/// One row of a layer's legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub label: String,
    pub symbol: LegendSymbol,
    /// Area fill, or a point symbol's fill.
    pub fill: Color32,
    /// Area outline, or the ring around a point symbol.
    pub stroke: Stroke,
    pub dashed: bool,
    /// Features of the layer drawn with this entry's colour or size.
    pub count: usize,
    /// The property and value this entry stands for, so that clicking it can toggle that
    /// category in the layer's filter; `None` for ranges, "Other" and fixed role colours.
    pub filter_value: Option<(String, PropertyValue)>,
}

impl LegendEntry {
    fn area(label: &str, fill: Color32, stroke: Stroke) -> Self {
        Self {
            label: label.to_owned(),
            symbol: LegendSymbol::Area,
            fill,
            stroke,
            dashed: false,
            count: 0,
            filter_value: None,
        }
    }
}

/// The legend rows for a layer of `role`, in the order the UI should list them, labelled in
/// the interface language.
#[must_use]
pub fn legend_entries(role: LayerRole) -> Vec<LegendEntry> {
    use crate::i18n::{labels, lang, tr, tr_args};
    let thin = |c| Stroke::new(OUTLINE_WIDTH, c);
    let lang = lang();
    match role {
        LayerRole::HazardAreas => {
            let mut rows: Vec<LegendEntry> = Classification::ALL
                .iter()
                .rev()
                .map(|c| {
                    LegendEntry::area(
                        labels::classification(*c, lang),
                        classification_fill(Some(*c)),
                        thin(UNKNOWN_STATUS_OUTLINE),
                    )
                })
                .collect();
            rows.extend(HazardStatus::ALL.iter().map(|s| {
                let (colour, dashed) = status_outline(Some(*s));
                LegendEntry {
                    label: labels::status(*s, lang).to_owned(),
                    symbol: LegendSymbol::Outline,
                    fill: Color32::TRANSPARENT,
                    stroke: thin(colour),
                    dashed,
                    count: 0,
                    filter_value: None,
                }
            }));
            rows
        }
        LayerRole::Incidents => {
            let mut rows: Vec<LegendEntry> = AccidentType::ALL
                .iter()
                .map(|t| LegendEntry {
                    label: labels::accident_type(*t, lang).to_owned(),
                    symbol: LegendSymbol::Point { radius: 5 },
                    fill: accident_colour(Some(*t)),
                    stroke: Stroke::new(1.5, INCIDENT_RING),
                    dashed: false,
                    count: 0,
                    filter_value: None,
                })
                .collect();
            for n in [1.0_f64, 4.0, 9.0] {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // ≤ 12
                let radius = casualty_radius(Some(n)).round() as u8;
                rows.push(LegendEntry {
                    label: tr_args("legend-casualties", &[("count", n.into())]),
                    symbol: LegendSymbol::Point { radius },
                    fill: UNKNOWN_ACCIDENT,
                    stroke: Stroke::new(1.5, INCIDENT_RING),
                    dashed: false,
                    count: 0,
                    filter_value: None,
                });
            }
            rows
        }
        LayerRole::ClearanceSectors => vec![LegendEntry::area(
            tr("legend-clearance-sector"),
            SECTOR_FILL,
            thin(SECTOR_OUTLINE),
        )],
        LayerRole::Activities => vec![LegendEntry::area(
            tr("legend-activity"),
            ACTIVITY_FILL,
            thin(ACTIVITY_OUTLINE),
        )],
        LayerRole::Other => vec![LegendEntry::area(
            tr("legend-feature"),
            OTHER_FILL,
            thin(OTHER_OUTLINE),
        )],
    }
}

/// `colour` with layer `opacity` (0..=1) applied; colours are premultiplied, so every channel
/// scales.
#[must_use]
pub fn with_opacity(colour: Color32, opacity: f32) -> Color32 {
    if opacity >= 1.0 {
        colour
    } else {
        colour.gamma_multiply(opacity.max(0.0))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn cha_and_sha_fills_are_the_gichd_colours_half_transparent() {
        // Premultiplied storage may round a channel by one step.
        let close = |c: Color32, rgb: [u8; 3]| {
            let got = c.to_srgba_unmultiplied();
            (0..3).all(|i| (i32::from(got[i]) - i32::from(rgb[i])).abs() <= 1)
        };
        assert!(close(CHA_FILL, [0xFF, 0x00, 0x00]));
        assert!(close(SHA_FILL, [0xF4, 0xA7, 0x18]));
        assert!((i32::from(CHA_FILL.a()) - 128).abs() <= 1);
        assert!(INDICATION_FILL.a() < SHA_FILL.a());
    }

    #[test]
    fn worked_on_is_dashed_and_closed_is_green_and_continuous() {
        assert_eq!(
            status_outline(Some(HazardStatus::WorkedOn)),
            (WORKED_ON_OUTLINE, true)
        );
        let (closed, dashed) = status_outline(Some(HazardStatus::Closed));
        assert!(!dashed);
        assert!(closed.g() > closed.r());
    }

    #[test]
    fn more_casualties_give_a_larger_symbol_within_bounds() {
        assert!(casualty_radius(Some(4.0)) > casualty_radius(Some(1.0)));
        assert_eq!(casualty_radius(None), MIN_POINT_RADIUS);
        assert_eq!(casualty_radius(Some(1e6)), MAX_POINT_RADIUS);
    }

    #[test]
    fn hazard_legend_lists_every_classification_and_status() {
        let rows = legend_entries(LayerRole::HazardAreas);
        assert_eq!(
            rows.len(),
            Classification::ALL.len() + HazardStatus::ALL.len()
        );
        assert!(rows.iter().any(|r| r.dashed));
    }

    #[test]
    fn layer_opacity_scales_alpha() {
        assert!(with_opacity(CHA_FILL, 0.5).a() < CHA_FILL.a());
        assert_eq!(with_opacity(CHA_FILL, 1.0), CHA_FILL);
    }
}
