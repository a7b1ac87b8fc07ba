//! Filters, the attribute table and the edit history, driven through the real `App` with
//! egui_kittest on the sample data. Expected figures are counted here from the sample files
//! with serde_json, independently of minemap's filter engine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use geo::InteriorPoint;
use minemap::analysis::sort::Column;
use minemap::app::{Command, MinemapApp};
use minemap::map::projection::lonlat_to_world;
use minemap::model::{FeatureRef, LayerId, LayerRole};
use serde_json::Value;

mod common;
use common::{app_on_sample_data, click_label, hazard_layer, run_until};

fn sample(name: &str) -> Vec<Value> {
    let path = format!("{}/sample_data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    json["features"].as_array().unwrap().clone()
}

fn layer_with_role(harness: &Harness<'_, MinemapApp>, role: LayerRole) -> LayerId {
    harness
        .state()
        .workspace
        .layers
        .iter()
        .find(|l| l.role == role)
        .unwrap()
        .id
}

/// Opens the "Filter" section of the layer at `position` from the top of the layers panel.
fn open_filter_section(harness: &mut Harness<'_, MinemapApp>, position_from_top: usize) {
    let headers = harness
        .get_all_by_label_contains("Filter")
        .collect::<Vec<_>>();
    let header = headers
        .into_iter()
        .filter(|n| n.rect().min.x < 320.0)
        .nth(position_from_top)
        .expect("a Filter section per layer");
    header.scroll_to_me();
    harness.run_steps(6);
    harness
        .get_all_by_label_contains("Filter")
        .filter(|n| n.rect().min.x < 320.0)
        .nth(position_from_top)
        .unwrap()
        .click();
    harness.run_steps(3);
}

#[test]
fn unticking_a_status_hides_those_features_from_the_map_the_table_and_the_statistics() {
    let features = sample("hazard_areas.geojson");
    let total = features.len();
    let closed = features
        .iter()
        .filter(|f| f["properties"]["status"] == "closed")
        .count();
    assert!(closed > 0 && closed < total);

    let mut harness = app_on_sample_data();
    let hazards = layer_with_role(&harness, LayerRole::HazardAreas);
    // A closed hazard area the map hits before the filter.
    let (target, point) = {
        let layer = hazard_layer(&harness.state().workspace);
        let (index, f) = layer
            .features
            .iter()
            .enumerate()
            .find(|(_, f)| f.properties.get("status").and_then(|v| v.as_str()) == Some("closed"))
            .unwrap();
        let p = f.geometry.as_ref().unwrap().interior_point().unwrap();
        (
            FeatureRef {
                layer: layer.id,
                index,
            },
            p,
        )
    };
    harness.state_mut().push(Command::ZoomToFeature(target));
    harness.run_steps(3);
    let hit = |h: &Harness<'_, MinemapApp>| {
        let app = h.state();
        let view = app.map.last_view.unwrap();
        let pos = view.to_screen(lonlat_to_world(point.x(), point.y()));
        app.map.overlay.hit_test(&app.workspace.layers, &view, pos)
    };
    assert_eq!(hit(&harness), Some(target));

    // The hazard layer is the bottom one of three: the third Filter section.
    open_filter_section(&mut harness, 2);
    // The status code "closed" is listed by its name in the interface language.
    click_label(&mut harness, &format!("Closed ({closed}/{closed})"));

    let shown = total - closed;
    harness.get_by_label(&format!("({shown} / {total} shown)"));
    let app = harness.state();
    assert_eq!(
        app.workspace.shown_count(hazard_layer(&app.workspace)),
        (shown, total)
    );
    assert!(
        app.workspace
            .filter(hazards)
            .unwrap()
            .text
            .contains("NOT IN ('closed')"),
        "{}",
        app.workspace.filter(hazards).unwrap().text
    );
    assert_ne!(hit(&harness), Some(target), "a hidden feature is not hit");

    // The table shows the others only.
    let app = harness.state_mut();
    app.table.layer = Some(hazards);
    let layer = app.workspace.layer(hazards).unwrap().clone();
    let rows = app.table.rows(&app.workspace, &mut app.measures, &layer);
    assert_eq!(rows.len(), shown);
    assert!(!rows.contains(&target.index));

    // The statistics count the others only.
    harness.get_by_label("Statistics").click();
    run_until(&mut harness, |app| !app.analysis.busy());
    let stats = &harness.state().analysis.stats[&hazards].totals.all;
    assert_eq!(stats.features, shown);
}

#[test]
fn a_date_range_keeps_exactly_the_incidents_inside_it() {
    let (from, to) = ("2022-01-01", "2023-06-30");
    let expected = sample("incidents.geojson")
        .iter()
        .filter(|f| {
            let d = f["properties"]["date"].as_str().unwrap();
            d >= from && d <= to
        })
        .count();
    assert!(expected > 0);

    let mut harness = app_on_sample_data();
    let incidents = layer_with_role(&harness, LayerRole::Incidents);
    // Incidents are the top layer.
    open_filter_section(&mut harness, 0);
    click_label(&mut harness, "From");
    harness.get_by_label("From").type_text(from);
    harness.get_by_label("To").click();
    harness.run_steps(1);
    harness.get_by_label("To").type_text(to);
    harness.run_steps(1);
    click_label(&mut harness, "Apply dates");

    let app = harness.state();
    let filter = app.workspace.filter(incidents).unwrap();
    assert_eq!(filter.error, None);
    assert!(
        filter.text.contains("BETWEEN DATE('2022-01-01')"),
        "{}",
        filter.text
    );
    assert_eq!(filter.shown(), expected);
    let layer = app.workspace.layer(incidents).unwrap();
    let mask = app.workspace.mask(incidents).unwrap();
    for (f, &kept) in layer.features.iter().zip(mask) {
        let d = f.properties.get("date").unwrap().as_str().unwrap();
        assert_eq!(kept, d >= from && d <= to, "{d}");
    }
}

#[test]
fn sorting_the_table_by_area_orders_the_rows_and_a_second_click_reverses_them() {
    let mut harness = app_on_sample_data();
    let hazards = layer_with_role(&harness, LayerRole::HazardAreas);
    harness.state_mut().push(Command::ShowTableOf(hazards));
    harness.run_steps(2);
    harness.get_by_label("area (m², geodesic)").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().table.view(hazards).sort,
        Some((Column::Area, false))
    );
    let areas = |h: &mut Harness<'_, MinemapApp>| {
        let app = h.state_mut();
        let layer = app.workspace.layer(hazards).unwrap().clone();
        let rows = app.table.rows(&app.workspace, &mut app.measures, &layer);
        let m = app.measures.measures(&layer);
        rows.iter().map(|&i| m[i].area_m2).collect::<Vec<f64>>()
    };
    let up = areas(&mut harness);
    assert_eq!(
        up.len(),
        hazard_layer(&harness.state().workspace).features.len()
    );
    assert!(up.windows(2).all(|w| w[0] <= w[1]), "ascending");
    harness
        .get_by_label("area (m², geodesic) (ascending)")
        .click();
    harness.run_steps(2);
    let down = areas(&mut harness);
    assert!(down.windows(2).all(|w| w[0] >= w[1]), "descending");
}

#[test]
fn editing_a_cell_changes_the_inspector_and_undo_restores_it() {
    let mut harness = app_on_sample_data();
    let hazards = layer_with_role(&harness, LayerRole::HazardAreas);
    let (target, name) = {
        let layer = hazard_layer(&harness.state().workspace);
        let (index, f) = layer
            .features
            .iter()
            .enumerate()
            .find(|(_, f)| f.properties.get("status").and_then(|v| v.as_str()) == Some("open"))
            .unwrap();
        (
            FeatureRef {
                layer: layer.id,
                index,
            },
            f.display_id(index),
        )
    };
    harness.state_mut().push(Command::Select(Some(target)));
    harness.state_mut().push(Command::ShowTableOf(hazards));
    harness
        .state_mut()
        .push(Command::SetTableOnlySelected(hazards, true));
    harness.run_steps(3);
    harness.get_by_label("1 row");

    // "Worked on" is already a legend row: the inspector adds one more.
    let named_before = harness.query_all_by_label("Worked on").count();
    // The table's status cell (the one low on the screen, not the inspector's).
    let cell = harness
        .get_all_by_label("open")
        .max_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
        .unwrap();
    cell.click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Edit cell").click();
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness.get_by(|n| n.is_focused()).type_text("worked_on");
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);

    let status = |h: &Harness<'_, MinemapApp>| {
        let (_, f) = h.state().workspace.feature(target).unwrap();
        f.properties
            .get("status")
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(status(&harness), "worked_on");
    assert!(
        harness
            .state()
            .workspace
            .feature(target)
            .unwrap()
            .1
            .properties_edited
    );
    // The table shows the new value as the file has it, the inspector the status by its
    // name; the Edit menu says what Undo undoes.
    assert!(
        harness.query_all_by_label("worked_on").count() >= 1
            && harness.query_all_by_label("Worked on").count() == named_before + 1,
        "table and inspector"
    );
    harness.get_by_label("Edit").click();
    harness.run_steps(2);
    harness.get_by_label_contains(&format!("Undo: status of {name}"));
    harness.key_press(egui::Key::Escape);
    harness.run_steps(1);

    // Ctrl+Z undoes it: the value and the edited mark come back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(status(&harness), "open");
    assert!(
        !harness
            .state()
            .workspace
            .feature(target)
            .unwrap()
            .1
            .properties_edited
    );
    assert_eq!(harness.query_all_by_label("worked_on").count(), 0);
    // Ctrl+Shift+Z redoes it.
    harness.key_press_modifiers(
        egui::Modifiers {
            shift: true,
            ..egui::Modifiers::COMMAND
        },
        egui::Key::Z,
    );
    harness.run_steps(3);
    assert_eq!(status(&harness), "worked_on");
}

#[test]
fn a_bulk_edit_of_the_shown_rows_is_one_undo_step_and_the_filter_follows_it() {
    let mut harness = app_on_sample_data();
    let hazards = layer_with_role(&harness, LayerRole::HazardAreas);
    harness.state_mut().push(Command::SetFilterText {
        layer: hazards,
        text: "\"status\" = 'open'".into(),
    });
    harness.run_steps(2);
    let open = harness.state().workspace.filter(hazards).unwrap().shown();
    let rows: Vec<usize> = harness
        .state()
        .workspace
        .mask(hazards)
        .unwrap()
        .iter()
        .enumerate()
        .filter_map(|(i, &k)| k.then_some(i))
        .collect();
    harness.state_mut().push(Command::SetProperty {
        layer: hazards,
        indices: rows,
        key: "status".into(),
        value: "closed".into(),
    });
    harness.run_steps(2);
    // Every edited feature left the filter at once.
    assert_eq!(
        harness.state().workspace.filter(hazards).unwrap().shown(),
        0
    );
    assert_eq!(harness.state().workspace.history.len(), 1);
    harness.state_mut().push(Command::Undo);
    harness.run_steps(2);
    assert_eq!(
        harness.state().workspace.filter(hazards).unwrap().shown(),
        open
    );
}

#[test]
fn a_new_column_appears_in_the_table_and_goes_with_undo() {
    let mut harness = app_on_sample_data();
    let hazards = layer_with_role(&harness, LayerRole::HazardAreas);
    harness.state_mut().push(Command::ShowTableOf(hazards));
    harness.run_steps(2);
    harness.get_by_label("New column").click();
    harness.run_steps(1);
    harness
        .get_by_label("New column")
        .type_text("priority_review");
    harness.run_steps(1);
    harness.get_by_label("Add").click();
    harness.run_steps(3);
    harness.get_by_label("priority_review");
    let layer = hazard_layer(&harness.state().workspace);
    assert!(
        layer
            .features
            .iter()
            .all(|f| f.properties.get("priority_review").is_some())
    );
    harness.state_mut().push(Command::Undo);
    harness.run_steps(3);
    let layer = hazard_layer(&harness.state().workspace);
    assert!(
        layer
            .features
            .iter()
            .all(|f| f.properties.get("priority_review").is_none())
    );
}

#[test]
fn a_typed_expression_answers_the_coordinators_question_as_the_command_line_does() {
    // "Which confirmed areas with anti-personnel mines in Fuzuli are still open?"
    let expression = "\"classification\" = 'cha' AND A_CONTAINS(\"contamination\", ('ap_mine')) AND \"region\" = 'Fuzuli' AND \"status\" = 'open'";
    let expected = sample("hazard_areas.geojson")
        .iter()
        .filter(|f| {
            let p = &f["properties"];
            p["classification"] == "cha"
                && p["region"] == "Fuzuli"
                && p["status"] == "open"
                && p["contamination"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|c| c == "ap_mine"))
        })
        .count();
    assert!(expected > 0, "the sample data answers the question");

    let mut harness = app_on_sample_data();
    let hazards = layer_with_role(&harness, LayerRole::HazardAreas);
    open_filter_section(&mut harness, 2);
    click_label(&mut harness, "CQL2 expression");
    harness
        .get_by_label("CQL2 expression")
        .type_text(expression);
    harness.run_steps(1);
    click_label(&mut harness, "Apply");
    assert_eq!(
        harness.state().workspace.filter(hazards).unwrap().error,
        None
    );
    assert_eq!(
        harness.state().workspace.filter(hazards).unwrap().shown(),
        expected
    );
    harness.get_by_label("Statistics").click();
    run_until(&mut harness, |app| !app.analysis.busy());
    let gui = harness.state().analysis.stats[&hazards].totals.all;
    assert_eq!(gui.features, expected);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_minemap"))
        .args(["report", "--format", "json", "--where", expression])
        .arg(format!(
            "{}/sample_data/hazard_areas.geojson",
            env!("CARGO_MANIFEST_DIR")
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cli_features = report["totals"]["features"].as_u64().unwrap();
    assert_eq!(cli_features as usize, expected);
    let cli_area = report["totals"]["area_m2"].as_f64().unwrap();
    assert!((cli_area - gui.area_m2).abs() <= 1e-6 * cli_area.max(1.0));
}

#[test]
fn the_legend_lists_the_categories_drawn_and_a_click_hides_one() {
    let mut harness = app_on_sample_data();
    let hazards = layer_with_role(&harness, LayerRole::HazardAreas);
    let entries = {
        let ws = &harness.state().workspace;
        let layer = ws.layer(hazards).unwrap();
        minemap::map::style::legend(layer, &ws.style(layer))
    };
    // Every row the map's style gives is in the panel, with its count.
    for e in &entries {
        harness.get_all_by_label(&e.label).next().unwrap();
    }
    let total: usize = hazard_layer(&harness.state().workspace).features.len();
    let classified: usize = entries
        .iter()
        .filter(|e| {
            e.filter_value
                .as_ref()
                .is_some_and(|(p, _)| p == "classification")
        })
        .map(|e| e.count)
        .sum();
    assert_eq!(
        classified, total,
        "classification rows count every hazard area once"
    );

    // Clicking the "Closed" row hides closed hazard areas through the layer's filter.
    let closed = entries
        .iter()
        .find(|e| {
            e.filter_value
                .as_ref()
                .is_some_and(|(_, v)| v.as_str() == Some("closed"))
        })
        .unwrap();
    let label = closed.label.clone();
    let n_closed = closed.count;
    let node = harness
        .get_all_by_label(&label)
        .find(|n| n.rect().min.x < 320.0)
        .unwrap();
    node.scroll_to_me();
    harness.run_steps(6);
    harness
        .get_all_by_label(&label)
        .find(|n| n.rect().min.x < 320.0)
        .unwrap()
        .click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(
        app.workspace.filter(hazards).unwrap().shown(),
        total - n_closed
    );
    // The row now counts what is drawn: none of them.
    harness.get_by_label(&format!("0 / {n_closed}"));
}
