//! Map furniture and map images through the real `App`: the grid toggled from the View menu
//! (and kept in the settings), the export dialog from the File menu, and an image of the
//! current window written by the background job, with the message saying so.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::kittest::Queryable;
use minemap::app::{Command, Level};
use minemap::i18n::tr;
use minemap::ui::map_image::SizePreset;

mod common;
use common::{app_on_sample_data, click_label, run_until};

/// Opens a menu of the menu bar and clicks the item whose label starts with `item` (menu
/// items carry their shortcut in the label).
fn menu_item(
    harness: &mut egui_kittest::Harness<'_, minemap::app::MinemapApp>,
    menu: &str,
    item: &str,
) {
    harness.get_by_label(menu).click();
    harness.run_steps(2);
    harness.get_by_label_contains(item).click();
    harness.run_steps(2);
}

#[test]
fn the_view_menu_switches_the_grid_and_the_setting_follows() {
    let mut harness = app_on_sample_data();
    assert!(!harness.state().settings.show_grid);
    menu_item(&mut harness, "View", tr("action-toggle-grid"));
    assert!(harness.state().settings.show_grid);
    // Drawn with the grid on at a deep zoom, where the 100 m lines are computed.
    harness.state_mut().push(Command::CenterOn {
        lon: 46.75,
        lat: 39.82,
        zoom: Some(16.0),
    });
    harness.run_steps(3);
    menu_item(&mut harness, "View", tr("action-toggle-grid"));
    assert!(!harness.state().settings.show_grid);
}

#[test]
fn export_dialog_writes_an_image_of_the_window_and_says_where() {
    let mut harness = app_on_sample_data();
    menu_item(&mut harness, "File", tr("action-export-map-image"));
    assert!(harness.state().map_image_form.open);
    // A new window lays itself out invisibly first.
    harness.run_steps(4);
    click_label(&mut harness, tr("map-image-preset-window"));
    assert_eq!(harness.state().map_image_form.preset, SizePreset::Window);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, tr("map-image-title"))
        .click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, tr("map-image-title"))
        .type_text("Sample data");
    harness.run_steps(2);
    assert_eq!(harness.state().map_image_form.title, "Sample data");
    // "Save as PNG…" asks for a path in the system's file dialog, which a test cannot
    // answer: the same options go out with the path given instead.
    let view = harness.state().map.last_view.unwrap();
    let options = harness.state().map_image_form.options(&view, 1.0, false);
    assert_eq!(options.title.as_deref(), Some("Sample data"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("window map");
    harness.state_mut().push(Command::ExportMapImage(
        Box::new(options),
        Some(path.clone()),
    ));
    click_label(&mut harness, tr("map-image-cancel"));
    assert!(!harness.state().map_image_form.open);
    run_until(&mut harness, |app| {
        app.workspace
            .messages
            .iter()
            .any(|m| m.level == Level::Info && m.text.contains("window map.png"))
    });
    // ".png" was added; the image has the map's size in the window.
    let img = image::open(path.with_extension("png")).unwrap().to_rgba8();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let expected = (
        view.clip.width().round() as u32,
        view.clip.height().round() as u32,
    );
    assert_eq!(img.dimensions(), expected);
    // Hazard fills are in it: some pixels are the CHA or SHA colours over the land.
    let coloured = img
        .pixels()
        .filter(|p| p.0[0] > 200 && p.0[1] < 180 && p.0[2] < 140)
        .count();
    assert!(coloured > 50, "{coloured} hazard-coloured pixels");
}
