//! The status bar: pointer position in the chosen coordinate format, zoom and scale, and the
//! go-to box that accepts a coordinate in any format (DD, DMS, UTM, MGRS).

use crate::analysis::coords::{CoordFormat, parse_coordinate};
use crate::i18n::{labels, lang, tr, tr_args};
use crate::map::view::MapView;
use crate::state::{Command, Settings, Workspace};
use crate::ui::inspector::group_thousands;

/// State of the go-to box.
#[derive(Default)]
pub struct GotoBox {
    pub text: String,
    pub error: Option<String>,
    /// Pointer position on the map in lon/lat, this frame.
    pub pointer: Option<(f64, f64)>,
    /// A message about the basemap (out of the package's bounds, offline…).
    pub basemap_note: Option<String>,
}

/// A settlement found by name is shown at this zoom: the whole town and its surroundings.
const GOTO_PLACE_ZOOM: f64 = 13.0;

/// Screen pixels are taken as 0.28 mm (the OGC standard rendering pixel) for the scale.
const METRES_PER_SCREEN_PIXEL: f64 = 0.000_28;

pub fn show(
    ui: &mut egui::Ui,
    ws: &Workspace,
    settings: &Settings,
    map: &MapView,
    goto: &mut GotoBox,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let combo_label = ui.label(tr("status-pointer"));
        egui::ComboBox::from_id_salt("coord format")
            .selected_text(labels::coord_format(settings.coord_format, lang()))
            .width(70.0)
            .show_ui(ui, |ui| {
                for f in CoordFormat::ALL {
                    if ui
                        .selectable_label(
                            settings.coord_format == f,
                            labels::coord_format(f, lang()),
                        )
                        .clicked()
                    {
                        commands.push(Command::SetCoordFormat(f));
                    }
                }
            })
            .response
            .labelled_by(combo_label.id);
        let pointer = goto.pointer.map_or_else(
            || "—".to_owned(),
            |(lon, lat)| settings.coord_format.format(lon, lat),
        );
        ui.add(egui::Label::new(egui::RichText::new(pointer).monospace()).selectable(true))
            .on_hover_text(tr("status-pointer-position"));
        ui.separator();
        let scale = map.metres_per_pixel() / METRES_PER_SCREEN_PIXEL;
        ui.label(tr_args(
            "status-zoom-scale",
            &[
                (
                    "zoom",
                    crate::i18n::format::number(map.zoom(), 1, lang()).into(),
                ),
                ("scale", group_thousands(scale).into()),
            ],
        ));
        ui.separator();

        let goto_label = ui.label(tr("status-go-to"));
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut goto.text)
                    .id_salt("goto")
                    .hint_text(tr("status-go-to-hint"))
                    .desired_width(220.0),
            )
            .labelled_by(goto_label.id);
        let submitted = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(tr("status-go")).clicked() || submitted {
            match parse_coordinate(&goto.text) {
                Ok((lon, lat)) => {
                    goto.error = None;
                    let zoom = map.zoom().max(14.0);
                    commands.push(Command::CenterOn {
                        lon,
                        lat,
                        zoom: Some(zoom),
                    });
                }
                // Not a coordinate: a settlement of the embedded map by any of its names.
                Err(_) => match crate::map::gazetteer::embedded().best(&goto.text) {
                    Some(place) => {
                        goto.error = None;
                        commands.push(Command::CenterOn {
                            lon: place.lon,
                            lat: place.lat,
                            zoom: Some(GOTO_PLACE_ZOOM),
                        });
                    }
                    None => {
                        goto.error = Some(tr_args(
                            "status-place-not-found",
                            &[("text", goto.text.trim().into())],
                        ));
                    }
                },
            }
        }
        if let Some(e) = &goto.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        if let Some(note) = &goto.basemap_note {
            ui.separator();
            ui.colored_label(ui.visuals().warn_fg_color, note);
        }
        if !ws.jobs.is_empty() {
            ui.separator();
            ui.spinner();
        }
    });
}
