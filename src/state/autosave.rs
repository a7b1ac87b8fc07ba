//! Autosave and recovery: every data edit (and every undo and redo) of the running session is
//! appended to a recovery journal (`io::journal`) in the user's data folder, so a crash or a
//! `kill -9` costs no work; at the next start the journals of sessions that did not end
//! cleanly are offered back ([`find_orphans`], [`RecoveryOffer`]).
//!
//! A record names its layer by file path (or, for a layer made in minemap or the bundled
//! sample, by name) and a fingerprint of the file (size and modification time), so edits are
//! never replayed onto a file that changed since. Edits are stored as [`Op`]s: the forward
//! change only (an undo is journalled as the inverse ops), positions as in the history, and
//! geometry as GeoJSON. The journal's compaction ([`Autosave::tick`], at least every 30 s when
//! something changed) writes the *net* unsaved change of each layer instead: originals
//! removed, features inserted and the current values of edited originals, computed from a
//! parallel list of each feature's original position. Layers saved or closed drop out at the
//! next compaction. The file I/O runs on a writer thread: the UI thread only builds the
//! records (≈ µs) and sends them.
//!
//! Only one session owns a journal: each holds an exclusive lock on `SESSION.lock` beside it
//! for as long as it runs; the operating system releases the lock when the process dies, so
//! a journal whose lock can be taken belongs to a session that did not exit cleanly.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use geo::Geometry;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::history::{Edit, ValueChange};
use crate::io::journal::{self, Journal, JournalProblem, SyncPolicy};
use crate::model::{Feature, FeatureId, Layer, LayerId, LayerRole, Properties, PropertyValue};

/// The journal is compacted at least this often while something changed.
pub const COMPACT_EVERY: Duration = Duration::from_secs(30);

/// …and also once this many records were appended since the last compaction.
pub const COMPACT_AFTER_RECORDS: usize = 5_000;

/// Why autosave could not start.
#[derive(Debug, Error)]
pub enum AutosaveError {
    #[error("recovery folder {path}: {source}")]
    Folder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Journal(#[from] journal::JournalError),
}

/// What a layer's file looked like when it was first edited: a recovery onto a file that
/// differs is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Bytes of the file (of the source text for a layer without a file).
    pub len: u64,
    /// Modification time, ms since 1970 (`None` without a file).
    pub modified_ms: Option<u64>,
}

impl Fingerprint {
    /// The fingerprint of a layer's file, or of its text when it has none.
    #[must_use]
    pub fn of(layer: &Layer) -> Self {
        match &layer.path {
            Some(p) => Self::of_file(p).unwrap_or(Self {
                len: 0,
                modified_ms: None,
            }),
            None => Self {
                len: layer.source_text.len() as u64,
                modified_ms: None,
            },
        }
    }

    /// The fingerprint of a file; `None` when it cannot be read.
    #[must_use]
    pub fn of_file(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        let modified_ms = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .and_then(|d| u64::try_from(d.as_millis()).ok());
        Some(Self {
            len: meta.len(),
            modified_ms,
        })
    }
}

/// Which layer a record is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerKey {
    /// The layer's file; `None` for a layer made in minemap or the bundled sample data.
    pub path: Option<PathBuf>,
    /// The name shown in the layers panel (what finds a layer without a file).
    pub name: String,
    pub role: LayerRole,
    pub fingerprint: Fingerprint,
    /// Features the layer had before its first edit.
    pub original_len: usize,
}

impl LayerKey {
    fn of(layer: &Layer) -> Self {
        Self {
            path: layer.path.as_deref().map(absolute),
            name: layer.name.clone(),
            role: layer.role,
            fingerprint: Fingerprint::of(layer),
            original_len: layer.features.len(),
        }
    }

    /// The same layer (path, or name for a layer without a file).
    #[must_use]
    pub fn same_layer(&self, other: &Self) -> bool {
        self.path == other.path && (self.path.is_some() || self.name == other.name)
    }

    /// Does this open layer match the key?
    #[must_use]
    pub fn matches(&self, layer: &Layer) -> bool {
        match &self.path {
            Some(p) => layer.path.as_deref().map(absolute).as_ref() == Some(p),
            None => layer.path.is_none() && layer.name == self.name,
        }
    }

    /// The file name (or layer name) for people.
    #[must_use]
    pub fn display_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(|| self.name.clone(), |n| n.to_string_lossy().into_owned())
    }
}

/// The path made absolute (a file named on the command line is relative to where minemap
/// started; the next start may be elsewhere).
fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_owned())
}

/// A feature made in minemap (or one put back), in full: GeoJSON geometry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewFeature {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<FeatureId>,
    pub properties: Properties,
    pub geometry: Option<geojson::Geometry>,
    #[serde(default, skip_serializing_if = "Properties::is_empty")]
    pub foreign_members: Properties,
}

impl NewFeature {
    fn of(f: &Feature) -> Self {
        Self {
            id: f.id.clone(),
            properties: f.properties.clone(),
            geometry: f.geometry.as_ref().map(geojson::Geometry::from),
            foreign_members: f.foreign_members.clone(),
        }
    }

    fn to_feature(&self) -> Result<Feature, String> {
        Ok(Feature {
            id: self.id.clone(),
            properties: self.properties.clone(),
            geometry: json_geometry(self.geometry.as_ref())?,
            foreign_members: self.foreign_members.clone(),
            geometry_edited: true,
            properties_edited: true,
            ..Feature::default()
        })
    }
}

fn json_geometry(g: Option<&geojson::Geometry>) -> Result<Option<Geometry<f64>>, String> {
    g.map(|g| Geometry::<f64>::try_from(g.clone()).map_err(|e| format!("geometry: {e}")))
        .transpose()
}

/// One change to one layer, forward only: positions as in the history (each op sees the
/// features as the ops before it left them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// Property `key` of features: `(position, value)`, `None` removes the property.
    SetProperty {
        key: String,
        values: Vec<(usize, Option<PropertyValue>)>,
    },
    /// All properties of one feature (compaction).
    ReplaceProperties {
        index: usize,
        properties: Properties,
    },
    SetGeometry {
        index: usize,
        geometry: Option<geojson::Geometry>,
    },
    /// Features inserted at these final positions (ascending).
    Insert { features: Vec<(usize, NewFeature)> },
    /// Features removed from these positions (ascending).
    Remove { indices: Vec<usize> },
}

impl Op {
    /// How many feature changes the op holds (what the recovery prompt counts).
    #[must_use]
    pub fn changes(&self) -> usize {
        match self {
            Self::SetProperty { values, .. } => values.len(),
            Self::ReplaceProperties { .. } | Self::SetGeometry { .. } => 1,
            Self::Insert { features } => features.len(),
            Self::Remove { indices } => indices.len(),
        }
    }
}

/// The ops of one layer in a record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerOps {
    pub layer: LayerKey,
    pub ops: Vec<Op>,
}

/// One journal record: an edit (usually one layer), or a snapshot (every layer with unsaved
/// changes, its ops applying to the file as it is on disk).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// What the Edit menu called it ("status of HA-00114", "undo …").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    pub layers: Vec<LayerOps>,
}

/// Which way the edits of a history step are applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// A new edit or a redo.
    Forward,
    /// An undo (the step's edits are undone last first).
    Backward,
}

/// The ops that apply one history edit in a direction.
#[must_use]
pub fn ops_of(edit: &Edit, dir: Direction) -> Op {
    let forward = dir == Direction::Forward;
    match edit {
        Edit::SetProperty { key, changes, .. } => Op::SetProperty {
            key: key.clone(),
            values: changes
                .iter()
                .map(|c| {
                    let v = if forward { &c.after } else { &c.before };
                    (c.index, v.clone())
                })
                .collect(),
        },
        Edit::SetGeometry {
            index,
            before,
            after,
            ..
        } => Op::SetGeometry {
            index: *index,
            geometry: if forward { after } else { before }
                .as_ref()
                .map(geojson::Geometry::from),
        },
        Edit::InsertFeatures { features, .. } | Edit::RemoveFeatures { features, .. } => {
            let inserts = matches!(edit, Edit::InsertFeatures { .. }) == forward;
            if inserts {
                Op::Insert {
                    features: features
                        .iter()
                        .map(|(i, f)| (*i, NewFeature::of(f)))
                        .collect(),
                }
            } else {
                Op::Remove {
                    indices: features.iter().map(|(i, _)| *i).collect(),
                }
            }
        }
    }
}

/// A layer the session has journalled: its key and, per current feature, its position in
/// the file (`None` for features made in minemap).
struct Tracked {
    key: LayerKey,
    origin: Vec<Option<u32>>,
}

impl Tracked {
    fn new(layer: &Layer) -> Self {
        let n = u32::try_from(layer.features.len()).unwrap_or(u32::MAX);
        Self {
            key: LayerKey::of(layer),
            origin: (0..n).map(Some).collect(),
        }
    }

    /// Follows inserts and removes, so each feature keeps its original position.
    fn follow(&mut self, op: &Op) {
        match op {
            Op::Insert { features } => {
                for (at, _) in features {
                    let at = (*at).min(self.origin.len());
                    self.origin.insert(at, None);
                }
            }
            Op::Remove { indices } => {
                for &at in indices.iter().rev() {
                    if at < self.origin.len() {
                        self.origin.remove(at);
                    }
                }
            }
            _ => {}
        }
    }

    /// The net change from the file to `layer` now: originals removed, features inserted,
    /// edited originals' current values. Empty when nothing differs.
    fn net_ops(&self, layer: &Layer) -> Vec<Op> {
        let mut present = vec![false; self.key.original_len];
        for o in self.origin.iter().flatten() {
            if let Some(p) = present.get_mut(*o as usize) {
                *p = true;
            }
        }
        let removed: Vec<usize> = present
            .iter()
            .enumerate()
            .filter(|(_, p)| !**p)
            .map(|(i, _)| i)
            .collect();
        let mut inserted = Vec::new();
        let mut edits = Vec::new();
        for (i, (f, o)) in layer.features.iter().zip(&self.origin).enumerate() {
            if o.is_none() {
                inserted.push((i, NewFeature::of(f)));
                continue;
            }
            if f.properties_edited {
                edits.push(Op::ReplaceProperties {
                    index: i,
                    properties: f.properties.clone(),
                });
            }
            if f.geometry_edited {
                edits.push(Op::SetGeometry {
                    index: i,
                    geometry: f.geometry.as_ref().map(geojson::Geometry::from),
                });
            }
        }
        let mut ops = Vec::new();
        if !removed.is_empty() {
            ops.push(Op::Remove { indices: removed });
        }
        if !inserted.is_empty() {
            ops.push(Op::Insert { features: inserted });
        }
        ops.extend(edits);
        ops
    }
}

enum ToWriter {
    Append(Record),
    Compact(Record),
    Flush(Sender<()>),
    Finish,
}

/// The running session's journal.
pub struct Autosave {
    path: PathBuf,
    lock_path: PathBuf,
    /// Held for the session's life: the lock says "this journal is alive".
    _lock: File,
    to_writer: Sender<ToWriter>,
    writer: Option<JoinHandle<()>>,
    /// Errors the writer met, for the app to show once.
    errors: Arc<Mutex<Vec<String>>>,
    tracked: HashMap<LayerId, Tracked>,
    since_compaction: usize,
    /// The last record of a drag (geometry and values overwritten frame after frame), held
    /// back until the drag moves on: a drag of a 2 000-vertex polygon would otherwise write
    /// a whole geometry 60 times a second. Written within [`HOLD_BACK`] at the latest.
    held: Option<(Record, Vec<Target>, Instant)>,
    /// A layer was saved or closed: compact at the next tick.
    compact_soon: bool,
    last_compaction: Instant,
}

impl Autosave {
    /// Starts this session's journal in `dir` (made if needed).
    ///
    /// # Errors
    /// [`AutosaveError`] naming the folder or file that cannot be written.
    pub fn start(dir: &Path) -> Result<Self, AutosaveError> {
        let folder = |source| AutosaveError::Folder {
            path: dir.to_owned(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(folder)?;
        let session = format!("session-{}-{}", std::process::id(), now_ms());
        let path = journal::journal_path(dir, &session);
        let lock_path = path.with_extension("lock");
        let lock = File::create(&lock_path).map_err(folder)?;
        lock.try_lock().map_err(|e| {
            folder(std::io::Error::other(format!(
                "{}: cannot be locked: {e}",
                lock_path.display()
            )))
        })?;
        // A power cut loses at most the last second; a crash or kill loses nothing.
        let mut journal = Journal::create(&path, SyncPolicy::AtMostEvery(Duration::from_secs(1)))?;
        let (to_writer, from_app) = channel::<ToWriter>();
        let errors = Arc::new(Mutex::new(Vec::new()));
        let errs = Arc::clone(&errors);
        let writer = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || {
                let report = |e: journal::JournalError| {
                    log::error!("{e}");
                    if let Ok(mut v) = errs.lock() {
                        v.push(e.to_string());
                    }
                };
                while let Ok(msg) = from_app.recv() {
                    match msg {
                        ToWriter::Append(r) => {
                            if let Err(e) = journal.append(&r) {
                                report(e);
                            }
                        }
                        ToWriter::Compact(r) => {
                            if let Err(e) = journal.compact(&r) {
                                report(e);
                            }
                        }
                        ToWriter::Flush(done) => {
                            if let Err(e) = journal.sync() {
                                report(e);
                            }
                            let _ = done.send(());
                        }
                        ToWriter::Finish => {
                            if let Err(e) = journal.remove() {
                                report(e);
                            }
                            return;
                        }
                    }
                }
            })
            .map_err(folder)?;
        Ok(Self {
            path,
            lock_path,
            _lock: lock,
            to_writer,
            writer: Some(writer),
            errors,
            tracked: HashMap::new(),
            since_compaction: 0,
            held: None,
            compact_soon: false,
            last_compaction: Instant::now(),
        })
    }

    /// This session's journal file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Journals the edits of one history step before they are applied to `layers` (so the
    /// positions of a first edit's layer are those of its file). `Backward` for an undo.
    pub fn record(&mut self, layers: &[Layer], label: &str, edits: &[Edit], dir: Direction) {
        let mut record = Record {
            label: label.to_owned(),
            layers: Vec::new(),
        };
        let ordered: Vec<&Edit> = match dir {
            Direction::Forward => edits.iter().collect(),
            Direction::Backward => edits.iter().rev().collect(),
        };
        for edit in ordered {
            let id = edit.layer();
            let Some(layer) = layers.iter().find(|l| l.id == id) else {
                continue;
            };
            let tracked = self
                .tracked
                .entry(id)
                .or_insert_with(|| Tracked::new(layer));
            let op = ops_of(edit, dir);
            tracked.follow(&op);
            match record.layers.last_mut() {
                Some(last) if last.layer == tracked.key => last.ops.push(op),
                _ => record.layers.push(LayerOps {
                    layer: tracked.key.clone(),
                    ops: vec![op],
                }),
            }
        }
        if record.layers.is_empty() {
            return;
        }
        let targets = overwrite_targets(&record);
        // The same values overwritten again (the next frame of a drag): only the last counts.
        if let (Some(t), Some((held, held_targets, _))) = (&targets, &mut self.held)
            && t == held_targets
        {
            *held = record;
            return;
        }
        self.release_held();
        match targets {
            Some(t) => self.held = Some((record, t, Instant::now())),
            None => self.send(record),
        }
    }

    fn send(&mut self, record: Record) {
        self.since_compaction += 1;
        let _ = self.to_writer.send(ToWriter::Append(record));
    }

    /// Writes the held-back drag record.
    fn release_held(&mut self) {
        if let Some((record, _, _)) = self.held.take() {
            self.send(record);
        }
    }

    /// A layer was saved (its file now holds the edits) or closed discarding them: its
    /// records are dropped at the next compaction, which comes at once.
    pub fn forget_layer(&mut self, id: LayerId) {
        if self.tracked.remove(&id).is_some() {
            self.compact_soon = true;
        }
    }

    /// Called every frame: compacts when 30 s passed since the last compaction and
    /// something changed, when many records piled up, or after a save or close.
    pub fn tick(&mut self, layers: &[Layer]) {
        if self
            .held
            .as_ref()
            .is_some_and(|(_, _, since)| since.elapsed() >= HOLD_BACK)
        {
            self.release_held();
        }
        let due = self.since_compaction > 0 && self.last_compaction.elapsed() >= COMPACT_EVERY;
        if due || self.compact_soon || self.since_compaction >= COMPACT_AFTER_RECORDS {
            self.compact(layers);
        }
    }

    /// How long until the next compaction is due (`None`: nothing waits for one), so the
    /// app can ask for a frame then even when the user is idle.
    #[must_use]
    pub fn compaction_due_in(&self) -> Option<Duration> {
        let held = self
            .held
            .as_ref()
            .map(|(_, _, since)| HOLD_BACK.saturating_sub(since.elapsed()));
        let compaction = (self.since_compaction > 0 || self.compact_soon)
            .then(|| COMPACT_EVERY.saturating_sub(self.last_compaction.elapsed()));
        match (held, compaction) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Replaces the journal by the net unsaved changes of every layer (the file I/O happens
    /// on the writer thread).
    pub fn compact(&mut self, layers: &[Layer]) {
        // The snapshot holds the held-back values already (they are applied).
        self.held = None;
        let record = self.snapshot(layers);
        let _ = self.to_writer.send(ToWriter::Compact(record));
        self.since_compaction = 0;
        self.compact_soon = false;
        self.last_compaction = Instant::now();
    }

    /// The snapshot a compaction writes: per layer, the ops from its file to now.
    #[must_use]
    pub fn snapshot(&self, layers: &[Layer]) -> Record {
        let mut out = Record {
            label: "snapshot".into(),
            layers: Vec::new(),
        };
        for layer in layers {
            let Some(t) = self.tracked.get(&layer.id) else {
                continue;
            };
            let ops = t.net_ops(layer);
            if !ops.is_empty() {
                out.layers.push(LayerOps {
                    layer: t.key.clone(),
                    ops,
                });
            }
        }
        out
    }

    /// Waits until everything sent so far is written and synced (tests, scripted runs).
    pub fn flush(&mut self) {
        self.release_held();
        let (done, wait) = channel();
        if self.to_writer.send(ToWriter::Flush(done)).is_ok() {
            let _ = wait.recv_timeout(Duration::from_secs(10));
        }
    }

    /// Errors the writer met since the last call.
    #[must_use]
    pub fn take_errors(&self) -> Vec<String> {
        self.errors
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }
}

impl Drop for Autosave {
    /// A clean exit: the journal and its lock go.
    fn drop(&mut self) {
        self.held = None;
        let _ = self.to_writer.send(ToWriter::Finish);
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// A held-back drag record is written at most this long after the drag's last frame.
pub const HOLD_BACK: Duration = Duration::from_millis(500);

/// What a record overwrites, when all it does is overwrite (geometry of features, a property
/// of features): two records with the same targets, one after the other, are one drag.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    Layer(Option<PathBuf>, String),
    Geometry(usize),
    Property(String, Vec<usize>),
}

fn overwrite_targets(record: &Record) -> Option<Vec<Target>> {
    let mut out = Vec::new();
    for lo in &record.layers {
        out.push(Target::Layer(lo.layer.path.clone(), lo.layer.name.clone()));
        for op in &lo.ops {
            out.push(match op {
                Op::SetGeometry { index, .. } => Target::Geometry(*index),
                Op::SetProperty { key, values } => {
                    Target::Property(key.clone(), values.iter().map(|(i, _)| *i).collect())
                }
                _ => return None,
            });
        }
    }
    // Only drags: a record without a geometry (a cell edit) is written at once.
    out.iter()
        .any(|t| matches!(t, Target::Geometry(_)))
        .then_some(out)
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| u64::try_from(d.as_millis()).ok())
        .unwrap_or(0)
}

/// The unsaved edits of one layer in a journal left by a session that did not end cleanly.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveredLayer {
    pub key: LayerKey,
    pub ops: Vec<Op>,
}

impl RecoveredLayer {
    /// Feature changes held (what the prompt counts).
    #[must_use]
    pub fn changes(&self) -> usize {
        self.ops.iter().map(Op::changes).sum()
    }
}

/// A journal of a session that did not exit cleanly, offered to the user.
#[derive(Debug)]
pub struct RecoveryOffer {
    /// The journal file.
    pub journal: PathBuf,
    /// Held while the offer is open, so a second minemap does not offer it too.
    lock: Option<File>,
    /// When its last readable record was written (ms since 1970).
    pub last_edit_unix_ms: Option<u64>,
    pub layers: Vec<RecoveredLayer>,
    /// What could not be read (a record cut short by the kill, a newer format).
    pub problems: Vec<JournalProblem>,
}

impl RecoveryOffer {
    /// Reads a journal into an offer (its lock already held, or none).
    ///
    /// # Errors
    /// [`journal::JournalError`] when the file cannot be read at all.
    pub fn read(path: &Path, lock: Option<File>) -> Result<Self, journal::JournalError> {
        let r = journal::recover::<Record>(path)?;
        let mut layers: Vec<RecoveredLayer> = Vec::new();
        let mut last = r.created_unix_ms;
        let entries = r.snapshot.iter().chain(&r.edits);
        for entry in entries {
            last = Some(entry.at_unix_ms);
            for lo in &entry.payload.layers {
                match layers.iter_mut().find(|l| l.key.same_layer(&lo.layer)) {
                    Some(l) => l.ops.extend(lo.ops.iter().cloned()),
                    None => layers.push(RecoveredLayer {
                        key: lo.layer.clone(),
                        ops: lo.ops.clone(),
                    }),
                }
            }
        }
        Ok(Self {
            journal: path.to_owned(),
            lock,
            last_edit_unix_ms: last,
            layers,
            problems: r.problems,
        })
    }

    /// Nothing to restore.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.layers.iter().all(|l| l.ops.is_empty())
    }

    /// Feature changes held, over all layers.
    #[must_use]
    pub fn changes(&self) -> usize {
        self.layers.iter().map(RecoveredLayer::changes).sum()
    }

    /// Deletes the journal (restored or discarded).
    pub fn remove(mut self) {
        if let Err(e) = std::fs::remove_file(&self.journal) {
            log::warn!("{}: {e}", self.journal.display());
        }
        let _ = std::fs::remove_file(self.journal.with_extension("lock"));
        self.lock = None;
    }

    /// Keeps the journal under another name (not offered again) and says where.
    #[must_use]
    pub fn set_aside(mut self) -> PathBuf {
        let kept = self.journal.with_extension("kept");
        if let Err(e) = std::fs::rename(&self.journal, &kept) {
            log::warn!("{}: {e}", self.journal.display());
        }
        let _ = std::fs::remove_file(self.journal.with_extension("lock"));
        self.lock = None;
        kept
    }
}

/// The journals in `dir` left by sessions that did not end cleanly (their lock is free),
/// oldest first. Empty ones are deleted on the way.
#[must_use]
pub fn find_orphans(dir: &Path) -> Vec<RecoveryOffer> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".journal.jsonl"))
        })
        .collect();
    paths.sort();
    let mut offers = Vec::new();
    for path in paths {
        let lock_path = path.with_extension("lock");
        let Ok(lock) = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
        else {
            continue;
        };
        if lock.try_lock().is_err() {
            continue; // a running session's own journal
        }
        match RecoveryOffer::read(&path, Some(lock)) {
            Ok(offer) if offer.is_empty() && offer.problems.is_empty() => offer.remove(),
            Ok(offer) => offers.push(offer),
            Err(e) => log::warn!("{e}"),
        }
    }
    offers.sort_by_key(|o| o.last_edit_unix_ms);
    offers
}

/// The history edits that bring `layer` (its file as just opened) to the state the ops
/// describe: applied as one step, one undo takes the whole restore back.
///
/// # Errors
/// A reason for people when an op does not fit the layer (a position past its end, a
/// geometry that cannot be read): then nothing of this layer is restored.
pub fn restore_edits(layer: &Layer, ops: &[Op]) -> Result<Vec<Edit>, String> {
    let mut scratch: Vec<Feature> = layer.features.as_ref().clone();
    let mut edits = Vec::new();
    let out_of_range = |i: usize, n: usize| {
        format!("an edit refers to feature {i} but the layer has {n} features")
    };
    for op in ops {
        match op {
            Op::SetProperty { key, values } => {
                let mut changes = Vec::with_capacity(values.len());
                for (index, after) in values {
                    let n = scratch.len();
                    let f = scratch
                        .get_mut(*index)
                        .ok_or_else(|| out_of_range(*index, n))?;
                    changes.push(ValueChange {
                        index: *index,
                        before: f.properties.get(key).cloned(),
                        after: after.clone(),
                        was_edited: f.properties_edited,
                    });
                    set_value(f, key, after.as_ref());
                }
                edits.push(Edit::SetProperty {
                    layer: layer.id,
                    key: key.clone(),
                    changes,
                });
            }
            Op::ReplaceProperties { index, properties } => {
                let n = scratch.len();
                let f = scratch
                    .get_mut(*index)
                    .ok_or_else(|| out_of_range(*index, n))?;
                let gone: Vec<String> = f
                    .properties
                    .keys()
                    .filter(|k| properties.get(k).is_none())
                    .map(str::to_owned)
                    .collect();
                let changed: Vec<(String, Option<PropertyValue>)> = properties
                    .iter()
                    .filter(|(k, v)| f.properties.get(k) != Some(*v))
                    .map(|(k, v)| (k.to_owned(), Some(v.clone())))
                    .chain(gone.into_iter().map(|k| (k, None)))
                    .collect();
                for (key, after) in changed {
                    edits.push(Edit::SetProperty {
                        layer: layer.id,
                        key: key.clone(),
                        changes: vec![ValueChange {
                            index: *index,
                            before: f.properties.get(&key).cloned(),
                            after: after.clone(),
                            was_edited: f.properties_edited,
                        }],
                    });
                    set_value(f, &key, after.as_ref());
                }
            }
            Op::SetGeometry { index, geometry } => {
                let n = scratch.len();
                let f = scratch
                    .get_mut(*index)
                    .ok_or_else(|| out_of_range(*index, n))?;
                let after = json_geometry(geometry.as_ref())?;
                edits.push(Edit::SetGeometry {
                    layer: layer.id,
                    index: *index,
                    before: f.geometry.clone(),
                    after: after.clone(),
                    was_edited: f.geometry_edited,
                });
                f.geometry = after;
                f.geometry_edited = true;
            }
            Op::Insert { features } => {
                let mut items = Vec::with_capacity(features.len());
                for (at, nf) in features {
                    let f = nf.to_feature()?;
                    if *at > scratch.len() {
                        return Err(out_of_range(*at, scratch.len()));
                    }
                    scratch.insert(*at, f.clone());
                    items.push((*at, f));
                }
                edits.push(Edit::InsertFeatures {
                    layer: layer.id,
                    features: items,
                });
            }
            Op::Remove { indices } => {
                let mut items = Vec::with_capacity(indices.len());
                for &at in indices {
                    let f = scratch
                        .get(at)
                        .ok_or_else(|| out_of_range(at, scratch.len()))?;
                    items.push((at, f.clone()));
                }
                for &at in indices.iter().rev() {
                    scratch.remove(at);
                }
                edits.push(Edit::RemoveFeatures {
                    layer: layer.id,
                    features: items,
                });
            }
        }
    }
    Ok(edits)
}

fn set_value(f: &mut Feature, key: &str, value: Option<&PropertyValue>) {
    match value {
        Some(v) => f.properties.insert(key, v.clone()),
        None => {
            f.properties.remove(key);
        }
    }
    f.properties_edited = true;
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
