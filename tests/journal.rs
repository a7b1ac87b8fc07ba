//! The recovery journal against a real `kill -9`: a child process appends edits (and
//! compacts now and then) until it is killed; what it journalled comes back, in order,
//! without a gap.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use minemap::io::journal::{Journal, Recovered, SyncPolicy, recover};
use serde::{Deserialize, Serialize};

/// What the child journals: shaped like an edit command of the app.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
enum Edit {
    SetProperty {
        layer: u64,
        feature: usize,
        key: String,
        value: serde_json::Value,
    },
    /// The whole unsaved state: how many edits it holds.
    Snapshot { edits: u64 },
}

const ENV: &str = "MINEMAP_JOURNAL_CHILD";

/// Run only as the child of the test below (it appends until killed).
#[test]
#[ignore = "helper process of recovery_after_kill_9_restores_every_journalled_edit"]
fn journal_child_appends_until_killed() {
    let Some(path) = std::env::var_os(ENV) else {
        return;
    };
    let mut journal = Journal::create(&PathBuf::from(path), SyncPolicy::OnCompact).unwrap();
    for n in 0u64.. {
        journal
            .append(&Edit::SetProperty {
                layer: 1,
                feature: usize::try_from(n % 200).unwrap(),
                key: "status".into(),
                value: serde_json::json!({"n": n, "text": "in_progress — Ağdam"}),
            })
            .unwrap();
        if n % 1000 == 999 {
            journal.compact(&Edit::Snapshot { edits: n + 1 }).unwrap();
        }
    }
}

#[test]
fn recovery_after_kill_9_restores_every_journalled_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.journal.jsonl");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "journal_child_appends_until_killed",
            "--test-threads=1",
        ])
        .env(ENV, &path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Let it get past a few compactions.
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let r: Option<Recovered<Edit>> = recover(&path).ok();
        if r.as_ref()
            .and_then(|r| r.snapshot.as_ref())
            .is_some_and(|s| matches!(s.payload, Edit::Snapshot { edits } if edits >= 3000))
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the child made no progress"
        );
    }
    // `Child::kill` is SIGKILL on Unix: no destructor, no flush.
    child.kill().unwrap();
    child.wait().unwrap();

    let r: Recovered<Edit> = recover(&path).unwrap();
    // Only the record being written at the kill may be cut short.
    assert!(r.problems.len() <= 1, "{:?}", r.problems);
    let Some(Edit::Snapshot { edits }) = r.snapshot.map(|s| s.payload) else {
        panic!("no snapshot");
    };
    assert!(edits >= 3000);
    // The edits after the snapshot continue it without a gap.
    for (i, e) in r.edits.iter().enumerate() {
        match &e.payload {
            Edit::SetProperty { value, .. } => {
                assert_eq!(value["n"], edits + u64::try_from(i).unwrap());
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(r.next_seq, r.edits.last().map_or(r.next_seq, |e| e.seq + 1));
}
