//! Per-layer styles: which renderer colours a layer's features (the GICHD preset, categories of
//! a property, classes of a numeric property, one colour), its labels and fill opacity, and the
//! [`StyleResolver`] that turns a style into each feature's [`FeatureStyle`].
//!
//! Styles are plain data (serde, `#[serde(default)]`) so the app can keep them in its settings.
//! Palettes are colour-blind safe: Paul Tol's *muted* qualitative scheme and the Okabe–Ito
//! scheme for categories, Tol's sequential *YlOrBr* ramp for classes
//! (<https://personal.sron.nl/~pault/>, Okabe & Ito 2008 "Color Universal Design").

use std::collections::HashMap;

use egui::{Color32, Stroke};
use serde::{Deserialize, Serialize};

use super::{
    FeatureStyle, INCIDENT_RING, MAX_POINT_RADIUS, MIN_POINT_RADIUS, OTHER_OUTLINE, OUTLINE_WIDTH,
    feature_style,
};
use crate::model::{Feature, Layer, LayerRole, PropertyRole, PropertyValue, value_text};

/// The pseudo-property "killed + injured" (through the layer's schema mapping): the default
/// property to graduate incidents by.
pub const CASUALTIES_PROPERTY: &str = "killed + injured";

/// Most categories a palette colours; rarer values share the "Other" colour.
pub const MAX_CATEGORIES: usize = 9;
/// Fewest and most classes of a graduated style (the ramp has seven usable steps).
pub const MIN_CLASSES: usize = 2;
pub const MAX_CLASSES: usize = 7;
/// Alpha of category, class and single-colour fills: like the GICHD fills (50 %), enough to see
/// the basemap through and to tell overlapping areas apart.
pub const STYLE_FILL_ALPHA: u8 = 150;
/// Radius of a category or single-colour point symbol, in points (before zoom scaling).
pub const POINT_RADIUS: f32 = 5.0;
/// Features whose property is missing or null (Tol's "bad data" pale grey).
pub const NO_VALUE_COLOUR: Color32 = Color32::from_rgb(0xDD, 0xDD, 0xDD);
/// Values beyond the palette's `MAX_CATEGORIES` most frequent.
pub const OTHER_CATEGORY_COLOUR: Color32 = Color32::from_rgb(0x77, 0x77, 0x77);

/// Paul Tol's muted qualitative scheme (9 colours, colour-blind safe).
const TOL_MUTED: [Color32; 9] = [
    Color32::from_rgb(0xCC, 0x66, 0x77),
    Color32::from_rgb(0x33, 0x22, 0x88),
    Color32::from_rgb(0xDD, 0xCC, 0x77),
    Color32::from_rgb(0x11, 0x77, 0x33),
    Color32::from_rgb(0x88, 0xCC, 0xEE),
    Color32::from_rgb(0x88, 0x22, 0x55),
    Color32::from_rgb(0x44, 0xAA, 0x99),
    Color32::from_rgb(0x99, 0x99, 0x33),
    Color32::from_rgb(0xAA, 0x44, 0x99),
];
/// Okabe–Ito (8 colours, black last).
const OKABE_ITO: [Color32; 8] = [
    Color32::from_rgb(0xE6, 0x9F, 0x00),
    Color32::from_rgb(0x56, 0xB4, 0xE9),
    Color32::from_rgb(0x00, 0x9E, 0x73),
    Color32::from_rgb(0xF0, 0xE4, 0x42),
    Color32::from_rgb(0x00, 0x72, 0xB2),
    Color32::from_rgb(0xD5, 0x5E, 0x00),
    Color32::from_rgb(0xCC, 0x79, 0xA7),
    Color32::from_rgb(0x00, 0x00, 0x00),
];
/// Paul Tol's sequential YlOrBr; the two palest steps are left out (invisible on the basemap).
const YL_OR_BR: [Color32; 7] = [
    Color32::from_rgb(0xFE, 0xE3, 0x91),
    Color32::from_rgb(0xFE, 0xC4, 0x4F),
    Color32::from_rgb(0xFB, 0x9A, 0x29),
    Color32::from_rgb(0xEC, 0x70, 0x14),
    Color32::from_rgb(0xCC, 0x4C, 0x02),
    Color32::from_rgb(0x99, 0x34, 0x04),
    Color32::from_rgb(0x66, 0x25, 0x06),
];

/// How one layer is drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LayerStyle {
    pub renderer: Renderer,
    /// Labels, if shown.
    pub labels: Option<LabelStyle>,
    /// Multiplies the alpha of area fills (0..=1). Outlines and symbols keep theirs;
    /// `Layer::opacity` still fades the whole layer.
    pub fill_opacity: f32,
}

impl Default for LayerStyle {
    fn default() -> Self {
        Self {
            renderer: Renderer::Gichd,
            labels: None,
            fill_opacity: 1.0,
        }
    }
}

/// Labels of a layer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabelStyle {
    /// The property whose value is the label text (arrays are joined with ", ").
    pub property: String,
    /// Font size in points.
    pub size: f32,
}

impl Default for LabelStyle {
    fn default() -> Self {
        Self {
            property: "name".to_owned(),
            size: 12.0,
        }
    }
}

/// Which colours the features get.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Renderer {
    /// GICHD TN 07.11/01 for hazard areas (fill by classification, outline by status),
    /// incidents coloured by accident type and sized by casualties, fixed role colours else.
    #[default]
    Gichd,
    /// One colour per value of `property`. An array value is categorised by its FIRST element,
    /// so that each feature has exactly one colour and the legend's counts add up to the
    /// layer's (a filter by any element is the filter panel's job).
    Categorised {
        property: String,
        palette: Palette,
        categories: Vec<Category>,
    },
    /// Classes of a numeric `property` (numeric strings count) on a sequential ramp; points
    /// also grow with the class.
    Graduated {
        property: String,
        method: ClassMethod,
        classes: Vec<GraduatedClass>,
    },
    /// Every feature alike.
    Single { colour: Color32 },
}

impl Renderer {
    /// A short name for people, in the interface language.
    #[must_use]
    pub fn label(&self) -> &'static str {
        crate::i18n::tr(match self {
            Self::Gichd => "style-gichd",
            Self::Categorised { .. } => "style-categorised",
            Self::Graduated { .. } => "style-graduated",
            Self::Single { .. } => "style-single",
        })
    }
}

/// A qualitative palette.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Palette {
    #[default]
    TolMuted,
    OkabeIto,
}

impl Palette {
    pub const ALL: [Self; 2] = [Self::TolMuted, Self::OkabeIto];

    #[must_use]
    pub fn colours(self) -> &'static [Color32] {
        match self {
            Self::TolMuted => &TOL_MUTED,
            Self::OkabeIto => &OKABE_ITO,
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::TolMuted => "Tol muted",
            Self::OkabeIto => "Okabe–Ito",
        }
    }
}

/// What a category stands for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CategoryValue {
    /// Features whose (first) value is this one.
    Value(PropertyValue),
    /// Features without the property, or with null (or an empty array).
    NoValue,
    /// Values beyond the palette.
    Other,
}

/// One category of a categorised style.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub value: CategoryValue,
    pub label: String,
    /// Opaque base colour: fills use it at `STYLE_FILL_ALPHA`.
    pub colour: Color32,
    /// Features in it when the style was made (the legend recounts).
    pub count: usize,
}

/// How class breaks are chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClassMethod {
    /// Equal widths between the smallest and largest value.
    #[default]
    EqualInterval,
    /// About as many features in each class (equal breaks merge).
    Quantile,
}

impl ClassMethod {
    pub const ALL: [Self; 2] = [Self::EqualInterval, Self::Quantile];

    /// The method's name in the interface language.
    #[must_use]
    pub fn label(self) -> &'static str {
        crate::i18n::tr(match self {
            Self::EqualInterval => "style-equal-interval",
            Self::Quantile => "style-quantile",
        })
    }
}

/// One class of a graduated style: values in `min..=max` (the first class that holds a value
/// takes it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GraduatedClass {
    pub min: f64,
    pub max: f64,
    pub colour: Color32,
    /// Point symbol radius in points (before zoom scaling).
    pub radius: f32,
    pub count: usize,
}

impl GraduatedClass {
    /// "min – max", numbers as short as they can be.
    #[must_use]
    pub fn label(&self) -> String {
        if self.min.to_bits() == self.max.to_bits() {
            short_number(self.min)
        } else {
            format!("{} – {}", short_number(self.min), short_number(self.max))
        }
    }
}

fn short_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

impl LayerStyle {
    /// The style a newly opened layer gets: the GICHD preset for the roles it covers (as the
    /// map has always drawn them), one neutral colour for other layers; hazard areas are
    /// labelled by their name when the schema knows it.
    #[must_use]
    pub fn default_for(layer: &Layer) -> Self {
        let renderer = match layer.role {
            LayerRole::Other => Renderer::Single {
                colour: OTHER_OUTLINE,
            },
            _ => Renderer::Gichd,
        };
        let labels = (layer.role == LayerRole::HazardAreas)
            .then(|| layer.schema.key(PropertyRole::Name))
            .flatten()
            .map(|key| LabelStyle {
                property: key.to_owned(),
                ..LabelStyle::default()
            });
        Self {
            renderer,
            labels,
            fill_opacity: 1.0,
        }
    }
}

/// The value a feature is categorised by: the property's value, an array's first element;
/// `None` when missing, null or an empty array.
#[must_use]
pub fn category_value<'f>(feature: &'f Feature, property: &str) -> Option<&'f PropertyValue> {
    let v = feature.properties.get(property)?;
    let v = match v {
        PropertyValue::Array(items) => items.first()?,
        other => other,
    };
    (!v.is_null()).then_some(v)
}

/// A key telling values apart by type and content: `1` and `"1"` are different categories,
/// `1` and `1.0` the same.
fn category_key(v: &PropertyValue) -> String {
    match v {
        PropertyValue::String(s) => format!("s:{s}"),
        PropertyValue::Number(n) => match n.as_f64() {
            Some(f) => format!("n:{f}"),
            None => format!("n:{n}"),
        },
        PropertyValue::Bool(b) => format!("b:{b}"),
        other => format!("j:{}", other.to_json()),
    }
}

/// Categorises `layer` by `property` with the default palette.
#[must_use]
pub fn categorise(layer: &Layer, property: &str) -> LayerStyle {
    categorise_with(layer, property, Palette::default())
}

/// Categorises `layer` by `property`: the distinct values found in the layer, most frequent
/// first (ties by text), each with its own colour of `palette`; values beyond the palette share
/// "Other"; features without the value get "No value".
#[must_use]
pub fn categorise_with(layer: &Layer, property: &str, palette: Palette) -> LayerStyle {
    let mut found: HashMap<String, (PropertyValue, usize)> = HashMap::new();
    let mut no_value = 0;
    for f in layer.features.iter() {
        match category_value(f, property) {
            Some(v) => {
                found
                    .entry(category_key(v))
                    .or_insert_with(|| (v.clone(), 0))
                    .1 += 1;
            }
            None => no_value += 1,
        }
    }
    let mut values: Vec<(String, PropertyValue, usize)> = found
        .into_values()
        .map(|(v, n)| (value_label(&v), v, n))
        .collect();
    values.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let colours = palette.colours();
    let slots = colours.len().min(MAX_CATEGORIES);
    // When everything fits, every value gets a colour; else the last slot is "Other".
    let coloured = if values.len() <= slots {
        values.len()
    } else {
        slots - 1
    };
    let mut categories: Vec<Category> = values
        .iter()
        .take(coloured)
        .enumerate()
        .map(|(i, (label, v, n))| Category {
            value: CategoryValue::Value(v.clone()),
            label: label.clone(),
            colour: colours[i],
            count: *n,
        })
        .collect();
    let other: usize = values.iter().skip(coloured).map(|v| v.2).sum();
    if other > 0 {
        categories.push(Category {
            value: CategoryValue::Other,
            label: format!("Other ({} values)", values.len() - coloured),
            colour: OTHER_CATEGORY_COLOUR,
            count: other,
        });
    }
    if no_value > 0 {
        categories.push(Category {
            value: CategoryValue::NoValue,
            label: "No value".to_owned(),
            colour: NO_VALUE_COLOUR,
            count: no_value,
        });
    }
    LayerStyle {
        renderer: Renderer::Categorised {
            property: property.to_owned(),
            palette,
            categories,
        },
        labels: None,
        fill_opacity: 1.0,
    }
}

fn value_label(v: &PropertyValue) -> String {
    let text = value_text(v);
    if text.is_empty() {
        "(empty)".to_owned()
    } else {
        text
    }
}

/// The number `feature` holds for `property`: numbers, numeric strings, or for
/// [`CASUALTIES_PROPERTY`] killed + injured through the schema. Non-finite values count as none.
#[must_use]
pub fn numeric_value(layer: &Layer, feature: &Feature, property: &str) -> Option<f64> {
    if property == CASUALTIES_PROPERTY {
        layer.schema.casualties(feature).filter(|x| x.is_finite())
    } else {
        numeric_value_of(feature.properties.get(property)?)
    }
}

/// A value as a finite number: numbers, and strings that parse as one.
#[must_use]
pub fn numeric_value_of(value: &PropertyValue) -> Option<f64> {
    let x = match value {
        PropertyValue::Number(n) => n.as_f64(),
        PropertyValue::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    x.filter(|x| x.is_finite())
}

/// Graduates `layer` by `property` in `classes` equal-interval classes.
#[must_use]
pub fn graduate(layer: &Layer, property: &str, classes: usize) -> LayerStyle {
    graduate_with(layer, property, classes, ClassMethod::default())
}

/// Graduates `layer` by the numeric `property` into `classes` classes (clamped to
/// `MIN_CLASSES..=MAX_CLASSES`; fewer when the values do not allow as many distinct breaks).
/// With no numeric value at all there are no classes and every feature is "No value".
#[must_use]
pub fn graduate_with(
    layer: &Layer,
    property: &str,
    classes: usize,
    method: ClassMethod,
) -> LayerStyle {
    let mut values: Vec<f64> = layer
        .features
        .iter()
        .filter_map(|f| numeric_value(layer, f, property))
        .collect();
    values.sort_by(f64::total_cmp);
    let k = classes.clamp(MIN_CLASSES, MAX_CLASSES);
    let breaks = class_breaks(&values, k, method);
    let n = breaks.len();
    let mut classes: Vec<GraduatedClass> = breaks
        .iter()
        .enumerate()
        .map(|(i, (min, max))| {
            let step = ramp_step(i, n);
            GraduatedClass {
                min: *min,
                max: *max,
                colour: YL_OR_BR[step],
                radius: graduated_radius(i, n),
                count: 0,
            }
        })
        .collect();
    for v in &values {
        if let Some(i) = class_index(&classes, *v) {
            classes[i].count += 1;
        }
    }
    LayerStyle {
        renderer: Renderer::Graduated {
            property: property.to_owned(),
            method,
            classes,
        },
        labels: None,
        fill_opacity: 1.0,
    }
}

/// `(min, max)` of each class over sorted `values`.
fn class_breaks(values: &[f64], k: usize, method: ClassMethod) -> Vec<(f64, f64)> {
    let (Some(lo), Some(hi)) = (values.first().copied(), values.last().copied()) else {
        return Vec::new();
    };
    if lo.to_bits() == hi.to_bits() {
        return vec![(lo, hi)];
    }
    match method {
        ClassMethod::EqualInterval => {
            // Interpolated, not lo + (hi - lo) × t: that overflows for values near f64::MAX.
            #[allow(clippy::cast_precision_loss)] // k ≤ 7
            let at = |i: usize| {
                if i == k {
                    hi
                } else {
                    let t = i as f64 / k as f64;
                    lo * (1.0 - t) + hi * t
                }
            };
            (0..k).map(|i| (at(i), at(i + 1))).collect()
        }
        ClassMethod::Quantile => {
            let mut uppers: Vec<f64> = (1..=k)
                .map(|i| values[(i * values.len()).div_ceil(k).saturating_sub(1)])
                .collect();
            uppers.dedup_by(|a, b| a.to_bits() == b.to_bits());
            let mut out = Vec::with_capacity(uppers.len());
            let mut min = lo;
            for up in uppers {
                out.push((min, up));
                // The next class starts at the smallest value above this one's.
                let next = values.partition_point(|v| *v <= up);
                match values.get(next) {
                    Some(v) => min = *v,
                    None => break,
                }
            }
            out
        }
    }
}

/// The class that holds `v` (the first whose `max` is at least `v`); a value beyond every class
/// (the data changed since the style was made) goes to the nearest end.
#[must_use]
pub fn class_index(classes: &[GraduatedClass], v: f64) -> Option<usize> {
    if classes.is_empty() || !v.is_finite() {
        return None;
    }
    Some(
        classes
            .iter()
            .position(|c| v <= c.max)
            .unwrap_or(classes.len() - 1),
    )
}

fn ramp_step(i: usize, n: usize) -> usize {
    if n <= 1 {
        return YL_OR_BR.len() / 2;
    }
    // Spread the classes over the whole ramp, lightest first.
    (i * (YL_OR_BR.len() - 1) + (n - 1) / 2) / (n - 1)
}

fn graduated_radius(i: usize, n: usize) -> f32 {
    if n <= 1 {
        return POINT_RADIUS;
    }
    #[allow(clippy::cast_precision_loss)] // n ≤ 7
    let t = i as f32 / (n - 1) as f32;
    MIN_POINT_RADIUS + t * (MAX_POINT_RADIUS - MIN_POINT_RADIUS)
}

/// A fill of base `colour` at `STYLE_FILL_ALPHA` scaled by `fill_opacity`.
#[must_use]
pub fn style_fill(colour: Color32, fill_opacity: f32) -> Color32 {
    let [r, g, b, _] = colour.to_srgba_unmultiplied();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=255
    let a = (f32::from(STYLE_FILL_ALPHA) * fill_opacity.clamp(0.0, 1.0)).round() as u8;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// How a feature of colour `colour` is drawn by the non-GICHD renderers.
fn coloured(colour: Color32, radius: f32, fill_opacity: f32) -> FeatureStyle {
    let [r, g, b, _] = colour.to_srgba_unmultiplied();
    let opaque = Color32::from_rgb(r, g, b);
    FeatureStyle {
        fill: style_fill(opaque, fill_opacity),
        stroke: Stroke::new(OUTLINE_WIDTH, opaque),
        dashed: false,
        dot: opaque,
        point_fill: opaque,
        point_radius: radius,
    }
}

/// A style made ready for drawing: value lookups prepared once, so that styling 200 000
/// features in the mesh builder's threads costs a hash lookup each.
#[derive(Clone, Debug)]
pub struct StyleResolver {
    kind: ResolverKind,
    fill_opacity: f32,
}

#[derive(Clone, Debug)]
enum ResolverKind {
    Gichd,
    Categorised {
        property: String,
        index: HashMap<String, Color32>,
        other: Color32,
        no_value: Color32,
    },
    Graduated {
        property: String,
        classes: Vec<GraduatedClass>,
    },
    Single(Color32),
}

impl Default for StyleResolver {
    fn default() -> Self {
        Self::new(&LayerStyle::default())
    }
}

impl StyleResolver {
    #[must_use]
    pub fn new(style: &LayerStyle) -> Self {
        let kind = match &style.renderer {
            Renderer::Gichd => ResolverKind::Gichd,
            Renderer::Categorised {
                property,
                categories,
                ..
            } => {
                let mut index = HashMap::new();
                let mut other = OTHER_CATEGORY_COLOUR;
                let mut no_value = NO_VALUE_COLOUR;
                for c in categories {
                    match &c.value {
                        CategoryValue::Value(v) => {
                            index.insert(category_key(v), c.colour);
                        }
                        CategoryValue::Other => other = c.colour,
                        CategoryValue::NoValue => no_value = c.colour,
                    }
                }
                ResolverKind::Categorised {
                    property: property.clone(),
                    index,
                    other,
                    no_value,
                }
            }
            Renderer::Graduated {
                property, classes, ..
            } => ResolverKind::Graduated {
                property: property.clone(),
                classes: classes.clone(),
            },
            Renderer::Single { colour } => ResolverKind::Single(*colour),
        };
        Self {
            kind,
            fill_opacity: style.fill_opacity,
        }
    }

    /// The base colour of `feature` under a categorised style (`None` for other renderers).
    #[must_use]
    pub fn category_colour(&self, feature: &Feature) -> Option<Color32> {
        let ResolverKind::Categorised {
            property,
            index,
            other,
            no_value,
        } = &self.kind
        else {
            return None;
        };
        Some(match category_value(feature, property) {
            None => *no_value,
            Some(v) => index.get(&category_key(v)).copied().unwrap_or(*other),
        })
    }

    /// How `feature` of `layer` is drawn.
    #[must_use]
    pub fn feature_style(&self, layer: &Layer, feature: &Feature) -> FeatureStyle {
        match &self.kind {
            ResolverKind::Gichd => {
                let mut fs = feature_style(layer, feature);
                if self.fill_opacity < 1.0 {
                    fs.fill = fs.fill.gamma_multiply(self.fill_opacity.max(0.0));
                }
                fs
            }
            ResolverKind::Categorised { .. } => {
                let colour = self
                    .category_colour(feature)
                    .unwrap_or(OTHER_CATEGORY_COLOUR);
                point_ring(coloured(colour, POINT_RADIUS, self.fill_opacity), feature)
            }
            ResolverKind::Graduated { property, classes } => {
                let (colour, radius) = numeric_value(layer, feature, property)
                    .and_then(|v| class_index(classes, v))
                    .map_or((NO_VALUE_COLOUR, MIN_POINT_RADIUS), |i| {
                        (classes[i].colour, classes[i].radius)
                    });
                point_ring(coloured(colour, radius, self.fill_opacity), feature)
            }
            ResolverKind::Single(colour) => {
                point_ring(coloured(*colour, POINT_RADIUS, self.fill_opacity), feature)
            }
        }
    }
}

/// Point symbols get the white ring incidents have, so they read over any fill.
fn point_ring(mut fs: FeatureStyle, feature: &Feature) -> FeatureStyle {
    if feature.is_point() {
        fs.stroke = Stroke::new(1.5, INCIDENT_RING);
    }
    fs
}

/// How much point symbols shrink when zoomed out: full size from z13, 45 % at z7 (the
/// national view) and below, so that incidents do not bury the hazard areas' markers around
/// them (checked on `examples/overlay_snapshot.rs` pictures of the sample data).
#[must_use]
pub fn point_scale(zoom: f64) -> f32 {
    #[allow(clippy::cast_possible_truncation)] // 0.45..=1
    let s = (0.45 + 0.092 * (zoom - 7.0)).clamp(0.45, 1.0) as f32;
    s
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::float_cmp)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn layer_of(props: Vec<Value>) -> Layer {
        let features = props
            .into_iter()
            .enumerate()
            .map(|(i, p)| Feature {
                properties: p.as_object().cloned().unwrap_or_default().into(),
                #[allow(clippy::cast_precision_loss)]
                geometry: Some(geo::Point::new(47.0 + i as f64 * 0.01, 40.0).into()),
                ..Feature::default()
            })
            .collect();
        Layer::new("t".into(), None, features)
    }

    fn categories(style: &LayerStyle) -> &[Category] {
        match &style.renderer {
            Renderer::Categorised { categories, .. } => categories,
            other => panic!("not categorised: {other:?}"),
        }
    }

    fn classes(style: &LayerStyle) -> &[GraduatedClass] {
        match &style.renderer {
            Renderer::Graduated { classes, .. } => classes,
            other => panic!("not graduated: {other:?}"),
        }
    }

    /// Every odd shape a property takes in real files.
    fn messy_layer() -> Layer {
        layer_of(vec![
            json!({"v": "cha"}),
            json!({"v": "cha"}),
            json!({"v": 1}),
            json!({"v": "1"}),
            json!({"v": 1.0}),
            json!({"v": null}),
            json!({}),
            json!({"v": ["ap_mine", "uxo"]}),
            json!({"v": ["ap_mine"]}),
            json!({"v": []}),
            json!({"v": [null, "x"]}),
            json!({"v": {"nested": {"deep": [1, 2]}}}),
            json!({"v": true}),
            json!({"v": ""}),
            json!({"v": " 7.5 "}),
            json!({"v": "NaN"}),
            json!({"v": 1e308}),
            json!({"v": -3}),
        ])
    }

    #[test]
    fn categorising_mixed_null_missing_nested_and_array_values_counts_every_feature() {
        let layer = messy_layer();
        let style = categorise_with(&layer, "v", Palette::OkabeIto);
        let cats = categories(&style);
        let total: usize = cats.iter().map(|c| c.count).sum();
        assert_eq!(total, layer.features.len());
        // Missing, null, empty array and an array starting with null have no value.
        let none = cats
            .iter()
            .find(|c| c.value == CategoryValue::NoValue)
            .unwrap();
        assert_eq!(none.count, 4);
        // More distinct values than colours: the rest is "Other".
        assert!(cats.iter().any(|c| c.value == CategoryValue::Other));
        assert!(cats.len() <= Palette::OkabeIto.colours().len() + 1);
    }

    #[test]
    fn arrays_are_categorised_by_their_first_element_and_numbers_apart_from_strings() {
        let layer = layer_of(vec![
            json!({"contamination": ["ap_mine", "uxo"]}),
            json!({"contamination": ["ap_mine"]}),
            json!({"contamination": "uxo"}),
            json!({"n": 1}),
            json!({"n": "1"}),
            json!({"n": 1.0}),
        ]);
        let style = categorise(&layer, "contamination");
        let cats = categories(&style);
        let ap = cats
            .iter()
            .find(|c| c.value == CategoryValue::Value("ap_mine".into()))
            .unwrap();
        assert_eq!(ap.count, 2);
        let uxo = cats
            .iter()
            .find(|c| c.value == CategoryValue::Value("uxo".into()))
            .unwrap();
        assert_eq!(uxo.count, 1);

        let style = categorise(&layer, "n");
        let counts: Vec<(String, usize)> = categories(&style)
            .iter()
            .filter(|c| matches!(c.value, CategoryValue::Value(_)))
            .map(|c| (c.label.clone(), c.count))
            .collect();
        // 1 and 1.0 are one number; "1" is text.
        assert_eq!(counts.len(), 2, "{counts:?}");
        assert!(counts.contains(&("1".to_owned(), 2)));
    }

    #[test]
    fn categories_get_distinct_colours_most_frequent_first() {
        let mut props = Vec::new();
        for (value, n) in [("open", 5), ("closed", 3), ("worked_on", 1)] {
            for _ in 0..n {
                props.push(json!({ "status": value }));
            }
        }
        let style = categorise(&layer_of(props), "status");
        let cats = categories(&style);
        let labels: Vec<&str> = cats.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["open", "closed", "worked_on"]);
        let mut colours: Vec<Color32> = cats.iter().map(|c| c.colour).collect();
        colours.dedup();
        assert_eq!(colours.len(), 3);
    }

    #[test]
    fn equal_interval_classes_split_the_range_evenly_and_count_every_value() {
        let layer = layer_of((0..=10).map(|i| json!({ "x": i })).collect());
        let style = graduate(&layer, "x", 5);
        let cs = classes(&style);
        assert_eq!(cs.len(), 5);
        assert_eq!(cs[0].min, 0.0);
        assert_eq!(cs[4].max, 10.0);
        assert!((cs[1].min - 2.0).abs() < 1e-9);
        assert_eq!(cs.iter().map(|c| c.count).sum::<usize>(), 11);
        // Darker and larger as values grow.
        assert!(cs[4].radius > cs[0].radius);
        assert_ne!(cs[0].colour, cs[4].colour);
    }

    #[test]
    fn quantile_classes_hold_about_as_many_features_each_and_merge_equal_breaks() {
        let layer = layer_of((1..=100).map(|i| json!({ "x": i })).collect());
        let cs = classes(&graduate_with(&layer, "x", 4, ClassMethod::Quantile)).to_vec();
        assert_eq!(cs.len(), 4);
        assert!(cs.iter().all(|c| c.count == 25), "{cs:?}");

        // Mostly zeros: the breaks that coincide merge into one class.
        let mut props: Vec<Value> = (0..90).map(|_| json!({"x": 0})).collect();
        props.extend((1..=10).map(|i| json!({ "x": i })));
        let cs = classes(&graduate_with(
            &layer_of(props),
            "x",
            5,
            ClassMethod::Quantile,
        ))
        .to_vec();
        assert!(cs.len() < 5);
        assert_eq!(cs[0].count, 90);
        assert!(cs.windows(2).all(|w| w[0].max < w[1].min));
    }

    #[test]
    fn graduating_messy_values_uses_only_finite_numbers_and_never_panics() {
        let layer = messy_layer();
        for method in ClassMethod::ALL {
            for k in [0, 1, 3, 100] {
                let style = graduate_with(&layer, "v", k, method);
                let cs = classes(&style);
                assert!(!cs.is_empty() && cs.len() <= MAX_CLASSES);
                // 1, "1", 1.0, " 7.5 ", 1e308, -3: "NaN" parses to NaN and is dropped.
                assert_eq!(
                    cs.iter().map(|c| c.count).sum::<usize>(),
                    6,
                    "{method:?} {k}"
                );
            }
        }
        let none = graduate(&layer, "missing", 5);
        assert!(classes(&none).is_empty());
        let one = graduate(&layer_of(vec![json!({"x": 2}), json!({"x": 2})]), "x", 5);
        assert_eq!(classes(&one).len(), 1);
    }

    #[test]
    fn incidents_graduate_by_killed_plus_injured() {
        let mut layer = layer_of(vec![
            json!({"killed": 0, "injured": 1}),
            json!({"killed": 2, "injured": 3}),
            json!({"killed": 4, "injured": 5}),
        ]);
        layer
            .schema
            .set(PropertyRole::Killed, Some("killed".into()));
        layer
            .schema
            .set(PropertyRole::Injured, Some("injured".into()));
        let style = graduate(&layer, CASUALTIES_PROPERTY, 2);
        let cs = classes(&style);
        assert_eq!((cs[0].min, cs.last().unwrap().max), (1.0, 9.0));
        let resolver = StyleResolver::new(&style);
        let small = resolver.feature_style(&layer, &layer.features[0]);
        let large = resolver.feature_style(&layer, &layer.features[2]);
        assert!(large.point_radius > small.point_radius);
    }

    #[test]
    fn a_style_survives_a_settings_round_trip_and_missing_fields_take_defaults() {
        let layer = messy_layer();
        let mut style = categorise(&layer, "v");
        style.labels = Some(LabelStyle {
            property: "v".into(),
            size: 14.0,
        });
        style.fill_opacity = 0.4;
        let text = serde_json::to_string(&style).unwrap();
        let back: LayerStyle = serde_json::from_str(&text).unwrap();
        assert_eq!(back, style);
        let graduated = graduate(&layer, "v", 3);
        let back: LayerStyle =
            serde_json::from_str(&serde_json::to_string(&graduated).unwrap()).unwrap();
        assert_eq!(back, graduated);
        let empty: LayerStyle = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, LayerStyle::default());
    }

    #[test]
    fn hazard_layers_default_to_the_gichd_preset_labelled_by_name() {
        let mut layer = layer_of(vec![json!({"name": "HA-1", "classification": "cha"})]);
        layer.role = LayerRole::HazardAreas;
        layer.schema.set(PropertyRole::Name, Some("name".into()));
        let style = LayerStyle::default_for(&layer);
        assert_eq!(style.renderer, Renderer::Gichd);
        assert_eq!(style.labels.unwrap().property, "name");
        layer.role = LayerRole::Other;
        assert!(matches!(
            LayerStyle::default_for(&layer).renderer,
            Renderer::Single { .. }
        ));
    }

    #[test]
    fn point_symbols_shrink_when_zoomed_out() {
        assert!(point_scale(6.0) < point_scale(12.0));
        assert_eq!(point_scale(16.0), 1.0);
        assert!(point_scale(0.0) > 0.0);
    }
}
