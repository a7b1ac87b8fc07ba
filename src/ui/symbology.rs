//! The symbology panel of one layer (renderer, property, classes, palette, labels, fill
//! opacity) and its legend. Both only read: the style editor returns the new style when the
//! user changed something, the legend returns the entry clicked; the app applies them.

use crate::i18n::tr;
use egui::{ComboBox, Sense};

use crate::map::style::legend::legend as legend_of;
use crate::map::style::{
    self, CASUALTIES_PROPERTY, ClassMethod, LabelStyle, LayerStyle, LegendEntry, Palette, Renderer,
    categorise_with, graduate_with,
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
    let kinds = [
        tr("style-gichd"),
        tr("style-categorised"),
        tr("style-graduated"),
        tr("style-single"),
    ];
    let mut kind = match current.renderer {
        Renderer::Gichd => 0,
        Renderer::Categorised { .. } => 1,
        Renderer::Graduated { .. } => 2,
        Renderer::Single { .. } => 3,
    };
    let before = kind;
    ComboBox::from_label(tr("style-style"))
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
            ui.weak(tr("style-gichd-note"));
        }
        Renderer::Categorised {
            property, palette, ..
        } => {
            let mut p = property.clone();
            let mut pal = *palette;
            property_combo(
                ui,
                ("cat_property", id),
                tr("style-property"),
                &keys,
                &mut p,
            );
            ComboBox::new(("palette", id), tr("style-palette"))
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
            property_combo(
                ui,
                ("grad_property", id),
                tr("style-property"),
                &numeric,
                &mut p,
            );
            ComboBox::new(("method", id), tr("style-method"))
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
                .text(tr("style-classes")),
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
                ui.label(tr("style-colour"));
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
    ui.add(egui::Slider::new(&mut opacity, 0.0..=1.0).text(tr("style-fill-opacity")));
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
    ui.checkbox(&mut on, tr("style-labels"));
    if on {
        property_combo(
            ui,
            ("label_property", id),
            tr("style-label"),
            &keys,
            &mut labels.property,
        );
        ui.add(egui::Slider::new(&mut labels.size, 8.0..=24.0).text(tr("style-size")));
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
    ComboBox::new(id, label)
        .selected_text(value.as_str())
        .show_ui(ui, |ui| {
            for k in keys {
                ui.selectable_value(value, k.clone(), k);
            }
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
    ui.push_id(("legend", layer.id), |ui| legend_rows(ui, entries, shown))
        .inner
}

fn legend_rows(
    ui: &mut egui::Ui,
    entries: &[LegendEntry],
    shown: Option<&[usize]>,
) -> Option<LegendClick> {
    let mut clicked = None;
    for (i, e) in entries.iter().enumerate() {
        let count = match shown.and_then(|s| s.get(i)) {
            Some(n) => format!(
                "{} / {}",
                crate::i18n::format::count(*n, crate::i18n::lang()),
                crate::i18n::format::count(e.count, crate::i18n::lang())
            ),
            None => crate::i18n::format::count(e.count, crate::i18n::lang()),
        };
        let row = ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), Sense::hover());
            swatch(ui.painter(), rect, e);
            let label = if e.filter_value.is_some() {
                ui.add(egui::Label::new(&e.label).sense(Sense::click()))
                    .on_hover_text(tr("style-legend-click-hint"))
            } else {
                ui.label(&e.label)
            };
            ui.weak(count);
            label.clicked()
        });
        if row.inner
            && let Some(filter_value) = &e.filter_value
        {
            clicked = Some(LegendClick {
                entry: i,
                filter_value: filter_value.clone(),
            });
        }
    }
    clicked
}

/// A legend swatch (drawn by the map's legend code, so map images show the same).
fn swatch(painter: &egui::Painter, rect: egui::Rect, e: &LegendEntry) {
    crate::map::style::legend::paint_swatch(painter, rect, e);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::cell::RefCell;

    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use serde_json::json;

    use super::*;
    use crate::map::style::categorise;
    use crate::model::Feature;

    fn status_layer() -> Layer {
        let features = ["open", "open", "closed"]
            .iter()
            .enumerate()
            .map(|(i, s)| Feature {
                properties: json!({ "status": s }).as_object().unwrap().clone().into(),
                #[allow(clippy::cast_precision_loss)]
                geometry: Some(geo::Point::new(47.0 + i as f64 * 0.01, 40.0).into()),
                ..Feature::default()
            })
            .collect();
        Layer::new("incidents".into(), None, features)
    }

    #[test]
    fn clicking_a_category_in_the_legend_returns_its_filter_value() {
        let layer = status_layer();
        let style = categorise(&layer, "status");
        let entries = legend(&layer, &style);
        let clicked: RefCell<Option<LegendClick>> = RefCell::new(None);
        let mut harness = Harness::new_ui(|ui| {
            if let Some(c) = show_legend(ui, &layer, &entries, Some(&[1, 1])) {
                *clicked.borrow_mut() = Some(c);
            }
        });
        // The status code reads by its name; the filter still gets the value as written.
        harness.get_by_label("Closed").click();
        harness.run();
        drop(harness);
        let c = clicked.into_inner().unwrap();
        assert_eq!(c.filter_value, ("status".to_owned(), "closed".into()));
        assert_eq!(entries[c.entry].label, "Closed");
    }

    #[test]
    fn the_editor_returns_nothing_until_the_user_changes_something() {
        let layer = status_layer();
        let style = categorise(&layer, "status");
        let changed: RefCell<Option<LayerStyle>> = RefCell::new(None);
        let mut harness = Harness::new_ui(|ui| {
            if let Some(s) = show(ui, &layer, &style) {
                *changed.borrow_mut() = Some(s);
            }
        });
        harness.run();
        assert!(changed.borrow().is_none());
        harness.get_by_label("Labels").click();
        harness.run();
        drop(harness);
        let s = changed.into_inner().unwrap();
        assert!(s.labels.is_some());
        assert_eq!(s.renderer, style.renderer);
    }
}
