//! Project files (`*.minemap.json`): which files are open, the role and property mapping of
//! each, their styles and filters, the basemap and overlay, and the view — everything needed
//! to come back to a piece of work, nothing of the data itself.
//!
//! Layer paths are stored relative to the project file (with `/` separators), so a project
//! folder can be copied to another machine or drive; a file on another drive is stored
//! absolute. Loading resolves them again and reports the files that are not there, so the
//! rest can still be opened. Members this version does not know are kept and written back.
//! Styles are opaque JSON and filters CQL2 text for now: their own modules own their shape.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

use crate::io::atomic::write_atomic;
use crate::model::{LayerRole, SchemaMapping};

/// The format version this program writes.
pub const PROJECT_VERSION: u32 = 1;

/// The file name ending of projects.
pub const PROJECT_EXTENSION: &str = ".minemap.json";

/// Why a project could not be read or written.
#[derive(Debug, Error)]
pub enum ProjectError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a minemap project: {reason}")]
    NotAProject { path: PathBuf, reason: String },
    #[error(
        "{path}: written by a newer minemap (project format {version}; this one reads {PROJECT_VERSION})"
    )]
    Newer { path: PathBuf, version: u32 },
}

/// A project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// Format version ([`PROJECT_VERSION`]).
    pub minemap_project: u32,
    /// Layers, bottom to top as drawn.
    pub layers: Vec<ProjectLayer>,
    /// Basemap: `embedded`, `none`, a tile package path or an XYZ URL template (the same
    /// words as `--basemap`).
    pub basemap: Option<String>,
    /// Overlay tiles on top of the basemap (hillshade, imagery), same forms.
    pub overlay: Option<String>,
    pub view: Option<ProjectView>,
    /// Members this version does not know, kept for the version that does.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            minemap_project: PROJECT_VERSION,
            layers: Vec::new(),
            basemap: None,
            overlay: None,
            view: None,
            other: Map::new(),
        }
    }
}

/// One layer of a project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectLayer {
    /// The data file. In memory absolute (after [`load_project`]) or as the caller set it;
    /// in the file relative to the project.
    pub path: PathBuf,
    /// Name shown in the layers panel, if the user renamed it.
    pub name: Option<String>,
    /// Role chosen by the user (`None`: detected again on load).
    pub role: Option<LayerRole>,
    /// Property mapping chosen by the user (`None`: detected again on load).
    pub schema: Option<SchemaMapping>,
    pub visible: bool,
    pub opacity: f32,
    /// Style settings, owned by the map's style module.
    pub style: Value,
    /// Filter as CQL2 text.
    pub filter: Option<String>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl Default for ProjectLayer {
    fn default() -> Self {
        Self {
            path: PathBuf::new(),
            name: None,
            role: None,
            schema: None,
            visible: true,
            opacity: 1.0,
            style: Value::Null,
            filter: None,
            other: Map::new(),
        }
    }
}

/// The map view.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectView {
    /// `[lon, lat]` of the centre, degrees.
    pub center: [f64; 2],
    pub zoom: f64,
}

/// A layer whose file is not where the project says.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingLayer {
    /// Position in [`Project::layers`].
    pub index: usize,
    /// Where it was looked for.
    pub path: PathBuf,
}

/// A project read from a file, layer paths made absolute.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedProject {
    pub project: Project,
    /// Layers whose files are missing (the others can be opened).
    pub missing: Vec<MissingLayer>,
}

/// Writes `project` to `path` atomically, layer paths relative to `path`'s folder.
///
/// # Errors
/// [`ProjectError::Io`] naming the file.
pub fn save_project(project: &Project, path: &Path) -> Result<(), ProjectError> {
    let io = |source| ProjectError::Io {
        path: path.to_owned(),
        source,
    };
    let folder = absolute(path.parent().unwrap_or(Path::new(""))).map_err(io)?;
    let mut stored = project.clone();
    stored.minemap_project = PROJECT_VERSION;
    for layer in &mut stored.layers {
        layer.path = relative_to(&folder, &layer.path);
    }
    write_atomic(path, |w| {
        serde_json::to_writer_pretty(&mut *w, &stored).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })
    .map_err(io)
}

/// Reads a project; layer paths come back absolute, and missing files are listed.
///
/// # Errors
/// [`ProjectError`] naming the file: unreadable, not a project, or from a newer version.
pub fn load_project(path: &Path) -> Result<LoadedProject, ProjectError> {
    let io = |source| ProjectError::Io {
        path: path.to_owned(),
        source,
    };
    let text = std::fs::read_to_string(path).map_err(io)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| ProjectError::NotAProject {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    let version = value
        .get("minemap_project")
        .and_then(Value::as_u64)
        .ok_or_else(|| ProjectError::NotAProject {
            path: path.to_owned(),
            reason: "no \"minemap_project\" version member".into(),
        })?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > PROJECT_VERSION {
        return Err(ProjectError::Newer {
            path: path.to_owned(),
            version,
        });
    }
    let mut project: Project =
        serde_json::from_value(value).map_err(|e| ProjectError::NotAProject {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
    let folder = absolute(path.parent().unwrap_or(Path::new(""))).map_err(io)?;
    let mut missing = Vec::new();
    for (index, layer) in project.layers.iter_mut().enumerate() {
        layer.path = normalise(&folder.join(&layer.path));
        if !layer.path.is_file() {
            missing.push(MissingLayer {
                index,
                path: layer.path.clone(),
            });
        }
    }
    Ok(LoadedProject { project, missing })
}

fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    if path.as_os_str().is_empty() {
        std::env::current_dir()
    } else {
        std::path::absolute(path)
    }
}

/// `path` relative to `folder` with `/` separators, or as it is when it cannot be (another
/// drive) or is relative already.
fn relative_to(folder: &Path, path: &Path) -> PathBuf {
    if path.is_relative() {
        return path.to_owned();
    }
    match pathdiff::diff_paths(normalise(path), folder) {
        Some(rel) => PathBuf::from(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/"),
        ),
        None => path.to_owned(),
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system (the file may be missing).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::PropertyRole;

    fn sample(dir: &Path) -> Project {
        let mut schema = SchemaMapping::default();
        schema.set(PropertyRole::Classification, Some("HAZ_TYPE".into()));
        Project {
            layers: vec![
                ProjectLayer {
                    path: dir.join("data/hazards ş.geojson"),
                    name: Some("Hazards (Ağdam)".into()),
                    role: Some(LayerRole::HazardAreas),
                    schema: Some(schema),
                    opacity: 0.6,
                    style: serde_json::json!({"fill": "by_classification"}),
                    filter: Some("status = 'open'".into()),
                    ..ProjectLayer::default()
                },
                ProjectLayer {
                    path: dir.join("gone.geojson"),
                    visible: false,
                    ..ProjectLayer::default()
                },
            ],
            basemap: Some("embedded".into()),
            overlay: None,
            view: Some(ProjectView {
                center: [47.1, 40.0],
                zoom: 11.5,
            }),
            ..Project::default()
        }
    }

    #[test]
    fn a_project_round_trips_with_relative_paths_and_reports_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("data/hazards ş.geojson"), "{}").unwrap();
        let project = sample(dir.path());
        let file = dir.path().join("work.minemap.json");
        save_project(&project, &file).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("\"path\": \"data/hazards ş.geojson\""),
            "{text}"
        );
        assert!(!text.contains(&dir.path().display().to_string()), "{text}");
        let loaded = load_project(&file).unwrap();
        let mut expected = project;
        expected.layers[0].path =
            normalise(&std::path::absolute(&expected.layers[0].path).unwrap());
        expected.layers[1].path =
            normalise(&std::path::absolute(&expected.layers[1].path).unwrap());
        assert_eq!(loaded.project, expected);
        assert_eq!(
            loaded.missing,
            [MissingLayer {
                index: 1,
                path: expected.layers[1].path.clone()
            }]
        );
    }

    #[test]
    fn a_moved_project_folder_still_finds_its_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::create_dir_all(a.join("data")).unwrap();
        std::fs::write(a.join("data/hazards ş.geojson"), "{}").unwrap();
        save_project(&sample(&a), &a.join("p.minemap.json")).unwrap();
        let b = dir.path().join("b");
        std::fs::rename(&a, &b).unwrap();
        let loaded = load_project(&b.join("p.minemap.json")).unwrap();
        assert_eq!(loaded.missing.len(), 1);
        assert!(loaded.project.layers[0].path.starts_with(&b));
    }

    #[test]
    fn unknown_members_survive_and_newer_versions_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.minemap.json");
        std::fs::write(
            &file,
            r#"{"minemap_project":1,"layers":[{"path":"x.geojson","labels":{"on":true}}],"print_layout":{"a":4}}"#,
        )
        .unwrap();
        let loaded = load_project(&file).unwrap();
        assert_eq!(
            loaded.project.other["print_layout"],
            serde_json::json!({"a": 4})
        );
        assert_eq!(
            loaded.project.layers[0].other["labels"],
            serde_json::json!({"on": true})
        );
        save_project(&loaded.project, &file).unwrap();
        let again = load_project(&file).unwrap();
        assert_eq!(again.project, loaded.project);

        std::fs::write(&file, r#"{"minemap_project":2}"#).unwrap();
        assert!(matches!(
            load_project(&file),
            Err(ProjectError::Newer { version: 2, .. })
        ));
        std::fs::write(&file, r#"{"type":"FeatureCollection"}"#).unwrap();
        assert!(matches!(
            load_project(&file),
            Err(ProjectError::NotAProject { .. })
        ));
    }
}
