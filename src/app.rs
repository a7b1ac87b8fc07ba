//! The eframe application shell: owns the state, lays out the panels and the map, and
//! applies the [`Command`]s the panels push, in one place ([`MinemapApp::apply`], in
//! `app/apply.rs`). Background work (loading, dialogs, dropped files) is collected in
//! `app/background.rs`.

mod apply;
mod background;
mod map_image;
mod project;
mod recovery;
mod save;
mod script;
mod tools;

pub use project::{is_project_file, last_session_path};
pub use recovery::RecoveryState;

pub use tools::ToolState;

use std::path::PathBuf;

use crate::analysis::measures::MeasureCache;
use crate::i18n::{tr, tr_args};
use crate::map::basemaps::Basemaps;
use crate::map::overlay::Highlight;
use crate::map::tiles::BasemapSpec;
use crate::map::view::MapView;
use crate::state::actions::Action;
use crate::state::analysis::AnalysisState;
use crate::state::planner::PlannerState;
use crate::state::table::TableState;
pub use crate::state::{Command, Level, LoadSource, RightTab, Settings, Workspace};
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
    /// The user's data folder: autosave journals go to its `recovery` folder and journals
    /// of crashed sessions there are offered back. `None` (tests): no autosave.
    pub data_dir: Option<PathBuf>,
    /// Reopen the last session's layers, view, styles and filters when no files are given
    /// (the binary; tests leave it off so they never see a developer's last session).
    pub reopen_last_session: bool,
    /// `MINEMAP_SCRIPT`: steps to perform once loaded (tests of the real binary).
    pub script: Option<PathBuf>,
    /// How to read the files (`--csv-lat` …): given, CSVs load without the column dialog.
    pub import: Option<crate::io::ImportOptions>,
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
    pub analysis: AnalysisState,
    /// The attribute table's sort and cached rows per layer.
    pub table: TableState,
    /// The planner's preview of a split.
    pub planner: PlannerState,
    /// The map tools: the drawing in progress, a vertex drag, typed entry.
    pub tools: tools::ToolState,
    /// Which tab the right-hand panel shows.
    pub right_tab: RightTab,
    /// Commands pushed this frame, applied at its end.
    commands: Vec<Command>,
    /// Text of the go-to box and its last error (a draft the panel owns).
    pub goto: ui::status_bar::GotoBox,
    /// The basemap selector's "add online source" form (a draft the panel owns).
    pub online_source_form: ui::basemap::OnlineSourceForm,
    /// The filter panel's drafts (the expression being typed, range fields).
    pub filter_form: ui::filters::FilterForm,
    /// The attribute table's drafts (the cell being edited, the bulk-edit form).
    pub table_form: ui::table::TableForm,
    /// The Export dialog's draft.
    pub export_form: ui::export::ExportForm,
    /// A question waiting for an answer (confirm a save, unsaved edits on close).
    pub question: Option<ui::save::Question>,
    /// Answer save dialogs with this path instead of showing one (GUI tests, scripted use).
    pub dialog_answer: Option<PathBuf>,
    /// Files being written, the export dry run, the close guard.
    save: save::SaveState,
    /// The "Export map image" dialog's draft.
    pub map_image_form: ui::map_image::MapImageForm,
    /// A map image being saved (file dialog, then rendering).
    map_image: map_image::MapImageExport,
    /// Paths from the file dialog's thread.
    dialog: Option<std::sync::mpsc::Receiver<Vec<PathBuf>>>,
    /// Fit the view to the data once the first files have loaded.
    fit_when_loaded: bool,
    /// This session's recovery journal (`None` without a data folder).
    pub autosave: Option<crate::state::autosave::Autosave>,
    /// Journals of crashed sessions offered back, and a restore in progress.
    pub recovery: RecoveryState,
    script: Option<script::Script>,
    /// The user's data folder (recovery journals, the last session); `None` in tests.
    data_dir: Option<PathBuf>,
    /// The project file the work was opened from or last saved to.
    pub project_path: Option<PathBuf>,
    /// Layers of an opened project still loading: their settings apply when they arrive.
    pending_project_layers: Vec<crate::io::project::ProjectLayer>,
    /// The project file dialog's answer.
    project_dialog: Option<std::sync::mpsc::Receiver<project::ProjectDialog>>,
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
        // Noto Sans: egui's own fonts lack the Azerbaijani ə.
        crate::map::fonts::install_fonts(&cc.egui_ctx);
        crate::i18n::set_lang(settings.lang.unwrap_or_else(crate::i18n::Lang::from_system));
        let mut app = Self {
            settings,
            workspace: Workspace::default(),
            map: MapView::default(),
            basemaps: Basemaps::default(),
            measures: MeasureCache::new(),
            analysis: AnalysisState::default(),
            table: TableState::default(),
            planner: PlannerState::default(),
            tools: tools::ToolState::default(),
            right_tab: RightTab::Inspector,
            commands: Vec::new(),
            goto: ui::status_bar::GotoBox::default(),
            online_source_form: ui::basemap::OnlineSourceForm::default(),
            filter_form: ui::filters::FilterForm::default(),
            table_form: ui::table::TableForm::default(),
            export_form: ui::export::ExportForm::default(),
            question: None,
            dialog_answer: None,
            save: save::SaveState::default(),
            map_image_form: ui::map_image::MapImageForm::default(),
            map_image: map_image::MapImageExport::default(),
            dialog: None,
            fit_when_loaded: options.center.is_none(),
            autosave: None,
            recovery: RecoveryState::default(),
            script: None,
            data_dir: options.data_dir.clone(),
            project_path: None,
            pending_project_layers: Vec::new(),
            project_dialog: None,
            egui_ctx: cc.egui_ctx.clone(),
        };
        if let Some(dir) = &options.data_dir {
            app.start_autosave(&dir.join("recovery"));
        }
        if let Some(path) = options.script.clone() {
            match script::Script::read(path) {
                Ok(s) => app.script = Some(s),
                Err(e) => app.workspace.message(Level::Error, e, Vec::new()),
            }
        }
        if let Some(text) = &options.basemap {
            match BasemapSpec::parse(text) {
                Ok(spec) => app.apply(Command::SetBasemap(spec)),
                Err(e) => app
                    .workspace
                    .message(Level::Error, e.to_string(), Vec::new()),
            }
        }
        if let Some((lon, lat)) = options.center {
            app.map.center_on(lon, lat, options.zoom.or(Some(14.0)));
        } else if let Some(z) = options.zoom {
            app.map.zoom_by(z - app.map.zoom());
        }
        if options.files.is_empty() {
            // The last session, else (first start, or nothing was open) the sample data.
            if !(options.reopen_last_session && app.reopen_last_session()) {
                for (name, text) in SAMPLE_DATA {
                    app.start_load(LoadSource::Embedded { name, text });
                }
            }
        } else {
            match options.import {
                Some(import) => {
                    for path in options.files {
                        app.start_load(LoadSource::FileWith(path, import.clone()));
                    }
                }
                // CSVs ask for their columns, projects open as projects, tile packages
                // become basemaps.
                None => app.apply(Command::OpenFiles(options.files)),
            }
        }
        // A project may have set its view: an explicit --center wins.
        if let Some((lon, lat)) = options.center {
            app.map.center_on(lon, lat, options.zoom.or(Some(14.0)));
        }
        app
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

    /// Gives every layer without a style (one made by the planner) its default, on the map
    /// too.
    fn sync_styles(&mut self) {
        for layer in &self.workspace.layers {
            if !self.workspace.styles.contains_key(&layer.id) {
                let style = crate::map::style::LayerStyle::default_for(layer);
                self.map.overlay.set_style(layer.id, style.clone());
                self.workspace.styles.insert(layer.id, style);
            }
        }
    }

    /// A closure that repaints the window, for worker threads.
    fn waker(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let ctx = self.egui_ctx.clone();
        move || ctx.request_repaint()
    }

    /// The right-hand panel: inspector, statistics, QA.
    fn right_panel(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let tab =
                |ui: &mut egui::Ui, t: RightTab, label: String, commands: &mut Vec<Command>| {
                    if ui.selectable_label(self.right_tab == t, label).clicked() {
                        commands.push(Command::SetRightTab(t));
                    }
                };
            tab(
                ui,
                RightTab::Inspector,
                tr("tab-inspector").into(),
                commands,
            );
            tab(
                ui,
                RightTab::Statistics,
                tr("tab-statistics").into(),
                commands,
            );
            let qa = if self.analysis.problems.is_empty() {
                tr("tab-qa").to_owned()
            } else {
                tr_args(
                    "tab-qa-count",
                    &[("count", self.analysis.problems.len().into())],
                )
            };
            tab(ui, RightTab::Quality, qa, commands);
            tab(ui, RightTab::Planner, tr("tab-planner").into(), commands);
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
                commands,
            ),
            RightTab::Statistics => {
                ui::analysis::show_statistics(ui, &self.workspace, &self.analysis, commands);
            }
            RightTab::Quality => {
                ui::analysis::show_quality(ui, &self.workspace, &self.analysis, commands);
            }
            RightTab::Planner => {
                egui::ScrollArea::vertical()
                    .id_salt("planner scroll")
                    .show(ui, |ui| {
                        ui::planner::show(
                            ui,
                            &self.workspace,
                            &self.settings.planner,
                            &self.planner,
                            commands,
                        );
                    });
            }
        }
    }
}

impl eframe::App for MinemapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_background(&ctx);
        self.poll_autosave();
        self.poll_project_dialog();
        self.run_script();
        self.poll_files();
        self.guard_close(&ctx);
        self.poll_map_image();
        self.handle_keys(&ctx);
        self.sync_styles();
        let wake = self.waker();
        self.analysis
            .update(&self.workspace, &mut self.measures, &wake);
        if self.right_tab == RightTab::Planner {
            self.planner.update(&self.workspace, &self.settings.planner);
        }

        let mut commands = std::mem::take(&mut self.commands);
        egui::Panel::top("menu").show(ui, |ui| {
            ui::menu::show(ui, &self.workspace, &self.settings, &mut commands);
        });
        egui::Panel::top("map tools").show(ui, |ui| {
            let summary = self.draft_summary();
            ui::tools::show(
                ui,
                &mut self.tools,
                &self.settings,
                &self.workspace.layers,
                &summary,
                &mut commands,
            );
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
        if self.settings.show_table {
            egui::Panel::bottom("attribute table")
                .resizable(true)
                .default_size(240.0)
                .min_size(140.0)
                .show(ui, |ui| {
                    ui::table::show(
                        ui,
                        &self.workspace,
                        &mut self.table,
                        &mut self.measures,
                        &mut self.table_form,
                        &mut commands,
                    );
                });
        }
        if self.settings.show_layers {
            egui::Panel::left("layers")
                .default_size(300.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("left panel")
                        .show(ui, |ui| {
                            ui::basemap::show(
                                ui,
                                &self.basemaps,
                                &self.settings.online_sources,
                                &mut self.online_source_form,
                                &mut commands,
                            );
                            ui.separator();
                            ui::layers::show(
                                ui,
                                &self.workspace,
                                &mut self.filter_form,
                                self.map.last_view.as_ref(),
                                &mut commands,
                            );
                        });
                });
        }
        if self.settings.show_inspector {
            egui::Panel::right("inspector")
                .default_size(320.0)
                .show(ui, |ui| self.right_panel(ui, &mut commands));
        }
        ui::messages::show(&ctx, &self.workspace, &mut commands);
        if let Some(offer) = self.recovery.shown() {
            ui::recovery::show(&ctx, offer, &mut commands);
        }
        self.show_file_windows(&ctx, &mut commands);
        ui::map_image::show(
            &ctx,
            &mut self.map_image_form,
            self.map.last_view.as_ref(),
            self.settings.show_grid,
            self.map_image.busy(),
            &mut commands,
        );
        ui::csv_import::show(&ctx, &self.workspace, &mut commands);

        let highlight = Highlight {
            selected: self.workspace.selection,
            hovered: self.workspace.hovered,
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let may_pan = self.begin_tool_frame(&ctx);
                self.map.panning = may_pan;
                self.map.double_click_zoom =
                    self.tools.draft.tool == crate::analysis::drawing::Tool::Select;
                let attributions = self.basemaps.attributions();
                let parts = self.basemaps.frame_parts();
                let events =
                    self.map
                        .show(ui, &self.workspace.layers, &highlight, parts, &attributions);
                self.goto.basemap_note = events.view.and_then(|v| self.basemaps.coverage_note(&v));
                self.workspace.hovered = events.hovered;
                self.goto.pointer = events.pointer_lonlat;
                self.handle_map_events(&ctx, &events, &mut commands);
                if let Some(view) = events.view {
                    let painter = ui.painter().with_clip_rect(view.clip);
                    // The grid under the drawing tools; the scale bar always on.
                    if self.settings.show_grid {
                        crate::map::grid::paint_grid(&painter, &view);
                    }
                    crate::map::furniture::paint_scale_bar(&painter, &view, crate::i18n::lang());
                    self.paint_tools(&painter, &view, self.pointer_lonlat());
                }
                if let Some(h) = events.hovered {
                    ui::inspector::hover_tooltip(ui, &self.workspace, &self.measures, h);
                }
                if self.right_tab == RightTab::Planner
                    && let (Some(view), Some(Ok(sectors))) =
                        (self.map.last_view, &self.planner.preview)
                {
                    let items: Vec<_> = sectors
                        .iter()
                        .map(|s| (&s.geometry, s.index.to_string()))
                        .collect();
                    crate::map::preview::paint_outlines(
                        &ui.painter().with_clip_rect(view.clip),
                        &view,
                        &items,
                    );
                }
            });

        for c in commands.drain(..).chain(std::mem::take(&mut self.commands)) {
            self.apply(c);
        }
        // A drag or a slider is one undo step: edits coalesce until the pointer is released.
        if !ctx.input(|i| i.pointer.any_down()) {
            self.workspace.history.close_step();
        }
        self.update_title(&ctx);
        if self.is_loading() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
        self.save_last_session();
    }
}

/// The actions whose shortcuts were pressed, as commands.
fn shortcut_commands(ctx: &egui::Context) -> Vec<Command> {
    Action::pressed(ctx)
        .into_iter()
        .map(Action::command)
        .collect()
}
