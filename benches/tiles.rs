//! Time from a view jump to every tile of a 1400×900 view read from an MBTiles package and
//! decoded to RGBA textures (target ≤ 150 ms), through the same `RasterTiles` source the map
//! uses. The package is generated here: z0–z10 over Azerbaijan plus z11–z14 around Ganja,
//! 256 px JPEG noise tiles (noise is the worst case for a JPEG decoder; orthophotos decode
//! faster).
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use minemap::io::tile_package::TileAddr;
use minemap::map::tiles::{RasterTiles, decode_tile};
use rusqlite::{Connection, params};

const VIEW_W: f64 = 1400.0;
const VIEW_H: f64 = 900.0;

fn tile_xy(lon: f64, lat: f64, z: u8) -> (f64, f64) {
    let n = f64::from(1u32 << z) * 256.0;
    let x = (lon + 180.0) / 360.0 * n;
    let lat = lat.to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n;
    (x, y)
}

/// The tiles a 1400×900 view centred on (lon, lat) at zoom z touches.
fn view_tiles(lon: f64, lat: f64, z: u8) -> Vec<TileAddr> {
    let (cx, cy) = tile_xy(lon, lat, z);
    let (x0, x1) = (
        ((cx - VIEW_W / 2.0) / 256.0) as u32,
        ((cx + VIEW_W / 2.0) / 256.0) as u32,
    );
    let (y0, y1) = (
        ((cy - VIEW_H / 2.0) / 256.0) as u32,
        ((cy + VIEW_H / 2.0) / 256.0) as u32,
    );
    let mut out = Vec::new();
    for x in x0..=x1 {
        for y in y0..=y1 {
            out.push(TileAddr::new(z, x, y));
        }
    }
    out
}

fn noise_jpeg(seed: u32) -> Vec<u8> {
    let mut s = seed.wrapping_mul(2_654_435_761).max(1);
    let img = image::RgbImage::from_fn(256, 256, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        // Smooth-ish field plus noise, like aerial imagery with texture.
        let base = ((x / 16 + y / 16 + seed) % 7 * 30) as u8;
        image::Rgb([
            base.wrapping_add((s & 63) as u8),
            base / 2 + ((s >> 8) & 63) as u8,
            90 + ((s >> 16) & 63) as u8,
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

fn make_package(path: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
         CREATE TABLE metadata (name TEXT, value TEXT);
         CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
         CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
         BEGIN;",
    )
    .unwrap();
    for (k, v) in [
        ("name", "bench"),
        ("format", "jpg"),
        ("bounds", "44.7,38.3,50.7,41.95"),
        ("minzoom", "0"),
        ("maxzoom", "14"),
    ] {
        conn.execute("INSERT INTO metadata VALUES (?1, ?2)", params![k, v])
            .unwrap();
    }
    let blobs: Vec<Vec<u8>> = (0..48).map(noise_jpeg).collect();
    let mut i = 0usize;
    let mut insert = |t: TileAddr| {
        let n = 1u32 << t.z;
        conn.execute(
            "INSERT OR IGNORE INTO tiles VALUES (?1, ?2, ?3, ?4)",
            params![t.z, t.x, n - 1 - t.y, blobs[i % blobs.len()]],
        )
        .unwrap();
        i += 1;
    };
    for z in 0..=10u8 {
        let (x0, y0) = tile_xy(44.7, 41.95, z);
        let (x1, y1) = tile_xy(50.7, 38.3, z);
        for x in (x0 / 256.0) as u32..=(x1 / 256.0) as u32 {
            for y in (y0 / 256.0) as u32..=(y1 / 256.0) as u32 {
                insert(TileAddr::new(z, x, y));
            }
        }
    }
    for z in 11..=14u8 {
        for (lon, lat) in [(46.36, 40.68), (47.15, 39.9), (45.0, 41.1)] {
            for t in view_tiles(lon, lat, z) {
                insert(t);
            }
        }
    }
    conn.execute_batch("COMMIT;").unwrap();
}

/// Asks for every tile of the view, then polls as the map does each frame until all are in.
fn load_view(tiles: &mut RasterTiles, view: &[TileAddr]) {
    for t in view {
        tiles.piece(*t);
    }
    let start = Instant::now();
    while !view.iter().all(|t| tiles.is_settled(*t)) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "tiles never arrived"
        );
        std::thread::sleep(Duration::from_micros(200));
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.mbtiles");
    make_package(&path);
    let ctx = egui::Context::default();
    let size = std::fs::metadata(&path).unwrap().len();
    let z14 = view_tiles(46.36, 40.68, 14);
    let z17 = view_tiles(46.36, 40.68, 17);
    eprintln!(
        "package {:.1} MB; z14 view {} tiles; z17 (over-zoomed) view {} tiles",
        size as f64 / 1e6,
        z14.len(),
        z17.len()
    );

    let mut group = c.benchmark_group("mbtiles_view_jump_1400x900");
    group.sample_size(20);
    group.bench_function("z14_all_tiles_decoded", |b| {
        b.iter_batched(
            || RasterTiles::mbtiles(&path, &ctx).unwrap(),
            |mut tiles| {
                load_view(&mut tiles, &z14);
                tiles
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("z17_over_zoomed_from_z14", |b| {
        b.iter_batched(
            || RasterTiles::mbtiles(&path, &ctx).unwrap(),
            |mut tiles| {
                load_view(&mut tiles, &z17);
                tiles
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let jpeg = noise_jpeg(3);
    c.bench_function("decode_one_256px_jpeg_tile", |b| {
        b.iter(|| decode_tile(std::hint::black_box(&jpeg)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
