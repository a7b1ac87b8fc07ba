//! The map tools in the shell: turning clicks, drags and keys on the map into commands
//! (vertices of a drawing, a dragged vertex of the selected polygon), and painting the
//! drawing, the handles and the snap target over the map.

use egui::{Key, PointerButton};
use geo::Geometry;

use super::MinemapApp;
use crate::analysis::drawing::{Draft, Tool};
use crate::analysis::geodesy::geodesic_area_m2;
use crate::map::projection::ViewTransform;
use crate::map::tools::{self, Handle, Snap};
use crate::map::view::MapEvents;
use crate::model::{Feature, FeatureId, FeatureRef, Layer, LayerRole, Properties, PropertyValue};
use crate::state::Command;
use crate::state::history::Edit;

/// What a drag on the selected polygon moves.
#[derive(Clone, Debug)]
enum Grip {
    Handle(Handle),
    /// Shift+drag inside the polygon moves all of it: from where the drag started, with the
    /// geometry it had then.
    Whole {
        from: [f64; 2],
        original: Geometry<f64>,
    },
}

/// A vertex, midpoint or the whole of the selected polygon being dragged.
#[derive(Clone, Debug)]
pub struct VertexDrag {
    target: FeatureRef,
    grip: Grip,
    /// A midpoint drag inserts its vertex once, then moves it.
    inserted: bool,
    /// Where the vertex was put last, so a still pointer pushes no edit.
    last: Option<[f64; 2]>,
}

/// The map tools' state that lives across frames: the drawing, a drag, the last snap.
#[derive(Default)]
pub struct ToolState {
    pub draft: Draft,
    drag: Option<VertexDrag>,
    snap: Option<Snap>,
    /// The last finished measurement, kept on screen until Esc or another tool.
    pub measured: Option<Draft>,
    /// The layer drawn polygons go to; `None`: the clearance-sectors layer (made on first use).
    pub draw_into: Option<crate::model::LayerId>,
    /// Typed entry: bearing (°), distance (m), benchmark or coordinate text, its error.
    pub bearing_deg: f64,
    pub distance_m: f64,
    pub coordinate: String,
    pub typed_error: Option<String>,
}

impl MinemapApp {
    /// The selected feature when it is a polygon that can be edited by handles.
    pub(super) fn editable_selection(&self) -> Option<(FeatureRef, &Geometry<f64>)> {
        let r = self.workspace.selection?;
        let (_, f) = self.workspace.feature(r)?;
        let g = f.geometry.as_ref()?;
        matches!(g, Geometry::Polygon(_) | Geometry::MultiPolygon(_)).then_some((r, g))
    }

    /// Before the map is drawn: a press on a handle of the selected polygon starts a drag,
    /// and the map must not pan with it. Returns whether the map may pan.
    pub(super) fn begin_tool_frame(&mut self, ctx: &egui::Context) -> bool {
        let Some(view) = self.map.last_view else {
            return true;
        };
        if self.tools.draft.tool != Tool::Select {
            return true;
        }
        let pressed = ctx.input(|i| {
            i.pointer
                .button_pressed(PointerButton::Primary)
                .then(|| i.pointer.press_origin())
                .flatten()
        });
        if let Some(at) = pressed
            && view.clip.contains(at)
            && let Some((target, g)) = self.editable_selection()
        {
            let shift = ctx.input(|i| i.modifiers.shift);
            let grip = match tools::handle_at(&view, g, at) {
                Some(handle) => Some(Grip::Handle(handle)),
                None if shift
                    && self.map.overlay.hit_test(&self.workspace.layers, &view, at)
                        == Some(target) =>
                {
                    let (lon, lat) = crate::map::projection::world_to_lonlat(view.to_world(at));
                    Some(Grip::Whole {
                        from: [lon, lat],
                        original: g.clone(),
                    })
                }
                None => None,
            };
            if let Some(grip) = grip {
                self.tools.drag = Some(VertexDrag {
                    target,
                    grip,
                    inserted: false,
                    last: None,
                });
            }
        }
        if !ctx.input(|i| i.pointer.primary_down()) {
            self.tools.drag = None;
        }
        self.tools.drag.is_none()
    }

    /// After the map is drawn: clicks become vertices or selections, a drag moves a vertex,
    /// keys finish or cancel a drawing. Pushes commands; changes no data itself.
    pub(super) fn handle_map_events(
        &mut self,
        ctx: &egui::Context,
        events: &MapEvents,
        commands: &mut Vec<Command>,
    ) {
        let Some(view) = events.view else { return };
        let pointer_screen = ctx
            .input(|i| i.pointer.hover_pos())
            .filter(|p| view.clip.contains(*p));
        let suspend_snap = ctx.input(|i| i.modifiers.alt);
        let exclude = self.tools.drag.as_ref().map(|d| d.target);
        self.tools.snap = match pointer_screen {
            Some(p) if self.settings.snapping && !suspend_snap && self.snapping_wanted() => {
                tools::snap(&self.map.overlay, &self.workspace.layers, &view, p, exclude)
            }
            _ => None,
        };
        let pointer = self.tools.snap.map(|s| s.lonlat).or_else(|| {
            pointer_screen.map(|p| {
                let (lon, lat) = crate::map::projection::world_to_lonlat(view.to_world(p));
                [lon, lat]
            })
        });

        // A vertex being dragged.
        if let (Some(drag), Some(to)) = (self.tools.drag.clone(), pointer)
            && ctx.input(|i| i.pointer.primary_down())
            && drag.last != Some(to)
            && let Some((_, g)) = self.editable_selection()
        {
            let (geometry, grip) = match &drag.grip {
                Grip::Handle(Handle::Vertex(v)) => {
                    (tools::move_vertex(g, *v, to), drag.grip.clone())
                }
                Grip::Handle(Handle::Midpoint(v)) if !drag.inserted => (
                    tools::insert_vertex(g, *v, to),
                    Grip::Handle(Handle::Vertex(tools::VertexRef {
                        vertex: v.vertex + 1,
                        ..*v
                    })),
                ),
                Grip::Handle(Handle::Midpoint(_)) => (None, drag.grip.clone()),
                Grip::Whole { from, original } => (
                    Some(crate::analysis::drawing::translate_m(original, *from, to)),
                    drag.grip.clone(),
                ),
            };
            if let Some(geometry) = geometry {
                commands.push(Command::SetGeometry {
                    target: drag.target,
                    geometry,
                    coalesce: Some(format!("drag {:?}", drag.target)),
                });
                self.tools.drag = Some(VertexDrag {
                    grip,
                    inserted: true,
                    last: Some(to),
                    ..drag
                });
            }
            return;
        }
        // A right click on a vertex removes it.
        if self.tools.draft.tool == Tool::Select
            && let Some(at) = ctx.input(|i| {
                i.pointer
                    .button_clicked(PointerButton::Secondary)
                    .then(|| i.pointer.interact_pos())
                    .flatten()
            })
            && let Some((target, g)) = self.editable_selection()
            && let Some(Handle::Vertex(v)) = tools::handle_at(&view, g, at)
        {
            match tools::remove_vertex(g, v) {
                Some(geometry) => commands.push(Command::SetGeometry {
                    target,
                    geometry,
                    coalesce: None,
                }),
                None => self.workspace.message(
                    crate::state::Level::Warning,
                    "A ring keeps at least three vertices".to_owned(),
                    Vec::new(),
                ),
            }
            return;
        }

        let drawing = self.tools.draft.tool != Tool::Select;
        if let Some(hit) = events.clicked {
            if drawing {
                if let Some(p) = pointer {
                    commands.push(Command::AddDraftVertex(p));
                }
            } else if self.tools.drag.is_none() {
                commands.push(Command::Select(hit));
            }
        }
        if drawing {
            let double = ctx.input(|i| i.pointer.button_double_clicked(PointerButton::Primary));
            let over_map = pointer_screen.is_some();
            if double && over_map {
                commands.push(Command::FinishDraft);
            }
        }
        if !ctx.text_edit_focused() {
            let (enter, backspace, delete) = ctx.input(|i| {
                (
                    i.key_pressed(Key::Enter),
                    i.key_pressed(Key::Backspace),
                    i.key_pressed(Key::Delete),
                )
            });
            if drawing && enter {
                commands.push(Command::FinishDraft);
            }
            if drawing && backspace {
                commands.push(Command::RemoveLastDraftVertex);
            }
            if !drawing && delete && !self.workspace.selected.is_empty() {
                commands.push(Command::DeleteFeatures(
                    self.workspace.selected.iter().copied().collect(),
                ));
            }
        }
    }

    /// Snapping helps while drawing and dragging, not while selecting.
    fn snapping_wanted(&self) -> bool {
        self.tools.draft.tool != Tool::Select || self.tools.drag.is_some()
    }

    /// The live figures of the drawing as lines of text.
    fn draft_lines(&self, draft: &Draft, pointer: Option<[f64; 2]>) -> Vec<String> {
        use crate::i18n::format::{area, length, number};
        use crate::i18n::tr_args;
        let lang = crate::i18n::lang();
        let f = draft.figures(pointer);
        let mut lines = Vec::new();
        if let Some((len, bearing)) = f.segment {
            lines.push(tr_args(
                "tool-segment",
                &[
                    ("length", length(len, lang).into()),
                    ("bearing", number(bearing, 1, lang).into()),
                ],
            ));
        }
        if draft.vertices.len() + usize::from(pointer.is_some()) >= 2 {
            lines.push(tr_args(
                "tool-length",
                &[("length", length(f.length_m, lang).into())],
            ));
        }
        if f.area_m2 > 0.0 && draft.tool != Tool::BaseLine {
            // m² below a hectare, then ha, then km², as the formatter picks.
            lines.push(tr_args(
                "tool-perimeter-area",
                &[
                    ("perimeter", length(f.perimeter_m, lang).into()),
                    ("area", area(f.area_m2, lang).into()),
                ],
            ));
        }
        lines
    }

    /// Paints the drawing, the finished measurement, the handles and the snap target.
    pub(super) fn paint_tools(
        &self,
        painter: &egui::Painter,
        view: &ViewTransform,
        pointer: Option<[f64; 2]>,
    ) {
        if self.tools.draft.tool == Tool::Select {
            if let Some((_, g)) = self.editable_selection() {
                tools::paint_handles(painter, view, g);
            }
        } else {
            let pointer = self.tools.snap.map(|s| s.lonlat).or(pointer);
            let lines = self.draft_lines(&self.tools.draft, pointer);
            tools::paint_draft(painter, view, &self.tools.draft, pointer, &lines);
        }
        if let Some(m) = &self.tools.measured {
            let lines = self.draft_lines(m, None);
            tools::paint_draft(painter, view, m, None, &lines);
        }
        if let Some(s) = &self.tools.snap {
            tools::paint_snap(painter, s);
        }
    }

    /// The live figures of the drawing in progress, for the tool bar.
    #[must_use]
    pub fn draft_summary(&self) -> Vec<String> {
        let pointer = self
            .tools
            .snap
            .map(|s| s.lonlat)
            .or(self.goto.pointer.map(|(a, b)| [a, b]));
        let d = if self.tools.draft.vertices.is_empty() {
            self.tools.measured.as_ref()
        } else {
            Some(&self.tools.draft)
        };
        d.map(|d| {
            self.draft_lines(
                d,
                pointer.filter(|_| d.vertices == self.tools.draft.vertices),
            )
        })
        .unwrap_or_default()
    }

    /// A drawn polygon as a new clearance sector: in the hazard area that holds its centre
    /// (the selected one otherwise), numbered after that area's sectors, with its geodesic
    /// area and, when the planner estimates effort, its team-days.
    pub(super) fn sector_from_drawing(
        &self,
        geometry: Geometry<f64>,
        layer: Option<&Layer>,
    ) -> Feature {
        let hazard_id = self.hazard_under(&geometry);
        let area = geodesic_area_m2(&geometry);
        let existing: Vec<&Feature> = layer
            .map(|l| {
                l.features
                    .iter()
                    .filter(|f| {
                        hazard_id.is_some()
                            && f.properties
                                .get("hazard_id")
                                .and_then(PropertyValue::as_str)
                                == hazard_id.as_deref()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let index = existing
            .iter()
            .filter_map(|f| f.properties.get("sector_index")?.as_f64())
            .fold(0.0_f64, f64::max) as u64
            + 1;
        let n = layer.map_or(0, |l| l.features.len()) + 1;
        let id = match &hazard_id {
            Some(h) => format!("{h}-D{index:03}"),
            None => format!("SECTOR-{n:04}"),
        };
        let mut p = Properties::new();
        p.insert("id", PropertyValue::from(id.as_str()));
        p.insert("feature_type", PropertyValue::from("clearance_sector"));
        if let Some(h) = &hazard_id {
            p.insert("hazard_id", PropertyValue::from(h.as_str()));
        }
        p.insert("sector_index", PropertyValue::Number(index.into()));
        p.insert(
            "area_m2",
            PropertyValue::from((area * 100.0).round() / 100.0),
        );
        p.insert("status", PropertyValue::from("planned"));
        let planner = &self.settings.planner;
        if planner.with_effort
            && let Ok(e) = planner.effort.sector_effort(area)
        {
            p.insert("planned_asset", PropertyValue::from(e.asset.code()));
            p.insert(
                "rate_m2_per_team_day",
                PropertyValue::from(e.rate_m2_per_team_day),
            );
            p.insert("teams", PropertyValue::Number(e.teams.into()));
            p.insert(
                "team_days",
                PropertyValue::from((e.team_days * 1000.0).round() / 1000.0),
            );
            p.insert(
                "duration_days",
                PropertyValue::from((e.duration_days * 1000.0).round() / 1000.0),
            );
        }
        Feature {
            id: Some(FeatureId::String(id)),
            properties: p,
            geometry: Some(geometry),
            geometry_edited: true,
            properties_edited: true,
            ..Feature::default()
        }
    }

    /// The id of the hazard area holding the geometry's centre, else of the selected one.
    fn hazard_under(&self, geometry: &Geometry<f64>) -> Option<String> {
        use geo::{Contains, InteriorPoint};
        let ws = &self.workspace;
        let c = geometry.interior_point()?;
        for layer in ws
            .layers
            .iter()
            .filter(|l| l.role == LayerRole::HazardAreas)
        {
            for (i, f) in layer.features.iter().enumerate() {
                if f.bbox().is_some_and(|b| b.contains(&c))
                    && f.geometry.as_ref().is_some_and(|g| g.contains(&c))
                {
                    return Some(f.display_id(i));
                }
            }
        }
        crate::state::planner::selected_hazard_area(ws).map(|r| ws.display_id(r))
    }

    /// When the feature is a sector with an `area_m2`, the edit that keeps it (and its
    /// team-days) true to a new geometry.
    pub(super) fn sector_measure_edits(
        &self,
        target: FeatureRef,
        geometry: &Geometry<f64>,
    ) -> Vec<Edit> {
        let Some((layer, f)) = self.workspace.feature(target) else {
            return Vec::new();
        };
        if !f.properties.contains_key("area_m2") {
            return Vec::new();
        }
        let area = geodesic_area_m2(geometry);
        let mut edits = Vec::new();
        let mut set = |key: &str, v: f64| {
            if let Some(e) = crate::state::history::set_property_edit(
                layer,
                &[target.index],
                key,
                &PropertyValue::from(v),
            ) {
                edits.push(e);
            }
        };
        set("area_m2", (area * 100.0).round() / 100.0);
        if let Some(rate) = f
            .properties
            .get("rate_m2_per_team_day")
            .and_then(PropertyValue::as_f64)
            && rate > 0.0
        {
            let team_days = area / rate;
            set("team_days", (team_days * 1000.0).round() / 1000.0);
            let teams = f
                .properties
                .get("teams")
                .and_then(PropertyValue::as_f64)
                .unwrap_or(1.0)
                .max(1.0);
            set(
                "duration_days",
                (team_days / teams * 1000.0).round() / 1000.0,
            );
        }
        edits
    }

    /// Where the pointer is, for painting (lon/lat).
    pub(super) fn pointer_lonlat(&self) -> Option<[f64; 2]> {
        self.goto.pointer.map(|(lon, lat)| [lon, lat])
    }
}
