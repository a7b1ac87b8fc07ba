#!/usr/bin/env python3
"""Times `minemap report --format json` against GDAL reading the same GeoJSON file
(pyogrio.raw.read, GDAL's GeoJSON driver) and prints the ratio. Best of N runs each.

Usage: python3 benches/bench_report.py FILE.geojson [RUNS=3] [--validate]
Needs: target/release/minemap (cargo build --release) and `pip install pyogrio`.
"""

import os
import subprocess
import sys
import time

path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 3
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
binary = os.environ.get("MINEMAP_BIN", os.path.join(target, "release", "minemap"))


def best(fn):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def minemap(*args):
    def run():
        subprocess.run([binary, *args, path], stdout=subprocess.DEVNULL, check=args[0] == "report")
    return run


def gdal_read():
    import pyogrio.raw
    pyogrio.raw.read(path)


size_mb = os.path.getsize(path) / 1e6
report = best(minemap("report", "--format", "json"))
gdal = best(gdal_read)
print(f"file: {path} ({size_mb:.1f} MB)")
print(f"minemap report --format json: {report:.3f} s")
print(f"GDAL read (pyogrio.raw.read):  {gdal:.3f} s")
print(f"ratio GDAL / minemap:          {gdal / report:.2f}x")
if "--validate" in sys.argv:
    v = best(minemap("validate", "--format", "json", "--no-overlap"))
    o = best(minemap("validate", "--format", "json"))
    print(f"minemap validate --no-overlap: {v:.3f} s")
    print(f"minemap validate (overlaps):   {o:.3f} s")
