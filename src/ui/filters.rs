//! The filter panel of a layer: category checkboxes with live counts, a date range with
//! quick picks, numeric ranges, free text, "only in the current view", "within D m of the
//! selected feature" — all written as one CQL2 expression that is shown and can be edited
//! by hand. Every change is a command; the panel only keeps drafts of what is being typed.

use crate::i18n::{labels, lang, tr, tr_args};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::analysis::buffer::buffer_wkt;
use crate::map::projection::{ViewTransform, world_to_lonlat};
use crate::map::style::{LayerStyle, LegendEntry};
use crate::model::{Layer, LayerId, PropertyRole};
use crate::state::filters::{
    CategoryValues, DateRange, FilterBuilder, Near, NumericRange, category_counts,
};
use crate::state::{Command, Workspace};
use crate::ui::symbology;

/// The computed measures a numeric range can use besides the layer's properties.
const COMPUTED_NUMBERS: [&str; 2] = ["geodesic_area_m2", "geodesic_perimeter_m"];

/// A property's categories with their (total, shown) counts.
pub type Counts = Arc<(CategoryValues, BTreeMap<String, (usize, usize)>)>;

/// What category counts were counted from: revision, length, filter generation.
type CountsKey = (u64, usize, u64);

/// What the filter panels are typing, per layer, and cached category counts.
#[derive(Default)]
pub struct FilterForm {
    /// The expression in the text box, while it differs from the applied one.
    drafts: HashMap<LayerId, String>,
    /// Properties the user added as category lists.
    extra_categories: HashMap<LayerId, Vec<String>>,
    /// Numeric-range drafts: property, min, max.
    range_drafts: HashMap<LayerId, (String, String, String)>,
    /// Date-range drafts: property, from, to.
    date_drafts: HashMap<LayerId, (String, String, String)>,
    text_drafts: HashMap<LayerId, String>,
    near_m: HashMap<LayerId, f64>,
    counts: HashMap<(LayerId, String), (CountsKey, Counts)>,
    legends: HashMap<LayerId, (LegendKey, Legend)>,
}

/// A layer's legend rows, and how many features of each row pass the filter (when filtered).
pub type Legend = Arc<(Vec<LegendEntry>, Option<Vec<usize>>)>;
/// What a legend was computed from: revision, length, filter generation, style.
type LegendKey = (u64, usize, u64, String, crate::i18n::Lang);

impl FilterForm {
    /// The categories of `property` with (total, shown) counts, counted again only when the
    /// data or the filter changed.
    pub fn counts(&mut self, ws: &Workspace, layer: &Layer, property: &str) -> Counts {
        let key = (
            layer.revision,
            layer.features.len(),
            ws.filter(layer.id).map_or(0, |f| f.generation),
        );
        if let Some((k, c)) = self.counts.get(&(layer.id, property.to_owned()))
            && *k == key
        {
            return c.clone();
        }
        let counts: Counts = Arc::new(category_counts(layer, property, ws.mask(layer.id)));
        self.counts
            .insert((layer.id, property.to_owned()), (key, counts.clone()));
        counts
    }
}

impl FilterForm {
    /// The layer's legend under `style` with the counts under its filter, computed again only
    /// when the data, the filter or the style changed (it looks at every feature).
    pub fn legend(&mut self, ws: &Workspace, layer: &Layer, style: &LayerStyle) -> Legend {
        let filter = ws.filter(layer.id);
        let key = (
            layer.revision,
            layer.features.len(),
            filter.map_or(0, |f| f.generation),
            format!("{style:?}"),
            // Legend rows are labelled in the interface language.
            crate::i18n::lang(),
        );
        if let Some((k, l)) = self.legends.get(&layer.id)
            && *k == key
        {
            return l.clone();
        }
        let entries = symbology::legend(layer, style);
        let shown = ws.mask(layer.id).map(|mask| {
            let counted = crate::map::style::legend_shown(layer, style, Some(mask));
            entries
                .iter()
                .map(|e| {
                    counted
                        .iter()
                        .find(|c| c.label == e.label)
                        .map_or(0, |c| c.count)
                })
                .collect()
        });
        let legend: Legend = Arc::new((entries, shown));
        self.legends.insert(layer.id, (key, legend.clone()));
        legend
    }
}

/// The builder to change: the applied one, with the layer's properties for free text.
pub(crate) fn current_builder(ws: &Workspace, layer: &Layer) -> FilterBuilder {
    let mut b = ws
        .filter(layer.id)
        .map(|f| f.builder.clone())
        .unwrap_or_default();
    if b.text_properties.is_empty() {
        b.text_properties = layer.property_keys();
    }
    b
}

/// The categorical properties listed by default: those playing a categorical role.
fn default_category_properties(layer: &Layer) -> Vec<String> {
    [
        PropertyRole::Classification,
        PropertyRole::Status,
        PropertyRole::Contamination,
        PropertyRole::Region,
    ]
    .into_iter()
    .filter_map(|r| layer.schema.key(r).map(str::to_owned))
    .collect()
}

/// Today as an ISO date (UTC).
fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

/// Longitude/latitude bounds of the map view, `[min lon, min lat, max lon, max lat]`.
#[must_use]
pub fn view_bbox(view: &ViewTransform) -> [f64; 4] {
    let [[x0, y0], [x1, y1]] = view.visible_world();
    let (lon0, lat_a) = world_to_lonlat([x0, y0]);
    let (lon1, lat_b) = world_to_lonlat([x1, y1]);
    let round = |v: f64| (v * 1e6).round() / 1e6;
    [
        round(lon0.min(lon1)),
        round(lat_a.min(lat_b)),
        round(lon0.max(lon1)),
        round(lat_a.max(lat_b)),
    ]
}

/// The filter section of one layer in the layers panel.
#[allow(clippy::too_many_lines)] // one panel, laid out top to bottom
pub fn show(
    ui: &mut egui::Ui,
    ws: &Workspace,
    layer: &Layer,
    form: &mut FilterForm,
    view: Option<&ViewTransform>,
    commands: &mut Vec<Command>,
) {
    let id = layer.id;
    let filter = ws.filter(id);
    let builder = current_builder(ws, layer);
    let push = |b: FilterBuilder, commands: &mut Vec<Command>| {
        commands.push(Command::SetFilterBuilder {
            layer: id,
            builder: Box::new(b),
        });
    };

    // Keep "only in the current view" on the view once the user stops moving the map.
    if let (Some(bbox), Some(view)) = (builder.in_view, view)
        && !ui.ctx().input(|i| i.pointer.any_down())
        && view_bbox(view) != bbox
    {
        let mut b = builder.clone();
        b.in_view = Some(view_bbox(view));
        push(b, commands);
    }

    // --- Categories.
    let mut properties = default_category_properties(layer);
    for p in form.extra_categories.get(&id).into_iter().flatten() {
        if !properties.contains(p) {
            properties.push(p.clone());
        }
    }
    for property in &properties {
        let counts = form.counts(ws, layer, property);
        let (cats, counts) = (&counts.0, &counts.1);
        let hidden = builder.hidden.get(property);
        egui::CollapsingHeader::new(format!("{property} ({})", counts.len()))
            .id_salt(("filter categories", id, property))
            .default_open(counts.len() <= 8)
            .show(ui, |ui| {
                for (value, (total, shown)) in counts {
                    let mut ticked = hidden.is_none_or(|h| !h.contains(value));
                    // A coded value reads in the interface language; the data's own spelling
                    // is the tooltip.
                    let shown_value = labels::coded_value(layer, property, value, lang());
                    let text = format!("{} ({shown}/{total})", shown_value.unwrap_or(value));
                    let check = ui.checkbox(&mut ticked, text);
                    let check = match shown_value {
                        Some(_) => check.on_hover_text(value.as_str()),
                        None => check,
                    };
                    if check.changed() {
                        let mut b = builder.clone();
                        b.categories.insert(property.clone(), cats.clone());
                        let set = b.hidden.entry(property.clone()).or_default();
                        if ticked {
                            set.remove(value);
                        } else {
                            set.insert(value.clone());
                        }
                        push(b, commands);
                    }
                }
                ui.horizontal(|ui| {
                    if ui.small_button(tr("filter-all")).clicked() {
                        let mut b = builder.clone();
                        b.hidden.remove(property);
                        push(b, commands);
                    }
                    if ui.small_button(tr("filter-none")).clicked() {
                        let mut b = builder.clone();
                        b.categories.insert(property.clone(), cats.clone());
                        b.hidden
                            .insert(property.clone(), counts.keys().cloned().collect());
                        push(b, commands);
                    }
                });
            });
    }
    let keys = layer.property_keys();
    egui::ComboBox::from_id_salt(("add category list", id))
        .selected_text(tr("filter-add-category-list"))
        .show_ui(ui, |ui| {
            for k in keys.iter().filter(|k| !properties.contains(k)) {
                if ui.selectable_label(false, k).clicked() {
                    form.extra_categories.entry(id).or_default().push(k.clone());
                }
            }
        });

    // --- Date range.
    let date_key = layer
        .schema
        .key(PropertyRole::Date)
        .map(str::to_owned)
        .or_else(|| keys.iter().find(|k| k.contains("date")).cloned())
        .unwrap_or_default();
    let draft = form.date_drafts.entry(id).or_insert_with(|| {
        builder.dates.as_ref().map_or_else(
            || (date_key.clone(), String::new(), String::new()),
            |d| {
                (
                    d.property.clone(),
                    d.from.clone().unwrap_or_default(),
                    d.to.clone().unwrap_or_default(),
                )
            },
        )
    });
    ui.horizontal(|ui| {
        let label = ui.label(tr("filter-date"));
        egui::ComboBox::from_id_salt(("date property", id))
            .selected_text(draft.0.as_str())
            .show_ui(ui, |ui| {
                for k in &keys {
                    ui.selectable_value(&mut draft.0, k.clone(), k);
                }
            })
            .response
            .labelled_by(label.id);
    });
    let mut apply_dates = false;
    ui.horizontal(|ui| {
        let entered =
            |r: &egui::Response| r.lost_focus() && r.ctx.input(|i| i.key_pressed(egui::Key::Enter));
        let label = ui.label(tr("filter-from"));
        let from = ui
            .add(
                egui::TextEdit::singleline(&mut draft.1)
                    .hint_text(tr("filter-date-hint"))
                    .desired_width(80.0),
            )
            .labelled_by(label.id);
        let label = ui.label(tr("filter-to"));
        let to = ui
            .add(
                egui::TextEdit::singleline(&mut draft.2)
                    .hint_text(tr("filter-date-hint"))
                    .desired_width(80.0),
            )
            .labelled_by(label.id);
        apply_dates =
            entered(&from) || entered(&to) || ui.small_button(tr("filter-apply-dates")).clicked();
    });
    ui.horizontal(|ui| {
        let today = today();
        let quick = [
            (
                tr("filter-last-12-months"),
                today.checked_sub(jiff::Span::new().years(1)).ok(),
            ),
            (
                tr("filter-last-30-days"),
                today.checked_sub(jiff::Span::new().days(30)).ok(),
            ),
            (tr("filter-this-year"), Some(today.first_of_year())),
        ];
        for (label, from) in quick {
            if ui.small_button(label).clicked()
                && let Some(from) = from
            {
                draft.1 = from.to_string();
                draft.2.clear();
                apply_dates = true;
            }
        }
        if builder.dates.is_some() && ui.small_button(tr("filter-any-date")).clicked() {
            draft.1.clear();
            draft.2.clear();
            apply_dates = true;
        }
    });
    if apply_dates {
        let mut b = builder.clone();
        let nonempty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let (from, to) = (nonempty(&draft.1), nonempty(&draft.2));
        b.dates = (from.is_some() || to.is_some()).then(|| DateRange {
            property: draft.0.clone(),
            from,
            to,
        });
        push(b, commands);
    }

    // --- Numeric ranges.
    for (i, r) in builder.ranges.iter().enumerate() {
        ui.horizontal(|ui| {
            let fmt = |v: Option<f64>| v.map_or_else(|| "…".to_owned(), |v| v.to_string());
            ui.label(format!("{}: {} – {}", r.property, fmt(r.min), fmt(r.max)));
            if ui
                .small_button(tr("filter-remove"))
                .on_hover_text(tr("filter-remove-range"))
                .clicked()
            {
                let mut b = builder.clone();
                b.ranges.remove(i);
                push(b, commands);
            }
        });
    }
    let draft = form
        .range_drafts
        .entry(id)
        .or_insert_with(|| (COMPUTED_NUMBERS[0].to_owned(), String::new(), String::new()));
    ui.horizontal(|ui| {
        let label = ui.label(tr("filter-range"));
        egui::ComboBox::from_id_salt(("range property", id))
            .selected_text(draft.0.as_str())
            .show_ui(ui, |ui| {
                for k in COMPUTED_NUMBERS
                    .iter()
                    .map(|s| (*s).to_owned())
                    .chain(keys.iter().cloned())
                {
                    let text = k.clone();
                    ui.selectable_value(&mut draft.0, k, text);
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut draft.1)
                .hint_text(tr("filter-min"))
                .desired_width(70.0),
        );
        ui.add(
            egui::TextEdit::singleline(&mut draft.2)
                .hint_text(tr("filter-max"))
                .desired_width(70.0),
        );
        if ui.small_button(tr("filter-add-range")).clicked() {
            let parse = |s: &str| s.trim().replace(',', ".").parse::<f64>().ok();
            let (min, max) = (parse(&draft.1), parse(&draft.2));
            if min.is_some() || max.is_some() {
                let mut b = builder.clone();
                b.ranges.push(NumericRange {
                    property: draft.0.clone(),
                    min,
                    max,
                });
                push(b, commands);
                draft.1.clear();
                draft.2.clear();
            }
        }
    });

    // --- Free text, view, distance.
    let text = form
        .text_drafts
        .entry(id)
        .or_insert_with(|| builder.text.clone());
    ui.horizontal(|ui| {
        let label = ui.label(tr("filter-text"));
        let r = ui
            .add(
                egui::TextEdit::singleline(text)
                    .hint_text(tr("filter-text-hint"))
                    .desired_width(140.0),
            )
            .labelled_by(label.id);
        if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && *text != builder.text
        {
            let mut b = builder.clone();
            b.text.clone_from(text);
            push(b, commands);
        }
    });
    let mut in_view = builder.in_view.is_some();
    if ui
        .add_enabled(
            view.is_some(),
            egui::Checkbox::new(&mut in_view, tr("filter-in-view")),
        )
        .changed()
    {
        let mut b = builder.clone();
        b.in_view = if in_view { view.map(view_bbox) } else { None };
        push(b, commands);
    }
    let near_m = form.near_m.entry(id).or_insert(500.0);
    let selected = ws
        .selection
        .and_then(|r| Some((ws.display_id(r), ws.feature(r)?.1.geometry.clone()?)));
    ui.horizontal(|ui| {
        let mut near = builder.near.is_some();
        let check = ui.add_enabled(
            selected.is_some() || near,
            egui::Checkbox::new(&mut near, tr("filter-within")),
        );
        let distance = ui.add(
            crate::ui::number_field(egui::DragValue::new(near_m))
                .range(0.0..=100_000.0)
                .speed(10.0)
                .suffix(crate::i18n::format::unit_suffix(
                    crate::i18n::format::Unit::M,
                )),
        );
        ui.label(builder.near.as_ref().map_or_else(
            || tr("filter-of-selected").to_owned(),
            |n| {
                tr_args(
                    "filter-of-feature",
                    &[("feature", n.feature.as_str().into())],
                )
            },
        ));
        let retarget = near && (distance.drag_stopped() || distance.lost_focus());
        if check.changed() || retarget {
            let mut b = builder.clone();
            b.near = if near {
                let (feature, geometry) = match (&selected, &builder.near) {
                    (Some((fid, g)), _) => (fid.clone(), Some(g)),
                    (None, Some(n)) => (n.feature.clone(), None),
                    (None, None) => (String::new(), None),
                };
                geometry
                    .and_then(|g| buffer_wkt(g, *near_m))
                    .map(|buffer_wkt| Near {
                        distance_m: *near_m,
                        feature,
                        buffer_wkt,
                    })
                    .or_else(|| builder.near.clone())
            } else {
                None
            };
            push(b, commands);
        }
    });

    // --- The expression itself.
    let applied = filter.map(|f| f.text.clone()).unwrap_or_default();
    let draft = form.drafts.entry(id).or_insert_with(|| applied.clone());
    let label = ui.label(tr("filter-cql2"));
    let response = ui
        .add(
            egui::TextEdit::multiline(draft)
                .id_salt(("cql2", id))
                .hint_text("\"status\" = 'open' AND \"classification\" IN ('cha','sha')")
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .code_editor(),
        )
        .labelled_by(label.id);
    if !response.has_focus()
        && *draft != applied
        && !response.changed()
        && filter.is_some_and(|f| f.error.is_none())
    {
        // The controls changed the filter: show what they wrote.
        draft.clone_from(&applied);
    }
    let enter = response.has_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter) && i.modifiers.command);
    ui.horizontal(|ui| {
        if ui
            .button(tr("filter-apply"))
            .on_hover_text(tr("filter-apply-hint"))
            .clicked()
            || enter
        {
            commands.push(Command::SetFilterText {
                layer: id,
                text: draft.clone(),
            });
        }
        if ui
            .add_enabled(!applied.is_empty(), egui::Button::new(tr("filter-clear")))
            .clicked()
        {
            draft.clear();
            form.text_drafts.remove(&id);
            form.date_drafts.remove(&id);
            commands.push(Command::SetFilterText {
                layer: id,
                text: String::new(),
            });
        }
    });
    if let Some(f) = filter {
        if let Some(e) = &f.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        if !f.unknown_properties.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr_args(
                    "filter-unknown-properties",
                    &[("properties", f.unknown_properties.join(", ").into())],
                ),
            );
        }
        if !f.text.is_empty() && f.builder.to_cql2() != f.text {
            ui.weak(tr("filter-typed-applied"));
        }
    }
}
