//! The basemaps the user can choose from: the embedded Natural Earth map (the default),
//! opened MBTiles/PMTiles packages and online XYZ sources, one of them as the base and
//! optionally a package drawn over it with an opacity (an orthophoto over the embedded map).

use crate::i18n::{tr, tr_args};
use egui::Context;

use crate::map::basemap::{self, EmbeddedBasemap};
use crate::map::projection::{ViewTransform, world_to_lonlat};
use crate::map::tiles::{
    BasemapSpec, Coverage, LonLatBounds, OpenedBasemap, RasterTiles, TileSourceError, open_source,
};

/// A tile source the user opened.
pub struct TileSourceEntry {
    pub spec: BasemapSpec,
    /// For the selector: the package's name, or the URL.
    pub label: String,
    pub tiles: Box<RasterTiles>,
}

/// What is drawn at the bottom of the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseChoice {
    Embedded,
    None,
    /// An entry of [`Basemaps::sources`].
    Source(usize),
}

/// The basemap state of the map.
pub struct Basemaps {
    /// Decoded on first use (it is compiled into the binary).
    embedded: Option<EmbeddedBasemap>,
    pub base: BaseChoice,
    pub sources: Vec<TileSourceEntry>,
    /// A source drawn over the base.
    pub overlay: Option<usize>,
    pub overlay_opacity: f32,
}

impl Default for Basemaps {
    fn default() -> Self {
        Self {
            embedded: None,
            base: BaseChoice::Embedded,
            sources: Vec::new(),
            overlay: None,
            overlay_opacity: 0.7,
        }
    }
}

/// Everything the map widget needs from the basemaps for one frame.
pub struct BasemapFrameParts<'a> {
    /// The embedded map, when it is the base.
    pub embedded: Option<&'a mut EmbeddedBasemap>,
    /// walkers tile layers, bottom first, with their opacity.
    pub tile_layers: Vec<(Box<dyn walkers::Layer + 'a>, f32)>,
}

impl Basemaps {
    /// Opens `spec` (if not open already) and makes it the base. On error the previous base
    /// stays.
    ///
    /// # Errors
    /// The package or cache could not be opened.
    pub fn set_base(&mut self, spec: &BasemapSpec, ctx: &Context) -> Result<(), TileSourceError> {
        self.base = match spec {
            BasemapSpec::Embedded => BaseChoice::Embedded,
            BasemapSpec::None => BaseChoice::None,
            _ => BaseChoice::Source(self.open(spec, ctx)?),
        };
        if self.overlay.is_some() && self.overlay.map(BaseChoice::Source) == Some(self.base) {
            self.overlay = None;
        }
        Ok(())
    }

    /// Opens `spec` (if not open already) and draws it over the base.
    ///
    /// # Errors
    /// The package or cache could not be opened.
    pub fn set_overlay(
        &mut self,
        spec: &BasemapSpec,
        ctx: &Context,
    ) -> Result<(), TileSourceError> {
        if matches!(spec, BasemapSpec::Embedded | BasemapSpec::None) {
            self.overlay = None;
            return Ok(());
        }
        let index = self.open(spec, ctx)?;
        if self.base == BaseChoice::Source(index) {
            self.base = BaseChoice::Embedded;
        }
        self.overlay = Some(index);
        Ok(())
    }

    fn open(&mut self, spec: &BasemapSpec, ctx: &Context) -> Result<usize, TileSourceError> {
        if let Some(i) = self.sources.iter().position(|s| &s.spec == spec) {
            return Ok(i);
        }
        match open_source(spec, ctx)? {
            OpenedBasemap::Tiles(tiles) => {
                let label = match spec {
                    BasemapSpec::Xyz(source) => tr_args(
                        "basemap-online-cached",
                        &[("name", source.name.as_str().into())],
                    ),
                    _ => tiles.info().name.clone(),
                };
                self.sources.push(TileSourceEntry {
                    spec: spec.clone(),
                    label,
                    tiles,
                });
                Ok(self.sources.len() - 1)
            }
            // Only tile sources reach here; the others are choices, not sources.
            OpenedBasemap::Embedded | OpenedBasemap::None => Ok(usize::MAX),
        }
    }

    /// The embedded map, decoded on first use; `None` if its asset is damaged (logged).
    fn embedded(&mut self) -> Option<&mut EmbeddedBasemap> {
        if self.embedded.is_none() {
            match EmbeddedBasemap::load() {
                Ok(b) => self.embedded = Some(b),
                Err(e) => {
                    log::error!("embedded basemap: {e}");
                    if self.base == BaseChoice::Embedded {
                        self.base = BaseChoice::None;
                    }
                    return None;
                }
            }
        }
        self.embedded.as_mut()
    }

    /// True when the embedded map is drawn: as the base, or beneath a tile source so that
    /// outside a package's area, and offline where no tile was ever cached, the map still
    /// shows where things are instead of a blank.
    fn embedded_drawn(&self) -> bool {
        matches!(self.base, BaseChoice::Embedded | BaseChoice::Source(_))
    }

    /// The parts to draw this frame.
    pub fn frame_parts(&mut self) -> BasemapFrameParts<'_> {
        if self.embedded_drawn() {
            self.embedded();
        }
        let base = self.base;
        let overlay = self.overlay;
        let opacity = self.overlay_opacity;
        let embedded = if self.embedded_drawn() {
            self.embedded.as_mut()
        } else {
            None
        };
        let mut tile_layers: Vec<(Box<dyn walkers::Layer + '_>, f32)> = Vec::new();
        let mut base_layer = None;
        let mut overlay_layer = None;
        for (i, entry) in self.sources.iter_mut().enumerate() {
            if base == BaseChoice::Source(i) {
                base_layer = Some(&mut entry.tiles);
            } else if overlay == Some(i) {
                overlay_layer = Some(&mut entry.tiles);
            }
        }
        if let Some(t) = base_layer {
            tile_layers.push((Box::new(&mut **t as &mut dyn walkers::Tiles), 1.0));
        }
        if let Some(t) = overlay_layer {
            tile_layers.push((Box::new(&mut **t as &mut dyn walkers::Tiles), opacity));
        }
        BasemapFrameParts {
            embedded,
            tile_layers,
        }
    }

    /// Attribution lines for what is shown (OSM and GeoNames require it).
    #[must_use]
    pub fn attributions(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.embedded_drawn() {
            out.push(basemap::attribution().to_owned());
        }
        for (i, s) in self.sources.iter().enumerate() {
            if self.base == BaseChoice::Source(i) || self.overlay == Some(i) {
                out.push(s.tiles.attribution_text().to_owned());
            }
        }
        out
    }

    /// Label of the base for the selector and status bar.
    #[must_use]
    pub fn base_label(&self) -> String {
        match self.base {
            BaseChoice::Embedded => tr("basemap-embedded-short").to_owned(),
            BaseChoice::None => tr("basemap-none").to_owned(),
            BaseChoice::Source(i) => self
                .sources
                .get(i)
                .map_or_else(String::new, |s| s.label.clone()),
        }
    }

    /// A note for the status bar when the view leaves a package's bounds or zoom range,
    /// instead of a silent blank.
    #[must_use]
    pub fn coverage_note(&self, view: &ViewTransform) -> Option<String> {
        let [a, b] = view.visible_world();
        let (west, north) = world_to_lonlat(a);
        let (east, south) = world_to_lonlat(b);
        let bounds = LonLatBounds {
            west,
            south,
            east,
            north,
        };
        let mut notes = Vec::new();
        for (i, s) in self.sources.iter().enumerate() {
            if self.base != BaseChoice::Source(i) && self.overlay != Some(i) {
                continue;
            }
            let info = s.tiles.info();
            if s.tiles.unreachable() {
                notes.push(tr_args(
                    "basemap-note-offline",
                    &[("name", info.name.as_str().into())],
                ));
                continue;
            }
            let note = match s.tiles.coverage(&bounds, view.zoom) {
                Coverage::Inside => continue,
                Coverage::OutsideBounds => {
                    tr_args("basemap-note-outside", &[("name", s.label.as_str().into())])
                }
                Coverage::BelowMinZoom => tr_args(
                    "basemap-note-below-zoom",
                    &[
                        ("name", s.label.as_str().into()),
                        ("zoom", info.min_zoom.into()),
                    ],
                ),
                Coverage::OverZoomed => tr_args(
                    "basemap-note-over-zoom",
                    &[
                        ("name", s.label.as_str().into()),
                        ("zoom", info.max_zoom.into()),
                    ],
                ),
            };
            notes.push(note);
        }
        (!notes.is_empty()).then(|| notes.join(" · "))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::io::mbtiles::tests::make_fixture;
    use crate::map::projection::lonlat_to_world;

    fn view_at(lon: f64, lat: f64, zoom: f64) -> ViewTransform {
        let clip = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
        ViewTransform::new(lonlat_to_world(lon, lat), zoom, clip)
    }

    #[test]
    fn a_package_base_lies_over_the_embedded_map_and_both_are_credited() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fixture.mbtiles");
        make_fixture(&path, 3, true);
        let ctx = Context::default();
        let mut basemaps = Basemaps::default();
        basemaps
            .set_base(&BasemapSpec::MbTiles(path), &ctx)
            .unwrap();
        {
            let parts = basemaps.frame_parts();
            assert!(parts.embedded.is_some(), "embedded map drawn beneath");
            assert_eq!(parts.tile_layers.len(), 1);
        }
        let credits = basemaps.attributions();
        assert!(credits[0].contains("Natural Earth"), "{credits:?}");
        assert_eq!(credits[1], "© Test survey 2026");
        // Inside the package's bounds (44.5..50.9 E, 38.3..41.95 N) and zooms: nothing to say.
        assert_eq!(basemaps.coverage_note(&view_at(47.0, 40.0, 3.0)), None);
        // Elsewhere the status bar says why the package shows nothing.
        let note = basemaps.coverage_note(&view_at(10.0, 50.0, 8.0)).unwrap();
        assert!(note.contains("outside the package's area"), "{note}");
        let note = basemaps.coverage_note(&view_at(47.0, 40.0, 6.0)).unwrap();
        assert!(note.contains("past its zoom 3"), "{note}");

        basemaps.set_base(&BasemapSpec::None, &ctx).unwrap();
        let parts = basemaps.frame_parts();
        assert!(parts.embedded.is_none() && parts.tile_layers.is_empty());
    }
}
