#!/usr/bin/env python3
"""Writes a large synthetic mine-action GeoJSON file for benchmarks: hazard-area polygons of
8-64 vertices scattered over Azerbaijan (lon 45.5-48.5, lat 38.8-40.6) and accident points,
with the property schema of shared/DOMAIN.md. Deterministic (seeded).

Usage: python3 benches/make_bench_geojson.py OUT.geojson [HAZARDS=50000] [ACCIDENTS=5000]
55 000 features make about 60 MB.
"""

import json
import math
import random
import sys

out_path = sys.argv[1]
n_hazards = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
n_accidents = int(sys.argv[3]) if len(sys.argv) > 3 else 5_000
rng = random.Random(55_000)
REGIONS = ["Aghdam", "Fuzuli", "Jabrayil", "Kalbajar", "Lachin", "Tartar", "Khojavend", "Zangilan"]
CONTAMINATION = ["ap_mine", "at_mine", "uxo", "axo", "cmr", "ied", "booby_trap", "unknown"]


def hazard(k):
    lon0 = 45.5 + 3.0 * rng.random()
    lat0 = 38.8 + 1.8 * rng.random()
    # ~60 m to ~560 m from the middle, most of them small: 50 000 of them cover ~15 % of the
    # box, about the share of Azerbaijan's territory reported contaminated, with overlaps.
    radius = 0.0006 + 0.005 * rng.random() ** 2
    n = rng.randint(8, 64)
    ring = []
    for i in range(n):
        t = 2 * math.pi * i / n
        r = radius * (0.6 + 0.4 * rng.random())
        ring.append([round(lon0 + r * math.cos(t) / math.cos(math.radians(lat0)), 7),
                     round(lat0 + r * math.sin(t), 7)])
    ring.append(ring[0])
    estimated = round(1e6 * radius * radius * 9e3, 1)
    props = {
        "id": f"HA-{k:06d}", "feature_type": "hazard_area", "name": f"Hazard {k}",
        "classification": rng.choice(["indication", "sha", "cha"]),
        "status": rng.choice(["open", "worked_on", "closed", "suspended"]),
        "contamination": rng.sample(CONTAMINATION, rng.randint(1, 3)),
        "priority": rng.choice(["high", "medium", "low"]),
        "region": rng.choice(REGIONS),
        "estimated_area_m2": estimated,
        "cancelled_area_m2": round(estimated * 0.2 * rng.random(), 1),
        "reduced_area_m2": round(estimated * 0.2 * rng.random(), 1),
        "cleared_area_m2": round(estimated * 0.2 * rng.random(), 1),
        "marking": rng.choice(["none", "temporary", "permanent", "fenced"]),
        "date_of_information": f"20{rng.randint(21, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    }
    return {"type": "Feature", "id": props["id"], "properties": props,
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def accident(k):
    props = {
        "id": f"AC-{k:05d}", "feature_type": "accident",
        "date": f"20{rng.randint(20, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "device_category": rng.choice(["ap_mine", "at_mine", "uxo"]),
        "killed": rng.randint(0, 2), "injured": rng.randint(0, 3),
        "accident_type": rng.choice(["civilian", "demining", "military", "unknown"]),
        "region": rng.choice(REGIONS),
    }
    point = [round(45.5 + 3.0 * rng.random(), 7), round(38.8 + 1.8 * rng.random(), 7)]
    return {"type": "Feature", "id": props["id"], "properties": props,
            "geometry": {"type": "Point", "coordinates": point}}


with open(out_path, "w") as out:
    out.write('{"type":"FeatureCollection","name":"benchmark","features":[\n')
    for k in range(n_hazards + n_accidents):
        f = hazard(k) if k < n_hazards else accident(k - n_hazards)
        out.write(("," if k else "") + json.dumps(f, separators=(",", ":")) + "\n")
    out.write("]}\n")
