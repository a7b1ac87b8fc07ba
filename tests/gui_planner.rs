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
    let mut planner = PlannerSettings::default();
    planner.with_effort = true;
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
