//! The basemap selector: the embedded offline map, opened tile packages and online sources
//! (OpenStreetMap and the ones the user added, kept in the settings), and a package drawn
//! over the base with an opacity slider.

use crate::i18n::{tr, tr_args};
use crate::map::basemaps::{BaseChoice, Basemaps};
use crate::map::tiles::{BasemapSpec, OnlineSource};
use crate::state::Command;

/// The "add an online source" form: what is typed so far and why the last try was refused.
#[derive(Clone, Debug, Default)]
pub struct OnlineSourceForm {
    pub name: String,
    pub url: String,
    pub attribution: String,
    pub error: Option<String>,
}

pub fn show(
    ui: &mut egui::Ui,
    basemaps: &Basemaps,
    saved: &[OnlineSource],
    form: &mut OnlineSourceForm,
    commands: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new(tr_args(
        "basemap-title",
        &[("name", basemaps.base_label().into())],
    ))
    .id_salt("basemap selector")
    .default_open(false)
    .show(ui, |ui| {
        let mut choice = |ui: &mut egui::Ui, c: BaseChoice, label: &str| {
            if ui.radio(basemaps.base == c, label).clicked() {
                commands.push(Command::SelectBase(c));
            }
        };
        choice(ui, BaseChoice::Embedded, tr("basemap-embedded"));
        choice(ui, BaseChoice::None, tr("basemap-none"));
        for (i, s) in basemaps.sources.iter().enumerate() {
            choice(ui, BaseChoice::Source(i), &s.label);
        }
        // Online sources not opened yet: OpenStreetMap and the saved ones.
        let osm = OnlineSource::osm();
        for source in std::iter::once(&osm).chain(saved) {
            let spec = BasemapSpec::Xyz(source.clone());
            if basemaps.sources.iter().any(|s| s.spec == spec) {
                continue;
            }
            let label = tr_args(
                "basemap-online-cached",
                &[("name", source.name.as_str().into())],
            );
            if ui.radio(false, label).on_hover_text(&source.url).clicked() {
                commands.push(Command::SetBasemap(spec));
            }
        }
        if ui.button(tr("basemap-open-package")).clicked() {
            commands.push(Command::ShowOpenTilesDialog);
        }
        online_sources(ui, saved, form, commands);
        ui.separator();
        let combo_label = ui.label(tr("basemap-draw-over"));
        let overlay_label = basemaps
            .overlay
            .and_then(|i| basemaps.sources.get(i))
            .map_or("—", |s| s.label.as_str());
        egui::ComboBox::from_id_salt("basemap overlay")
            .selected_text(overlay_label)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(basemaps.overlay.is_none(), "—")
                    .clicked()
                {
                    commands.push(Command::SelectBasemapOverlay(None));
                }
                for (i, s) in basemaps.sources.iter().enumerate() {
                    if basemaps.base != BaseChoice::Source(i)
                        && ui
                            .selectable_label(basemaps.overlay == Some(i), &s.label)
                            .clicked()
                    {
                        commands.push(Command::SelectBasemapOverlay(Some(i)));
                    }
                }
            })
            .response
            .labelled_by(combo_label.id);
        if basemaps.overlay.is_some() {
            let mut opacity = basemaps.overlay_opacity;
            if ui
                .add(egui::Slider::new(&mut opacity, 0.0..=1.0).text(tr("basemap-opacity")))
                .changed()
            {
                commands.push(Command::SetBasemapOverlayOpacity(opacity));
            }
        }
    });
}

/// The saved online sources (each can be forgotten) and the form that adds one: it is kept in
/// the settings and becomes the base.
fn online_sources(
    ui: &mut egui::Ui,
    saved: &[OnlineSource],
    form: &mut OnlineSourceForm,
    commands: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new(tr("basemap-online-sources"))
        .id_salt("online sources")
        .show(ui, |ui| {
            for source in saved {
                ui.horizontal(|ui| {
                    ui.label(&source.name).on_hover_text(&source.url);
                    if ui
                        .small_button(tr("basemap-forget"))
                        .on_hover_text(tr("basemap-forget-hint"))
                        .clicked()
                    {
                        commands.push(Command::ForgetOnlineSource(source.url.clone()));
                    }
                });
            }
            ui.strong(tr("basemap-add-source"));
            let mut submitted = false;
            egui::Grid::new("online source fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let fields = [
                        (tr("basemap-name"), &mut form.name, tr("basemap-name-hint")),
                        (
                            tr("basemap-url-template"),
                            &mut form.url,
                            "https://tiles.example.org/{z}/{x}/{y}.png",
                        ),
                        (
                            tr("basemap-attribution"),
                            &mut form.attribution,
                            tr("basemap-attribution-hint"),
                        ),
                    ];
                    for (label, text, hint) in fields {
                        let label = ui.label(label);
                        let edit = ui
                            .add(egui::TextEdit::singleline(text).hint_text(hint))
                            .labelled_by(label.id);
                        // Enter in any field adds the source, as in the go-to box.
                        submitted |=
                            edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        ui.end_row();
                    }
                });
            ui.weak(tr("basemap-cache-note"));
            if ui.button(tr("basemap-add-and-show")).clicked() || submitted {
                match OnlineSource::new(&form.name, &form.url, &form.attribution) {
                    Ok(source) => {
                        commands.push(Command::AddOnlineSource(source));
                        *form = OnlineSourceForm::default();
                    }
                    Err(e) => form.error = Some(e.to_string()),
                }
            }
            if let Some(e) = &form.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
        });
}
