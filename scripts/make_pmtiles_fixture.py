#!/usr/bin/env python3
"""Builds tests/fixtures/tiles/solid_z0-3.pmtiles, the PMTiles fixture of minemap's tile tests.

Every XYZ tile of zoom 0..3 (85 tiles) is a 256x256 PNG of one colour that encodes its address:
    red = 40*z, green = 30*x, blue = 30*y + 5
so a test reading tile (z, x, y) back knows which tile it got. Written by the reference
`pmtiles` Python package (Protomaps), independent of minemap's own reader:

    pip install pmtiles==3.8.1 pillow
    python3 scripts/make_pmtiles_fixture.py
"""
import io
import json
import os

from PIL import Image
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import Writer

MAX_ZOOM = 3
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "tiles", "solid_z0-3.pmtiles")


def colour(z, x, y):
    return (40 * z, 30 * x, 30 * y + 5)


def png(rgb):
    buf = io.BytesIO()
    Image.new("RGB", (256, 256), rgb).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def main():
    tiles = []
    for z in range(MAX_ZOOM + 1):
        for x in range(2**z):
            for y in range(2**z):
                tiles.append((zxy_to_tileid(z, x, y), png(colour(z, x, y))))
    tiles.sort()  # clustered archive: tile ids ascending
    with open(OUT, "wb") as f:
        w = Writer(f)
        for tile_id, data in tiles:
            w.write_tile(tile_id, data)
        w.finalize(
            {
                "tile_type": TileType.PNG,
                "tile_compression": Compression.NONE,
                "min_zoom": 0,
                "max_zoom": MAX_ZOOM,
                "min_lon_e7": int(44.5 * 1e7),
                "min_lat_e7": int(38.3 * 1e7),
                "max_lon_e7": int(50.9 * 1e7),
                "max_lat_e7": int(41.95 * 1e7),
                "center_zoom": 2,
                "center_lon_e7": int(47.5 * 1e7),
                "center_lat_e7": int(40.2 * 1e7),
            },
            {"name": "Solid colour fixture", "attribution": "minemap test fixture (CC0)"},
        )
    print(OUT, os.path.getsize(OUT), "bytes,", len(tiles), "tiles")


if __name__ == "__main__":
    main()
