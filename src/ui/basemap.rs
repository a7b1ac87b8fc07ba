//! The basemap selector: the embedded offline map, opened tile packages and online sources,
//! and a package drawn over the base with an opacity slider.

use crate::app::Command;
use crate::map::basemaps::{BaseChoice, Basemaps};
use crate::map::tiles::BasemapSpec;

pub fn show(ui: &mut egui::Ui, basemaps: &Basemaps, commands: &mut Vec<Command>) {
    egui::CollapsingHeader::new(format!("Basemap: {}", basemaps.base_label()))
        .id_salt("basemap selector")
        .default_open(false)
        .show(ui, |ui| {
            let mut choice = |ui: &mut egui::Ui, c: BaseChoice, label: &str| {
                if ui.radio(basemaps.base == c, label).clicked() {
                    commands.push(Command::SelectBase(c));
                }
            };
            choice(
                ui,
                BaseChoice::Embedded,
                "Embedded (offline, Natural Earth)",
            );
            choice(ui, BaseChoice::None, "None");
            for (i, s) in basemaps.sources.iter().enumerate() {
                choice(ui, BaseChoice::Source(i), &s.label);
            }
            let osm_open = basemaps.sources.iter().any(|s| {
                s.spec
                    == BasemapSpec::Xyz {
                        url: BasemapSpec::OSM_URL.into(),
                    }
            });
            if !osm_open && ui.radio(false, "OpenStreetMap (online, cached)").clicked() {
                commands.push(Command::SetBasemap(BasemapSpec::Xyz {
                    url: BasemapSpec::OSM_URL.into(),
                }));
            }
            if ui.button("Open tile package (MBTiles, PMTiles)…").clicked() {
                commands.push(Command::ShowOpenTilesDialog);
            }
            ui.separator();
            let combo_label = ui.label("Draw over the base");
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
                    .add(egui::Slider::new(&mut opacity, 0.0..=1.0).text("Opacity"))
                    .changed()
                {
                    commands.push(Command::SetBasemapOverlayOpacity(opacity));
                }
            }
        });
}
