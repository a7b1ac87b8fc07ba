//! Wiring of autosave and recovery into the app: every history step goes to the session's
//! journal (`state::autosave`), the journal is compacted from the frame loop, and a journal
//! left by a crashed session is offered back; Restore opens its files with the background
//! loader and re-applies the edits as one undo step per layer.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{MinemapApp, SAMPLE_DATA};
use crate::i18n::{tr, tr_args};
use crate::model::Layer;
use crate::state::autosave::{
    self, Autosave, Direction, Fingerprint, RecoveredLayer, RecoveryOffer,
};
use crate::state::{Edit, Level, LoadSource};

/// Journals of crashed sessions, and a restore in progress.
#[derive(Debug, Default)]
pub struct RecoveryState {
    /// Offered oldest first; the window shows the first.
    pub offers: Vec<RecoveryOffer>,
    /// "Later": the window stays closed for this session (the journals stay on disk).
    pub later: bool,
    /// A restore waiting for its files to load.
    pub restoring: Option<PendingRestore>,
    /// The journal could not be written (the message was shown once).
    pub autosave_failed: bool,
}

/// A restore in progress: the layers not yet restored.
#[derive(Debug)]
pub struct PendingRestore {
    offer: RecoveryOffer,
    waiting: Vec<RecoveredLayer>,
    /// Files whose loading was started for it.
    requested: HashSet<PathBuf>,
    restored: Vec<String>,
    failed: bool,
}

impl RecoveryState {
    /// The offer the window shows, if any.
    #[must_use]
    pub fn shown(&self) -> Option<&RecoveryOffer> {
        if self.later || self.restoring.is_some() {
            return None;
        }
        self.offers.first()
    }
}

impl MinemapApp {
    /// Journals one history step before it is applied (`Backward` for an undo).
    pub(super) fn journal(&mut self, label: &str, edits: &[Edit], dir: Direction) {
        if let Some(a) = &mut self.autosave {
            a.record(&self.workspace.layers, label, edits, dir);
        }
    }

    /// Tells autosave that a layer's edits are now in its file (after a Save): its records
    /// are dropped from the journal at once. Also called when a layer is closed.
    pub fn layer_saved(&mut self, id: crate::model::LayerId) {
        if let Some(a) = &mut self.autosave {
            a.forget_layer(id);
        }
    }

    /// Once a frame: compaction when due, the writer's errors, a restore in progress.
    pub(super) fn poll_autosave(&mut self) {
        if let Some(a) = &mut self.autosave {
            a.tick(&self.workspace.layers);
            // An idle window draws no frames: ask for one when the compaction is due.
            if let Some(wait) = a.compaction_due_in() {
                self.egui_ctx.request_repaint_after(wait);
            }
            // A full disk fails every append: say it once (each is logged).
            let errors = a.take_errors();
            if let Some(e) = errors.into_iter().next()
                && !self.recovery.autosave_failed
            {
                self.recovery.autosave_failed = true;
                self.workspace.message(
                    Level::Error,
                    tr_args("autosave-error", &[("reason", e.into())]),
                    Vec::new(),
                );
            }
        }
        self.poll_restore();
    }

    /// Restore: open the files of the first offer and apply its edits when they are in.
    pub(super) fn start_restore(&mut self) {
        if self.recovery.offers.is_empty() {
            return;
        }
        let offer = self.recovery.offers.remove(0);
        if !offer.problems.is_empty() {
            let details = offer
                .problems
                .iter()
                .map(|p| format!("line {}: {}", p.line, p.reason))
                .collect();
            self.workspace.message(
                Level::Warning,
                tr_args(
                    "recover-problems",
                    &[("count", offer.problems.len().into())],
                ),
                details,
            );
        }
        self.recovery.restoring = Some(PendingRestore {
            waiting: offer.layers.clone(),
            offer,
            requested: HashSet::new(),
            restored: Vec::new(),
            failed: false,
        });
        self.poll_restore();
    }

    /// Discard: the first offer's journal is deleted.
    pub(super) fn discard_recovery(&mut self) {
        if !self.recovery.offers.is_empty() {
            self.recovery.offers.remove(0).remove();
        }
    }

    fn poll_restore(&mut self) {
        let Some(mut p) = self.recovery.restoring.take() else {
            return;
        };
        let mut still = Vec::new();
        for rec in std::mem::take(&mut p.waiting) {
            let name = rec.key.display_name();
            if let Some(id) = self
                .workspace
                .layers
                .iter()
                .find(|l| rec.key.matches(l))
                .map(|l| l.id)
            {
                self.restore_layer(id, &rec, &mut p);
                continue;
            }
            match &rec.key.path {
                // Already loading (named on the command line too): wait for that load.
                Some(path)
                    if !p.requested.contains(path)
                        && self.workspace.jobs.iter().any(|j| {
                            path.file_name()
                                .is_some_and(|n| n.to_string_lossy() == j.label)
                        }) =>
                {
                    p.requested.insert(path.clone());
                    still.push(rec);
                }
                Some(path) if !p.requested.contains(path) => {
                    p.requested.insert(path.clone());
                    self.start_load(LoadSource::File(path.clone()));
                    still.push(rec);
                }
                // The bundled sample (the session had started without files).
                None if !p.requested.contains(Path::new(&rec.key.name))
                    && SAMPLE_DATA.iter().any(|(n, _)| *n == rec.key.name) =>
                {
                    p.requested.insert(PathBuf::from(&rec.key.name));
                    for (name, text) in SAMPLE_DATA {
                        if name == rec.key.name {
                            self.start_load(LoadSource::Embedded { name, text });
                        }
                    }
                    still.push(rec);
                }
                // A layer made in minemap: made again, empty, then filled.
                None if rec.key.original_len == 0 => {
                    let mut layer = Layer::new(rec.key.name.clone(), None, Vec::new());
                    layer.role = rec.key.role;
                    let id = layer.id;
                    self.workspace.layers.push(layer);
                    self.restore_layer(id, &rec, &mut p);
                }
                _ if self.workspace.jobs.is_empty() => {
                    p.failed = true;
                    self.workspace.message(
                        Level::Error,
                        tr_args(
                            "recover-not-open",
                            &[("name", name.into()), ("count", rec.changes().into())],
                        ),
                        Vec::new(),
                    );
                }
                _ => still.push(rec),
            }
        }
        p.waiting = still;
        if !p.waiting.is_empty() {
            self.recovery.restoring = Some(p);
            return;
        }
        if p.failed {
            let kept = p.offer.set_aside();
            self.workspace.message(
                Level::Warning,
                tr_args(
                    "recover-kept",
                    &[("path", kept.display().to_string().into())],
                ),
                Vec::new(),
            );
        } else {
            p.offer.remove();
        }
        if !p.restored.is_empty() {
            self.workspace.message(
                Level::Info,
                tr_args("recover-done", &[("files", p.restored.join(", ").into())]),
                Vec::new(),
            );
        }
    }

    /// Applies one layer's recovered edits as one undo step, unless its file changed.
    fn restore_layer(
        &mut self,
        id: crate::model::LayerId,
        rec: &RecoveredLayer,
        p: &mut PendingRestore,
    ) {
        let name = rec.key.display_name();
        let Some(layer) = self.workspace.layer(id) else {
            return;
        };
        let now = match &rec.key.path {
            Some(path) => Fingerprint::of_file(path),
            None => Some(Fingerprint::of(layer)),
        };
        // Edited in this session already: the journal's positions may no longer hold.
        if now != Some(rec.key.fingerprint) || layer.revision > 0 {
            p.failed = true;
            self.workspace.message(
                Level::Error,
                tr_args(
                    "recover-file-changed",
                    &[("name", name.into()), ("count", rec.changes().into())],
                ),
                Vec::new(),
            );
            return;
        }
        match autosave::restore_edits(layer, &rec.ops) {
            Ok(edits) if edits.is_empty() => {}
            Ok(edits) => {
                let label = tr_args("recover-step", &[("name", name.clone().into())]);
                self.perform(label, edits);
                self.workspace.history.close_step();
                p.restored.push(name);
            }
            Err(reason) => {
                p.failed = true;
                self.workspace.message(
                    Level::Error,
                    tr_args(
                        "recover-not-applied",
                        &[("name", name.into()), ("reason", reason.into())],
                    ),
                    Vec::new(),
                );
            }
        }
    }

    /// Starts this session's journal and looks for those of crashed sessions.
    pub(super) fn start_autosave(&mut self, recovery_dir: &std::path::Path) {
        self.recovery.offers = autosave::find_orphans(recovery_dir);
        match Autosave::start(recovery_dir) {
            Ok(a) => self.autosave = Some(a),
            Err(e) => self.workspace.message(
                Level::Warning,
                format!("{}: {e}", tr("autosave-off")),
                Vec::new(),
            ),
        }
    }
}
