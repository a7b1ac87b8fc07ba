//! A scripted run for tests of the real binary (`MINEMAP_SCRIPT=FILE`): once the files have
//! loaded, the app performs the steps of FILE (a JSON array), one a frame, through the same
//! commands the panels push, waits until the journal is written, and then creates
//! `FILE.done`. The recovery test uses it to edit in the GUI binary before a `kill -9`.

use std::path::PathBuf;

use serde::Deserialize;

use super::MinemapApp;
use crate::model::{FeatureRef, PropertyValue};
use crate::state::{Command, Level};

/// One step of a script.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScriptStep {
    /// Set a property of feature `index` of the layer named `layer` (its name or file name).
    SetProperty {
        layer: String,
        index: usize,
        key: String,
        value: PropertyValue,
    },
    /// Delete feature `index` of `layer`.
    Delete {
        layer: String,
        index: usize,
    },
    /// Draw a polygon (lon, lat vertices) into the clearance-sectors layer.
    Draw {
        ring: Vec<[f64; 2]>,
    },
    Undo,
    Redo,
    /// Compact the journal now (as the 30 s timer would).
    Compact,
}

/// A script being run.
#[derive(Debug)]
pub struct Script {
    path: PathBuf,
    steps: std::collections::VecDeque<ScriptStep>,
    done: bool,
}

impl Script {
    /// Reads a script; an unreadable one is an error message, not a panic.
    ///
    /// # Errors
    /// The file cannot be read or is not a list of steps.
    pub fn read(path: PathBuf) -> Result<Self, String> {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let steps: Vec<ScriptStep> =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Self {
            path,
            steps: steps.into(),
            done: false,
        })
    }
}

impl MinemapApp {
    /// Runs the next step of the script once loading has finished.
    pub(super) fn run_script(&mut self) {
        if self.is_loading() || self.workspace.layers.is_empty() {
            return;
        }
        let Some(script) = &mut self.script else {
            return;
        };
        if script.done {
            return;
        }
        let Some(step) = script.steps.pop_front() else {
            script.done = true;
            let done = script.path.with_extension("done");
            if let Some(a) = &mut self.autosave {
                a.flush();
            }
            if let Err(e) = std::fs::write(&done, "done\n") {
                log::error!("{}: {e}", done.display());
            }
            return;
        };
        self.egui_ctx.request_repaint();
        let layer_id = |app: &Self, name: &str| {
            app.workspace
                .layers
                .iter()
                .find(|l| {
                    l.name == name
                        || l.path.as_deref().and_then(std::path::Path::file_name)
                            == Some(std::ffi::OsStr::new(name))
                })
                .map(|l| l.id)
        };
        let command = match step {
            ScriptStep::SetProperty {
                layer,
                index,
                key,
                value,
            } => layer_id(self, &layer).map(|layer| Command::SetProperty {
                layer,
                indices: vec![index],
                key,
                value,
            }),
            ScriptStep::Delete { layer, index } => layer_id(self, &layer)
                .map(|layer| Command::DeleteFeatures(vec![FeatureRef { layer, index }])),
            ScriptStep::Draw { ring } => {
                let mut coords: Vec<geo::Coord<f64>> = ring
                    .iter()
                    .map(|p| geo::coord! { x: p[0], y: p[1] })
                    .collect();
                if let Some(first) = coords.first().copied() {
                    coords.push(first);
                }
                Some(Command::AddSector(geo::Geometry::Polygon(
                    geo::Polygon::new(geo::LineString(coords), Vec::new()),
                )))
            }
            ScriptStep::Undo => Some(Command::Undo),
            ScriptStep::Redo => Some(Command::Redo),
            ScriptStep::Compact => {
                if let Some(a) = &mut self.autosave {
                    a.compact(&self.workspace.layers);
                }
                return;
            }
        };
        if let Some(c) = command {
            self.apply(c);
            self.workspace.history.close_step();
        } else {
            // Scripts are for tests: a step naming no open layer is a mistake in the script.
            self.workspace.message(
                Level::Error,
                format!(
                    "{}: a step names a layer that is not open",
                    script_name(self)
                ),
                Vec::new(),
            );
        }
    }
}

fn script_name(app: &MinemapApp) -> String {
    app.script
        .as_ref()
        .map_or_else(String::new, |s| s.path.display().to_string())
}
