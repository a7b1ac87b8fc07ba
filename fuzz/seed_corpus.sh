#!/bin/sh
# Seeds each fuzz target's corpus from the import fixtures. Run from fuzz/.
set -eu
F=../tests/fixtures/import
mkdir -p corpus/geojson corpus/shapefile corpus/dbf corpus/gpkg corpus/kml corpus/gpx corpus/csv corpus/prj
cp $F/hazards.geojson $F/incidents.geojson corpus/geojson/
cp $F/hazards.kml corpus/kml/ && cp $F/hazards.kmz corpus/kml/
cp $F/incidents.gpx corpus/gpx/
cp $F/incidents.csv $F/hazards.csv corpus/csv/
cp $F/layers.gpkg corpus/gpkg/
# .prj texts (ESRI and OGC WKT); .dbf files behind a code-page byte (0: none, 1: UTF-8, 2: 1251).
for p in $F/shp/*.prj; do cp "$p" corpus/prj/; done
for s in hazards_wgs84 hazards_cp1251 incidents; do
  { printf '\001'; cat "$F/shp/$s.dbf"; } > "corpus/dbf/$s"
done
printf '\002' > corpus/dbf/nocpg_cp1251 && cat $F/shp/nocpg/hazards_cp1251.dbf >> corpus/dbf/nocpg_cp1251
# Shapefile target input: 2+2 bytes of split points, then .shp, .shx, .dbf.
for s in hazards_wgs84 incidents; do
  python3 - "$F/shp/$s" "corpus/shapefile/$s" <<'PY'
import sys, struct
base, out = sys.argv[1], sys.argv[2]
shp, shx, dbf = (open(f"{base}.{e}", "rb").read() for e in ("shp", "shx", "dbf"))
open(out, "wb").write(struct.pack("<HH", len(shp), len(shx)) + shp + shx + dbf)
PY
done
