//! What the GUI tests share: the app on the sample data, waiting for background work,
//! clicking the map.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minemap::app::{MinemapApp, StartOptions};
use minemap::model::LayerRole;

/// The app with these options but never a basemap (tests never touch the network), run until
/// the files (the sample data when none are given) are loaded.
pub fn app_with(options: StartOptions) -> Harness<'static, MinemapApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| {
            MinemapApp::new(
                cc,
                StartOptions {
                    basemap: Some("none".into()),
                    ..options
                },
            )
        });
    run_until(&mut harness, |app| {
        !app.is_loading() && !app.workspace.layers.is_empty()
    });
    harness.run_steps(3);
    harness
}

/// The app on the bundled sample data, without any basemap, run until it is loaded.
pub fn app_on_sample_data() -> Harness<'static, MinemapApp> {
    app_with(StartOptions::default())
}

/// The sample data's hazard-area layer.
pub fn hazard_layer(ws: &minemap::app::Workspace) -> &minemap::model::Layer {
    ws.layers
        .iter()
        .find(|l| l.role == LayerRole::HazardAreas)
        .expect("the sample data has a hazard-area layer")
}

pub fn click_at(harness: &mut Harness<'_, MinemapApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.run_steps(1);
    harness.drag_at(pos);
    harness.run_steps(1);
    harness.drop_at(pos);
    harness.run_steps(2);
}

/// Runs frames until `done` holds (background work finished).
pub fn run_until(harness: &mut Harness<'_, MinemapApp>, done: impl Fn(&MinemapApp) -> bool) {
    for _ in 0..1000 {
        harness.run_steps(1);
        if done(harness.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("timed out waiting for background work");
}

/// Clicks the node with this label after scrolling it into view.
pub fn click_label(harness: &mut Harness<'_, MinemapApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run_steps(6);
    harness.get_by_label(label).click();
    harness.run_steps(2);
}

/// Types `text` into the status bar's go-to box (emptied first) and presses Go.
pub fn type_into_goto(harness: &mut Harness<'_, MinemapApp>, text: &str) {
    harness.state_mut().goto.text.clear();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Go to")
        .click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Go to")
        .type_text(text);
    harness.run_steps(1);
    harness.get_by_label("Go").click();
    harness.run_steps(3);
}
