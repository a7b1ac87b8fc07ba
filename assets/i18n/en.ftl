# minemap's interface in English. One message per key; az.ftl and ru.ftl have the same keys
# (a test fails on a missing one). Plural forms use Fluent selectors on $count.
# Data text (property values, names, ids) is never put in a catalogue.

## Languages
language = Language
language-follow-system = System language

## Menu
menu-file = File
menu-open-geojson = Open GeoJSON…
menu-open-tile-package = Open tile package (MBTiles, PMTiles)…
menu-quit = Quit
menu-view = View
menu-zoom-all = Zoom to all layers
menu-coordinates = Coordinates
menu-help = Help
help-about = minemap — offline GIS for mine action
help-keys = Pan: drag or arrow keys · Zoom: wheel, +/− · Home: zoom to all · Esc: clear selection
help-click = Click a feature to inspect it.

## File dialogs
dialog-open = Open
dialog-open-tile-package = Open tile package
filter-geojson = GeoJSON
filter-tile-packages = Tile packages
filter-all-files = All files

## Messages window
messages-title = Messages
message-error = Error
message-warning = Warning
message-note = Note
message-dismiss = Dismiss
message-dismiss-all = Dismiss all
message-details = { $count ->
    [one] { $count } detail
   *[other] { $count } details
}

## Layers panel
layers-title = Layers
layers-loading = Loading { $name }
layers-empty = No layers. Open GeoJSON files from the File menu or drop them on the window.
layer-show-hide = Show or hide
layer-up = Up
layer-move-up = Move up
layer-down = Down
layer-move-down = Move down
layer-zoom-to = Zoom to
layer-close = Close
layer-opacity = Opacity
layer-role-and-properties = Role and properties
layer-role = Layer role
layer-legend = Legend
features-count = { $count ->
    [one] { $count } feature
   *[other] { $count } features
}

## Basemap selector
basemap-title = Basemap: { $name }
basemap-embedded = Embedded (offline, Natural Earth)
basemap-none = None
basemap-online-cached = { $name } (online, cached)
basemap-open-package = Open tile package (MBTiles, PMTiles)…
basemap-draw-over = Draw over the base
basemap-opacity = Opacity
basemap-online-sources = Online sources
basemap-forget = Forget
basemap-forget-hint = Remove this source from the list
basemap-add-source = Add a source
basemap-name = Name
basemap-name-hint = Survey orthophoto
basemap-url-template = URL template
basemap-attribution = Attribution
basemap-attribution-hint = © the tiles' owner
basemap-cache-note = Tiles seen once stay in the disk cache for offline use. Follow the service's terms: no bulk downloads.
basemap-add-and-show = Add and show

## Inspector
inspector-title = Inspector
inspector-empty = Click a feature on the map to inspect it.
inspector-gone = The selected feature is no longer loaded.
inspector-select-it = Select it
inspector-in-hazard-area = In hazard area
inspector-nearest-hazard = Nearest hazard area
inspector-distance-away = { $distance } m away
inspector-hazard-area = Hazard area
inspector-none-loaded = none loaded
inspector-possible-indication = Outside every hazard area: a possible new indication
inspector-incidents-inside = Incidents inside
inspector-within = Within { $distance } m
incidents-with-casualties = { $incidents } ({ $casualties ->
    [one] { $casualties } casualty
   *[other] { $casualties } casualties
})
inspector-feature = Feature { $id }
inspector-zoom-to = Zoom to
inspector-clear = Clear
inspector-feature-of-file = { $layer } · { $geometry } · feature { $index } of the file
inspector-area-geodesic = Area (geodesic)
inspector-perimeter = Perimeter
inspector-length = Length
inspector-position = Position
inspector-centroid = Centroid
inspector-note = Note: { $message }
inspector-properties = Properties
inspector-other-members = Other members
inspector-casualties = Casualties: { $count }
inspector-area = Area: { $area }

## Statistics
stats-title = Statistics
stats-intro = Visible layers; areas are geodesic (WGS84). Union counts overlaps once.
stats-group-by = Group by
stats-computing-union = Computing union areas…
stats-features = Features
stats-features-detail = { $features } ({ $areas } areas, { $points } points, { $lines } lines)
stats-area-sum = Area (sum)
stats-area-union = Area (union)
stats-perimeter-sum = Perimeter (sum)
stats-incidents = Incidents
stats-killed-injured = Killed / injured
stats-killed-injured-value = { $killed } / { $injured } (victims { $victims })
stats-land-release = Land release
stats-no-estimate = { $count ->
    [one] { $count } hazard area had no estimate: its geodesic area was used
   *[other] { $count } hazard areas had no estimate: their geodesic area was used
}
stats-incidents-and-hazards = Incidents and hazard areas
stats-buffer = Buffer
stats-buffer-hint = Incidents this close to a hazard area count as near it
stats-flag-beyond = Flag outside beyond
stats-flag-beyond-hint = Incidents outside every hazard area and farther than this are possible new indications
stats-linking = Linking incidents to hazard areas…
stats-inside-hazard = Inside a hazard area
stats-outside-every-hazard = Outside every hazard area
stats-incidents-casualties = { $incidents ->
    [one] { $incidents } incident
   *[other] { $incidents } incidents
}, { $casualties ->
    [one] { $casualties } casualty
   *[other] { $casualties } casualties
}
stats-possible-indications = Possible new indications
stats-possible-indications-count = Possible new indications ({ $count })
stats-no-hazard-area = no hazard area
stats-distance-from = { $distance } m from { $hazard }
stats-and-more = … and { $count } more
stats-hazards-with-incidents = Hazard areas with incidents ({ $count })
stats-hazard-area = Hazard area
stats-inside = Inside
stats-within = Within { $distance } m
stats-casualties-short = { $incidents } ({ $casualties } cas.)

## Geometry QA
qa-title = Geometry QA
qa-long-segment-over = Long segment over
qa-check-again = Check again
qa-overlaps = Overlaps between hazard areas
qa-overlaps-hint = Pairwise: slow on very large data, so it starts unticked above 50 000 features
qa-checking = Checking geometries…
qa-no-layers = No layers.
qa-no-problems = No problems found.
qa-all = All ({ $count })
qa-problems-summary = { $problems ->
    [one] { $problems } problem
   *[other] { $problems } problems
} in { $features ->
    [one] { $features } feature
   *[other] { $features } features
}

## Status bar
status-pointer = Pointer
status-pointer-position = Pointer position
status-zoom-scale = Zoom { $zoom } · 1:{ $scale }
status-go-to = Go to
status-go = Go
status-go-to-hint = 40.1, 47.5 · 38T 612345 4441234 · 38TNK1234541234 · Şuşa
status-place-not-found = "{ $text }" is neither a coordinate nor a place on the map

## Tabs and panels
tab-inspector = Inspector
tab-statistics = Statistics
tab-qa = QA

## Classification (IMAS 07.11)
classification-indication = Indication
classification-sha = SHA (suspected)
classification-cha = CHA (confirmed)

## Hazard area status
status-open = Open
status-worked_on = Worked on
status-closed = Closed
status-suspended = Suspended

## Contamination
contamination-ap_mine = AP mine
contamination-at_mine = AT mine
contamination-uxo = UXO
contamination-axo = AXO
contamination-cmr = Cluster munition remnants
contamination-ied = IED
contamination-booby_trap = Booby trap
contamination-unknown = Unknown

## Accident types
accident-civilian = Civilian accident
accident-demining = Demining accident
accident-military = Military accident
accident-unknown = Accident of unknown type

## Layer roles
role-hazard_areas = Hazard areas
role-incidents = Incidents
role-clearance_sectors = Clearance sectors
role-activities = Activities
role-other = Other

## Land release
lr-estimated = Estimated
lr-cancelled = Cancelled (NTS)
lr-reduced = Reduced (TS)
lr-cleared = Cleared
lr-remaining = Remaining

## QA problem kinds (analysis::qa::ProblemKind)
qa-self_intersection = Self-intersection
qa-too_few_vertices = Too few vertices
qa-duplicate_vertex = Duplicate vertex
qa-long_segment = Long segment
qa-coordinates_out_of_range = Coordinates out of range
qa-unclosed_ring = Unclosed ring
qa-hole_outside_shell = Hole outside shell
qa-empty_geometry = Empty geometry
qa-null_geometry = No geometry
qa-duplicate_id = Duplicate id
qa-duplicate_geometry = Duplicate geometry
qa-overlap = Overlap

## Legend (map::style::legend_entries)
legend-casualties = { $count ->
    [one] { $count } casualty
   *[other] { $count } casualties
}
legend-clearance-sector = Clearance sector
legend-activity = Activity
legend-feature = Feature

## Text report (minemap report --format text)
report-file = file
report-index = index
report-id = id
report-type = type
report-area-m2 = area m²
report-perimeter-m = perimeter m
report-nearest-hazard = nearest hazard (m)
report-none = none
report-totals = Totals: { $features ->
    [one] { $features } feature
   *[other] { $features } features
} ({ $polygons ->
    [one] { $polygons } polygon
   *[other] { $polygons } polygons
}, { $points ->
    [one] { $points } point
   *[other] { $points } points
})
report-sum-of-areas = sum of areas:
report-union-area = union area:
report-overlaps-once = overlaps counted once
report-by = By { $key }:
report-value = value
report-features = features
report-union-m2 = union m²
report-land-release = Land release ({ $count ->
    [one] { $count } hazard area
   *[other] { $count } hazard areas
}):
report-no-estimate = ({ $count ->
    [one] { $count } hazard area has no estimated area: its geodesic area is used
   *[other] { $count } hazard areas have no estimated area: their geodesic area is used
})

## import
csv-import-title = CSV columns
csv-import-detected-latlon = Found latitude in "{ $lat }" and longitude in "{ $lon }".
csv-import-detected-wkt = Found WKT geometries in "{ $column }".
csv-import-detected-coordinate = Found coordinates (MGRS, UTM or geopoints) in "{ $column }".
csv-import-none-found = No coordinate column found: choose the columns that hold the positions.
csv-import-delimiter = Delimiter
csv-import-geometry-from = Positions from
csv-import-source-latlon = Latitude and longitude columns
csv-import-source-wkt = A WKT column
csv-import-source-coordinate = A coordinate column (MGRS, UTM, geopoint)
csv-import-latitude = Latitude
csv-import-longitude = Longitude
csv-import-wkt = WKT
csv-import-coordinate = Coordinates
csv-import-no-column = (choose)
csv-import-preview = { $count ->
    [one] First { $count } row
   *[other] First { $count } rows
}
csv-import-load = Load
csv-import-cancel = Cancel
csv-import-choose-hint = Choose the columns first.
layer-source-crs = Coordinates: { $crs }
layer-source-crs-reprojected = Coordinates: { $crs }, converted to WGS 84
