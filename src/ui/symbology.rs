//! The symbology panel of one layer (renderer, property, classes, palette, labels, fill
//! opacity) and its legend. Both only read: the style editor returns the new style when the
//! user changed something, the legend returns the entry clicked; the app applies them.

use egui::{ComboBox, Sense, Stroke};

use crate::map::style::legend::legend as legend_of;
use crate::map::style::{
    self, CASUALTIES_PROPERTY, ClassMethod, LabelStyle, LayerStyle, LegendEntry, LegendSymbol,
    Palette, Renderer, categorise_with, graduate_with,
};
use crate::model::{Layer, LayerRole, PropertyRole, PropertyValue};

/// Classes a new graduated style gets.
const DEFAULT_CLASSES: usize = 5;

/// A click on a legend row that stands for one value of one property.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendClick {
    /// Index of the row in the legend.
    pub entry: usize,
    /// The property and value to toggle in the layer's filter.
    pub filter_value: (String, PropertyValue),
}

/// The property a new categorised style of `layer` uses: classification or status for hazard
/// areas, accident type for incidents, else the first property.
fn default_category_property(layer: &Layer, keys: &[String]) -> Option<String> {
    let preferred = match layer.role {
        LayerRole::HazardAreas => layer
            .schema
            .key(PropertyRole::Classification)
            .or_else(|| layer.schema.key(PropertyRole::Status)),
        LayerRole::Incidents => Some("accident_type"),
        _ => None,
    };
    preferred
        .filter(|p| keys.iter().any(|k| k == p))
        .map(str::to_owned)
        .or_else(|| keys.first().cloned())
}

/// The properties offered for graduation: killed + injured first for incidents (the usual
/// graduated use), then the properties with a number in the first features that have them.
fn numeric_properties(layer: &Layer, keys: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if layer.role == LayerRole::Incidents
        || layer.schema.key(PropertyRole::Killed).is_some()
        || layer.schema.key(PropertyRole::Casualties).is_some()
    {
        out.push(CASUALTIES_PROPERTY.to_owned());
    }
    for k in keys {
        let numeric = layer
            .features
            .iter()
            .filter_map(|f| f.properties.get(k))
            .find(|v| !v.is_null())
            .is_some_and(|v| style::numeric_value_of(v).is_some());
        if numeric {
            out.push(k.clone());
        }
    }
    out
}

/// The style editor. Returns the new style when the user changed something.
pub fn show(ui: &mut egui::Ui, layer: &Layer, current: &LayerStyle) -> Option<LayerStyle> {
    let keys = layer.property_keys();
    let mut next: Option<LayerStyle> = None;
    let id = layer.id;

    // Renderer kind.
    let kinds = ["GICHD preset", "Categorised", "Graduated", "Single colour"];
    let mut kind = match current.renderer {
        Renderer::Gichd => 0,
        Renderer::Categorised { .. } => 1,
        Renderer::Graduated { .. } => 2,
        Renderer::Single { .. } => 3,
    };
    let before = kind;
    ComboBox::from_label("Style")
        .selected_text(kinds[kind])
        .show_ui(ui, |ui| {
            for (i, k) in kinds.iter().enumerate() {
                ui.selectable_value(&mut kind, i, *k);
            }
        });
    if kind != before {
        let mut s = match kind {
            1 => default_category_property(layer, &keys).map_or_else(LayerStyle::default, |p| {
                categorise_with(layer, &p, Palette::default())
            }),
            2 => numeric_properties(layer, &keys)
                .first()
                .map_or_else(LayerStyle::default, |p| {
                    graduate_with(layer, p, DEFAULT_CLASSES, ClassMethod::default())
                }),
            3 => LayerStyle {
                renderer: Renderer::Single {
                    colour: style::OTHER_OUTLINE,
                },
                ..LayerStyle::default()
            },
            _ => LayerStyle::default(),
        };
        s.labels.clone_from(&current.labels);
        s.fill_opacity = current.fill_opacity;
        next = Some(s);
    }

    // The renderer's own settings.
    match &current.renderer {
        Renderer::Gichd => {
            ui.weak("Fill by classification, outline by status (GICHD TN 07.11/01).");
        }
        Renderer::Categorised {
            property, palette, ..
        } => {
            let mut p = property.clone();
            let mut pal = *palette;
            property_combo(ui, ("cat_property", id), "Property", &keys, &mut p);
            ComboBox::from_id_salt(("palette", id))
                .selected_text(pal.label())
                .show_ui(ui, |ui| {
                    for candidate in Palette::ALL {
                        ui.selectable_value(&mut pal, candidate, candidate.label());
                    }
                });
            if p != *property || pal != *palette {
                let mut s = categorise_with(layer, &p, pal);
                s.labels.clone_from(&current.labels);
                s.fill_opacity = current.fill_opacity;
                next = Some(s);
            }
        }
        Renderer::Graduated {
            property,
            method,
            classes,
        } => {
            let numeric = numeric_properties(layer, &keys);
            let mut p = property.clone();
            let mut m = *method;
            let mut n = classes.len().max(style::layer_style::MIN_CLASSES);
            property_combo(ui, ("grad_property", id), "Property", &numeric, &mut p);
            ComboBox::from_id_salt(("method", id))
                .selected_text(m.label())
                .show_ui(ui, |ui| {
                    for candidate in ClassMethod::ALL {
                        ui.selectable_value(&mut m, candidate, candidate.label());
                    }
                });
            ui.add(
                egui::Slider::new(
                    &mut n,
                    style::layer_style::MIN_CLASSES..=style::layer_style::MAX_CLASSES,
                )
                .text("classes"),
            );
            if p != *property || m != *method || n != classes.len() {
                let mut s = graduate_with(layer, &p, n, m);
                s.labels.clone_from(&current.labels);
                s.fill_opacity = current.fill_opacity;
                next = Some(s);
            }
        }
        Renderer::Single { colour } => {
            let mut c = *colour;
            ui.horizontal(|ui| {
                ui.label("Colour");
                egui::color_picker::color_edit_button_srgba(
                    ui,
                    &mut c,
                    egui::color_picker::Alpha::Opaque,
                );
            });
            if c != *colour {
                let mut s = current.clone();
                s.renderer = Renderer::Single { colour: c };
                next = Some(s);
            }
        }
    }

    // Fill opacity.
    let mut opacity = current.fill_opacity;
    ui.add(egui::Slider::new(&mut opacity, 0.0..=1.0).text("fill opacity"));
    if opacity.to_bits() != current.fill_opacity.to_bits() {
        let mut s = next.take().unwrap_or_else(|| current.clone());
        s.fill_opacity = opacity;
        next = Some(s);
    }

    // Labels.
    let mut on = current.labels.is_some();
    let mut labels = current.labels.clone().unwrap_or_else(|| LabelStyle {
        property: layer
            .schema
            .key(PropertyRole::Name)
            .map(str::to_owned)
            .or_else(|| keys.first().cloned())
            .unwrap_or_default(),
        ..LabelStyle::default()
    });
    ui.checkbox(&mut on, "Labels");
    if on {
        property_combo(
            ui,
            ("label_property", id),
            "Label",
            &keys,
            &mut labels.property,
        );
        ui.add(egui::Slider::new(&mut labels.size, 8.0..=24.0).text("size"));
    }
    let new_labels = on.then_some(labels);
    if new_labels != current.labels {
        let mut s = next.take().unwrap_or_else(|| current.clone());
        s.labels = new_labels;
        next = Some(s);
    }
    next
}

fn property_combo(
    ui: &mut egui::Ui,
    id: impl egui::AsIdSalt,
    label: &str,
    keys: &[String],
    value: &mut String,
) {
    ui.horizontal(|ui| {
        ui.label(label);
        ComboBox::from_id_salt(id)
            .selected_text(value.as_str())
            .show_ui(ui, |ui| {
                for k in keys {
                    ui.selectable_value(value, k.clone(), k);
                }
            });
    });
}

/// The legend of `layer` under `style`, as [`style::legend`] computes it. Call it when the
/// style or the data changed, not every frame: it looks at every feature.
#[must_use]
pub fn legend(layer: &Layer, style: &LayerStyle) -> Vec<LegendEntry> {
    legend_of(layer, style)
}

/// Draws `entries` (from [`legend`]) with swatches drawn as the map draws them, each with its
/// count — "shown / total" when `shown` gives the counts under the layer's filter. Returns the
/// row clicked, when that row stands for one value of one property.
pub fn show_legend(
    ui: &mut egui::Ui,
    layer: &Layer,
    entries: &[LegendEntry],
    shown: Option<&[usize]>,
) -> Option<LegendClick> {
    let mut clicked = None;
    for (i, e) in entries.iter().enumerate() {
        let count = match shown.and_then(|s| s.get(i)) {
            Some(n) => format!("{n} / {}", e.count),
            None => e.count.to_string(),
        };
        let row = ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), Sense::hover());
            swatch(ui.painter(), rect, e);
            ui.label(&e.label);
            ui.weak(count);
        });
        if let Some(filter_value) = &e.filter_value {
            let response = ui
                .interact(
                    row.response.rect,
                    ui.scope_id().with(("legend", layer.id, i)),
                    Sense::click(),
                )
                .on_hover_text("Click to show or hide these features");
            if response.clicked() {
                clicked = Some(LegendClick {
                    entry: i,
                    filter_value: filter_value.clone(),
                });
            }
        }
    }
    clicked
}

/// A legend swatch: the fill over the basemap's land colour with its outline (dashed as on the
/// map), or a point symbol with its ring.
fn swatch(painter: &egui::Painter, rect: egui::Rect, e: &LegendEntry) {
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
                Stroke::new(e.stroke.width, e.stroke.color),
            );
        }
    }
}
