//! The recovery journal: unsaved edits appended to a file as they happen, so a crash, a
//! `kill -9` or a power cut costs (almost) nothing; compacted into a snapshot now and then;
//! read back after a crash, as much of it as is readable.
//!
//! # Format (version 1)
//! JSON lines, UTF-8. The first line is a header,
//! `{"minemap_journal":1,"created_unix_ms":…,"program":"minemap 0.1.0"}`; every other line is
//! one record, `{"seq":7,"at_unix_ms":…,"kind":"edit","len":123,"crc32":"89abcdef","payload":…}`,
//! where `len` and `crc32` (IEEE) are those of the payload's JSON text exactly as written, so
//! a record cut short or damaged is recognised and the rest is still read. `kind` is `edit`
//! or `snapshot`; a snapshot holds everything before it, so recovery starts from the last
//! readable snapshot and replays the edits after it. The payload is the caller's type
//! (the edit commands of the app), serialised with serde.
//!
//! # Durability (fsync policy)
//! Each record is written with one `write` call to a file opened for appending, so once
//! [`Journal::append`] returns, the record is in the operating system's hands: it survives
//! the program crashing or being killed (`kill -9`). Surviving a power cut needs the data on
//! the disk (fsync), which costs milliseconds on many disks; [`SyncPolicy`] chooses when:
//! by default ([`SyncPolicy::OnCompact`]) at every compaction — which the app does at least
//! every 30 s — so a power cut loses at most the edits since the last compaction, and an
//! append stays far below 1 ms. [`SyncPolicy::EveryAppend`] syncs every record.
//! Compaction writes the new file beside the old and renames it over (`io::atomic`), so a
//! crash during compaction leaves the old journal.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use thiserror::Error;

use crate::io::atomic::write_atomic;

/// The format version this program writes.
pub const JOURNAL_VERSION: u32 = 1;

/// Why the journal could not be written or read at all.
#[derive(Debug, Error)]
pub enum JournalError {
    #[error("recovery journal {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("recovery journal {path}: record {seq} cannot be written: {reason}")]
    Payload {
        path: PathBuf,
        seq: u64,
        reason: String,
    },
}

/// When records are forced onto the disk (see the module documentation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SyncPolicy {
    /// At every [`Journal::compact`] (and [`Journal::sync`]).
    #[default]
    OnCompact,
    /// After every record.
    EveryAppend,
    /// After a record when the last sync is older than this.
    AtMostEvery(Duration),
}

/// What a record holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Edit,
    Snapshot,
}

#[derive(Serialize, Deserialize)]
struct Header {
    minemap_journal: u32,
    #[serde(default)]
    created_unix_ms: Option<u64>,
    #[serde(default)]
    program: Option<String>,
}

#[derive(Serialize)]
struct RecordOut<'a> {
    seq: u64,
    at_unix_ms: u64,
    kind: RecordKind,
    len: usize,
    crc32: String,
    payload: &'a RawValue,
}

#[derive(Deserialize)]
struct RecordIn<'a> {
    seq: u64,
    at_unix_ms: u64,
    kind: RecordKind,
    len: usize,
    crc32: String,
    #[serde(borrow)]
    payload: &'a RawValue,
}

/// A journal open for appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
    next_seq: u64,
    policy: SyncPolicy,
    last_sync: Instant,
    /// Records since the last snapshot.
    since_compaction: usize,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn header_line() -> String {
    let header = Header {
        minemap_journal: JOURNAL_VERSION,
        created_unix_ms: Some(now_ms()),
        program: Some(format!("minemap {}", env!("CARGO_PKG_VERSION"))),
    };
    let mut line = serde_json::to_string(&header).unwrap_or_default();
    line.push('\n');
    line
}

impl Journal {
    /// Starts a new, empty journal at `path` (creating its folder; replacing a journal that
    /// was there — recover it first).
    ///
    /// # Errors
    /// [`JournalError::Io`] naming the file.
    pub fn create(path: &Path, policy: SyncPolicy) -> Result<Self, JournalError> {
        let io = |source| JournalError::Io {
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        write_atomic(path, |w| w.write_all(header_line().as_bytes())).map_err(io)?;
        Self::open_append(path, policy, 1)
    }

    /// Continues a journal after a recovery (records are numbered on from `next_seq`).
    ///
    /// # Errors
    /// [`JournalError::Io`] naming the file.
    pub fn reopen(path: &Path, policy: SyncPolicy, next_seq: u64) -> Result<Self, JournalError> {
        Self::open_append(path, policy, next_seq)
    }

    fn open_append(path: &Path, policy: SyncPolicy, next_seq: u64) -> Result<Self, JournalError> {
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|source| JournalError::Io {
                path: path.to_owned(),
                source,
            })?;
        Ok(Self {
            path: path.to_owned(),
            file,
            next_seq,
            policy,
            last_sync: Instant::now(),
            since_compaction: 0,
        })
    }

    /// Where it is.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records appended since the last compaction (the app compacts when this grows or 30 s
    /// have passed).
    #[must_use]
    pub fn records_since_compaction(&self) -> usize {
        self.since_compaction
    }

    /// Appends one edit; returns its sequence number.
    ///
    /// # Errors
    /// [`JournalError`]: the payload cannot be serialised, or the file cannot be written.
    pub fn append<T: Serialize + ?Sized>(&mut self, payload: &T) -> Result<u64, JournalError> {
        let line = self.record_line(RecordKind::Edit, payload)?;
        self.file
            .write_all(line.as_bytes())
            .map_err(|source| self.io(source))?;
        let sync = match self.policy {
            SyncPolicy::OnCompact => false,
            SyncPolicy::EveryAppend => true,
            SyncPolicy::AtMostEvery(d) => self.last_sync.elapsed() >= d,
        };
        if sync {
            self.sync()?;
        }
        self.since_compaction += 1;
        Ok(self.next_seq - 1)
    }

    /// Replaces the journal by one snapshot of the whole unsaved state (atomically, synced).
    ///
    /// # Errors
    /// [`JournalError`]: the payload cannot be serialised, or the file cannot be written.
    pub fn compact<T: Serialize + ?Sized>(&mut self, snapshot: &T) -> Result<(), JournalError> {
        let line = self.record_line(RecordKind::Snapshot, snapshot)?;
        write_atomic(&self.path, |w| {
            w.write_all(header_line().as_bytes())?;
            w.write_all(line.as_bytes())
        })
        .map_err(|source| self.io(source))?;
        // The old handle points at the replaced file: append to the new one.
        let reopened = Self::open_append(&self.path, self.policy, self.next_seq)?;
        self.file = reopened.file;
        self.last_sync = Instant::now();
        self.since_compaction = 0;
        Ok(())
    }

    /// Forces what was appended onto the disk.
    ///
    /// # Errors
    /// [`JournalError::Io`].
    pub fn sync(&mut self) -> Result<(), JournalError> {
        self.file.sync_data().map_err(|source| self.io(source))?;
        self.last_sync = Instant::now();
        Ok(())
    }

    /// Deletes the journal (after the edits were saved or discarded by the user).
    ///
    /// # Errors
    /// [`JournalError::Io`].
    pub fn remove(self) -> Result<(), JournalError> {
        std::fs::remove_file(&self.path).map_err(|source| self.io(source))
    }

    fn io(&self, source: std::io::Error) -> JournalError {
        JournalError::Io {
            path: self.path.clone(),
            source,
        }
    }

    fn record_line<T: Serialize + ?Sized>(
        &mut self,
        kind: RecordKind,
        payload: &T,
    ) -> Result<String, JournalError> {
        let seq = self.next_seq;
        let bad = |e: serde_json::Error| JournalError::Payload {
            path: self.path.clone(),
            seq,
            reason: e.to_string(),
        };
        let text = serde_json::to_string(payload).map_err(bad)?;
        let raw = RawValue::from_string(text).map_err(bad)?;
        let record = RecordOut {
            seq,
            at_unix_ms: now_ms(),
            kind,
            len: raw.get().len(),
            crc32: format!("{:08x}", crc32fast::hash(raw.get().as_bytes())),
            payload: &raw,
        };
        let mut line = serde_json::to_string(&record).map_err(bad)?;
        line.push('\n');
        self.next_seq += 1;
        Ok(line)
    }
}

/// One record read back.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<T> {
    pub seq: u64,
    /// When it was written (ms since 1970, UTC), to show "edits from 14:32".
    pub at_unix_ms: u64,
    pub payload: T,
}

/// A part of a journal that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JournalProblem {
    /// 1-based line of the file.
    pub line: usize,
    pub reason: String,
}

/// What a journal held.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered<T> {
    /// The format version in the header (`None` when the header is unreadable).
    pub version: Option<u32>,
    pub created_unix_ms: Option<u64>,
    /// The last readable snapshot.
    pub snapshot: Option<Entry<T>>,
    /// The edits after it, in order.
    pub edits: Vec<Entry<T>>,
    /// What could not be read, and why.
    pub problems: Vec<JournalProblem>,
    /// The sequence number to continue from ([`Journal::reopen`]).
    pub next_seq: u64,
}

impl<T> Recovered<T> {
    /// Nothing to offer.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.snapshot.is_none() && self.edits.is_empty()
    }
}

/// Reads what can be read of the journal at `path`.
///
/// # Errors
/// [`JournalError::Io`] when the file cannot be opened or read at all.
pub fn recover<T: DeserializeOwned>(path: &Path) -> Result<Recovered<T>, JournalError> {
    let io = |source| JournalError::Io {
        path: path.to_owned(),
        source,
    };
    let mut reader = BufReader::new(File::open(path).map_err(io)?);
    let mut out = Recovered {
        version: None,
        created_unix_ms: None,
        snapshot: None,
        edits: Vec::new(),
        problems: Vec::new(),
        next_seq: 1,
    };
    let mut bytes = Vec::new();
    let mut line_no = 0;
    loop {
        bytes.clear();
        if reader.read_until(b'\n', &mut bytes).map_err(io)? == 0 {
            break;
        }
        line_no += 1;
        let complete = bytes.last() == Some(&b'\n');
        let Ok(line) = std::str::from_utf8(&bytes) else {
            out.problems.push(JournalProblem {
                line: line_no,
                reason: "not text (damaged)".into(),
            });
            continue;
        };
        let line = line.trim_end();
        if line.is_empty() {
            continue;
        }
        if line_no == 1 {
            match serde_json::from_str::<Header>(line) {
                Ok(h) => {
                    out.version = Some(h.minemap_journal);
                    out.created_unix_ms = h.created_unix_ms;
                    if h.minemap_journal > JOURNAL_VERSION {
                        out.problems.push(JournalProblem {
                            line: 1,
                            reason: format!(
                                "written by a newer minemap (format {}; this one reads {JOURNAL_VERSION}): records it does not understand are listed below",
                                h.minemap_journal
                            ),
                        });
                    }
                    continue;
                }
                Err(_) => out.problems.push(JournalProblem {
                    line: 1,
                    reason: "no journal header: reading the records anyway".into(),
                }),
            }
        }
        match read_record::<T>(line) {
            Ok((kind, entry)) => {
                out.next_seq = out.next_seq.max(entry.seq + 1);
                match kind {
                    RecordKind::Snapshot => {
                        out.snapshot = Some(entry);
                        out.edits.clear();
                    }
                    RecordKind::Edit => out.edits.push(entry),
                }
            }
            Err(reason) => out.problems.push(JournalProblem {
                line: line_no,
                reason: if complete {
                    reason
                } else {
                    format!(
                        "cut short after {} bytes (the program stopped while writing it)",
                        line.len()
                    )
                },
            }),
        }
    }
    Ok(out)
}

fn read_record<T: DeserializeOwned>(line: &str) -> Result<(RecordKind, Entry<T>), String> {
    let record: RecordIn<'_> =
        serde_json::from_str(line).map_err(|e| format!("not a readable record: {e}"))?;
    let text = record.payload.get();
    if text.len() != record.len
        || format!("{:08x}", crc32fast::hash(text.as_bytes())) != record.crc32
    {
        return Err(format!(
            "record {} is damaged (its length or checksum does not match)",
            record.seq
        ));
    }
    let payload = serde_json::from_str(text).map_err(|e| {
        format!(
            "record {} is not understood by this version: {e}",
            record.seq
        )
    })?;
    Ok((
        record.kind,
        Entry {
            seq: record.seq,
            at_unix_ms: record.at_unix_ms,
            payload,
        },
    ))
}

/// The folder recovery journals live in: `recovery` in the user's data folder
/// (`~/.local/share/minemap/recovery` on Linux, `%APPDATA%\minemap\data\recovery` on Windows,
/// `~/Library/Application Support/org.minemap.minemap/recovery` on macOS); `None` when the
/// system has no home folder.
#[must_use]
pub fn default_journal_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "minemap", "minemap")
        .map(|d| d.data_dir().join("recovery"))
}

/// The journal file of one session in `dir` (`session` is sanitised to a file name).
#[must_use]
pub fn journal_path(dir: &Path, session: &str) -> PathBuf {
    let name: String = session
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    dir.join(format!("{name}.journal.jsonl"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn edits_come_back_in_order_after_the_last_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let path = journal_path(dir.path(), "session 1");
        let mut j = Journal::create(&path, SyncPolicy::OnCompact).unwrap();
        j.append(&json!({"set": "a"})).unwrap();
        j.append(&json!({"set": "b"})).unwrap();
        j.compact(&json!({"state": ["a", "b"]})).unwrap();
        j.append(&json!({"set": "c"})).unwrap();
        drop(j);
        let r: Recovered<Value> = recover(&path).unwrap();
        assert_eq!(r.version, Some(JOURNAL_VERSION));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.snapshot.unwrap().payload, json!({"state": ["a", "b"]}));
        let edits: Vec<Value> = r.edits.into_iter().map(|e| e.payload).collect();
        assert_eq!(edits, [json!({"set": "c"})]);
        assert_eq!(r.next_seq, 5);
    }

    #[test]
    fn a_record_cut_short_is_reported_and_the_rest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut j = Journal::create(&path, SyncPolicy::EveryAppend).unwrap();
        for i in 0..3 {
            j.append(&json!({"i": i})).unwrap();
        }
        drop(j);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, &text[..text.len() - 9]).unwrap();
        let r: Recovered<Value> = recover(&path).unwrap();
        assert_eq!(r.edits.len(), 2);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, 4);
        assert!(
            r.problems[0].reason.contains("cut short"),
            "{:?}",
            r.problems
        );
    }

    #[test]
    fn a_damaged_record_fails_its_checksum() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut j = Journal::create(&path, SyncPolicy::OnCompact).unwrap();
        j.append(&json!({"name": "sector 1"})).unwrap();
        j.append(&json!({"name": "sector 2"})).unwrap();
        drop(j);
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replacen("sector 1", "sector 7", 1);
        std::fs::write(&path, text).unwrap();
        let r: Recovered<Value> = recover(&path).unwrap();
        assert_eq!(r.edits.len(), 1);
        assert_eq!(r.edits[0].payload, json!({"name": "sector 2"}));
        assert!(r.problems[0].reason.contains("checksum"));
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Edit {
        Rename { to: String },
    }

    #[test]
    fn payloads_this_version_does_not_understand_are_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        // A header from a newer format and an edit kind this build lacks.
        let mut j = Journal::create(&path, SyncPolicy::OnCompact).unwrap();
        j.append(&json!({"Rename": {"to": "HA-1"}})).unwrap();
        j.append(&json!({"Teleport": {"to": "moon"}})).unwrap();
        drop(j);
        let text = std::fs::read_to_string(&path).unwrap().replacen(
            "\"minemap_journal\":1",
            "\"minemap_journal\":9",
            1,
        );
        std::fs::write(&path, text).unwrap();
        let r: Recovered<Edit> = recover(&path).unwrap();
        assert_eq!(r.version, Some(9));
        assert_eq!(
            r.edits.iter().map(|e| &e.payload).collect::<Vec<_>>(),
            [&Edit::Rename { to: "HA-1".into() }]
        );
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        assert!(r.problems[0].reason.contains("newer"));
        assert!(r.problems[1].reason.contains("not understood"));
    }

    #[test]
    fn a_journal_continues_after_recovery() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut j = Journal::create(&path, SyncPolicy::OnCompact).unwrap();
        j.append(&1).unwrap();
        drop(j);
        let r: Recovered<i32> = recover(&path).unwrap();
        let mut j = Journal::reopen(&path, SyncPolicy::OnCompact, r.next_seq).unwrap();
        assert_eq!(j.append(&2).unwrap(), 2);
        drop(j);
        let r: Recovered<i32> = recover(&path).unwrap();
        assert_eq!(
            r.edits.iter().map(|e| e.payload).collect::<Vec<_>>(),
            [1, 2]
        );
    }

    #[test]
    fn session_names_become_safe_file_names() {
        let p = journal_path(Path::new("/tmp/r"), "../../etc/passwd");
        assert_eq!(p, Path::new("/tmp/r/______etc_passwd.journal.jsonl"));
    }
}
