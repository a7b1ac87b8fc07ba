//! GUI workflows driven through the real `App` with egui_kittest: no display, no network.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use geo::InteriorPoint;
use minemap::app::{Command, MinemapApp};

mod common;
use common::{app_on_sample_data, click_at, click_label, hazard_layer, run_until, type_into_goto};
use minemap::map::projection::lonlat_to_world;
use minemap::model::{FeatureRef, LayerRole};

#[test]
fn sample_data_loads_with_every_role() {
    let harness = app_on_sample_data();
    let roles: Vec<LayerRole> = harness
        .state()
        .workspace
        .layers
        .iter()
        .map(|l| l.role)
        .collect();
    assert!(roles.contains(&LayerRole::HazardAreas), "{roles:?}");
    assert!(roles.contains(&LayerRole::Incidents), "{roles:?}");
    assert!(roles.contains(&LayerRole::ClearanceSectors), "{roles:?}");
    assert!(
        harness.state().workspace.messages.is_empty(),
        "{:?}",
        harness.state().workspace.messages
    );
}

#[test]
fn clicking_a_hazard_polygon_shows_its_id_and_area_in_the_inspector() {
    let mut harness = app_on_sample_data();
    let (target, id_text, point) = {
        let ws = &harness.state().workspace;
        let hazards = hazard_layer(ws);
        let sectors: Vec<String> = ws
            .layers
            .iter()
            .filter(|l| l.role == LayerRole::ClearanceSectors)
            .flat_map(|l| l.features.iter())
            .filter_map(|f| {
                f.properties
                    .get("hazard_id")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            })
            .collect();
        // A CHA polygon with a hole and no clearance sector drawn over it.
        let (index, feature) = hazards
            .features
            .iter()
            .enumerate()
            .find(|(_, f)| {
                let id = f.display_id(0);
                matches!(&f.geometry, Some(geo::Geometry::Polygon(p)) if !p.interiors().is_empty())
                    && !sectors.contains(&id)
            })
            .expect("the sample data has polygons with holes");
        let point = feature.geometry.as_ref().unwrap().interior_point().unwrap();
        (
            FeatureRef {
                layer: hazards.id,
                index,
            },
            feature.display_id(index),
            point,
        )
    };
    harness.state_mut().push(Command::ZoomToFeature(target));
    harness.run_steps(3);
    let view = harness.state().map.last_view.expect("the map was drawn");
    let pos = view.to_screen(lonlat_to_world(point.x(), point.y()));
    click_at(&mut harness, pos);

    assert_eq!(harness.state().workspace.selection, Some(target));
    harness.get_by_label(&format!("Feature {id_text}"));
    let (_, feature) = harness.state().workspace.feature(target).unwrap();
    let area = minemap::analysis::geodesy::geodesic_area_m2(feature.geometry.as_ref().unwrap());
    assert!(area > 0.0);
    harness.get_by_label(&minemap::ui::inspector::format_area(area));
    // Centroid shown in UTM and MGRS too.
    harness.get_by_label_contains("Centroid (UTM)");
    harness.get_by_label_contains("Centroid (MGRS)");
}

#[test]
fn clicking_empty_ground_clears_the_selection() {
    let mut harness = app_on_sample_data();
    let hazards = harness.state().workspace.layers[0].id;
    harness.state_mut().push(Command::Select(Some(FeatureRef {
        layer: hazards,
        index: 0,
    })));
    harness.run_steps(2);
    // Far out over the Caspian, east of all data.
    harness.state_mut().push(Command::CenterOn {
        lon: 51.5,
        lat: 41.0,
        zoom: Some(12.0),
    });
    harness.run_steps(2);
    let view = harness.state().map.last_view.unwrap();
    click_at(&mut harness, view.clip.center());
    assert_eq!(harness.state().workspace.selection, None);
}

#[test]
fn typing_a_utm_coordinate_in_go_to_centres_the_map_there() {
    let mut harness = app_on_sample_data();
    // pyproj: Transformer EPSG:4326 -> EPSG:32638 of (46.9 E, 39.95 N) = (662306.94, 4423936.12);
    // 39.95 N is in latitude band S.
    type_into_goto(&mut harness, "38S 662306.94 4423936.12");
    let (lon, lat) = harness.state().map.center();
    assert!((lon - 46.9).abs() < 1e-6, "lon {lon}");
    assert!((lat - 39.95).abs() < 1e-6, "lat {lat}");
    assert!(harness.state().goto.error.is_none());
}

#[test]
fn typing_an_mgrs_coordinate_in_go_to_centres_the_map_there() {
    let mut harness = app_on_sample_data();
    let mgrs = minemap::analysis::coords::CoordFormat::Mgrs.format(47.123_45, 40.012_34);
    type_into_goto(&mut harness, &mgrs);
    let (lon, lat) = harness.state().map.center();
    // MGRS at 1 m precision: within a metre or two of the point.
    assert!((lon - 47.123_45).abs() < 3e-5, "lon {lon} from {mgrs}");
    assert!((lat - 40.012_34).abs() < 3e-5, "lat {lat} from {mgrs}");
}

#[test]
fn a_bad_coordinate_in_go_to_says_why_and_keeps_the_view() {
    let mut harness = app_on_sample_data();
    let before = harness.state().map.center();
    type_into_goto(&mut harness, "not a place");
    assert!(harness.state().goto.error.is_some());
    assert_eq!(harness.state().map.center(), before);
}

#[test]
fn a_broken_file_shows_an_error_and_keeps_the_other_layers() {
    let mut harness = app_on_sample_data();
    let layers_before = harness.state().workspace.layers.len();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("truncated.geojson");
    std::fs::write(
        &path,
        r#"{"type": "FeatureCollection", "features": [{"type": "Feat"#,
    )
    .unwrap();
    harness.state_mut().push(Command::OpenFiles(vec![path]));
    run_until(&mut harness, |app| !app.is_loading());
    harness.run_steps(2);
    let ws = &harness.state().workspace;
    assert_eq!(ws.layers.len(), layers_before);
    assert_eq!(ws.messages.len(), 1);
    assert!(
        ws.messages[0].text.contains("truncated.geojson"),
        "{}",
        ws.messages[0].text
    );
    harness.get_by_label_contains("truncated.geojson");
}

/// Runs frames until `done` holds (background jobs finish on their own threads).
#[test]
fn the_statistics_tab_shows_union_areas_that_match_the_analysis() {
    let mut harness = app_on_sample_data();
    harness.get_by_label("Statistics").click();
    run_until(&mut harness, |app| !app.analysis.busy());
    harness.run_steps(2);
    let (hazards_id, union_m2) = {
        let ws = &harness.state().workspace;
        let hazards = hazard_layer(ws);
        let geometries: Vec<_> = hazards
            .features
            .iter()
            .filter_map(|f| f.geometry.as_ref())
            .collect();
        let union = minemap::analysis::totals::union_area_m2(
            &geometries,
            &|_| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
        .unwrap();
        (hazards.id, union)
    };
    let shown = harness.state().analysis.unions[&hazards_id].total_m2;
    assert!(
        (shown - union_m2).abs() < 1e-6 * union_m2,
        "{shown} vs {union_m2}"
    );
    // Overlaps exist in the sample data: the union is smaller than the sum.
    let sum = harness.state().analysis.stats[&hazards_id]
        .totals
        .all
        .area_m2;
    assert!(union_m2 < sum);
    let whole = minemap::ui::inspector::group_thousands((union_m2 / 10_000.0).trunc());
    assert!(
        harness
            .query_by_label_contains(&format!("{whole}."))
            .is_some(),
        "union area {whole} ha is not shown"
    );
}

#[test]
fn clicking_a_qa_problem_selects_the_feature_and_goes_there() {
    let mut harness = app_on_sample_data();
    run_until(&mut harness, |app| !app.analysis.busy());
    harness.run_steps(1);
    let problem = harness
        .state()
        .analysis
        .problems
        .first()
        .cloned()
        .expect("the sample data has overlaps");
    let tab = format!("QA ({})", harness.state().analysis.problems.len());
    harness.get_by_label(&tab).click();
    harness.run_steps(2);
    harness.get_by_label_contains(&problem.message).click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(
        app.workspace.selection,
        Some(FeatureRef {
            layer: problem.layer,
            index: problem.index
        })
    );
    let [lon, lat] = problem.location.unwrap();
    let (clon, clat) = app.map.center();
    assert!((clon - lon).abs() < 1e-6 && (clat - lat).abs() < 1e-6);
}

#[test]
fn hiding_a_layer_from_the_layers_panel_stops_it_being_clicked() {
    let mut harness = app_on_sample_data();
    // Layers stack in the order they were opened: incidents (opened last) on top, and the
    // checkbox of the topmost layer is the first in the panel.
    let incidents = harness.state().workspace.layers.last().unwrap().id;
    assert_eq!(
        harness.state().workspace.layers.last().unwrap().role,
        LayerRole::Incidents
    );
    harness
        .get_all_by_role(Role::CheckBox)
        .filter(|n| n.rect().min.x < 300.0)
        .min_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
        .unwrap()
        .click();
    harness.run_steps(2);
    let layer = harness.state().workspace.layer(incidents).unwrap();
    assert!(!layer.visible);
    let point = match &layer.features[0].geometry {
        Some(geo::Geometry::Point(p)) => *p,
        _ => panic!("incidents are points"),
    };
    harness.state_mut().push(Command::CenterOn {
        lon: point.x(),
        lat: point.y(),
        zoom: Some(16.0),
    });
    harness.run_steps(2);
    let view = harness.state().map.last_view.unwrap();
    click_at(
        &mut harness,
        view.to_screen(lonlat_to_world(point.x(), point.y())),
    );
    let selection = harness.state().workspace.selection;
    assert!(
        selection.is_none_or(|s| s.layer != incidents),
        "{selection:?}"
    );
}

#[test]
fn keyboard_zooms_and_pans_the_map_after_it_was_clicked() {
    let mut harness = app_on_sample_data();
    let view = harness.state().map.last_view.unwrap();
    // Clicking the map gives it focus; its keys must still work.
    click_at(&mut harness, view.clip.center());
    let zoom = harness.state().map.zoom();
    harness.key_press(egui::Key::Plus);
    harness.run_steps(2);
    assert!((harness.state().map.zoom() - (zoom + 1.0)).abs() < 1e-9);
    let (lon, lat) = harness.state().map.center();
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    let (lon2, lat2) = harness.state().map.center();
    assert!(lon2 > lon, "{lon2} <= {lon}");
    assert!((lat2 - lat).abs() < 1e-9);
}

#[test]
fn the_panels_agree_with_minemap_report_and_validate() {
    let mut harness = app_on_sample_data();
    run_until(&mut harness, |app| !app.analysis.busy());
    let dir = env!("CARGO_MANIFEST_DIR");
    let hazards = format!("{dir}/sample_data/hazard_areas.geojson");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_minemap"))
        .args(["report", "--format", "json", &hazards])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let app = harness.state();
    let layer = hazard_layer(&app.workspace);
    let stats = &app.analysis.stats[&layer.id].totals.all;
    let union = app.analysis.unions[&layer.id].total_m2;
    let close =
        |a: f64, b: &serde_json::Value| (a - b.as_f64().unwrap()).abs() <= 1e-6 * a.abs().max(1.0);
    assert!(
        close(stats.area_m2, &report["totals"]["area_m2"]),
        "{stats:?} vs {}",
        report["totals"]
    );
    assert!(
        close(union, &report["totals"]["union_area_m2"]),
        "{union} vs {}",
        report["totals"]
    );
    assert_eq!(
        stats.features,
        report["totals"]["features"].as_u64().unwrap() as usize
    );

    let files: Vec<String> = ["hazard_areas", "clearance_sectors", "incidents"]
        .iter()
        .map(|f| format!("{dir}/sample_data/{f}.geojson"))
        .collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_minemap"))
        .args(["validate", "--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    let validate: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cli_problems = validate["problems"].as_array().unwrap();
    assert_eq!(cli_problems.len(), app.analysis.problems.len());
    for (cli, gui) in cli_problems.iter().zip(&app.analysis.problems) {
        assert_eq!(cli["kind"], gui.kind.code());
        assert_eq!(cli["index"].as_u64().unwrap() as usize, gui.index);
    }
}

#[test]
fn an_online_source_added_in_the_basemap_selector_is_kept_and_shown() {
    let mut harness = app_on_sample_data();
    harness.get_by_label_contains("Basemap:").click();
    harness.run_steps(2);
    harness.get_by_label("Online sources").click();
    harness.run_steps(2);

    // A URL without {z}/{x}/{y} is refused with the reason; nothing is saved.
    let type_field = |harness: &mut Harness<'_, MinemapApp>, label: &str, text: &str| {
        harness
            .get_by_role_and_label(Role::TextInput, label)
            .click();
        harness.run_steps(1);
        harness
            .get_by_role_and_label(Role::TextInput, label)
            .type_text(text);
        harness.run_steps(1);
    };
    type_field(
        &mut harness,
        "URL template",
        "https://tiles.example.org/ortho.png",
    );
    harness.get_by_label("Add and show").click();
    harness.run_steps(2);
    assert!(harness.state().settings.online_sources.is_empty());
    let refused = harness.state().online_source_form.error.clone().unwrap();
    assert!(refused.contains("{z}"), "{refused}");
    harness.get_by_label_contains("lacks {z}");

    // A loopback port nobody listens on: tiles fail at once, the test stays offline.
    let url = "http://127.0.0.1:9/ortho/{z}/{x}/{y}.png";
    harness
        .get_by_role_and_label(Role::TextInput, "URL template")
        .click();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "URL template")
        .type_text(url);
    type_field(&mut harness, "Name", "Survey ortho");
    type_field(&mut harness, "Attribution", "© Survey 2026");
    harness.get_by_label("Add and show").click();
    harness.run_steps(3);

    let app = harness.state();
    let saved = &app.settings.online_sources;
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(
        (
            saved[0].name.as_str(),
            saved[0].url.as_str(),
            saved[0].attribution.as_str()
        ),
        ("Survey ortho", url, "© Survey 2026")
    );
    // It became the base, and its attribution is drawn on the map.
    let base = match app.basemaps.base {
        minemap::map::basemaps::BaseChoice::Source(i) => &app.basemaps.sources[i],
        other => panic!("base is {other:?}"),
    };
    assert_eq!(base.label, "Survey ortho (online, cached)");
    assert!(app.online_source_form.error.is_none());
    // Drawn over the embedded map (which shows wherever no tile could be had), both credited.
    let credits = app.basemaps.attributions();
    assert_eq!(credits.len(), 2, "{credits:?}");
    assert!(credits[0].contains("Natural Earth") && credits[1] == "© Survey 2026");

    // Forgotten, it leaves the settings (the open source stays for this session).
    harness.get_by_label("Forget").click();
    harness.run_steps(2);
    assert!(harness.state().settings.online_sources.is_empty());
}

#[test]
fn incidents_outside_hazard_areas_are_listed_and_lead_to_the_incident() {
    use minemap::analysis::incidents::{IncidentOptions, link_incidents};
    let mut harness = app_on_sample_data();
    harness.get_by_label("Statistics").click();
    run_until(&mut harness, |app| !app.analysis.busy());
    harness.run_steps(2);

    // The panel's figures are the library's, on the same layers.
    let expected = {
        let ws = &harness.state().workspace;
        let refs: Vec<&minemap::model::Layer> = ws.layers.iter().collect();
        link_incidents(&refs, &refs, &IncidentOptions::default())
    };
    let shown = harness.state().analysis.incidents.clone().unwrap();
    assert_eq!(shown.report, expected);
    let flagged: Vec<_> = expected
        .links
        .iter()
        .filter(|l| l.possible_new_indication)
        .collect();
    let inside = expected
        .links
        .iter()
        .filter(|l| l.nearest.is_some_and(|n| n.inside))
        .count();
    assert!(
        !flagged.is_empty() && inside > flagged.len(),
        "the sample data has incidents both inside and outside hazard areas"
    );
    harness.get_by_label_contains(&format!("{inside} incidents,"));

    // Open the list and click the first possible new indication.
    click_label(
        &mut harness,
        &format!("Possible new indications ({})", flagged.len()),
    );
    let first = flagged[0];
    let incident_id = {
        let ws = &harness.state().workspace;
        let (_, f) = ws.feature(first.incident).unwrap();
        f.display_id(first.incident.index)
    };
    harness
        .get_by_label_contains(&format!("{incident_id} · "))
        .scroll_to_me();
    harness.run_steps(6);
    harness
        .get_by_label_contains(&format!("{incident_id} · "))
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().workspace.selection, Some(first.incident));

    // The inspector says which hazard area is nearest and how far.
    harness.get_by_label("Inspector").click();
    harness.run_steps(2);
    harness.get_by_label_contains("a possible new indication");
    let nearest = first.nearest.unwrap();
    let metres = minemap::ui::inspector::group_thousands(nearest.distance_m);
    harness.get_by_label(&format!("{metres} m away"));
}

#[test]
fn enter_in_the_online_source_form_adds_the_source() {
    let mut harness = app_on_sample_data();
    harness.get_by_label_contains("Basemap:").click();
    harness.run_steps(2);
    harness.get_by_label("Online sources").click();
    harness.run_steps(2);
    let url = "http://127.0.0.1:9/{z}/{x}/{y}.png";
    harness
        .get_by_role_and_label(Role::TextInput, "URL template")
        .click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "URL template")
        .type_text(url);
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    let saved = &harness.state().settings.online_sources;
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(
        (saved[0].url.as_str(), saved[0].name.as_str()),
        (url, "127.0.0.1:9")
    );
}
