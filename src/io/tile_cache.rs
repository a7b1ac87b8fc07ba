//! Disk cache for online XYZ tiles that keeps working when the network does not.
//!
//! Unlike an HTTP cache, a stored tile is served whenever the network fails, however old it
//! is: in the field an outdated street map beats a blank one. Tiles younger than
//! `fresh_for` (7 days by default, the minimum the OSM tile usage policy asks clients to
//! cache) are served without touching the network. The cache lives in the user's cache
//! folder, is bounded in size (least recently used files, by mtime, go first), and the
//! fetcher sends a User-Agent naming minemap, one tile at a time as the view asks (no bulk
//! download). After a network failure the source backs off (2 s doubling to 5 min) and the
//! failure is logged at most once a minute per source.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use thiserror::Error;

use crate::io::tile_package::TileAddr;

/// What the tile servers see, as the OSM tile usage policy asks.
pub const USER_AGENT: &str = concat!(
    "minemap/",
    env!("CARGO_PKG_VERSION"),
    " (+offline mine action GIS)"
);

const MAX_TILE_BYTES: u64 = 8 << 20;
const LOG_EVERY: Duration = Duration::from_secs(60);
const MAX_BACKOFF: Duration = Duration::from_secs(300);

/// Why a tile could not be had, from the network or the cache.
#[derive(Debug, Error)]
pub enum TileCacheError {
    #[error("tile cache {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{url}: the server has no such tile (HTTP 404)")]
    NotFound { url: String },
    #[error("{url}: not cached, and the server cannot be reached ({reason}); retrying in {} s", retry_in.as_secs())]
    Offline {
        url: String,
        reason: String,
        retry_in: Duration,
    },
}

/// Where a served tile came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TileOrigin {
    /// Downloaded just now (and stored).
    Network,
    /// From the cache, within its freshness period.
    Cache,
    /// From the cache, past its freshness period, because the network failed.
    StaleCache,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedTile {
    pub bytes: Vec<u8>,
    pub origin: TileOrigin,
}

/// Settings of the cache; `in_user_cache` gives the ones the app uses, tests point `dir` at
/// a temporary folder.
#[derive(Debug, Clone)]
pub struct TileCacheConfig {
    pub dir: PathBuf,
    /// Size above which least recently used tiles are deleted.
    pub max_bytes: u64,
    /// Age below which a cached tile is served without asking the network.
    pub fresh_for: Duration,
    /// Per-request timeout.
    pub timeout: Duration,
}

impl TileCacheConfig {
    /// `<user cache>/minemap/tiles` (e.g. `~/.cache/minemap/tiles`), 500 MB, 7 days fresh.
    /// Where the system knows no user cache folder (no `HOME`), the temporary folder: an
    /// online map that caches somewhere beats one that cannot be opened.
    #[must_use]
    pub fn in_user_cache() -> Self {
        let dir = match directories::ProjectDirs::from("org", "minemap", "minemap") {
            Some(dirs) => dirs.cache_dir().join("tiles"),
            None => {
                let dir = std::env::temp_dir().join("minemap-tiles");
                log::warn!(
                    "no user cache folder is known; caching tiles in {}",
                    dir.display()
                );
                dir
            }
        };
        Self::at(dir)
    }

    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            max_bytes: 500 << 20,
            fresh_for: Duration::from_secs(7 * 24 * 3600),
            timeout: Duration::from_secs(15),
        }
    }
}

#[derive(Debug, Default)]
struct SourceHealth {
    failures: u32,
    retry_at: Option<Instant>,
    last_logged: Option<Instant>,
}

#[derive(Debug, Default)]
struct State {
    /// Bytes on disk, learnt by one scan on the first write.
    total_bytes: Option<u64>,
    sources: HashMap<String, SourceHealth>,
}

/// The tile cache and its fetcher. `Sync`: share one behind an `Arc` between the workers.
pub struct TileCache {
    config: TileCacheConfig,
    agent: ureq::Agent,
    state: Mutex<State>,
}

impl std::fmt::Debug for TileCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TileCache")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// The URL of one tile: `{z}`, `{x}`, `{y}` replaced, and `{s}` by `a`, `b` or `c` (spread
/// over the tiles so each always comes from the same subdomain and is cached once).
pub fn tile_url(template: &str, tile: TileAddr) -> String {
    let sub = ["a", "b", "c"][((tile.x as usize) + (tile.y as usize)) % 3];
    template
        .replace("{z}", &tile.z.to_string())
        .replace("{x}", &tile.x.to_string())
        .replace("{y}", &tile.y.to_string())
        .replace("{s}", sub)
}

/// A folder name for a source: its host for people browsing the cache, and a hash of the
/// template so two sources on one host stay apart.
fn source_key(template: &str) -> String {
    let host: String = template
        .split("://")
        .nth(1)
        .unwrap_or(template)
        .split('/')
        .next()
        .unwrap_or("")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    // FNV-1a: stable across runs and versions (std's hasher is not).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in template.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{host}-{h:016x}")
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl TileCache {
    pub fn new(config: TileCacheConfig) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .build()
            .into();
        Self {
            config,
            agent,
            state: Mutex::new(State::default()),
        }
    }

    pub fn config(&self) -> &TileCacheConfig {
        &self.config
    }

    /// Where tile `tile` of `template` is stored.
    pub fn path_of(&self, template: &str, tile: TileAddr) -> PathBuf {
        self.config
            .dir
            .join(source_key(template))
            .join(tile.z.to_string())
            .join(tile.x.to_string())
            .join(format!("{}.tile", tile.y))
    }

    /// How long until the network is tried again for `template`, if it is backing off.
    pub fn retry_in(&self, template: &str) -> Option<Duration> {
        let state = self.state.lock().ok()?;
        let at = state.sources.get(template)?.retry_at?;
        at.checked_duration_since(Instant::now())
    }

    /// Tile `tile` of the source `template`: from the cache while fresh, else from the
    /// network, else (network down, server erroring or backing off) from the cache however
    /// old. Blocking: call it from a worker thread.
    pub fn get(&self, template: &str, tile: TileAddr) -> Result<CachedTile, TileCacheError> {
        let path = self.path_of(template, tile);
        let cached = read_entry(&path);
        if let Some((fetched_at, bytes)) = &cached
            && now_secs().saturating_sub(*fetched_at) < self.config.fresh_for.as_secs()
        {
            return Ok(CachedTile {
                bytes: bytes.clone(),
                origin: TileOrigin::Cache,
            });
        }
        let stale = |cached: Option<(u64, Vec<u8>)>| {
            cached.map(|(_, bytes)| CachedTile {
                bytes,
                origin: TileOrigin::StaleCache,
            })
        };

        let url = tile_url(template, tile);
        if let Some(retry_in) = self.retry_in(template) {
            return stale(cached).ok_or_else(|| TileCacheError::Offline {
                url,
                reason: "the source failed recently".into(),
                retry_in,
            });
        }

        match self.download(&url) {
            Ok(bytes) => {
                self.record_success(template);
                if let Err(e) = self.store(&path, &bytes) {
                    // Serving the tile matters more than keeping it.
                    self.log_limited(template, &e.to_string());
                }
                Ok(CachedTile {
                    bytes,
                    origin: TileOrigin::Network,
                })
            }
            Err(Download::NotFound) => {
                self.record_success(template);
                stale(cached).ok_or(TileCacheError::NotFound { url })
            }
            Err(Download::Failed(reason)) => {
                let retry_in = self.record_failure(template, &url, &reason);
                stale(cached).ok_or(TileCacheError::Offline {
                    url,
                    reason,
                    retry_in,
                })
            }
        }
    }

    fn download(&self, url: &str) -> Result<Vec<u8>, Download> {
        let mut response = self
            .agent
            .get(url)
            .call()
            .map_err(|e| Download::Failed(e.to_string()))?;
        match response.status().as_u16() {
            200 => response
                .body_mut()
                .with_config()
                .limit(MAX_TILE_BYTES)
                .read_to_vec()
                .map_err(|e| Download::Failed(e.to_string()))
                .and_then(|b| {
                    if b.is_empty() {
                        Err(Download::Failed("empty body".into()))
                    } else {
                        Ok(b)
                    }
                }),
            404 | 410 => Err(Download::NotFound),
            status => Err(Download::Failed(format!("HTTP {status}"))),
        }
    }

    fn record_success(&self, template: &str) {
        if let Ok(mut state) = self.state.lock()
            && let Some(h) = state.sources.get_mut(template)
        {
            if h.failures > 0 {
                log::info!("tile source {template} is reachable again");
            }
            h.failures = 0;
            h.retry_at = None;
        }
    }

    fn record_failure(&self, template: &str, url: &str, reason: &str) -> Duration {
        let Ok(mut state) = self.state.lock() else {
            return MAX_BACKOFF;
        };
        let h = state.sources.entry(template.to_string()).or_default();
        h.failures = h.failures.saturating_add(1);
        let backoff = Duration::from_secs(1u64 << h.failures.min(9)).min(MAX_BACKOFF);
        let now = Instant::now();
        h.retry_at = Some(now + backoff);
        if h.last_logged
            .is_none_or(|t| now.duration_since(t) >= LOG_EVERY)
        {
            h.last_logged = Some(now);
            log::warn!(
                "tile source unreachable ({reason}) at {url}; serving cached tiles, retrying in {} s",
                backoff.as_secs()
            );
        }
        backoff
    }

    fn log_limited(&self, template: &str, message: &str) {
        if let Ok(mut state) = self.state.lock() {
            let h = state.sources.entry(template.to_string()).or_default();
            let now = Instant::now();
            if h.last_logged
                .is_none_or(|t| now.duration_since(t) >= LOG_EVERY)
            {
                h.last_logged = Some(now);
                log::warn!("{message}");
            }
        }
    }

    /// Writes a tile (fetch time first, then the bytes) via a temporary file and a rename,
    /// so a crash never leaves half a tile, then evicts if the cache is over its bound.
    fn store(&self, path: &Path, bytes: &[u8]) -> Result<(), TileCacheError> {
        let io = |source| TileCacheError::Io {
            path: path.to_path_buf(),
            source,
        };
        let dir = path.parent().unwrap_or(&self.config.dir);
        fs::create_dir_all(dir).map_err(io)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        tmp.write_all(&now_secs().to_le_bytes()).map_err(io)?;
        tmp.write_all(bytes).map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;

        let over = {
            let Ok(mut state) = self.state.lock() else {
                return Ok(());
            };
            let total = match state.total_bytes {
                Some(t) => t + bytes.len() as u64 + 8,
                None => disk_usage(&self.config.dir),
            };
            state.total_bytes = Some(total);
            total > self.config.max_bytes
        };
        if over {
            let left = evict(&self.config.dir, self.config.max_bytes / 10 * 9);
            if let Ok(mut state) = self.state.lock() {
                state.total_bytes = Some(left);
            }
        }
        Ok(())
    }
}

enum Download {
    NotFound,
    Failed(String),
}

/// A stored tile and its fetch time; touches the file so eviction sees it as recently used.
fn read_entry(path: &Path) -> Option<(u64, Vec<u8>)> {
    let mut data = fs::read(path).ok()?;
    if data.len() <= 8 {
        return None;
    }
    let mut stamp = [0u8; 8];
    stamp.copy_from_slice(&data[..8]);
    data.drain(..8);
    if let Ok(f) = fs::File::options().append(true).open(path) {
        let _ = f.set_modified(SystemTime::now());
    }
    Some((u64::from_le_bytes(stamp), data))
}

fn walk(dir: &Path, out: &mut Vec<(SystemTime, u64, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            walk(&entry.path(), out);
        } else {
            let mtime = meta.modified().unwrap_or(UNIX_EPOCH);
            out.push((mtime, meta.len(), entry.path()));
        }
    }
}

fn disk_usage(dir: &Path) -> u64 {
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.iter().map(|(_, len, _)| len).sum()
}

/// Deletes least recently used files until at most `target` bytes remain; returns what is left.
fn evict(dir: &Path, target: u64) -> u64 {
    let mut files = Vec::new();
    walk(dir, &mut files);
    let mut total: u64 = files.iter().map(|(_, len, _)| len).sum();
    files.sort_by_key(|(mtime, _, _)| *mtime);
    for (_, len, path) in files {
        if total <= target {
            break;
        }
        if fs::remove_file(&path).is_ok() {
            total -= len;
        }
    }
    total
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::net::TcpListener;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// A loopback tile server answering every GET with `body`; records the User-Agent.
    pub(crate) struct LoopbackServer {
        pub(crate) port: u16,
        stop: Arc<AtomicBool>,
        pub(crate) user_agents: Arc<Mutex<Vec<String>>>,
        thread: Option<std::thread::JoinHandle<()>>,
    }

    impl LoopbackServer {
        pub(crate) fn start(body: Vec<u8>) -> Self {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let port = listener.local_addr().unwrap().port();
            let stop = Arc::new(AtomicBool::new(false));
            let user_agents = Arc::new(Mutex::new(Vec::new()));
            let (stop2, agents2) = (stop.clone(), user_agents.clone());
            let thread = std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop2.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(mut stream) = stream else { continue };
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                        if line.to_ascii_lowercase().starts_with("user-agent:") {
                            agents2.lock().unwrap().push(line[11..].trim().to_string());
                        }
                        line.clear();
                    }
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nCache-Control: max-age=0\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&body);
                }
            });
            Self {
                port,
                stop,
                user_agents,
                thread: Some(thread),
            }
        }

        pub(crate) fn template(&self) -> String {
            format!("http://127.0.0.1:{}/{{z}}/{{x}}/{{y}}.png", self.port)
        }

        /// Stops accepting and closes the port, so later requests are refused.
        pub(crate) fn stop(mut self) {
            self.stop.store(true, Ordering::SeqCst);
            let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
            if let Some(t) = self.thread.take() {
                t.join().unwrap();
            }
        }
    }

    #[test]
    fn a_tile_fetched_once_is_served_from_the_cache_after_the_server_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let body = b"\x89PNG pretend tile bytes".to_vec();
        let server = LoopbackServer::start(body.clone());
        let template = server.template();
        let mut config = TileCacheConfig::at(dir.path());
        // Every tile is stale at once, so the second read must try the (dead) network first.
        config.fresh_for = Duration::ZERO;
        config.timeout = Duration::from_secs(5);
        let cache = TileCache::new(config);
        let tile = TileAddr::new(12, 2650, 1530);

        let first = cache.get(&template, tile).unwrap();
        assert_eq!(first.origin, TileOrigin::Network);
        assert_eq!(first.bytes, body);
        let agents = server.user_agents.lock().unwrap().clone();
        assert_eq!(agents, vec![USER_AGENT.to_string()]);
        server.stop();

        let again = cache.get(&template, tile).unwrap();
        assert_eq!(again.origin, TileOrigin::StaleCache);
        assert_eq!(again.bytes, body);
        // The failure put the source in backoff; the cache still answers.
        assert!(cache.retry_in(&template).is_some());
        assert_eq!(cache.get(&template, tile).unwrap().bytes, body);

        // A tile never fetched is an "offline" error, not a panic nor a hang.
        let other = cache.get(&template, TileAddr::new(12, 2651, 1530));
        assert!(
            matches!(other, Err(TileCacheError::Offline { .. })),
            "{other:?}"
        );
    }

    #[test]
    fn fresh_tiles_are_served_without_the_network() {
        let dir = tempfile::tempdir().unwrap();
        let server = LoopbackServer::start(b"tile".to_vec());
        let template = server.template();
        let cache = TileCache::new(TileCacheConfig::at(dir.path()));
        let tile = TileAddr::new(3, 1, 2);
        assert_eq!(
            cache.get(&template, tile).unwrap().origin,
            TileOrigin::Network
        );
        assert_eq!(
            cache.get(&template, tile).unwrap().origin,
            TileOrigin::Cache
        );
        assert_eq!(server.user_agents.lock().unwrap().len(), 1);
        server.stop();
    }

    #[test]
    fn cache_over_its_bound_drops_the_least_recently_used_tiles() {
        let dir = tempfile::tempdir().unwrap();
        let server = LoopbackServer::start(vec![7u8; 1000]);
        let template = server.template();
        let mut config = TileCacheConfig::at(dir.path());
        config.max_bytes = 5_000;
        let cache = TileCache::new(config);
        for x in 0..12 {
            cache.get(&template, TileAddr::new(4, x, 0)).unwrap();
            // Distinct mtimes so "least recently used" is well defined.
            std::thread::sleep(Duration::from_millis(15));
        }
        server.stop();
        assert!(disk_usage(dir.path()) <= 5_000);
        assert!(cache.path_of(&template, TileAddr::new(4, 11, 0)).exists());
        assert!(!cache.path_of(&template, TileAddr::new(4, 0, 0)).exists());
    }

    #[test]
    fn subdomain_placeholder_is_stable_per_tile() {
        let t = TileAddr::new(5, 10, 11);
        let url = tile_url("https://{s}.tile.example.org/{z}/{x}/{y}.png", t);
        assert_eq!(url, "https://a.tile.example.org/5/10/11.png");
        assert_eq!(
            url,
            tile_url("https://{s}.tile.example.org/{z}/{x}/{y}.png", t)
        );
        assert_ne!(
            source_key("https://a.org/{z}/{x}/{y}.png"),
            source_key("https://a.org/b/{z}/{x}/{y}.png")
        );
    }
}
