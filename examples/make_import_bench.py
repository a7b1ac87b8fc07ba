"""Makes the 200 000-polygon Shapefile and GeoPackage the import benchmark reads (kept out of
git, in /work/bench_data/200k): hazard-like polygons of 8-64 vertices over Azerbaijan with
the sample schema's attributes, written once as GeoJSON, then converted by GDAL (ogr2ogr) to
a WGS84 Shapefile, a UTM 38N Shapefile (to measure reprojection) and a GeoPackage.

    python3 examples/make_import_bench.py /work/bench_data/200k
(needs gdal-bin). The measure: cargo run --release --example measure_import -- FILES
"""
import json, math, os, random, subprocess, sys

out = sys.argv[1] if len(sys.argv) > 1 else "/work/bench_data/200k"
os.makedirs(out, exist_ok=True)
rng = random.Random(11)
src = os.path.join(out, "hazards.geojson")
with open(src, "w") as f:
    f.write('{"type":"FeatureCollection","features":[\n')
    for i in range(200_000):
        cx, cy = rng.uniform(45.2, 47.8), rng.uniform(39.2, 41.2)
        n = rng.randint(8, 64)
        r = rng.uniform(50, 600) / 111_000
        ring = []
        for k in range(n):
            a = 2 * math.pi * k / n
            rr = r * rng.uniform(0.6, 1.0)
            ring.append([round(cx + rr * math.cos(a) / math.cos(math.radians(cy)), 7), round(cy + rr * math.sin(a), 7)])
        ring.append(ring[0])
        props = {"id": f"HA-{i:06d}", "feature_type": "hazard_area", "name": f"Hazard {i}",
                 "classification": rng.choice(["cha", "sha", "indication"]),
                 "status": rng.choice(["open", "worked_on", "closed"]),
                 "contamination": rng.choice(["ap_mine", "at_mine", "uxo"]),
                 "priority": rng.choice(["high", "medium", "low"]),
                 "estimated_area_m2": round(rng.uniform(1e3, 1e6), 1),
                 "cancelled_area_m2": round(rng.uniform(0, 1e4), 1),
                 "region": rng.choice(["Fuzuli", "Aghdam", "Shusha", "Tartar"]),
                 "date_of_information": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
        f.write(("," if i else "") + json.dumps({"type": "Feature", "properties": props,
                 "geometry": {"type": "Polygon", "coordinates": [ring]}}) + "\n")
    f.write("]}\n")
run = lambda *a: subprocess.run(["ogr2ogr", *a], check=True)
run("-f", "ESRI Shapefile", os.path.join(out, "hazards.shp"), src, "-lco", "ENCODING=UTF-8")
run("-f", "ESRI Shapefile", os.path.join(out, "hazards_utm38n.shp"), src, "-t_srs", "EPSG:32638", "-lco", "ENCODING=UTF-8")
run("-f", "GPKG", os.path.join(out, "hazards.gpkg"), src, "-nln", "hazards")
