//! The map widget: walkers for panning, zooming and tiles; our basemap and overlay drawn on
//! top through a plugin; hover and click turned into feature references.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Color32, Galley, Pos2, Rect, Response, Ui, Vec2};
use walkers::{MapMemory, Plugin, Projector, lon_lat};

use crate::map::basemap::{EmbeddedBasemap, paint_labels};
use crate::map::basemaps::BasemapFrameParts;
use crate::map::overlay::{
    Highlight, LabelCandidate, MAX_LABEL_CANDIDATES, MAX_LABELS, OverlayCache, PlacedLabel,
    place_labels,
};
use crate::map::projection::{ViewTransform, lonlat_to_world, world_pixels, world_to_lonlat};
use crate::map::style::LayerStyle;
use crate::model::{FeatureRef, Layer, LayerId};

/// Zoom range offered to the user.
pub const MIN_ZOOM: f64 = 1.0;
pub const MAX_ZOOM: f64 = 22.0;

/// What happened on the map this frame.
#[derive(Clone, Debug, Default)]
pub struct MapEvents {
    /// Feature under the pointer.
    pub hovered: Option<FeatureRef>,
    /// `Some` when the map was clicked: the feature hit, or `None` for empty ground.
    pub clicked: Option<Option<FeatureRef>>,
    /// Pointer position in longitude/latitude.
    pub pointer_lonlat: Option<(f64, f64)>,
    /// The view drawn this frame.
    pub view: Option<ViewTransform>,
}

/// The map's state that lives across frames.
pub struct MapView {
    pub memory: MapMemory,
    pub overlay: OverlayCache,
    /// The view of the last frame, for hit tests, scale and tests.
    pub last_view: Option<ViewTransform>,
    /// A fit requested before the map's size was known.
    pending_fit: Option<[[f64; 2]; 2]>,
    /// Dragging pans the map (off while a vertex handle is dragged).
    pub panning: bool,
    /// A double click zooms in (off while drawing, where it finishes the shape).
    pub double_click_zoom: bool,
}

impl Default for MapView {
    fn default() -> Self {
        let mut memory = MapMemory::default();
        // Azerbaijan, until data says otherwise.
        memory.center_at(lon_lat(47.5, 40.2));
        let _ = memory.set_zoom(7.0);
        Self {
            memory,
            overlay: OverlayCache::default(),
            last_view: None,
            pending_fit: None,
            panning: true,
            double_click_zoom: true,
        }
    }
}

impl MapView {
    /// The centre of the view in longitude/latitude.
    #[must_use]
    pub fn center(&self) -> (f64, f64) {
        self.memory
            .detached()
            .map_or((47.5, 40.2), |p| (p.x(), p.y()))
    }

    #[must_use]
    pub fn zoom(&self) -> f64 {
        self.memory.zoom()
    }

    /// Centres the map on a position, optionally at a zoom.
    pub fn center_on(&mut self, lon: f64, lat: f64, zoom: Option<f64>) {
        self.pending_fit = None;
        self.memory.center_at(lon_lat(lon, lat));
        if let Some(z) = zoom {
            let _ = self.memory.set_zoom(z.clamp(MIN_ZOOM, MAX_ZOOM));
        }
    }

    /// Fits the view to a longitude/latitude box (`[[min_lon, min_lat], [max_lon, max_lat]]`),
    /// now if the map's size is known, else on the next frame.
    pub fn fit_lonlat_bounds(&mut self, bounds: [[f64; 2]; 2]) {
        match self.last_view {
            Some(view) => self.apply_fit(bounds, view.clip),
            None => self.pending_fit = Some(bounds),
        }
    }

    fn apply_fit(&mut self, bounds: [[f64; 2]; 2], clip: Rect) {
        let a = lonlat_to_world(bounds[0][0], bounds[0][1]);
        let b = lonlat_to_world(bounds[1][0], bounds[1][1]);
        let center = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
        let (lon, lat) = world_to_lonlat(center);
        let w = (b[0] - a[0]).abs().max(1e-9);
        let h = (b[1] - a[1]).abs().max(1e-9);
        // A margin of 5 % around the data, like QGIS' "zoom to layer".
        let size = clip.size() * 0.9;
        let zoom_x = (f64::from(size.x) / world_pixels(0.0) / w).log2();
        let zoom_y = (f64::from(size.y) / world_pixels(0.0) / h).log2();
        let zoom = zoom_x.min(zoom_y).clamp(MIN_ZOOM, 18.0);
        self.memory.center_at(lon_lat(lon, lat));
        let _ = self.memory.set_zoom(zoom);
    }

    /// Pans by a screen offset (keyboard panning).
    pub fn pan_by(&mut self, delta: Vec2) {
        let (lon, lat) = self.center();
        let scale = world_pixels(self.zoom());
        let w = lonlat_to_world(lon, lat);
        let moved = [
            w[0] + f64::from(delta.x) / scale,
            w[1] + f64::from(delta.y) / scale,
        ];
        let (lon, lat) = world_to_lonlat(moved);
        self.memory.center_at(lon_lat(lon, lat));
    }

    /// Zooms in (positive) or out by whole levels, keeping the centre.
    pub fn zoom_by(&mut self, levels: f64) {
        let z = (self.zoom() + levels).clamp(MIN_ZOOM, MAX_ZOOM);
        let _ = self.memory.set_zoom(z);
    }

    /// Ground metres per screen point at the centre of the view.
    #[must_use]
    pub fn metres_per_pixel(&self) -> f64 {
        let (_, lat) = self.center();
        40_075_016.686 * lat.to_radians().cos() / world_pixels(self.zoom())
    }

    /// Shows the map with each layer drawn with its style in `styles` (layers without one keep
    /// the style they had, at first the GICHD preset). Setting an unchanged style costs a
    /// comparison; a changed one re-colours only that layer.
    pub fn show_with_styles(
        &mut self,
        ui: &mut Ui,
        layers: &[Layer],
        styles: &HashMap<LayerId, LayerStyle>,
        highlight: &Highlight,
        basemap: BasemapFrameParts<'_>,
        attributions: &[String],
    ) -> MapEvents {
        for layer in layers {
            if let Some(style) = styles.get(&layer.id) {
                self.overlay.set_style(layer.id, style.clone());
            }
        }
        self.show(ui, layers, highlight, basemap, attributions)
    }

    /// Shows the map with `layers` drawn over `tiles` and `basemap`.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        layers: &[Layer],
        highlight: &Highlight,
        basemap: BasemapFrameParts<'_>,
        attributions: &[String],
    ) -> MapEvents {
        if let Some(bounds) = self.pending_fit.take() {
            let rect = ui.available_rect_before_wrap();
            self.apply_fit(bounds, rect);
        }
        self.overlay.sync(layers);
        let my_position = {
            let (lon, lat) = self.center();
            lon_lat(lon, lat)
        };
        let mut events = MapEvents::default();
        let mut map = walkers::Map::new(None, &mut self.memory, my_position)
            .zoom_with_ctrl(false)
            .double_click_to_zoom(self.double_click_zoom)
            .panning(self.panning);
        // walkers paints tile layers before plugins; the embedded map must lie beneath any
        // tile package drawn over it, so it goes into a slot reserved before the map paints
        // and filled by the plugin with this frame's view.
        let map_rect = ui.available_rect_before_wrap();
        let basemap_painter = ui.painter().with_clip_rect(map_rect);
        let basemap_slot = basemap
            .embedded
            .is_some()
            .then(|| basemap_painter.add(egui::Shape::Noop));
        for (layer, opacity) in basemap.tile_layers {
            map = map.with_layer(BoxedLayer(layer), opacity);
        }
        let plugin = OverlayPlugin {
            embedded: basemap
                .embedded
                .zip(basemap_slot)
                .map(|(b, slot)| (b, slot, basemap_painter)),
            attributions,
            overlay: &mut self.overlay,
            layers,
            highlight,
            events: &mut events,
        };
        let response = map.with_plugin(plugin).show(ui, |_, _, _, _| ()).response;
        if response.hovered()
            && let (Some(view), Some(pos)) = (events.view, response.hover_pos())
        {
            let w = view.to_world(pos);
            events.pointer_lonlat = Some(world_to_lonlat(w));
        }
        self.last_view = events.view;
        events
    }
}

/// Draws the basemap underlay and the overlay, and hit-tests the pointer.
struct OverlayPlugin<'a> {
    embedded: Option<(
        &'a mut EmbeddedBasemap,
        egui::layers::ShapeIdx,
        egui::Painter,
    )>,
    attributions: &'a [String],
    overlay: &'a mut OverlayCache,
    layers: &'a [Layer],
    highlight: &'a Highlight,
    events: &'a mut MapEvents,
}

impl Plugin for OverlayPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let view = ViewTransform::from_projector(projector);
        let painter = ui.painter().with_clip_rect(view.clip);
        let mut labels = Vec::new();
        if let Some((embedded, slot, basemap_painter)) = self.embedded {
            let frame = embedded.frame(&view);
            basemap_painter.set(slot, egui::Shape::Vec(frame.shapes));
            labels = frame.labels;
        }
        let shapes = self
            .overlay
            .prepare_frame(self.layers, &view, self.highlight);
        if self.overlay.last_frame_stats().pending {
            ui.ctx().request_repaint();
        }
        // Town names above the hazard fills, so a name is never hidden under a red area.
        painter.extend(shapes);
        paint_labels(&painter, labels);
        paint_feature_labels(&painter, &mut *self.overlay, self.layers, &view);
        paint_attribution(&painter, view.clip, self.attributions);
        let hover_pos: Option<Pos2> = response.hover_pos();
        if let Some(pos) = hover_pos {
            self.events.hovered = self.overlay.hit_test(self.layers, &view, pos);
        }
        if response.clicked_by(egui::PointerButton::Primary)
            && let Some(pos) = response.interact_pointer_pos()
        {
            self.events.clicked = Some(self.overlay.hit_test(self.layers, &view, pos));
        }
        self.events.view = Some(view);
    }
}

/// Label colour and the halo around it, so labels read on fills and basemaps alike.
const LABEL_TEXT: Color32 = Color32::from_rgb(0x1A, 0x1A, 0x1A);
const LABEL_HALO: Color32 = Color32::from_rgba_premultiplied(0xF0, 0xF0, 0xF0, 0xF0);

/// The layers' labels, placed without overlap (see `overlay::labels`), each with a halo.
pub(crate) fn paint_feature_labels(
    painter: &egui::Painter,
    overlay: &mut OverlayCache,
    layers: &[Layer],
    view: &ViewTransform,
) {
    let candidates: Vec<LabelCandidate> =
        overlay.label_candidates(layers, view, MAX_LABEL_CANDIDATES);
    if candidates.is_empty() {
        return;
    }
    let mut galleys: Vec<Option<Arc<Galley>>> = vec![None; candidates.len()];
    let placed: Vec<PlacedLabel> =
        place_labels(&candidates, view.clip.shrink(2.0), MAX_LABELS, |i, c| {
            // Laid out once with a placeholder colour, painted as halo and as text.
            let galley = painter.layout_no_wrap(
                c.text.clone(),
                egui::FontId::proportional(c.size),
                Color32::PLACEHOLDER,
            );
            let size = galley.size();
            galleys[i] = Some(galley);
            size
        });
    for p in &placed {
        let Some(galley) = galleys[p.candidate].take() else {
            continue;
        };
        for d in [
            egui::vec2(-1.0, -1.0),
            egui::vec2(1.0, -1.0),
            egui::vec2(-1.0, 1.0),
            egui::vec2(1.0, 1.0),
        ] {
            painter.galley(p.rect.min + d, Arc::clone(&galley), LABEL_HALO);
        }
        painter.galley(p.rect.min, galley, LABEL_TEXT);
    }
}

/// A boxed walkers layer (basemap, tile package), so the app can hand over a list of them.
struct BoxedLayer<'a>(Box<dyn walkers::Layer + 'a>);

impl walkers::Layer for BoxedLayer<'_> {
    fn draw(&mut self, canvas: &mut walkers::Canvas, projector: &Projector) {
        self.0.draw(canvas, projector);
    }
}

/// The attribution line in the map's bottom-right corner (OSM and GeoNames require it).
fn paint_attribution(painter: &egui::Painter, clip: Rect, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    let text = lines.join(" · ");
    let galley = painter.layout_no_wrap(
        text,
        egui::FontId::proportional(11.0),
        egui::Color32::from_gray(40),
    );
    let pos = clip.right_bottom() - galley.size() - egui::vec2(6.0, 4.0);
    let bg = Rect::from_min_size(pos, galley.size()).expand(3.0);
    painter.rect_filled(bg, 2.0, egui::Color32::from_white_alpha(190));
    painter.galley(pos, galley, egui::Color32::from_gray(40));
}
