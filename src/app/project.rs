//! Project files in the app (`io::project`): File → Open project…, Save project, Save
//! project as…; a `*.minemap.json` named on the command line or dropped opens as a project;
//! and the last session, kept as an implicit project in the data folder and reopened when
//! minemap starts without files.
//!
//! A project names each layer's file; its role, property mapping, visibility, opacity, style
//! and filter are applied when the background loader delivers that file. Layers without a
//! file (made in minemap, or the bundled sample) cannot be named: the bundled sample is
//! remembered by a flag, drawn layers need saving first.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{MinemapApp, SAMPLE_DATA};
use crate::i18n::{tr, tr_args};
use crate::io::project::{
    LoadedProject, PROJECT_EXTENSION, Project, ProjectLayer, ProjectView, load_project,
    save_project,
};
use crate::map::basemaps::BaseChoice;
use crate::map::style::LayerStyle;
use crate::map::tiles::BasemapSpec;
use crate::model::LayerId;
use crate::state::{Command, Level, LoadSource};

/// The member of a project that says the bundled sample data was open.
const SAMPLE_MEMBER: &str = "minemap_sample_data";

/// The last session's file in the data folder.
#[must_use]
pub fn last_session_path(data_dir: &Path) -> PathBuf {
    data_dir.join(format!("last_session{PROJECT_EXTENSION}"))
}

/// True for a project file name (`*.minemap.json`).
#[must_use]
pub fn is_project_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_lowercase().ends_with(PROJECT_EXTENSION))
}

/// What the project dialog's thread answers.
pub(super) enum ProjectDialog {
    Open(PathBuf),
    SaveAs(PathBuf),
}

impl MinemapApp {
    /// The open work as a project: layers with files (bottom to top), their roles,
    /// mappings, styles and filters, the basemap and overlay, the view.
    #[must_use]
    pub fn current_project(&self) -> Project {
        let ws = &self.workspace;
        let mut project = Project::default();
        for layer in &ws.layers {
            let Some(path) = &layer.path else {
                if SAMPLE_DATA.iter().any(|(name, _)| *name == layer.name) {
                    project
                        .other
                        .insert(SAMPLE_MEMBER.into(), Value::Bool(true));
                }
                continue;
            };
            project.layers.push(ProjectLayer {
                path: std::path::absolute(path).unwrap_or_else(|_| path.clone()),
                name: Some(layer.name.clone()),
                role: Some(layer.role),
                schema: Some(layer.schema.clone()),
                visible: layer.visible,
                opacity: layer.opacity,
                style: serde_json::to_value(ws.style(layer)).unwrap_or(Value::Null),
                filter: ws
                    .filter(layer.id)
                    .map(|f| f.text.clone())
                    .filter(|t| !t.is_empty()),
                ..ProjectLayer::default()
            });
        }
        let spec_text = |i: usize| {
            self.basemaps.sources.get(i).map(|s| match &s.spec {
                BasemapSpec::Embedded => "embedded".to_owned(),
                BasemapSpec::None => "none".to_owned(),
                BasemapSpec::MbTiles(p) | BasemapSpec::PmTiles(p) => p.display().to_string(),
                BasemapSpec::Xyz(src) => src.url.clone(),
            })
        };
        project.basemap = match self.basemaps.base {
            BaseChoice::Embedded => Some("embedded".into()),
            BaseChoice::None => Some("none".into()),
            BaseChoice::Source(i) => spec_text(i),
        };
        project.overlay = self.basemaps.overlay.and_then(spec_text);
        let (lon, lat) = self.map.center();
        project.view = Some(ProjectView {
            center: [lon, lat],
            zoom: self.map.zoom(),
        });
        project
    }

    /// Writes the project to `path` and makes it the project's file.
    pub(super) fn save_project_to(&mut self, path: PathBuf) {
        let path = if is_project_file(&path) {
            path
        } else {
            // "survey" → "survey.minemap.json", so it opens as a project again.
            let mut name = path.as_os_str().to_owned();
            name.push(PROJECT_EXTENSION);
            PathBuf::from(name)
        };
        let project = self.current_project();
        let left_out: Vec<String> = self
            .workspace
            .layers
            .iter()
            .filter(|l| l.path.is_none() && !SAMPLE_DATA.iter().any(|(n, _)| *n == l.name))
            .map(|l| l.name.clone())
            .collect();
        match save_project(&project, &path) {
            Ok(()) => {
                let name = path.display().to_string();
                self.workspace.message(
                    Level::Info,
                    tr_args(
                        "project-saved",
                        &[
                            ("path", name.into()),
                            ("count", project.layers.len().into()),
                        ],
                    ),
                    Vec::new(),
                );
                if !left_out.is_empty() {
                    self.workspace.message(
                        Level::Warning,
                        tr_args(
                            "project-layers-without-file",
                            &[("names", left_out.join(", ").into())],
                        ),
                        Vec::new(),
                    );
                }
                self.project_path = Some(path);
            }
            Err(e) => self.workspace.message(
                Level::Error,
                tr_args("project-not-saved", &[("reason", e.to_string().into())]),
                Vec::new(),
            ),
        }
    }

    /// Reads a project and opens it; a file that is not a project is a message.
    pub(super) fn open_project(&mut self, path: &Path) {
        match load_project(path) {
            Ok(loaded) => {
                self.project_path = Some(path.to_owned());
                self.apply_project(loaded);
            }
            Err(e) => self
                .workspace
                .message(Level::Error, e.to_string(), Vec::new()),
        }
    }

    /// Opens a project's layers (in the background; their settings follow when each is
    /// loaded), its basemap and view. Missing files are listed; the rest opens.
    pub(super) fn apply_project(&mut self, loaded: LoadedProject) {
        let LoadedProject { project, missing } = loaded;
        if !missing.is_empty() {
            let details = missing
                .iter()
                .map(|m| m.path.display().to_string())
                .collect();
            self.workspace.message(
                Level::Warning,
                tr_args("project-missing", &[("count", missing.len().into())]),
                details,
            );
        }
        if project.other.get(SAMPLE_MEMBER) == Some(&Value::Bool(true))
            && !self.workspace.layers.iter().any(|l| l.path.is_none())
        {
            for (name, text) in SAMPLE_DATA {
                self.start_load(LoadSource::Embedded { name, text });
            }
        }
        for (i, layer) in project.layers.into_iter().enumerate() {
            if missing.iter().any(|m| m.index == i) {
                continue;
            }
            self.start_load(LoadSource::File(layer.path.clone()));
            self.pending_project_layers.push(layer);
        }
        for (text, overlay) in [(&project.basemap, false), (&project.overlay, true)] {
            let Some(text) = text else { continue };
            match BasemapSpec::parse(text) {
                Ok(spec) if overlay => self.apply(Command::SetBasemapOverlay(spec)),
                Ok(spec) => self.apply(Command::SetBasemap(spec)),
                Err(e) => self
                    .workspace
                    .message(Level::Warning, e.to_string(), Vec::new()),
            }
        }
        if let Some(view) = project.view {
            self.fit_when_loaded = false;
            self.map
                .center_on(view.center[0], view.center[1], Some(view.zoom));
        }
    }

    /// A layer just loaded: if a project named its file, its settings apply now.
    pub(super) fn apply_project_layer(&mut self, id: LayerId) {
        let Some(path) = self.workspace.layer(id).and_then(|l| l.path.clone()) else {
            return;
        };
        let path = std::path::absolute(&path).unwrap_or(path);
        let Some(at) = self
            .pending_project_layers
            .iter()
            .position(|p| p.path == path)
        else {
            return;
        };
        let p = self.pending_project_layers.remove(at);
        if let Some(l) = self.workspace.layer_mut(id) {
            if let Some(name) = p.name {
                l.name = name;
            }
            if let Some(role) = p.role {
                l.role = role;
            }
            if let Some(schema) = p.schema {
                l.schema = schema;
            }
            l.visible = p.visible;
            l.opacity = p.opacity.clamp(0.0, 1.0);
        }
        if let Ok(style) = serde_json::from_value::<LayerStyle>(p.style) {
            self.apply(Command::SetLayerStyle(id, Box::new(style)));
        }
        if let Some(text) = p.filter {
            self.apply(Command::SetFilterText { layer: id, text });
        }
    }

    /// The project file dialogs, on their own thread so the window keeps drawing.
    pub(super) fn show_project_dialog(&mut self, save: bool) {
        let (tx, rx) = std::sync::mpsc::channel();
        let wake = self.waker();
        let start = self.project_path.clone();
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new().add_filter(tr("project-files"), &["json"]);
            let picked = if save {
                let name = start.as_deref().and_then(Path::file_name).map_or_else(
                    || format!("project{PROJECT_EXTENSION}"),
                    |n| n.to_string_lossy().into_owned(),
                );
                dialog
                    .set_title(tr("project-save-as"))
                    .set_file_name(name)
                    .save_file()
                    .map(ProjectDialog::SaveAs)
            } else {
                dialog
                    .set_title(tr("project-open"))
                    .pick_file()
                    .map(ProjectDialog::Open)
            };
            if let Some(p) = picked {
                let _ = tx.send(p);
            }
            wake();
        });
        self.project_dialog = Some(rx);
    }

    /// The dialog's answer, when it came.
    pub(super) fn poll_project_dialog(&mut self) {
        let Some(rx) = &self.project_dialog else {
            return;
        };
        match rx.try_recv() {
            Ok(ProjectDialog::Open(p)) => {
                self.project_dialog = None;
                self.apply(Command::OpenProject(p));
            }
            Ok(ProjectDialog::SaveAs(p)) => {
                self.project_dialog = None;
                self.apply(Command::SaveProjectAs(p));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.project_dialog = None,
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
        }
    }

    /// Keeps the session as the implicit project in the data folder (at exit and whenever
    /// eframe saves the settings).
    pub fn save_last_session(&self) {
        let Some(dir) = &self.data_dir else { return };
        if let Err(e) = std::fs::create_dir_all(dir)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                save_project(&self.current_project(), &last_session_path(dir))
                    .map_err(|e| e.to_string())
            })
        {
            log::warn!("last session not kept: {e}");
        }
    }

    /// Reopens the last session when it had any layer; false when there was none (the
    /// caller then opens the sample data, as on a first start).
    pub(super) fn reopen_last_session(&mut self) -> bool {
        let Some(dir) = &self.data_dir else {
            return false;
        };
        let path = last_session_path(dir);
        let Ok(loaded) = load_project(&path) else {
            return false;
        };
        let sample = loaded.project.other.get(SAMPLE_MEMBER) == Some(&Value::Bool(true));
        if loaded.project.layers.len() == loaded.missing.len() && !sample {
            return false;
        }
        self.apply_project(loaded);
        true
    }
}
