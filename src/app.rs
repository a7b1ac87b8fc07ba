//! The eframe application: holds the state, applies [`Command`]s, lays out the panels and the
//! map. Panels read the state and push commands; [`MinemapApp::apply`] is the one place where
//! state changes.

mod command;
mod loading;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use command::Command;
pub use loading::{LoadJob, LoadSource};

use crate::analysis::coords::CoordFormat;
use crate::analysis::measures::MeasureCache;
use crate::map::basemaps::Basemaps;
use crate::map::overlay::Highlight;
use crate::map::tiles::{BasemapSpec, OnlineSource};
use crate::map::view::MapView;
use crate::model::{FeatureRef, Layer, LayerId};
use crate::ui;

/// The sample data built into the binary, so `minemap` copied alone still opens something.
pub const SAMPLE_DATA: [(&str, &str); 3] = [
    (
        "hazard_areas (sample)",
        include_str!("../sample_data/hazard_areas.geojson"),
    ),
    (
        "clearance_sectors (sample)",
        include_str!("../sample_data/clearance_sectors.geojson"),
    ),
    (
        "incidents (sample)",
        include_str!("../sample_data/incidents.geojson"),
    ),
];

/// How the app was asked to start (from the command line or a test).
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// GeoJSON files to open; empty means the sample data.
    pub files: Vec<PathBuf>,
    /// `--basemap` as given.
    pub basemap: Option<String>,
    /// `--center` as (lon, lat).
    pub center: Option<(f64, f64)>,
    pub zoom: Option<f64>,
}

/// View settings kept between runs (eframe storage).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub coord_format: CoordFormat,
    pub show_layers: bool,
    pub show_inspector: bool,
    /// Online XYZ sources the user added, offered in the basemap selector.
    pub online_sources: Vec<OnlineSource>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            coord_format: CoordFormat::Decimal,
            show_layers: true,
            show_inspector: true,
            online_sources: Vec::new(),
        }
    }
}

/// The tabs of the right-hand panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RightTab {
    Inspector,
    Statistics,
    Quality,
}

/// How serious a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// Something the user should read: a file that failed, features that were skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub level: Level,
    pub text: String,
    /// Long lists (one line per skipped feature), shown collapsed.
    pub details: Vec<String>,
}

/// The data the panels read.
#[derive(Default)]
pub struct Workspace {
    /// Drawing order: index 0 at the bottom, the last on top.
    pub layers: Vec<Layer>,
    pub selection: Option<FeatureRef>,
    pub hovered: Option<FeatureRef>,
    pub messages: Vec<Message>,
    pub jobs: Vec<LoadJob>,
    /// The start order of each layer's load (see [`LoadJob::sequence`]).
    pub load_sequence: std::collections::HashMap<LayerId, u64>,
}

impl Workspace {
    #[must_use]
    pub fn layer(&self, id: LayerId) -> Option<&Layer> {
        self.layers.iter().find(|l| l.id == id)
    }

    fn layer_mut(&mut self, id: LayerId) -> Option<&mut Layer> {
        self.layers.iter_mut().find(|l| l.id == id)
    }

    fn position(&self, id: LayerId) -> Option<usize> {
        self.layers.iter().position(|l| l.id == id)
    }

    /// The feature a reference points at, with its layer.
    #[must_use]
    pub fn feature(&self, r: FeatureRef) -> Option<(&Layer, &crate::model::Feature)> {
        let layer = self.layer(r.layer)?;
        Some((layer, layer.features.get(r.index)?))
    }

    /// The feature's id as people read it (`HA-0042`, or `#index` without one), `?` if it is
    /// no longer loaded.
    #[must_use]
    pub fn display_id(&self, r: FeatureRef) -> String {
        self.feature(r)
            .map_or_else(|| "?".to_owned(), |(_, f)| f.display_id(r.index))
    }

    /// Longitude/latitude bounds of the visible layers.
    #[must_use]
    pub fn bounds(&self, only: Option<LayerId>) -> Option<[[f64; 2]; 2]> {
        self.layers
            .iter()
            .filter(|l| only.is_none_or(|id| l.id == id))
            .filter_map(Layer::bbox)
            .map(|r| [[r.min().x, r.min().y], [r.max().x, r.max().y]])
            .reduce(|a, b| {
                [
                    [a[0][0].min(b[0][0]), a[0][1].min(b[0][1])],
                    [a[1][0].max(b[1][0]), a[1][1].max(b[1][1])],
                ]
            })
    }
}

/// The minemap window.
pub struct MinemapApp {
    pub settings: Settings,
    pub workspace: Workspace,
    pub map: MapView,
    pub basemaps: Basemaps,
    /// Geodesic area, perimeter, length and centroid of every feature.
    pub measures: MeasureCache,
    /// Statistics and QA computed in the background.
    pub analysis: ui::analysis::AnalysisState,
    /// Which tab the right-hand panel shows.
    pub right_tab: RightTab,
    /// Commands pushed this frame, applied at its end.
    commands: Vec<Command>,
    /// Text of the go-to box and its last error.
    pub goto: ui::status_bar::GotoBox,
    /// The basemap selector's "add online source" form.
    pub online_source_form: ui::basemap::OnlineSourceForm,
    /// Paths from the file dialog's thread.
    dialog: Option<std::sync::mpsc::Receiver<Vec<PathBuf>>>,
    /// Fit the view to the data once the first files have loaded.
    fit_when_loaded: bool,
    egui_ctx: egui::Context,
}

impl MinemapApp {
    /// Builds the app and starts loading the files (or the sample data).
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self {
            settings,
            workspace: Workspace::default(),
            map: MapView::default(),
            basemaps: Basemaps::default(),
            measures: MeasureCache::new(),
            analysis: ui::analysis::AnalysisState::default(),
            right_tab: RightTab::Inspector,
            commands: Vec::new(),
            goto: ui::status_bar::GotoBox::default(),
            online_source_form: ui::basemap::OnlineSourceForm::default(),
            dialog: None,
            fit_when_loaded: options.center.is_none(),
            egui_ctx: cc.egui_ctx.clone(),
        };
        if let Some(text) = &options.basemap {
            match BasemapSpec::parse(text) {
                Ok(spec) => app.apply(Command::SetBasemap(spec)),
                Err(e) => app.message(Level::Error, e.to_string(), Vec::new()),
            }
        }
        if let Some((lon, lat)) = options.center {
            app.map.center_on(lon, lat, options.zoom.or(Some(14.0)));
        } else if let Some(z) = options.zoom {
            app.map.zoom_by(z - app.map.zoom());
        }
        if options.files.is_empty() {
            for (name, text) in SAMPLE_DATA {
                app.start_load(LoadSource::Embedded { name, text });
            }
        } else {
            for path in options.files {
                app.start_load(LoadSource::File(path));
            }
        }
        app
    }

    fn start_load(&mut self, source: LoadSource) {
        let ctx = self.egui_ctx.clone();
        self.workspace
            .jobs
            .push(LoadJob::spawn(source, move || ctx.request_repaint()));
    }

    /// Shows the native file dialog on its own thread, so the window keeps drawing.
    fn show_dialog(&mut self, tile_packages: bool) {
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = self.egui_ctx.clone();
        std::thread::spawn(move || {
            let dialog = if tile_packages {
                rfd::FileDialog::new()
                    .set_title("Open tile package")
                    .add_filter("Tile packages", &["mbtiles", "pmtiles"])
            } else {
                // Every format the importers read, then tile packages.
                crate::io::OPEN_FILTERS
                    .iter()
                    .fold(
                        rfd::FileDialog::new().set_title("Open"),
                        |d, (name, exts)| d.add_filter(*name, exts),
                    )
                    .add_filter("Tile packages", &["mbtiles", "pmtiles"])
            };
            let picked = dialog
                .add_filter("All files", &["*"])
                .pick_files()
                .unwrap_or_default();
            // The app may have closed meanwhile: then nobody is waiting.
            let _ = tx.send(picked);
            ctx.request_repaint();
        });
        self.dialog = Some(rx);
    }

    /// Pushes a command to apply at the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// True while files are still loading.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        !self.workspace.jobs.is_empty()
    }

    fn message(&mut self, level: Level, text: String, details: Vec<String>) {
        match level {
            Level::Error => log::error!("{text}"),
            Level::Warning => log::warn!("{text}"),
            Level::Info => log::info!("{text}"),
        }
        self.workspace.messages.push(Message {
            level,
            text,
            details,
        });
    }

    /// Applies one command: the only place state changes.
    pub fn apply(&mut self, command: Command) {
        let ws = &mut self.workspace;
        match command {
            Command::OpenFiles(paths) => {
                for p in paths {
                    // Tile packages become basemaps; everything else is read as GeoJSON.
                    match BasemapSpec::parse(&p.to_string_lossy()) {
                        Ok(spec @ (BasemapSpec::MbTiles(_) | BasemapSpec::PmTiles(_))) => {
                            self.apply(Command::SetBasemap(spec));
                        }
                        _ => self.start_load(LoadSource::File(p)),
                    }
                }
            }
            Command::SetBasemap(spec) => {
                if let Err(e) = self.basemaps.set_base(&spec, &self.egui_ctx) {
                    self.message(
                        Level::Error,
                        format!("{e} — the previous basemap stays"),
                        Vec::new(),
                    );
                }
            }
            Command::SetBasemapOverlay(spec) => {
                if let Err(e) = self.basemaps.set_overlay(&spec, &self.egui_ctx) {
                    self.message(
                        Level::Error,
                        format!("{e} — the previous basemap stays"),
                        Vec::new(),
                    );
                }
            }
            Command::SelectBase(choice) => self.basemaps.base = choice,
            Command::SelectBasemapOverlay(i) => self.basemaps.overlay = i,
            Command::SetBasemapOverlayOpacity(o) => {
                self.basemaps.overlay_opacity = o.clamp(0.0, 1.0)
            }
            Command::ShowOpenTilesDialog => self.show_dialog(true),
            Command::AddOnlineSource(source) => {
                let saved = &mut self.settings.online_sources;
                saved.retain(|s| s.url != source.url);
                saved.push(source.clone());
                self.apply(Command::SetBasemap(BasemapSpec::Xyz(source)));
            }
            Command::ForgetOnlineSource(url) => {
                self.settings.online_sources.retain(|s| s.url != url);
            }
            Command::ShowOpenDialog => self.show_dialog(false),
            Command::CloseLayer(id) => {
                ws.layers.retain(|l| l.id != id);
                ws.load_sequence.remove(&id);
                self.measures.remove_layer(id);
                if ws.selection.is_some_and(|s| s.layer == id) {
                    ws.selection = None;
                }
                ws.hovered = None;
            }
            Command::SetLayerVisible(id, visible) => {
                if let Some(l) = ws.layer_mut(id) {
                    l.visible = visible;
                }
            }
            Command::SetLayerOpacity(id, opacity) => {
                if let Some(l) = ws.layer_mut(id) {
                    l.opacity = opacity.clamp(0.0, 1.0);
                }
            }
            Command::RaiseLayer(id) => {
                if let Some(i) = ws.position(id)
                    && i + 1 < ws.layers.len()
                {
                    ws.layers.swap(i, i + 1);
                }
            }
            Command::LowerLayer(id) => {
                if let Some(i) = ws.position(id)
                    && i > 0
                {
                    ws.layers.swap(i, i - 1);
                }
            }
            Command::SetLayerRole(id, role) => {
                if let Some(l) = ws.layer_mut(id) {
                    l.role = role;
                }
            }
            Command::SetPropertyRole { layer, role, key } => {
                if let Some(l) = ws.layer_mut(layer) {
                    l.schema.set(role, key);
                }
            }
            Command::ZoomToLayer(id) => {
                if let Some(b) = ws.bounds(Some(id)) {
                    self.map.fit_lonlat_bounds(b);
                }
            }
            Command::ZoomToAll => {
                if let Some(b) = ws.bounds(None) {
                    self.map.fit_lonlat_bounds(b);
                }
            }
            Command::ZoomToFeature(r) => {
                if let Some(bbox) = ws.feature(r).and_then(|(_, f)| f.bbox()) {
                    self.map.fit_lonlat_bounds([
                        [bbox.min().x, bbox.min().y],
                        [bbox.max().x, bbox.max().y],
                    ]);
                }
            }
            Command::Select(r) => ws.selection = r,
            Command::CenterOn { lon, lat, zoom } => self.map.center_on(lon, lat, zoom),
            Command::SetCoordFormat(f) => self.settings.coord_format = f,
            Command::DismissMessage(i) => {
                if i < ws.messages.len() {
                    ws.messages.remove(i);
                }
            }
            Command::ClearMessages => ws.messages.clear(),
        }
    }

    /// Collects finished background work: loaded layers, dialog results, dropped files.
    fn poll_background(&mut self, ctx: &egui::Context) {
        let mut finished = Vec::new();
        self.workspace.jobs.retain(|job| match job.poll() {
            Some(result) => {
                finished.push((job.label.clone(), job.sequence, result));
                false
            }
            None => true,
        });
        for (label, sequence, result) in finished {
            match result {
                Ok(outcome) => {
                    let loaded = outcome.loaded;
                    self.measures.insert(loaded.layer.id, outcome.measures);
                    self.map.overlay.insert_prepared(outcome.overlay);
                    let n = loaded.layer.features.len();
                    if !loaded.warnings.is_empty() {
                        let details = loaded.warnings.iter().map(ToString::to_string).collect();
                        self.message(
                            Level::Warning,
                            format!(
                                "{label}: {n} features loaded, {} with an unusable geometry (kept, not drawn)",
                                loaded.warnings.len()
                            ),
                            details,
                        );
                    }
                    // Stack in the order the files were opened, not the order threads finished.
                    let at = self
                        .workspace
                        .layers
                        .iter()
                        .position(|l| {
                            self.workspace
                                .load_sequence
                                .get(&l.id)
                                .is_some_and(|&s| s > sequence)
                        })
                        .unwrap_or(self.workspace.layers.len());
                    self.workspace
                        .load_sequence
                        .insert(loaded.layer.id, sequence);
                    self.workspace.layers.insert(at, loaded.layer);
                }
                Err(e) => self.message(Level::Error, e.to_string(), Vec::new()),
            }
        }
        if self.fit_when_loaded
            && self.workspace.jobs.is_empty()
            && !self.workspace.layers.is_empty()
        {
            self.fit_when_loaded = false;
            self.apply(Command::ZoomToAll);
        }
        if let Some(rx) = &self.dialog
            && let Ok(paths) = rx.try_recv()
        {
            self.dialog = None;
            if !paths.is_empty() {
                self.apply(Command::OpenFiles(paths));
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.apply(Command::OpenFiles(dropped));
        }
    }

    /// Keyboard navigation of the map, unless a text field has focus.
    fn handle_keys(&mut self, ctx: &egui::Context) {
        if ctx.text_edit_focused() {
            return;
        }
        let step = 120.0;
        let (pan, zoom, home, open, escape) = ctx.input_mut(|i| {
            let mut pan = egui::Vec2::ZERO;
            if i.key_pressed(egui::Key::ArrowLeft) {
                pan.x -= step;
            }
            if i.key_pressed(egui::Key::ArrowRight) {
                pan.x += step;
            }
            if i.key_pressed(egui::Key::ArrowUp) {
                pan.y -= step;
            }
            if i.key_pressed(egui::Key::ArrowDown) {
                pan.y += step;
            }
            let mut zoom = 0.0;
            if i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals) {
                zoom += 1.0;
            }
            if i.key_pressed(egui::Key::Minus) {
                zoom -= 1.0;
            }
            let open = i.consume_key(egui::Modifiers::COMMAND, egui::Key::O);
            (
                pan,
                zoom,
                i.key_pressed(egui::Key::Home),
                open,
                i.key_pressed(egui::Key::Escape),
            )
        });
        if pan != egui::Vec2::ZERO {
            self.map.pan_by(pan);
        }
        if zoom != 0.0 {
            self.map.zoom_by(zoom);
        }
        if home {
            self.push(Command::ZoomToAll);
        }
        if open {
            self.push(Command::ShowOpenDialog);
        }
        if escape {
            self.push(Command::Select(None));
        }
    }
}

impl eframe::App for MinemapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_background(&ctx);
        self.handle_keys(&ctx);
        self.analysis
            .update(&self.workspace, &mut self.measures, &ctx);

        let mut commands = std::mem::take(&mut self.commands);
        egui::Panel::top("menu").show(ui, |ui| {
            ui::menu::show(ui, &self.workspace, &self.settings, &mut commands);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui::status_bar::show(
                ui,
                &self.workspace,
                &self.settings,
                &self.map,
                &mut self.goto,
                &mut commands,
            );
        });
        if self.settings.show_layers {
            egui::Panel::left("layers")
                .default_size(280.0)
                .show(ui, |ui| {
                    ui::basemap::show(
                        ui,
                        &self.basemaps,
                        &self.settings.online_sources,
                        &mut self.online_source_form,
                        &mut commands,
                    );
                    ui.separator();
                    ui::layers::show(ui, &self.workspace, &mut commands);
                });
        }
        if self.settings.show_inspector {
            egui::Panel::right("inspector")
                .default_size(320.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut self.right_tab, RightTab::Inspector, "Inspector");
                        ui.selectable_value(
                            &mut self.right_tab,
                            RightTab::Statistics,
                            "Statistics",
                        );
                        let qa = if self.analysis.problems.is_empty() {
                            "QA".to_owned()
                        } else {
                            format!("QA ({})", self.analysis.problems.len())
                        };
                        ui.selectable_value(&mut self.right_tab, RightTab::Quality, qa);
                    });
                    ui.separator();
                    match self.right_tab {
                        RightTab::Inspector => ui::inspector::show(
                            ui,
                            &self.workspace,
                            &self.measures,
                            self.analysis
                                .incidents
                                .as_ref()
                                .map(|r| (r, self.analysis.incident_options.buffer_m)),
                            &mut commands,
                        ),
                        RightTab::Statistics => ui::analysis::show_statistics(
                            ui,
                            &self.workspace,
                            &mut self.analysis,
                            &mut commands,
                        ),
                        RightTab::Quality => ui::analysis::show_quality(
                            ui,
                            &self.workspace,
                            &mut self.analysis,
                            &mut commands,
                        ),
                    }
                });
        }
        ui::messages::show(&ctx, &self.workspace, &mut commands);

        let highlight = Highlight {
            selected: self.workspace.selection,
            hovered: self.workspace.hovered,
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let attributions = self.basemaps.attributions();
                let parts = self.basemaps.frame_parts();
                let events =
                    self.map
                        .show(ui, &self.workspace.layers, &highlight, parts, &attributions);
                self.goto.basemap_note = events.view.and_then(|v| self.basemaps.coverage_note(&v));
                self.workspace.hovered = events.hovered;
                self.goto.pointer = events.pointer_lonlat;
                if let Some(clicked) = events.clicked {
                    commands.push(Command::Select(clicked));
                }
                if let Some(h) = events.hovered {
                    ui::inspector::hover_tooltip(ui, &self.workspace, &self.measures, h);
                }
            });

        for c in commands.drain(..).chain(std::mem::take(&mut self.commands)) {
            self.apply(c);
        }
        if self.is_loading() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
