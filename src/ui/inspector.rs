//! The inspector: every property of the selected feature, its geodesic measures and its
//! position in every coordinate format field teams use. Also the hover tooltip.

use crate::analysis::coords::CoordFormat;
use crate::analysis::incidents::IncidentOverview;
use crate::analysis::measures::{FeatureMeasures, MeasureCache};
use crate::i18n::{labels, lang, tr, tr_args};
use crate::model::{Feature, FeatureRef, Layer, PropertyRole, PropertyValue, value_text};
use crate::state::{Command, Workspace};

/// Square metres and hectares in the interface language: `12 345 м² (1,23 га)`.
#[must_use]
pub fn format_area(m2: f64) -> String {
    let lang = lang();
    format!(
        "{} ({})",
        crate::i18n::format::area_m2(m2, lang),
        crate::i18n::format::area_ha(m2, lang)
    )
}

/// Whole metres with the unit of the interface language (`12 345 м`).
fn metres(m: f64) -> String {
    crate::i18n::format::with_unit(m, 0, crate::i18n::format::Unit::M, lang())
}

/// `1234567.8` → `"1,234,568"` (en) or `"1 234 568"` (az, ru, no-break space): a whole
/// number in the interface language, rounded once (`i18n::format::integer`).
#[must_use]
pub fn group_thousands(value: f64) -> String {
    crate::i18n::format::integer(value, crate::i18n::lang())
}

/// The cached measures of a feature (computed now if the cache has none).
fn measures_of(cache: &MeasureCache, r: FeatureRef, feature: &Feature) -> FeatureMeasures {
    cache
        .get(r.layer, r.index)
        .cloned()
        .unwrap_or_else(|| FeatureMeasures::of_feature(feature))
}

pub fn show(
    ui: &mut egui::Ui,
    ws: &Workspace,
    cache: &MeasureCache,
    incidents: Option<(&IncidentOverview, f64)>,
    commands: &mut Vec<Command>,
) {
    ui.heading(tr("inspector-title"));
    let Some(selection) = ws.selection else {
        ui.label(tr("inspector-empty"));
        return;
    };
    let Some((layer, feature)) = ws.feature(selection) else {
        ui.label(tr("inspector-gone"));
        return;
    };
    egui::ScrollArea::vertical().show(ui, |ui| {
        let m = measures_of(cache, selection, feature);
        feature_details(ui, layer, feature, &m, selection, commands);
        if let Some((overview, buffer_m)) = incidents {
            incident_context(ui, ws, selection, overview, buffer_m, commands);
        }
    });
}

/// For an incident, its hazard area (or the nearest one and how far); for a hazard area, the
/// incidents and casualties inside and within the buffer distance.
fn incident_context(
    ui: &mut egui::Ui,
    ws: &Workspace,
    selection: FeatureRef,
    overview: &IncidentOverview,
    buffer_m: f64,
    commands: &mut Vec<Command>,
) {
    let hazard_button = |ui: &mut egui::Ui, hazard: FeatureRef, commands: &mut Vec<Command>| {
        if ui
            .link(ws.display_id(hazard))
            .on_hover_text(tr("inspector-select-it"))
            .clicked()
        {
            commands.push(Command::Select(Some(hazard)));
        }
    };
    if let Some(link) = overview.link(selection) {
        ui.separator();
        egui::Grid::new("incident hazard")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| match link.nearest {
                Some(n) if n.inside => {
                    ui.label(tr("inspector-in-hazard-area"));
                    hazard_button(ui, n.hazard, commands);
                    ui.end_row();
                }
                Some(n) => {
                    ui.label(tr("inspector-nearest-hazard"));
                    ui.horizontal(|ui| {
                        hazard_button(ui, n.hazard, commands);
                        ui.label(tr_args(
                            "inspector-distance-away",
                            &[("distance", n.distance_m.round().into())],
                        ));
                    });
                    ui.end_row();
                }
                None => {
                    ui.label(tr("inspector-hazard-area"));
                    ui.label(tr("inspector-none-loaded"));
                    ui.end_row();
                }
            });
        if link.possible_new_indication {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr("inspector-possible-indication"),
            );
        }
    } else if let Some(n) = overview.report.per_hazard.get(&selection) {
        ui.separator();
        egui::Grid::new("hazard incidents")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                ui.label(tr("inspector-incidents-inside"));
                ui.label(tr_args(
                    "incidents-with-casualties",
                    &[
                        ("incidents", n.incidents_inside.into()),
                        ("casualties", n.casualties_inside.into()),
                    ],
                ));
                ui.end_row();
                ui.label(tr_args(
                    "inspector-within",
                    &[("distance", buffer_m.round().into())],
                ));
                ui.label(tr_args(
                    "incidents-with-casualties",
                    &[
                        ("incidents", n.incidents_within.into()),
                        ("casualties", n.casualties_within.into()),
                    ],
                ));
                ui.end_row();
            });
    }
}

fn feature_details(
    ui: &mut egui::Ui,
    layer: &Layer,
    feature: &Feature,
    m: &FeatureMeasures,
    selection: FeatureRef,
    commands: &mut Vec<Command>,
) {
    let id = feature.display_id(selection.index);
    ui.horizontal(|ui| {
        ui.strong(tr_args("inspector-feature", &[("id", id.as_str().into())]));
        if ui.small_button(tr("inspector-zoom-to")).clicked() {
            commands.push(Command::ZoomToFeature(selection));
        }
        if ui.small_button(tr("inspector-clear")).clicked() {
            commands.push(Command::Select(None));
        }
    });
    ui.weak(tr_args(
        "inspector-feature-of-file",
        &[
            ("layer", layer.name.as_str().into()),
            ("geometry", feature.geometry_type().into()),
            ("index", selection.index.into()),
        ],
    ));
    ui.separator();

    let polygonal = feature.is_polygonal();
    let linear = matches!(
        feature.geometry,
        Some(
            geo::Geometry::LineString(_)
                | geo::Geometry::MultiLineString(_)
                | geo::Geometry::Line(_)
        )
    );
    egui::Grid::new("measures")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            if polygonal {
                ui.label(tr("inspector-area-geodesic"));
                ui.label(format_area(m.area_m2));
                ui.end_row();
                ui.label(tr("inspector-perimeter"));
                ui.label(metres(m.perimeter_m));
                ui.end_row();
            }
            if linear {
                ui.label(tr("inspector-length"));
                ui.label(metres(m.length_m));
                ui.end_row();
            }
            if let Some([lon, lat]) = m.centroid {
                let what = if feature.is_point() {
                    tr("inspector-position")
                } else {
                    tr("inspector-centroid")
                };
                for f in CoordFormat::ALL {
                    ui.label(format!("{what} ({})", labels::coord_format(f, lang())));
                    ui.add(egui::Label::new(f.format(lon, lat)).selectable(true));
                    ui.end_row();
                }
            }
        });
    if !feature.notes.is_empty() {
        ui.separator();
        for n in &feature.notes {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr_args(
                    "inspector-note",
                    &[("message", crate::i18n::qa::note_message(n, lang()).into())],
                ),
            );
        }
    }
    ui.separator();
    ui.strong(tr("inspector-properties"));
    egui::Grid::new("properties")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            // The value being edited (a draft kept in egui's memory): feature, key, text, and
            // whether the text field still has to take the focus.
            let edit_id = egui::Id::unique("inspector value edit");
            let mut editing: Option<(FeatureRef, String, String, bool)> =
                ui.data(|d| d.get_temp(edit_id)).flatten();
            for (k, v) in feature.properties.iter() {
                ui.label(k);
                match &mut editing {
                    Some((r, key, text, focus)) if *r == selection && key == k => {
                        let response =
                            ui.add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY));
                        if *focus {
                            response.request_focus();
                            *focus = false;
                        }
                        let (enter, escape) = ui.input(|i| {
                            (
                                i.key_pressed(egui::Key::Enter),
                                i.key_pressed(egui::Key::Escape),
                            )
                        });
                        if enter {
                            commands.push(Command::SetProperty {
                                layer: selection.layer,
                                indices: vec![selection.index],
                                key: k.to_owned(),
                                value: crate::state::table::typed_value(text, Some(v)),
                            });
                        }
                        if enter || escape {
                            editing = None;
                        }
                    }
                    _ => {
                        let text = match v {
                            PropertyValue::Array(_) | PropertyValue::Object(_) => v.to_string(),
                            _ => value_text(v),
                        };
                        // A code (`cha`) reads by its name and a date in the language's
                        // order; the edit field still gets the value as the file has it.
                        let lang = lang();
                        let shown = match v.as_str() {
                            Some(s) if layer.schema.key(PropertyRole::Date) == Some(k) => {
                                crate::i18n::format::date(s, lang)
                            }
                            Some(s) => labels::coded_value(layer, k, s, lang)
                                .map_or_else(|| text.clone(), str::to_owned),
                            None => text.clone(),
                        };
                        let hint = if shown == text {
                            tr("inspector-click-to-edit").to_owned()
                        } else {
                            format!("{text}\n{}", tr("inspector-click-to-edit"))
                        };
                        let response = ui
                            .add(egui::Button::new(shown).frame(false).wrap())
                            .on_hover_text(hint);
                        if response.clicked() {
                            editing = Some((selection, k.to_owned(), text, true));
                        }
                    }
                }
                ui.end_row();
            }
            ui.data_mut(|d| d.insert_temp(edit_id, editing));
        });
    if !feature.foreign_members.is_empty() {
        ui.separator();
        ui.strong(tr("inspector-other-members"));
        egui::Grid::new("foreign")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for (k, v) in feature.foreign_members.iter() {
                    ui.label(k);
                    ui.add(egui::Label::new(v.to_string()).selectable(true).wrap());
                    ui.end_row();
                }
            });
    }
}

/// The tooltip beside the pointer over a feature: id, name, classification, status, area.
pub fn hover_tooltip(ui: &egui::Ui, ws: &Workspace, cache: &MeasureCache, hovered: FeatureRef) {
    let Some((layer, feature)) = ws.feature(hovered) else {
        return;
    };
    egui::Tooltip::always_open(
        ui.ctx().clone(),
        ui.layer_id(),
        egui::Id::unique("map hover"),
        egui::PopupAnchor::Pointer,
    )
    .gap(12.0)
    .show(|ui| {
        ui.strong(feature.display_id(hovered.index));
        let s = &layer.schema;
        for role in [
            PropertyRole::Name,
            PropertyRole::Classification,
            PropertyRole::Status,
            PropertyRole::Date,
        ] {
            let lang = lang();
            // Coded values and dates read in the interface language; names are data.
            let shown = match role {
                PropertyRole::Classification => s
                    .classification(feature)
                    .map(|c| labels::classification(c, lang).to_owned()),
                PropertyRole::Status => s
                    .status(feature)
                    .map(|st| labels::status(st, lang).to_owned()),
                PropertyRole::Date => s
                    .text(feature, role)
                    .map(|d| crate::i18n::format::date(&d, lang)),
                _ => None,
            };
            if let Some(t) = shown.or_else(|| s.text(feature, role)) {
                ui.label(format!("{}: {t}", labels::property_role(role, lang)));
            }
        }
        if let Some(c) = s.casualties(feature) {
            ui.label(tr_args("inspector-casualties", &[("count", c.into())]));
        }
        if feature.is_polygonal() {
            let area = measures_of(cache, hovered, feature).area_m2;
            ui.label(tr_args(
                "inspector-area",
                &[("area", format_area(area).into())],
            ));
        }
    });
}
