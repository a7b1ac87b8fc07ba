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
help-click = Click a feature to inspect it; Ctrl+click table rows to select several.
menu-edit = Edit
menu-undo-what = Undo: { $what }
menu-redo-what = Redo: { $what }
help-filters = Filters (layers panel) take OGC CQL2, e.g. "status" = 'open' AND "classification" IN ('cha','sha').

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
layer-filter = Filter
layer-filter-shown = Filter ({ $shown } of { $total } shown)
layer-shown-of-total = ({ $shown } / { $total } shown)
layer-shown-of-total-hint = Features passing the layer's filter / all features
layer-table = Table
layer-table-hint = Show the layer in the attribute table
layer-symbology = Symbology and labels

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
basemap-embedded-short = Embedded (offline)
basemap-note-offline = { $name }: offline — cached tiles only
basemap-note-outside = { $name }: the view is outside the package's area
basemap-note-below-zoom = { $name }: no tiles below zoom { $zoom } — zoom in
basemap-note-over-zoom = { $name }: past its zoom { $zoom } — tiles enlarged

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
inspector-click-to-edit = Click to edit (Enter keeps, Esc drops; Ctrl+Z undoes)

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
qa-filter-note = Only the features that pass each layer's filter are checked.

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
tab-qa-count = QA ({ $count })
tab-planner = Planner

## Actions
action-open = Open…
action-open-tooltip = Open GeoJSON files or tile packages
action-undo = Undo
action-undo-tooltip = Undo the last edit of the data
action-redo = Redo
action-redo-tooltip = Redo the last undone edit
action-zoom-to-all = Zoom to all layers
action-zoom-to-all-tooltip = Fit the map to every layer
action-clear-selection = Clear selection
action-clear-selection-tooltip = Select nothing
action-toggle-table = Attribute table
action-toggle-table-tooltip = Show or hide the attribute table
action-toggle-layers = Layers panel
action-toggle-layers-tooltip = Show or hide the layers panel
action-toggle-inspector = Inspector panel
action-toggle-inspector-tooltip = Show or hide the inspector, statistics and QA

## Property roles
prop-name = Name
prop-classification = Classification
prop-status = Status
prop-contamination = Contamination
prop-date = Date
prop-killed = Killed
prop-injured = Injured
prop-casualties = Casualties
prop-region = Region
prop-estimated-area = Estimated area (m²)
prop-cancelled-area = Cancelled area (m²)
prop-reduced-area = Reduced area (m²)
prop-cleared-area = Cleared area (m²)
prop-hazard-id = Hazard id

## Tool bar
tool-select = Select
tool-measure = Measure
tool-polygon = Draw polygon
tool-rectangle = Draw rectangle
tool-base-line = Draw base-line
tool-select-help = Click a feature to select it; drag a vertex of the selected polygon to move it, its edge's midpoint to add one
tool-measure-help = Click along a path: distance and area, geodesic. Esc clears
tool-polygon-help = Click the vertices; double-click or Enter finishes, Backspace removes the last, Esc cancels
tool-rectangle-help = Click two opposite corners
tool-base-line-help = Click the base-line's start and end (Enter finishes); the planner lays sectors from it
tool-snap = Snap
tool-snap-hint = Snap to vertices and edges of drawn features (hold Alt to suspend)
tool-into = into
tool-finish = Finish
tool-finish-hint = Enter or double-click
tool-cancel = Cancel
tool-bearing = Bearing
tool-distance = distance
tool-add-leg-from-benchmark = Add leg from the benchmark
tool-add-leg-from-last = Add leg from the last vertex
tool-add-leg-hint = A traverse leg as a minefield sketch gives it; the first leg starts at the benchmark typed in the coordinate box
tool-benchmark-error = benchmark: { $why }
tool-coordinate = Coordinate
tool-add-point = Add point
tool-segment = Segment { $length }, bearing { $bearing }°
tool-length = Length { $length }
tool-perimeter-area = Perimeter { $perimeter } · area { $area }
coord-dd = DD
coord-dms = DMS
coord-utm = UTM
coord-mgrs = MGRS

## Attribute table
table-title = Attribute table
table-no-layers = No layers.
table-feature-id = feature id
table-area = area ({ $unit }, geodesic)
table-perimeter = perimeter ({ $unit })
table-ascending = ascending
table-descending = descending
table-sort-hint = Sort by this column (again: descending, again: file order)
table-edit-cell = Edit cell
table-copy-cell = Copy cell
table-copy-row = Copy row
table-edited-not-saved = Edited, not saved
table-rows = { $count ->
    [one] { $count } row
   *[other] { $count } rows
}
table-only-selected = Only selected ({ $count })
table-select-shown = Select shown
table-select-shown-hint = Select every row the table shows
table-new-column = New column
table-add-column = Add
table-add-column-hint = Add the column (empty) to every feature of the layer
table-set = Set
table-set-to = to
table-value-hint = value
table-for-selected = for selected ({ $count })
table-for-shown = for shown ({ $count })
table-for-shown-hint = Every row the table shows (the filter's features)

## Filters
filter-all = All
filter-none = None
filter-add-category-list = Add a category list…
filter-date = Date
filter-from = From
filter-to = To
filter-date-hint = YYYY-MM-DD
filter-apply-dates = Apply dates
filter-last-12-months = Last 12 months
filter-last-30-days = Last 30 days
filter-this-year = This year
filter-any-date = Any date
filter-remove = Remove
filter-remove-range = Remove this range
filter-range = Range
filter-min = min
filter-max = max
filter-add-range = Add range
filter-text = Text
filter-text-hint = in any value
filter-in-view = Only in the current view
filter-within = Within
filter-of-selected = of the selected feature
filter-of-feature = of { $feature }
filter-cql2 = CQL2 expression
filter-apply = Apply
filter-apply-hint = Apply the expression (Ctrl+Enter)
filter-clear = Clear filter
filter-unknown-properties = No feature has { $properties }: treated as null
filter-typed-applied = A typed expression is applied; the controls above replace it.

## Symbology
style-style = Style
style-gichd = GICHD preset
style-categorised = Categorised
style-graduated = Graduated
style-single = Single colour
style-gichd-note = Fill by classification, outline by status (GICHD TN 07.11/01).
style-property = Property
style-palette = Palette
style-method = Method
style-equal-interval = Equal interval
style-quantile = Quantile
style-classes = classes
style-colour = Colour
style-fill-opacity = fill opacity
style-labels = Labels
style-label = Label
style-size = size
style-legend-click-hint = Click to show or hide these features

## Clearance planner
planner-title = Clearance planner
planner-hazard-area = Hazard area { $id }
planner-select-hint = Select a hazard area on the map or in the table to split it into sectors.
planner-divide-into = Divide into
planner-boxes = Boxes
planner-lanes = Lanes
planner-equal-parts = Equal parts
planner-box = Box
planner-merge-slivers = Merge slivers under
planner-merge-slivers-hint = Boxes the boundary leaves smaller than this share of a full box join their neighbour
planner-number = Number
planner-base-line = Base-line
planner-longest-side = Longest side
planner-longest-side-hint = Along the longest side of the area's minimum rotated rectangle
planner-bearing = Bearing
planner-bearing-hint = The base-line's bearing, clockwise from north
planner-estimate-effort = Estimate effort (team-days)
planner-asset = Asset
planner-rate = Rate, { $asset } (m²/team-day)
planner-teams = Teams
planner-no-rate = Set the clearance rate of { $asset } (m² per team-day): rates are your programme's, minemap has none built in
planner-no-teams = The number of teams must be at least 1
planner-ts-sampling = Technical-survey sampling by mine probability
planner-preview = Preview: { $count ->
    [one] { $count } sector
   *[other] { $count } sectors
}, { $area } ({ $ms } ms)
planner-split-into = { $count ->
    [one] Split into { $count } sector
   *[other] Split into { $count } sectors
}
planner-split-hint = Adds the sectors to the Clearance sectors layer, replacing this area's earlier ones; Ctrl+Z undoes it
planner-cannot-split = Cannot split: { $why }
planner-see-qa = The QA tab lists what is wrong with the geometry.
planner-plan = Plan
planner-no-sectors = No clearance sectors yet.
planner-sectors-of = Sectors of { $id }
planner-all-sectors-in = All sectors in { $layer }
planner-sectors = Sectors
planner-sectors-without-effort = { $count } ({ $unplanned } without effort)
planner-area = Area
planner-team-days = Team-days
planner-calendar-days = Calendar days
planner-ts-sample = TS sample
planner-asset-summary = { $count ->
    [one] { $count } sector
   *[other] { $count } sectors
}, { $team_days } team-days, { $days } days
asset-manual = Manual
asset-mdd = Mine detection dogs
asset-mechanical = Mechanical

## App messages and edit names
msg-basemap-kept = { $why } — the previous basemap stays
msg-column-needs-name = A new column needs a name
msg-column-exists = Every feature already has a property “{ $key }”
msg-no-geometry = it has no geometry
msg-not-split = { $id } was not split: { $why }
msg-polygon-three-vertices = A polygon needs at least three distinct vertices
msg-base-line-two-points = A base-line needs two distinct points
msg-filter-not-applied = Filter of { $layer } not applied: { $why }
msg-could-not-open = Could not open { $why }
msg-loaded-with-warnings = { $file }: { $count ->
    [one] { $count } feature loaded
   *[other] { $count } features loaded
}, { $unusable } with an unusable geometry (kept, not drawn)
job-union-areas = Union areas
job-incident-links = Incident links
job-failed = { $what } failed: { $why }
edit-add-column = add column { $key }
edit-geometry-of = geometry of { $id }
edit-draw-sector = draw sector { $id }
edit-delete-one = delete { $id }
edit-delete-many = delete { $count } features
edit-split = split { $id } into { $count } sectors
edit-property-of-one = { $key } of { $id }
edit-property-of-many = { $key } of { $count } features

## Command line: validate (minemap validate --format text)
validate-summary = { $problems ->
    [one] { $problems } problem
   *[other] { $problems } problems
} in { $features ->
    [one] { $features } feature
   *[other] { $features } features
} of { $files ->
    [one] { $files } file
   *[other] { $files } files
}

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
legend-other = Other
legend-no-value = No value
legend-unclassified = Unclassified
legend-unknown-status = Unknown status
legend-no-casualty = No casualty recorded
legend-casualties-range = { $from }–{ $to } casualties
legend-casualties-or-more = { $from } or more casualties
legend-other-geometry = Other geometry
legend-other-values = { $count ->
    [one] Other ({ $count } value)
   *[other] Other ({ $count } values)
}

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

## recover
autosave-error = Autosave: { $reason }
autosave-off = Autosave is off for this session
recover-title = Unsaved edits found
recover-summary = Unsaved edits from { $when }: { $count ->
    [one] { $count } edit
   *[other] { $count } edits
} in { $files }
recover-no-file = made in minemap
recover-problems = { $count ->
    [one] { $count } part of the recovery file could not be read (the rest can be restored):
   *[other] { $count } parts of the recovery file could not be read (the rest can be restored):
}
recover-restore = Restore
recover-restore-tip = Open these files and apply the edits again; Undo takes each file's restore back
recover-discard = Discard
recover-discard-tip = Delete these edits for good
recover-later = Later
recover-later-tip = Decide at the next start; the edits stay in the recovery file
recover-not-open = { $name } could not be opened: its { $count ->
    [one] { $count } edit was
   *[other] { $count } edits were
} not restored
recover-file-changed = { $name } changed since the edits were made: its { $count ->
    [one] { $count } edit was
   *[other] { $count } edits were
} not restored
recover-not-applied = { $name }: the edits do not fit the file ({ $reason }); nothing of it was restored
recover-kept = The edits that were not restored are kept in { $path }
recover-done = Unsaved edits restored in { $files } (Undo takes them back)
recover-step = restore unsaved edits of { $name }
project-open = Open project…
project-open-tip = Open a minemap project (*.minemap.json): its layers, roles, styles, filters, basemap and view
project-save = Save project
project-save-tip = Save the layers (as paths), roles, styles, filters, basemap and view to the project file
project-save-as = Save project as…
project-files = minemap projects
project-saved = Project saved to { $path } ({ $count ->
    [one] { $count } layer
   *[other] { $count } layers
})
project-not-saved = The project was not saved: { $reason }
project-layers-without-file = Not in the project (no file; save them first): { $names }
project-missing = { $count ->
    [one] { $count } file of the project is missing; the other layers open:
   *[other] { $count } files of the project are missing; the other layers open:
}
## save
action-save = Save
action-save-tooltip = Write the active layer's edits back to its file (a .bak of the previous version is kept)
action-save-as = Save as…
action-save-as-tooltip = Write the active layer to another GeoJSON file, which becomes the layer's file
action-export = Export…
action-export-tooltip = Export layers as GeoJSON, with annotations and privacy options
export-title = Export GeoJSON
export-layers = Layers (written into one file)
export-layer-item = { $name } ({ $count ->
    [one] { $count } feature
   *[other] { $count } features
})
export-features = Features
export-scope-all = All ({ $count })
export-scope-selection = The selection ({ $count })
export-scope-filtered = Passing the layer's filter ({ $count })
export-annotations = Annotations to add
export-annotation-area = Geodesic area (area_m2)
export-annotation-perimeter = Geodesic perimeter (perimeter_m)
export-annotation-qa = Geometry problems (qa_problems)
export-annotation-links = Incident links to hazard areas (hazard_id, distance_to_hazard_m)
export-annotation-counts = Incidents per hazard area (incidents_inside, casualties_inside, …)
export-planner-note = Planner fields (team_days, duration_days, …) and edited values are part of the features and always exported.
export-round = Round coordinates to decimals:
export-round-tooltip = 7 decimals ≈ 1 cm; unticked, every coordinate is kept as written
export-bbox = Write a bbox for the collection and every feature
export-privacy = Remove personal data (sharing outside the agency)
export-privacy-tooltip = Drops the listed fields of victims and moves incident points to a grid
export-personal-keys = Fields removed from every feature (comma-separated):
export-incident-keys = Fields removed from incidents only:
export-generalise = Round incident locations to
export-summary = What the export will do
export-no-layers = Tick at least one layer.
export-checking = Checking the export…
export-collision-question = The data already has { $keys }. Write the annotation under another name, or replace the data's values?
export-collision-prefix = Keep the data's values; write the annotation as minemap_…
export-collision-overwrite = Replace the data's values with the annotation
export-write = Choose file and export…
export-write-tooltip = Pick the file, then write it in the background
export-close = Close
save-confirm-title = Save the layer to its file?
save-confirm-text = { $layer } will be written to { $path }. The previous version is kept as { $backup }.
save-button = Save
save-cancel = Cancel
save-discard = Discard
save-unsaved-title = Unsaved edits
save-close-unsaved-text = { $layer } has edits that are not saved. Save them before closing the layer?
save-keeps-backup = The previous version is kept as { $backup }
save-as-geojson-tooltip = The layer has no GeoJSON file: choose one (Save as GeoJSON)
save-quit-unsaved-text = These layers have edits that are not saved:
save-quit-no-file = • { $layer } (no GeoJSON file: close it with Save as first)
save-all-and-quit = Save all and quit
save-all-tooltip = Save every layer to its file (keeping .bak copies), then quit
save-all-disabled-tooltip = Some layers have no GeoJSON file: save them with Save as first
save-quit-discard = Quit without saving
save-progress-export = Exporting
save-progress-save = Saving
save-busy = A file is still being written; try again when it is done.
save-cancelled = The export was cancelled; the file was not changed.
save-not-geojson = { $layer } was not read from a GeoJSON file and cannot be saved in place: save it as GeoJSON.
save-dialog-geojson = Save as GeoJSON
save-dialog-csv = Save as CSV
save-table-written = { $count ->
    [one] { $count } row
   *[other] { $count } rows
} written to { $path }
save-exported = { $count ->
    [one] { $count } feature
   *[other] { $count } features
} exported to { $path }
save-saved = Saved to { $path } (the previous version is kept as .bak)
table-export-csv = Export CSV…
table-export-csv-tooltip = Write the rows shown, in the columns shown, as CSV (UTF-8, opens in spreadsheets)
statistics-export-csv = Export statistics CSV…
statistics-export-csv-tooltip = Write the figures shown as CSV (UTF-8, opens in spreadsheets)
layers-unsaved = Unsaved edits
layers-save = Save…
layers-save-tooltip = Save the layer's edits to its file
export-summary-features = { $features ->
    [one] { $features } feature
   *[other] { $features } features
} from { $layers ->
    [one] { $layers } layer
   *[other] { $layers } layers
}
export-summary-renamed = annotation { $key } written as { $written } ({ $count ->
    [one] { $count } feature already has
   *[other] { $count } features already have
} { $key })
export-summary-replaces = annotation { $key } replaces the value of { $count ->
    [one] { $count } feature
   *[other] { $count } features
}
export-summary-removed = personal data removed: { $key } from { $count ->
    [one] { $count } feature
   *[other] { $count } features
}
export-summary-generalised = { $count ->
    [one] { $count } incident location generalised
   *[other] { $count } incident locations generalised
}
export-summary-winding = ring winding fixed (RFC 7946): { $count ->
    [one] { $count } feature
   *[other] { $count } features
}
export-summary-closed = unclosed ring closed: { $count ->
    [one] { $count } feature
   *[other] { $count } features
}
export-summary-rounded = coordinates rounded: { $count ->
    [one] { $count } feature
   *[other] { $count } features
}
export-summary-dropped = collection member "{ $member }" dropped (RFC 7946)
export-summary-conflicting = collection member "{ $member }" differs between layers: the first layer's is kept
## render
map-image-legend = Legend
map-image-data-credit = Data: { $layers }
map-image-basemap-credit = Basemap: { $sources }
map-image-made = Made with minemap on { $date }
map-image-dialog-title = Export map image
map-image-size = Size
map-image-preset-a4-150 = A4 landscape, 150 DPI
map-image-preset-a4-300 = A4 landscape, 300 DPI
map-image-preset-window = Current window
map-image-preset-custom = Custom
map-image-width = Width (px)
map-image-height = Height (px)
map-image-dpi = DPI
map-image-title = Title
map-image-include-legend = Legend
map-image-include-grid = MGRS/UTM grid
map-image-save = Save as PNG…
map-image-cancel = Cancel
map-image-saved = Map image saved: { $path } ({ $width } × { $height } px)
map-image-failed = Map image not saved: { $reason }
map-image-rendering = Rendering the map image…
map-image-tiles-note = Tile packages and online maps are not drawn into images: the embedded map is.
action-export-map-image = Export map image…
action-export-map-image-tooltip = Save the map as a PNG for a report: title, legend, scale bar, north arrow, grid
action-toggle-grid = MGRS/UTM grid
action-toggle-grid-tooltip = Show or hide the MGRS/UTM grid (zone boundaries, 100 km squares, finer lines by zoom)
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
## qamsg
qa-msg-no-geometry = the feature has no geometry (null): it cannot be drawn or measured
qa-msg-unreadable = { $reason } — the feature was kept without geometry
qa-msg-ring-positions = ring has { $positions } positions; a ring needs at least 4
qa-msg-ring-not-closed = ring is not closed: its last position differs from its first
qa-msg-no-coordinates = the { $type } has no coordinates
qa-msg-axes-swapped = coordinate { $at } has latitude { $lat } beyond ±90: latitude and longitude look swapped
qa-msg-out-of-range = coordinate { $at } is outside longitude −180..180 / latitude −90..90
qa-msg-long-segment = consecutive vertices { $from } and { $to } are { $length } apart, more than { $max } — a typo in a coordinate?
qa-msg-long-segment-more = ({ $count } segments of this { $part } are longer than { $max })
qa-msg-repeated-vertex = vertex { $at } is repeated consecutively
qa-msg-repeated-vertex-more = ({ $count } repeated vertices in this { $part })
qa-msg-line-too-few = the line has fewer than 2 distinct vertices
qa-msg-ring-too-few = the { $part } has { $distinct } distinct vertices; a polygon ring needs at least 3
qa-msg-runs-back = the boundary runs back over itself at { $at }
qa-msg-crosses = the boundary crosses itself at { $at }
qa-msg-hole-crosses = a hole crosses another ring at { $at }
qa-msg-touches = the boundary touches itself at { $at }
qa-msg-crossings-more = ({ $count } crossings in this polygon)
qa-msg-hole-outside = a hole of the polygon reaches outside its outer ring, at { $at }
qa-msg-duplicate-id = id { $id } is also used by feature { $first }; ids must be unique
qa-msg-duplicate-geometry = the geometry is the same as feature { $first }'s (id { $first-id }): a duplicate?
qa-msg-overlap = this hazard area overlaps hazard area feature { $other } (id { $other-id }) by { $area }; the overlap would be counted twice
qa-msg-overlap-other-file = this hazard area overlaps hazard area feature { $other } (id { $other-id }) of { $file } by { $area }; the overlap would be counted twice

## Planner: why an area cannot be split (i18n::labels::split_error)
split-word-width = width
split-word-depth = depth
split-word-strips = strips
split-word-parts = parts
split-error-bad-cell-size = the box { $what } { $value } m is not a positive number of metres
split-error-zero-count = the number of { $what } must be at least 1
split-error-bad-sliver = the sliver threshold { $value } is not a share between 0 and 1 (0.2 merges cells under 20 % of a box)
split-error-too-many = this plan would make about { $estimated } sectors, more than { $limit }: choose larger boxes or fewer parts
split-error-not-polygon = a { $kind } cannot be split into sectors: only a Polygon or MultiPolygon can
split-error-empty = the geometry is empty
split-error-invalid = the geometry is not valid: { $why }
split-error-too-large = the area is { $extent } km across; sectors are cut in one local plane, at most { $max } km
split-error-bad-orientation = bad orientation: { $why }
split-error-cover-mismatch = the sectors' areas add up to { $sum } but the hazard area has { $parent } — do parts of the MultiPolygon overlap? (run the QA)
split-error-cancelled = the split was cancelled
