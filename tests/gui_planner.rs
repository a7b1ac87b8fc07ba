//! The clearance planner through the real `App`: select a CHA, split it into 50×50 m boxes
//! with a rate and two teams, read the team-days, undo and redo.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::kittest::Queryable;
use minemap::analysis::split::{SplitMethod, SplitOptions, split_hazard_area};
use minemap::app::{Command, RightTab};
use minemap::model::{FeatureRef, LayerRole, PropertyValue};
use minemap::state::planner::PlannerSettings;

mod common;
use common::{app_on_sample_data, click_label, hazard_layer};

#[test]
fn a_planner_splits_a_cha_into_50_m_boxes_with_team_days_and_undo_takes_them_back() {
    let mut harness = app_on_sample_data();
    // A confirmed hazardous area of the sample data.
    let (target, id, geometry) = {
        let layer = hazard_layer(&harness.state().workspace);
        let (index, f) = layer
            .features
            .iter()
            .enumerate()
            .find(|(_, f)| {
                f.properties
                    .get("classification")
                    .and_then(PropertyValue::as_str)
                    == Some("cha")
            })
            .unwrap();
        (
            FeatureRef {
                layer: layer.id,
                index,
            },
            f.display_id(index),
            f.geometry.clone().unwrap(),
        )
    };
    // What the split must give, computed here with the library.
    let expected = split_hazard_area(
        &geometry,
        &SplitOptions {
            method: SplitMethod::Grid {
                width_m: 50.0,
                height_m: 50.0,
            },
            ..SplitOptions::default()
        },
    )
    .unwrap();

    // Rates are the user's: 400 m² per team-day, two teams.
    let mut planner = PlannerSettings {
        with_effort: true,
        ..PlannerSettings::default()
    };
    planner.effort.rates.manual = Some(400.0);
    planner.effort.teams = 2;
    harness
        .state_mut()
        .push(Command::SetPlanner(Box::new(planner)));
    harness.state_mut().push(Command::Select(Some(target)));
    harness
        .state_mut()
        .push(Command::SetRightTab(RightTab::Planner));
    harness.run_steps(3);
    click_label(&mut harness, "50×50 m");
    harness.run_steps(2);
    harness.get_by_label_contains(&format!("Preview: {} sectors", expected.len()));
    click_label(
        &mut harness,
        &format!("Split into {} sectors", expected.len()),
    );
    harness.run_steps(3);

    let sectors_of = |h: &egui_kittest::Harness<'_, minemap::app::MinemapApp>| {
        let ws = &h.state().workspace;
        ws.layers
            .iter()
            .filter(|l| l.role == LayerRole::ClearanceSectors)
            .flat_map(|l| l.features.iter())
            .filter(|f| {
                f.properties
                    .get("hazard_id")
                    .and_then(PropertyValue::as_str)
                    == Some(id.as_str())
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    let made = sectors_of(&harness);
    assert_eq!(made.len(), expected.len());
    for (k, f) in made.iter().enumerate() {
        let p = &f.properties;
        assert_eq!(
            p.get("sector_index").unwrap().as_f64().unwrap() as usize,
            k + 1
        );
        assert_eq!(
            p.get("feature_type").unwrap().as_str(),
            Some("clearance_sector")
        );
        let area = p.get("area_m2").unwrap().as_f64().unwrap();
        let team_days = p.get("team_days").unwrap().as_f64().unwrap();
        assert!(
            (team_days - area / 400.0).abs() < 0.001,
            "{team_days} vs {area}/400"
        );
        let duration = p.get("duration_days").unwrap().as_f64().unwrap();
        assert!((duration - team_days / 2.0).abs() < 0.001);
    }
    // The plan summary shows the total team-days.
    let total: f64 = made
        .iter()
        .map(|f| f.properties.get("team_days").unwrap().as_f64().unwrap())
        .sum();
    harness.get_by_label(&format!("{total:.1}"));
    assert_eq!(
        harness.state().workspace.history.undo_label(),
        Some(format!("split {id} into {} sectors", expected.len()).as_str())
    );

    harness.state_mut().push(Command::Undo);
    harness.run_steps(2);
    assert!(sectors_of(&harness).is_empty());
    harness.state_mut().push(Command::Redo);
    harness.run_steps(2);
    assert_eq!(sectors_of(&harness).len(), expected.len());

    // Splitting again replaces the area's sectors rather than adding to them.
    harness.state_mut().push(Command::SplitHazardArea(target));
    harness.run_steps(2);
    assert_eq!(sectors_of(&harness).len(), expected.len());
}

/// A clear spot of the map (east of the data, over the Caspian lowlands) at zoom 14.
fn empty_view(harness: &mut egui_kittest::Harness<'_, minemap::app::MinemapApp>) {
    harness.state_mut().push(Command::CenterOn {
        lon: 49.2,
        lat: 40.3,
        zoom: Some(15.0),
    });
    harness.run_steps(3);
}

fn lonlat_at(h: &egui_kittest::Harness<'_, minemap::app::MinemapApp>, p: egui::Pos2) -> [f64; 2] {
    let view = h.state().map.last_view.unwrap();
    let (lon, lat) = minemap::map::projection::world_to_lonlat(view.to_world(p));
    [lon, lat]
}

#[test]
fn a_polygon_drawn_by_clicks_becomes_a_sector_and_a_vertex_drag_or_a_shift_drag_move_is_one_undo_step()
 {
    use minemap::analysis::drawing::Tool;
    let mut harness = app_on_sample_data();
    empty_view(&mut harness);
    harness.state_mut().push(Command::SetTool(Tool::Polygon));
    harness.run_steps(2);
    let c = harness.state().map.last_view.unwrap().clip.center();
    let corners = [
        c + egui::vec2(-80.0, -60.0),
        c + egui::vec2(90.0, -50.0),
        c + egui::vec2(70.0, 70.0),
        c + egui::vec2(-60.0, 40.0),
    ];
    for p in corners {
        common::click_at(&mut harness, p);
    }
    // The tool bar shows the live area while drawing.
    harness.get_by_label_contains("Perimeter");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);

    let lonlats: Vec<[f64; 2]> = corners.iter().map(|p| lonlat_at(&harness, *p)).collect();
    let expected = {
        let mut ring: Vec<geo::Coord<f64>> =
            lonlats.iter().map(|&[x, y]| geo::Coord { x, y }).collect();
        ring.push(ring[0]);
        minemap::analysis::geodesy::geodesic_area_m2(&geo::Geometry::Polygon(geo::Polygon::new(
            geo::LineString(ring),
            vec![],
        )))
    };
    let target = harness
        .state()
        .workspace
        .selection
        .expect("the new sector is selected");
    let (layer, f) = harness.state().workspace.feature(target).unwrap();
    assert_eq!(layer.role, LayerRole::ClearanceSectors);
    let area = f.properties.get("area_m2").unwrap().as_f64().unwrap();
    assert!(
        (area - expected).abs() < 0.01 * expected.max(1.0),
        "{area} vs {expected}"
    );
    assert_eq!(harness.state().workspace.history.len(), 1);
    let before = f.geometry.clone();

    // Drag the first vertex 40 px to the right: one undo step, and the area follows.
    harness.state_mut().push(Command::SetTool(Tool::Select));
    harness.run_steps(2);
    // The tool bar is shorter now: find the vertex where it is drawn on this frame.
    let from = {
        let view = harness.state().map.last_view.unwrap();
        view.to_screen(minemap::map::projection::lonlat_to_world(
            lonlats[0][0],
            lonlats[0][1],
        ))
    };
    let to = from + egui::vec2(40.0, 0.0);
    harness.hover_at(from);
    harness.run_steps(1);
    harness.drag_at(from);
    harness.run_steps(1);
    for k in 1..=8 {
        harness.hover_at(from + egui::vec2(5.0 * k as f32, 0.0));
        harness.run_steps(1);
    }
    harness.drop_at(to);
    harness.run_steps(2);
    let (_, f) = harness.state().workspace.feature(target).unwrap();
    assert_ne!(f.geometry, before, "the vertex moved");
    let moved_area = f.properties.get("area_m2").unwrap().as_f64().unwrap();
    assert!(
        moved_area < area,
        "moving a corner inwards shrinks the sector"
    );
    assert_eq!(
        harness.state().workspace.history.len(),
        2,
        "the drag is one step"
    );
    harness.state_mut().push(Command::Undo);
    harness.run_steps(2);
    let (_, f) = harness.state().workspace.feature(target).unwrap();
    assert_eq!(f.geometry, before);
    assert_eq!(f.properties.get("area_m2").unwrap().as_f64().unwrap(), area);

    // Shift+drag inside the sector moves it all, keeping its area: one more undo step.
    let inside = {
        use geo::InteriorPoint;
        let p = before.as_ref().unwrap().interior_point().unwrap();
        let view = harness.state().map.last_view.unwrap();
        view.to_screen(minemap::map::projection::lonlat_to_world(p.x(), p.y()))
    };
    let shift = egui::Modifiers {
        shift: true,
        ..egui::Modifiers::NONE
    };
    harness.hover_at(inside);
    harness.event(egui::Event::ModifiersChanged(shift));
    harness.run_steps(1);
    harness.event(egui::Event::PointerButton {
        pos: inside,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: shift,
    });
    harness.run_steps(1);
    for k in 1..=6 {
        harness.hover_at(inside + egui::vec2(0.0, 5.0 * k as f32));
        harness.run_steps(1);
    }
    harness.event(egui::Event::PointerButton {
        pos: inside + egui::vec2(0.0, 30.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: shift,
    });
    harness.run_steps(1);
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run_steps(1);
    let (_, f) = harness.state().workspace.feature(target).unwrap();
    assert_ne!(f.geometry, before, "the sector moved");
    let moved = minemap::analysis::geodesy::geodesic_area_m2(f.geometry.as_ref().unwrap());
    assert!((moved - area).abs() < 1e-3 * area, "{moved} vs {area}");
    assert_eq!(
        harness
            .state()
            .workspace
            .history
            .undo_label()
            .map(|l| l.starts_with("geometry of")),
        Some(true)
    );
}

#[test]
fn the_measure_tool_reads_a_typed_traverse_leg_and_changes_no_data() {
    use minemap::analysis::drawing::Tool;
    let mut harness = app_on_sample_data();
    harness.state_mut().push(Command::SetTool(Tool::Measure));
    harness.run_steps(2);
    // A benchmark by MGRS, then a leg of 250 m at 45°.
    click_label(&mut harness, "Coordinate");
    harness
        .get_by_label("Coordinate")
        .type_text("38TPK 17000 51000");
    harness.run_steps(1);
    harness.get_by_label("Add point").click();
    harness.run_steps(2);
    harness.state_mut().tools.bearing_deg = 45.0;
    harness.state_mut().tools.distance_m = 250.0;
    harness.run_steps(1);
    harness.get_by_label_contains("Add leg").click();
    harness.run_steps(2);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    harness.get_by_label_contains("Length 250");
    assert_eq!(
        harness.state().workspace.history.len(),
        0,
        "measuring edits nothing"
    );
}

#[test]
fn a_sector_attribute_is_edited_in_the_inspector_and_undone() {
    let mut harness = app_on_sample_data();
    let target = {
        let ws = &harness.state().workspace;
        let layer = ws
            .layers
            .iter()
            .find(|l| l.role == LayerRole::ClearanceSectors)
            .unwrap();
        let index = layer
            .features
            .iter()
            .position(|f| {
                f.properties.get("status").and_then(PropertyValue::as_str) == Some("planned")
            })
            .expect("a planned sector in the sample data");
        FeatureRef {
            layer: layer.id,
            index,
        }
    };
    harness.state_mut().push(Command::Select(Some(target)));
    harness
        .state_mut()
        .push(Command::SetRightTab(RightTab::Inspector));
    harness.run_steps(3);
    // The attribute table hidden, so the only "planned" on screen is the inspector's.
    harness
        .state_mut()
        .push(Command::TogglePanel(minemap::state::Panel::Table));
    harness.run_steps(3);
    harness
        .get_all_by_label("planned")
        .filter(|n| n.rect().min.x > 1000.0)
        .min_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
        .unwrap()
        .scroll_to_me();
    harness.run_steps(6);
    let value = harness
        .get_all_by_label("planned")
        .filter(|n| n.rect().min.x > 1000.0)
        .min_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
        .unwrap();
    value.click();
    harness.run_steps(3);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness.get_by(|n| n.is_focused()).type_text("in_progress");
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    let status = |h: &egui_kittest::Harness<'_, minemap::app::MinemapApp>| {
        let (_, f) = h.state().workspace.feature(target).unwrap();
        f.properties
            .get("status")
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(status(&harness), "in_progress");
    harness.state_mut().push(Command::Undo);
    harness.run_steps(2);
    assert_eq!(status(&harness), "planned");
}

#[test]
fn a_rectangle_drawn_into_another_layer_lands_there_with_its_ground_size() {
    use minemap::analysis::drawing::Tool;
    let mut harness = app_on_sample_data();
    empty_view(&mut harness);
    let hazards = hazard_layer(&harness.state().workspace).id;
    let before = hazard_layer(&harness.state().workspace).features.len();
    harness.state_mut().tools.draw_into = Some(hazards);
    harness.state_mut().push(Command::SetTool(Tool::Rectangle));
    harness.run_steps(2);
    let c = harness.state().map.last_view.unwrap().clip.center();
    let (a, b) = (c + egui::vec2(-60.0, -40.0), c + egui::vec2(60.0, 40.0));
    common::click_at(&mut harness, a);
    common::click_at(&mut harness, b);
    harness.run_steps(2);
    let layer = hazard_layer(&harness.state().workspace);
    assert_eq!(
        layer.features.len(),
        before + 1,
        "two corners finish a rectangle"
    );
    let drawn = layer.features.last().unwrap();
    let area = minemap::analysis::geodesy::geodesic_area_m2(drawn.geometry.as_ref().unwrap());
    // The rectangle spans the two clicked corners on the ground.
    let (pa, pb) = (lonlat_at(&harness, a), lonlat_at(&harness, b));
    let w = minemap::analysis::geodesy::geodesic_distance_m(pa, [pb[0], pa[1]]);
    let h = minemap::analysis::geodesy::geodesic_distance_m(pa, [pa[0], pb[1]]);
    assert!((area - w * h).abs() < 0.01 * w * h, "{area} vs {}", w * h);
    assert_eq!(
        harness
            .state()
            .workspace
            .history
            .undo_label()
            .map(|l| l.starts_with("draw")),
        Some(true)
    );
}
