//! Files load on their own threads with a progress fraction; the UI polls the jobs each frame.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::analysis::measures::{FeatureMeasures, measure_layer};
use crate::io::{ImportOptions, LoadError, LoadedLayer, parse_geojson, read_any_file_with};
use crate::map::overlay::{PreparedLayer, prepare_layer};

/// A layer read in the background, with the geodesic measures of its features (computed on
/// the loading thread, so the window never waits for 200 000 areas).
pub struct LoadOutcome {
    pub loaded: LoadedLayer,
    pub measures: Vec<FeatureMeasures>,
    /// The layer projected and indexed for the map.
    pub overlay: PreparedLayer,
    /// The file's further layers (a GeoPackage's other tables, a zip's other shapefiles),
    /// each measured and prepared like this one, in the file's order.
    pub more: Vec<LoadOutcome>,
}

impl LoadOutcome {
    /// A layer measured and prepared for the map.
    fn of(loaded: LoadedLayer) -> Self {
        let measures = measure_layer(&loaded.layer);
        let overlay = prepare_layer(&loaded.layer);
        Self {
            loaded,
            measures,
            overlay,
            more: Vec::new(),
        }
    }

    /// This outcome and its further layers, in the file's order.
    #[must_use]
    pub fn into_all(mut self) -> Vec<LoadOutcome> {
        let more = std::mem::take(&mut self.more);
        let mut all = vec![self];
        all.extend(more);
        all
    }
}

/// Where a layer comes from.
#[derive(Clone, Debug)]
pub enum LoadSource {
    File(PathBuf),
    /// A file read with these choices (a CSV's confirmed geometry columns).
    FileWith(PathBuf, ImportOptions),
    /// Text built into the binary (the sample data), with the name to show.
    Embedded {
        name: &'static str,
        text: &'static str,
    },
}

impl LoadSource {
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Self::File(p) | Self::FileWith(p, _) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Self::Embedded { name, .. } => (*name).to_owned(),
        }
    }
}

/// A file being read in the background.
pub struct LoadJob {
    pub label: String,
    /// Order in which loads were started: layers are stacked in this order, whichever
    /// thread finishes first.
    pub sequence: u64,
    progress: Arc<AtomicU32>,
    result: Receiver<Result<LoadOutcome, LoadError>>,
}

impl LoadJob {
    /// Starts reading `source` on a new thread. `wake` is called when progress moves or the
    /// job ends, so the UI repaints.
    #[must_use]
    pub fn spawn(source: LoadSource, wake: impl Fn() + Send + Sync + 'static) -> Self {
        let progress = Arc::new(AtomicU32::new(0f32.to_bits()));
        let (tx, rx) = channel();
        let label = source.label();
        let p = progress.clone();
        std::thread::spawn(move || {
            let report = |f: f32| {
                p.store(f.to_bits(), Ordering::Relaxed);
                wake();
            };
            // Any format, detected by content and extension; a file may hold several layers.
            let result = match &source {
                LoadSource::File(path) => {
                    read_any_file_with(path, &ImportOptions::default(), &report)
                }
                LoadSource::FileWith(path, options) => read_any_file_with(path, options, &report),
                LoadSource::Embedded { name, text } => {
                    parse_geojson(Arc::from(*text), Path::new(name), &report).map(|mut l| {
                        l.layer.name = (*name).to_owned();
                        vec![l]
                    })
                }
            };
            let result = result.and_then(|layers| {
                let mut outcomes = layers.into_iter().map(LoadOutcome::of);
                let mut first = outcomes.next().ok_or_else(|| LoadError::BadFile {
                    path: PathBuf::from(source.label()),
                    reason: "the file holds no layer".into(),
                })?;
                first.more = outcomes.collect();
                Ok(first)
            });
            // The receiver is gone only if the app closed: nothing to tell anyone then.
            let _ = tx.send(result);
            wake();
        });
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Self {
            label,
            sequence: NEXT.fetch_add(1, Ordering::Relaxed),
            progress,
            result: rx,
        }
    }

    /// Fraction done, 0..=1.
    #[must_use]
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }

    /// The result, once the job is done.
    pub fn poll(&self) -> Option<Result<LoadOutcome, LoadError>> {
        match self.result.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(LoadError::Io {
                path: PathBuf::from(&self.label),
                source: std::io::Error::other("the loading thread stopped unexpectedly"),
            })),
        }
    }
}
