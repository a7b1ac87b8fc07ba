//! The "Export map image" dialog (File → Export map image…, Ctrl+P): a size preset (A4
//! landscape at 150 or 300 DPI, the current window, or any size), a title, legend and grid.
//! "Save as PNG…" pushes [`Command::ExportMapImage`] with the current view; the app asks for
//! the file and renders in the background (`app/map_image.rs`).

use crate::i18n::{lang, tr};
use crate::map::projection::{ViewTransform, world_to_lonlat};
use crate::map::render::{MapImageOptions, SCREEN_DPI, today, zoom_to_keep_extent};
use crate::state::Command;

/// Sizes offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizePreset {
    A4At150,
    A4At300,
    /// The map's size in the window, at the screen's pixel density.
    Window,
    Custom,
}

/// A4 landscape in millimetres.
const A4_MM: [f32; 2] = [297.0, 210.0];

/// An A4 landscape page at `dpi`, in pixels (1754 × 1240 at 150 DPI).
#[must_use]
pub fn a4_px(dpi: f32) -> [u32; 2] {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // DPI ≤ 1200
    A4_MM.map(|mm| (mm / 25.4 * dpi).round() as u32)
}

/// The dialog's draft, kept while it is open.
#[derive(Clone, Debug)]
pub struct MapImageForm {
    pub open: bool,
    pub preset: SizePreset,
    /// Custom size and DPI.
    pub width: u32,
    pub height: u32,
    pub dpi: f32,
    pub title: String,
    pub legend: bool,
    /// `None` until changed: follows whether the map shows the grid.
    pub grid: Option<bool>,
}

impl Default for MapImageForm {
    fn default() -> Self {
        Self {
            open: false,
            preset: SizePreset::A4At150,
            width: 1600,
            height: 1100,
            dpi: 150.0,
            title: String::new(),
            legend: true,
            grid: None,
        }
    }
}

impl MapImageForm {
    /// Size in pixels and DPI of the chosen preset; `window_ppp` is the screen's pixels per
    /// point and `view` the map in the window.
    #[must_use]
    pub fn size_and_dpi(&self, view: &ViewTransform, window_ppp: f32) -> ([u32; 2], f32) {
        match self.preset {
            SizePreset::A4At150 => (a4_px(150.0), 150.0),
            SizePreset::A4At300 => (a4_px(300.0), 300.0),
            SizePreset::Window => {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a window
                let px = [view.clip.width(), view.clip.height()]
                    .map(|s| (s * window_ppp).round() as u32);
                (px, SCREEN_DPI * window_ppp)
            }
            SizePreset::Custom => ([self.width, self.height], self.dpi),
        }
    }

    /// The image of the current view: its centre, a zoom that keeps at least what the window
    /// shows, the chosen size, title, legend and grid.
    #[must_use]
    pub fn options(
        &self,
        view: &ViewTransform,
        window_ppp: f32,
        show_grid: bool,
    ) -> MapImageOptions {
        let (size_px, dpi) = self.size_and_dpi(view, window_ppp);
        let center = world_to_lonlat(view.center_world);
        let window_pt = [view.clip.width(), view.clip.height()];
        MapImageOptions {
            center,
            zoom: zoom_to_keep_extent(view.zoom, window_pt, size_px, dpi),
            size_px,
            dpi,
            title: Some(self.title.trim().to_owned()).filter(|t| !t.is_empty()),
            legend: self.legend,
            grid: self.grid.unwrap_or(show_grid),
            basemap: true,
            lang: lang(),
            date: today(),
        }
    }
}

/// Shows the dialog while `form.open`. `view` is the map's last view (`None` before the map
/// was drawn: nothing to export yet); `busy` while an image is being made.
pub fn show(
    ctx: &egui::Context,
    form: &mut MapImageForm,
    view: Option<&ViewTransform>,
    show_grid: bool,
    busy: bool,
    commands: &mut Vec<Command>,
) {
    if !form.open {
        return;
    }
    let window_ppp = ctx.pixels_per_point();
    let mut open = true;
    let mut close = false;
    egui::Window::new(tr("map-image-dialog-title"))
        .id(egui::Id::unique("map image dialog"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(tr("map-image-size"));
            for (preset, label) in [
                (SizePreset::A4At150, tr("map-image-preset-a4-150")),
                (SizePreset::A4At300, tr("map-image-preset-a4-300")),
                (SizePreset::Window, tr("map-image-preset-window")),
                (SizePreset::Custom, tr("map-image-preset-custom")),
            ] {
                ui.radio_value(&mut form.preset, preset, label);
            }
            if form.preset == SizePreset::Custom {
                egui::Grid::new("map image custom size").show(ui, |ui| {
                    ui.label(tr("map-image-width"));
                    ui.add(egui::DragValue::new(&mut form.width).range(16..=10_000));
                    ui.end_row();
                    ui.label(tr("map-image-height"));
                    ui.add(egui::DragValue::new(&mut form.height).range(16..=10_000));
                    ui.end_row();
                    ui.label(tr("map-image-dpi"));
                    ui.add(egui::DragValue::new(&mut form.dpi).range(24.0..=1200.0));
                    ui.end_row();
                });
            }
            if let Some(view) = view {
                let ([w, h], dpi) = form.size_and_dpi(view, window_ppp);
                ui.weak(format!("{w} × {h} px, {dpi:.0} DPI"));
            }
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label(tr("map-image-title"));
                ui.add(egui::TextEdit::singleline(&mut form.title).desired_width(260.0))
                    .labelled_by(label.id);
            });
            ui.checkbox(&mut form.legend, tr("map-image-include-legend"));
            let mut grid = form.grid.unwrap_or(show_grid);
            if ui
                .checkbox(&mut grid, tr("map-image-include-grid"))
                .changed()
            {
                form.grid = Some(grid);
            }
            ui.weak(tr("map-image-tiles-note"));
            ui.separator();
            ui.horizontal(|ui| {
                let can_save = view.is_some() && !busy;
                if ui
                    .add_enabled(can_save, egui::Button::new(tr("map-image-save")))
                    .clicked()
                    && let Some(view) = view
                {
                    let options = form.options(view, window_ppp, show_grid);
                    commands.push(Command::ExportMapImage(Box::new(options), None));
                    close = true;
                }
                if ui.button(tr("map-image-cancel")).clicked() {
                    close = true;
                }
                if busy {
                    ui.spinner();
                    ui.label(tr("map-image-rendering"));
                }
            });
        });
    form.open = open && !close;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::projection::lonlat_to_world;
    use egui::{Pos2, Rect, vec2};

    #[test]
    fn a4_landscape_presets_have_the_page_size_in_pixels() {
        assert_eq!(a4_px(150.0), [1754, 1240]);
        assert_eq!(a4_px(300.0), [3508, 2480]);
    }

    #[test]
    fn an_image_of_the_window_keeps_its_extent_whatever_the_size() {
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 700.0));
        let view = ViewTransform::new(lonlat_to_world(46.9, 39.8), 12.0, clip);
        let mut form = MapImageForm {
            preset: SizePreset::Window,
            ..MapImageForm::default()
        };
        let o = form.options(&view, 1.0, true);
        assert_eq!(o.size_px, [1000, 700]);
        assert!((o.zoom - 12.0).abs() < 1e-9 && o.grid);
        // A4 at 300 DPI is 1123 × 794 points: a bit more ground than the window, same centre.
        form.preset = SizePreset::A4At300;
        form.grid = Some(false);
        let o = form.options(&view, 1.0, true);
        assert_eq!(o.size_px, [3508, 2480]);
        let expected = 12.0 + (1123.0_f64 / 1000.0).min(794.0 / 700.0).log2();
        assert!((o.zoom - expected).abs() < 0.01, "{}", o.zoom);
        assert!((o.center.0 - 46.9).abs() < 1e-9 && !o.grid);
    }
}
