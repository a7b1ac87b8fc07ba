//! File → Export map image: the save dialog on its own thread, then the image rendered and
//! written on a background job (`map::render`), and a message when it is done. The window
//! stays responsive throughout.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::MinemapApp;
use crate::i18n::{tr, tr_args};
use crate::map::render::{ImageLayer, MapImageOptions, render_map_image};
use crate::map::style::LayerStyle;
use crate::state::Level;
use crate::state::jobs::{Job, Outcome};

/// A finished rendering: the path written and the image's size, or why it failed.
type Rendered = Result<(PathBuf, [u32; 2]), String>;

/// What an export is waiting for.
#[derive(Default)]
pub struct MapImageExport {
    /// The file dialog's answer, with the image it is for.
    dialog: Option<(Receiver<Option<PathBuf>>, Box<MapImageOptions>)>,
    /// The rendering: the path written and the image's size, or why it failed.
    job: Option<Job<Rendered>>,
}

impl MapImageExport {
    /// True from the file dialog until the image is written.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.dialog.is_some() || self.job.is_some()
    }
}

impl MinemapApp {
    /// Asks for the PNG's path on a thread of its own (as the Open dialog does).
    pub(super) fn ask_map_image_path(&mut self, options: Box<MapImageOptions>) {
        // One export at a time (the dialog's button is disabled meanwhile).
        if self.map_image.busy() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let wake = self.waker();
        let title = tr("map-image-dialog-title");
        std::thread::spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title(title)
                .add_filter("PNG", &["png"])
                .set_file_name("map.png")
                .save_file();
            // The app may have closed meanwhile: then nobody is waiting.
            let _ = tx.send(picked);
            wake();
        });
        self.map_image.dialog = Some((rx, options));
    }

    /// Renders `options` into `path` on a background job, from a snapshot of the visible
    /// layers with their styles and filters (the features are shared, not copied).
    pub(super) fn start_map_image(&mut self, path: PathBuf, options: MapImageOptions) {
        let path = if path.extension().is_none() {
            path.with_extension("png")
        } else {
            path
        };
        let ws = &self.workspace;
        let layers: Vec<ImageLayer> = ws
            .layers
            .iter()
            .filter(|l| l.visible)
            .map(|layer| ImageLayer {
                style: ws
                    .styles
                    .get(&layer.id)
                    .cloned()
                    .unwrap_or_else(|| LayerStyle::default_for(layer)),
                mask: ws
                    .filters
                    .get(&layer.id)
                    .and_then(|f| f.mask())
                    .map(<[bool]>::to_vec),
                layer: layer.clone(),
            })
            .collect();
        self.map_image.job = Some(Job::spawn(self.waker(), move |_, _| {
            Ok(render_map_image(&layers, &options)
                .and_then(|image| {
                    image.save_png(&path)?;
                    Ok((path, [image.width, image.height]))
                })
                .map_err(|e| e.to_string()))
        }));
    }

    /// Collects the dialog's answer and the finished image.
    pub(super) fn poll_map_image(&mut self) {
        if let Some((rx, _)) = &self.map_image.dialog {
            match rx.try_recv() {
                Ok(picked) => {
                    if let Some((_, options)) = self.map_image.dialog.take()
                        && let Some(path) = picked
                    {
                        self.start_map_image(path, *options);
                    }
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.map_image.dialog = None,
            }
        }
        let Some(outcome) = self.map_image.job.as_ref().and_then(Job::poll) else {
            return;
        };
        self.map_image.job = None;
        let failed = |reason: String| tr_args("map-image-failed", &[("reason", reason.into())]);
        match outcome {
            Outcome::Done(Ok((path, [w, h]))) => {
                let text = tr_args(
                    "map-image-saved",
                    &[
                        ("path", path.display().to_string().into()),
                        ("width", w.into()),
                        ("height", h.into()),
                    ],
                );
                self.workspace.message(Level::Info, text, Vec::new());
            }
            Outcome::Done(Err(reason)) | Outcome::Failed(reason) => {
                self.workspace
                    .message(Level::Error, failed(reason), Vec::new());
            }
            Outcome::Cancelled => {}
        }
    }
}
