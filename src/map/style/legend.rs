//! The legend of a layer under its style: one row per colour or size the map draws, with the
//! number of features drawn that way and, where a row stands for one value of one property,
//! that value (so a click on the row can toggle it in the layer's filter).
//!
//! Rows are counted with the same functions the [`StyleResolver`](super::StyleResolver) uses
//! to colour features, so the legend and the map cannot disagree.

use std::collections::HashMap;

use egui::{Color32, Stroke};

use super::layer_style::{
    CategoryValue, NO_VALUE_COLOUR, OTHER_CATEGORY_COLOUR, POINT_RADIUS, category_value,
    class_index, numeric_value, style_fill,
};
use super::{
    ACTIVITY_FILL, ACTIVITY_OUTLINE, INCIDENT_RING, LayerStyle, LegendEntry, LegendSymbol,
    MIN_POINT_RADIUS, OTHER_FILL, OTHER_OUTLINE, OUTLINE_WIDTH, Renderer, SECTOR_FILL,
    SECTOR_OUTLINE, UNCLASSIFIED_FILL, UNKNOWN_ACCIDENT, UNKNOWN_STATUS_OUTLINE, accident_colour,
    casualty_radius, classification_fill, status_outline,
};
use crate::i18n::{labels, lang, tr, tr_args};
use crate::model::{
    AccidentType, Classification, Feature, HazardStatus, Layer, LayerRole, PropertyRole,
    PropertyValue,
};

/// The legend rows of `layer` drawn with `style`, in the order a legend lists them.
#[must_use]
pub fn legend(layer: &Layer, style: &LayerStyle) -> Vec<LegendEntry> {
    legend_shown(layer, style, None)
}

/// [`legend`] counting only the features `mask` keeps (the layer's filter), so the counts
/// are those of what the map draws; the rows are the same as without a mask.
#[must_use]
pub fn legend_shown(layer: &Layer, style: &LayerStyle, mask: Option<&[bool]>) -> Vec<LegendEntry> {
    match &style.renderer {
        Renderer::Gichd => gichd(layer, style.fill_opacity, mask),
        Renderer::Categorised {
            property,
            categories,
            ..
        } => categorised(layer, style, property, categories, mask),
        Renderer::Graduated {
            property, classes, ..
        } => graduated(layer, style, property, classes, mask),
        Renderer::Single { colour } => {
            let n = drawn(layer, mask).count();
            vec![coloured_entry(
                layer,
                style,
                tr("legend-feature").to_owned(),
                *colour,
                POINT_RADIUS,
                n,
                None,
            )]
        }
    }
}

/// The features `mask` keeps (all without one).
fn drawn<'a>(layer: &'a Layer, mask: Option<&'a [bool]>) -> impl Iterator<Item = &'a Feature> {
    layer
        .features
        .iter()
        .enumerate()
        .filter(move |(i, _)| mask.is_none_or(|m| m.get(*i).copied().unwrap_or(false)))
        .map(|(_, f)| f)
}

/// Whether most of the layer's geometries are points (its legend then shows point symbols).
fn is_point_layer(layer: &Layer) -> bool {
    let (mut points, mut others) = (0usize, 0usize);
    for f in layer
        .features
        .iter()
        .filter(|f| f.geometry.is_some())
        .take(1000)
    {
        if f.is_point() {
            points += 1;
        } else {
            others += 1;
        }
    }
    points > others
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // radii ≤ 12 points
fn radius_u8(r: f32) -> u8 {
    r.round().clamp(1.0, 255.0) as u8
}

/// A row drawn in base `colour` as the non-GICHD renderers draw it.
fn coloured_entry(
    layer: &Layer,
    style: &LayerStyle,
    label: String,
    colour: Color32,
    radius: f32,
    count: usize,
    filter_value: Option<(String, PropertyValue)>,
) -> LegendEntry {
    let opaque = super::opaque(colour);
    let (symbol, fill, stroke) = if is_point_layer(layer) {
        (
            LegendSymbol::Point {
                radius: radius_u8(radius),
            },
            opaque,
            Stroke::new(1.5, INCIDENT_RING),
        )
    } else {
        (
            LegendSymbol::Area,
            style_fill(opaque, style.fill_opacity),
            Stroke::new(OUTLINE_WIDTH, opaque),
        )
    };
    LegendEntry {
        label,
        symbol,
        fill,
        stroke,
        dashed: false,
        count,
        filter_value,
    }
}

fn categorised(
    layer: &Layer,
    style: &LayerStyle,
    property: &str,
    categories: &[super::Category],
    mask: Option<&[bool]>,
) -> Vec<LegendEntry> {
    let resolver = super::StyleResolver::new(style);
    // Count by the colour the resolver gives each feature: categories have distinct colours
    // unless the user made two alike, and then the map cannot tell them apart either.
    let mut by_colour: HashMap<Color32, usize> = HashMap::new();
    let mut value_of: HashMap<Color32, usize> = HashMap::new();
    for (i, c) in categories.iter().enumerate() {
        value_of.entry(c.colour).or_insert(i);
    }
    let mut extra_other = 0;
    let mut extra_none = 0;
    for f in drawn(layer, mask) {
        let colour = resolver.category_colour(f).unwrap_or(OTHER_CATEGORY_COLOUR);
        if value_of.contains_key(&colour) {
            *by_colour.entry(colour).or_default() += 1;
        } else if category_value(f, property).is_none() {
            extra_none += 1;
        } else {
            extra_other += 1;
        }
    }
    let mut rows: Vec<LegendEntry> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let count = if value_of.get(&c.colour) == Some(&i) {
                by_colour.get(&c.colour).copied().unwrap_or(0)
            } else {
                0
            };
            let filter = match &c.value {
                CategoryValue::Value(v) => Some((property.to_owned(), v.clone())),
                CategoryValue::NoValue => Some((property.to_owned(), PropertyValue::Null)),
                CategoryValue::Other => None,
            };
            coloured_entry(
                layer,
                style,
                category_label(layer, property, c),
                c.colour,
                POINT_RADIUS,
                count,
                filter,
            )
        })
        .collect();
    // Values that appeared since the style was made are drawn in the default colours.
    if extra_other > 0 {
        rows.push(coloured_entry(
            layer,
            style,
            tr("legend-other").to_owned(),
            OTHER_CATEGORY_COLOUR,
            POINT_RADIUS,
            extra_other,
            None,
        ));
    }
    if extra_none > 0 {
        rows.push(coloured_entry(
            layer,
            style,
            tr("legend-no-value").to_owned(),
            NO_VALUE_COLOUR,
            POINT_RADIUS,
            extra_none,
            Some((property.to_owned(), PropertyValue::Null)),
        ));
    }
    rows
}

fn graduated(
    layer: &Layer,
    style: &LayerStyle,
    property: &str,
    classes: &[super::GraduatedClass],
    mask: Option<&[bool]>,
) -> Vec<LegendEntry> {
    let mut counts = vec![0usize; classes.len()];
    let mut none = 0;
    for f in drawn(layer, mask) {
        match numeric_value(layer, f, property).and_then(|v| class_index(classes, v)) {
            Some(i) => counts[i] += 1,
            None => none += 1,
        }
    }
    let mut rows: Vec<LegendEntry> = classes
        .iter()
        .zip(counts)
        .map(|(c, n)| coloured_entry(layer, style, c.label(), c.colour, c.radius, n, None))
        .collect();
    if none > 0 {
        rows.push(coloured_entry(
            layer,
            style,
            tr("legend-no-value").to_owned(),
            NO_VALUE_COLOUR,
            MIN_POINT_RADIUS,
            none,
            // Graduating by killed + injured reads two properties: no single one is null.
            (property != super::CASUALTIES_PROPERTY)
                .then(|| (property.to_owned(), PropertyValue::Null)),
        ));
    }
    rows
}

/// A category's row label in the interface language: a code of a coded property (`cha`,
/// `ap_mine`) by its name, "No value" and "Other (n values)" translated; other values are
/// data and read as the file has them. (The style keeps the English label it was made with.)
fn category_label(layer: &Layer, property: &str, c: &super::Category) -> String {
    match &c.value {
        CategoryValue::Value(v) => v
            .as_str()
            .and_then(|s| labels::coded_value(layer, property, s, lang()))
            .map_or_else(|| c.label.clone(), str::to_owned),
        CategoryValue::NoValue => tr("legend-no-value").to_owned(),
        CategoryValue::Other => {
            // The style wrote "Other (n values)"; n is the only figure in it.
            let digits: String = c.label.chars().filter(char::is_ascii_digit).collect();
            match digits.parse::<usize>() {
                Ok(n) => tr_args("legend-other-values", &[("count", n.into())]),
                Err(_) => tr("legend-other").to_owned(),
            }
        }
    }
}

/// Counts per code and the most frequent raw value of each, for filter values: the filter
/// compares raw values, and real files spell a code in their own way (`CHA`, `confirmed`…).
struct Tally<K> {
    counts: HashMap<K, usize>,
    raw: HashMap<K, HashMap<String, (PropertyValue, usize)>>,
}

impl<K: std::hash::Hash + Eq + Copy> Tally<K> {
    fn new() -> Self {
        Self {
            counts: HashMap::new(),
            raw: HashMap::new(),
        }
    }

    fn add(&mut self, key: K, raw: Option<&PropertyValue>) {
        *self.counts.entry(key).or_default() += 1;
        if let Some(v) = raw {
            let e = self
                .raw
                .entry(key)
                .or_default()
                .entry(v.to_string())
                .or_insert_with(|| (v.clone(), 0));
            e.1 += 1;
        }
    }

    fn count(&self, key: K) -> usize {
        self.counts.get(&key).copied().unwrap_or(0)
    }

    fn filter(&self, key: K, property: Option<&str>) -> Option<(String, PropertyValue)> {
        let property = property?;
        self.raw
            .get(&key)?
            .values()
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then_with(|| b.0.to_string().cmp(&a.0.to_string()))
            })
            .map(|(v, _)| (property.to_owned(), v.clone()))
    }
}

fn faded(fill: Color32, fill_opacity: f32) -> Color32 {
    if fill_opacity < 1.0 {
        fill.gamma_multiply(fill_opacity.max(0.0))
    } else {
        fill
    }
}

fn area_entry(label: &str, fill: Color32, outline: Color32, count: usize) -> LegendEntry {
    LegendEntry {
        label: label.to_owned(),
        symbol: LegendSymbol::Area,
        fill,
        stroke: Stroke::new(OUTLINE_WIDTH, outline),
        dashed: false,
        count,
        filter_value: None,
    }
}

fn gichd(layer: &Layer, fill_opacity: f32, mask: Option<&[bool]>) -> Vec<LegendEntry> {
    let all = drawn(layer, mask).count();
    match layer.role {
        LayerRole::HazardAreas => gichd_hazards(layer, fill_opacity, mask),
        LayerRole::Incidents => gichd_incidents(layer, fill_opacity, mask),
        LayerRole::ClearanceSectors => vec![area_entry(
            tr("legend-clearance-sector"),
            faded(SECTOR_FILL, fill_opacity),
            SECTOR_OUTLINE,
            all,
        )],
        LayerRole::Activities => vec![area_entry(
            tr("legend-activity"),
            faded(ACTIVITY_FILL, fill_opacity),
            ACTIVITY_OUTLINE,
            all,
        )],
        LayerRole::Other => vec![area_entry(
            tr("legend-feature"),
            faded(OTHER_FILL, fill_opacity),
            OTHER_OUTLINE,
            all,
        )],
    }
}

fn gichd_hazards(layer: &Layer, fill_opacity: f32, mask: Option<&[bool]>) -> Vec<LegendEntry> {
    let schema = &layer.schema;
    let mut classes: Tally<Option<Classification>> = Tally::new();
    let mut statuses: Tally<Option<HazardStatus>> = Tally::new();
    for f in drawn(layer, mask) {
        classes.add(
            schema.classification(f),
            schema.value(f, PropertyRole::Classification),
        );
        statuses.add(schema.status(f), schema.value(f, PropertyRole::Status));
    }
    let class_key = schema.key(PropertyRole::Classification);
    let status_key = schema.key(PropertyRole::Status);
    let mut rows: Vec<LegendEntry> = Classification::ALL
        .iter()
        .rev()
        .map(|c| LegendEntry {
            filter_value: classes.filter(Some(*c), class_key),
            ..area_entry(
                labels::classification(*c, lang()),
                faded(classification_fill(Some(*c)), fill_opacity),
                UNKNOWN_STATUS_OUTLINE,
                classes.count(Some(*c)),
            )
        })
        .collect();
    if classes.count(None) > 0 {
        rows.push(area_entry(
            tr("legend-unclassified"),
            faded(UNCLASSIFIED_FILL, fill_opacity),
            UNKNOWN_STATUS_OUTLINE,
            classes.count(None),
        ));
    }
    let status_row = |label: &str, s: Option<HazardStatus>| {
        let (colour, dashed) = status_outline(s);
        LegendEntry {
            label: label.to_owned(),
            symbol: LegendSymbol::Outline,
            fill: Color32::TRANSPARENT,
            stroke: Stroke::new(OUTLINE_WIDTH, colour),
            dashed,
            count: statuses.count(s),
            filter_value: s.and_then(|s| statuses.filter(Some(s), status_key)),
        }
    };
    rows.extend(
        HazardStatus::ALL
            .iter()
            .map(|s| status_row(labels::status(*s, lang()), Some(*s))),
    );
    if statuses.count(None) > 0 {
        rows.push(status_row(tr("legend-unknown-status"), None));
    }
    rows
}

fn accident_type(f: &Feature) -> Option<AccidentType> {
    f.properties
        .get("accident_type")
        .and_then(PropertyValue::as_str)
        .and_then(AccidentType::parse)
}

fn gichd_incidents(layer: &Layer, fill_opacity: f32, mask: Option<&[bool]>) -> Vec<LegendEntry> {
    let mut types: Tally<Option<AccidentType>> = Tally::new();
    // Casualty ranges: none recorded, 1–3, 4–8, 9 and more (the symbol stops growing at 9).
    let ranges: [(&str, f64, f64); 4] = [
        ("legend-no-casualty", 0.0, 0.0),
        ("legend-casualties-range", 1.0, 3.0),
        ("legend-casualties-range", 4.0, 8.0),
        ("legend-casualties-or-more", 9.0, f64::INFINITY),
    ];
    let mut sizes = [0usize; 4];
    let mut other_geometry = 0;
    for f in drawn(layer, mask) {
        if f.geometry.is_some() && !f.is_point() {
            other_geometry += 1;
            continue;
        }
        let t = accident_type(f);
        // Unknown and unrecognised share the unknown colour: one row.
        let t = t.filter(|t| *t != AccidentType::Unknown);
        types.add(t, f.properties.get("accident_type"));
        let n = layer.schema.casualties(f).unwrap_or(0.0).max(0.0);
        let slot = ranges.iter().rposition(|(_, lo, _)| n >= *lo).unwrap_or(0);
        sizes[slot] += 1;
    }
    let mut rows: Vec<LegendEntry> = AccidentType::ALL
        .iter()
        .filter(|t| **t != AccidentType::Unknown)
        .map(|t| {
            point_entry(
                labels::accident_type(*t, lang()).to_owned(),
                accident_colour(Some(*t)),
                5,
                types.count(Some(*t)),
                types.filter(Some(*t), Some("accident_type")),
            )
        })
        .collect();
    rows.push(point_entry(
        labels::accident_type(AccidentType::Unknown, lang()).to_owned(),
        UNKNOWN_ACCIDENT,
        5,
        types.count(None),
        None,
    ));
    for ((key, lo, hi), n) in ranges.iter().zip(sizes) {
        rows.push(point_entry(
            tr_args(key, &[("from", (*lo).into()), ("to", (*hi).into())]),
            UNKNOWN_ACCIDENT,
            radius_u8(casualty_radius(Some(*lo))),
            n,
            None,
        ));
    }
    if other_geometry > 0 {
        rows.push(area_entry(
            tr("legend-other-geometry"),
            faded(OTHER_FILL, fill_opacity),
            OTHER_OUTLINE,
            other_geometry,
        ));
    }
    rows
}

fn point_entry(
    label: String,
    fill: Color32,
    radius: u8,
    count: usize,
    filter_value: Option<(String, PropertyValue)>,
) -> LegendEntry {
    LegendEntry {
        label,
        symbol: LegendSymbol::Point { radius },
        fill,
        stroke: Stroke::new(1.5, INCIDENT_RING),
        dashed: false,
        count,
        filter_value,
    }
}
/// A legend swatch: the fill over the basemap's land colour with its outline (dashed as on the
/// map), or a point symbol with its ring.
pub fn paint_swatch(painter: &egui::Painter, rect: egui::Rect, e: &LegendEntry) {
    match e.symbol {
        LegendSymbol::Area | LegendSymbol::Outline => {
            let r = rect.shrink(2.0);
            painter.rect_filled(r, 0.0, crate::map::basemap::LAND);
            if e.symbol == LegendSymbol::Area {
                painter.rect_filled(r, 0.0, e.fill);
            }
            let corners = [
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
                r.left_top(),
            ];
            if e.dashed {
                painter.extend(egui::Shape::dashed_line(&corners, e.stroke, 3.0, 2.0));
            } else {
                painter.add(egui::Shape::line(corners.to_vec(), e.stroke));
            }
        }
        LegendSymbol::Point { radius } => {
            let r = f32::from(radius).min(7.0);
            painter.circle(
                rect.center(),
                r,
                e.fill,
                egui::Stroke::new(e.stroke.width, e.stroke.color),
            );
        }
    }
}
