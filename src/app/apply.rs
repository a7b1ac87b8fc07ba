//! Applying commands: the one place the state changes. Data edits go through the edit
//! history; after every edit, undo or redo the caches that depend on the data (measures,
//! map meshes, filter flags) are brought up to date for exactly what changed.

use super::MinemapApp;
use crate::analysis::split::{sector_features, split_hazard_area};
use crate::i18n::{tr, tr_args};
use crate::map::overlay::prepare_layer;
use crate::map::tiles::BasemapSpec;
use crate::model::{Feature, FeatureRef, Layer, LayerId, LayerRole, PropertyValue};
use crate::state::autosave::Direction;
use crate::state::csv_import::CsvImport;
use crate::state::history::{self, Edit, Touched};
use crate::state::planner::sector_layer;
use crate::state::{Command, Level, Panel};

/// Above this many changed features an edit redraws the whole layer rather than feature by
/// feature (the per-feature path re-projects each one).
const PER_FEATURE_LIMIT: usize = 2_000;

impl MinemapApp {
    /// Applies one command: the only place state changes.
    #[allow(clippy::too_many_lines)] // one arm per command, each short
    pub fn apply(&mut self, command: Command) {
        let ws = &mut self.workspace;
        match command {
            Command::OpenFiles(paths) => {
                for p in paths {
                    if super::is_project_file(&p) {
                        self.open_project(&p);
                        continue;
                    }
                    // Tile packages become basemaps; everything else is read as GeoJSON.
                    match BasemapSpec::parse(&p.to_string_lossy()) {
                        Ok(spec @ (BasemapSpec::MbTiles(_) | BasemapSpec::PmTiles(_))) => {
                            self.set_basemap(&spec);
                        }
                        _ if is_csv(&p) => match CsvImport::open(p, None) {
                            Ok(draft) => self.workspace.csv_imports.push(draft),
                            Err(e) => {
                                self.workspace
                                    .message(Level::Error, e.to_string(), Vec::new())
                            }
                        },
                        _ => self.start_load(crate::state::LoadSource::File(p)),
                    }
                }
            }
            Command::ConfirmCsvImport(csv) => {
                if !ws.csv_imports.is_empty() {
                    let draft = ws.csv_imports.remove(0);
                    let options = crate::io::ImportOptions { csv };
                    self.start_load(crate::state::LoadSource::FileWith(draft.path, options));
                }
            }
            Command::CancelCsvImport => {
                if !ws.csv_imports.is_empty() {
                    ws.csv_imports.remove(0);
                }
            }
            Command::SetCsvImport(draft) => {
                if let Some(first) = ws.csv_imports.first_mut()
                    && first.path == draft.path
                {
                    *first = *draft;
                }
            }
            Command::SetCsvDelimiter(delimiter) => {
                if let Some(first) = ws.csv_imports.first_mut() {
                    match CsvImport::open(first.path.clone(), Some(delimiter)) {
                        Ok(draft) => *first = draft,
                        Err(e) => ws.message(Level::Error, e.to_string(), Vec::new()),
                    }
                }
            }
            Command::SetBasemap(spec) => self.set_basemap(&spec),
            Command::SetBasemapOverlay(spec) => {
                if let Err(e) = self.basemaps.set_overlay(&spec, &self.egui_ctx) {
                    ws.message(
                        Level::Error,
                        tr_args("msg-basemap-kept", &[("why", e.to_string().into())]),
                        Vec::new(),
                    );
                }
            }
            Command::SelectBase(choice) => self.basemaps.base = choice,
            Command::SelectBasemapOverlay(i) => self.basemaps.overlay = i,
            Command::SetBasemapOverlayOpacity(o) => {
                self.basemaps.overlay_opacity = o.clamp(0.0, 1.0);
            }
            Command::ShowOpenTilesDialog => self.show_dialog(true),
            Command::AddOnlineSource(source) => {
                let saved = &mut self.settings.online_sources;
                saved.retain(|s| s.url != source.url);
                saved.push(source.clone());
                self.set_basemap(&BasemapSpec::Xyz(source));
            }
            Command::ForgetOnlineSource(url) => {
                self.settings.online_sources.retain(|s| s.url != url);
            }
            Command::ShowOpenDialog => self.show_dialog(false),
            Command::CloseLayer(id) => {
                if ws.layer(id).is_some_and(|l| ws.is_unsaved(l)) {
                    self.question = Some(crate::ui::save::Question::CloseUnsaved(id));
                } else {
                    self.close_layer(id);
                }
            }
            c @ (Command::DiscardAndCloseLayer(_)
            | Command::ShowExportDialog
            | Command::PreviewExport(_)
            | Command::ChooseExportPath(_)
            | Command::ExportTo(..)
            | Command::CancelFileJob
            | Command::Save
            | Command::SaveAs
            | Command::SaveLayer(_)
            | Command::SaveLayerAs { .. }
            | Command::SaveLayerTo { .. }
            | Command::SaveAllAndQuit
            | Command::QuitDiscarding
            | Command::DismissQuestion
            | Command::ExportTableCsv(_)
            | Command::WriteTableCsv { .. }
            | Command::ExportStatisticsCsv
            | Command::WriteStatisticsCsv(_)) => self.apply_save(c),
            Command::SetLayerVisible(id, visible) => {
                if let Some(l) = ws.layer_mut(id) {
                    l.visible = visible;
                }
            }
            Command::SetLayerOpacity(id, opacity) => {
                if let Some(l) = ws.layer_mut(id) {
                    l.opacity = opacity.clamp(0.0, 1.0);
                }
            }
            Command::RaiseLayer(id) => {
                if let Some(i) = ws.position(id)
                    && i + 1 < ws.layers.len()
                {
                    ws.layers.swap(i, i + 1);
                }
            }
            Command::LowerLayer(id) => {
                if let Some(i) = ws.position(id)
                    && i > 0
                {
                    ws.layers.swap(i, i - 1);
                }
            }
            Command::SetLayerRole(id, role) => {
                if let Some(l) = ws.layer_mut(id) {
                    l.role = role;
                }
            }
            Command::SetLayerStyle(id, style) => {
                if let Some(l) = ws.layer(id) {
                    self.settings
                        .styles
                        .insert(l.name.clone(), (*style).clone());
                }
                self.map.overlay.set_style(id, (*style).clone());
                ws.styles.insert(id, *style);
            }
            Command::SetPropertyRole { layer, role, key } => {
                if let Some(l) = ws.layer_mut(layer) {
                    l.schema.set(role, key);
                }
            }
            Command::ZoomToLayer(id) => {
                if let Some(b) = ws.shown_bounds(id).or_else(|| ws.bounds(Some(id))) {
                    self.map.fit_lonlat_bounds(b);
                }
            }
            Command::ZoomToAll => {
                if let Some(b) = ws.bounds(None) {
                    self.map.fit_lonlat_bounds(b);
                }
            }
            Command::ZoomToFeature(r) => {
                if let Some(bbox) = ws.feature(r).and_then(|(_, f)| f.bbox()) {
                    self.map.fit_lonlat_bounds([
                        [bbox.min().x, bbox.min().y],
                        [bbox.max().x, bbox.max().y],
                    ]);
                }
            }
            Command::Select(r) => {
                ws.selection = r;
                ws.selected = r.into_iter().collect();
                if let Some(r) = r {
                    self.table.layer = Some(r.layer);
                }
            }
            Command::ToggleSelected(r) => {
                if !ws.selected.remove(&r) {
                    ws.selected.insert(r);
                    ws.selection = Some(r);
                } else if ws.selection == Some(r) {
                    ws.selection = ws.selected.iter().next().copied();
                }
            }
            Command::SelectMany(refs) => {
                ws.selection = refs.first().copied();
                ws.selected = refs.into_iter().collect();
            }
            Command::CenterOn { lon, lat, zoom } => self.map.center_on(lon, lat, zoom),
            Command::SetCoordFormat(f) => self.settings.coord_format = f,
            Command::DismissMessage(id) => ws.messages.retain(|m| m.id != id),
            Command::ClearMessages => ws.messages.clear(),
            Command::SetRightTab(tab) => self.right_tab = tab,
            Command::ToggleGrid => self.settings.show_grid = !self.settings.show_grid,
            Command::ShowMapImageDialog => self.map_image_form.open = true,
            Command::ExportMapImage(options, path) => match path {
                Some(path) => self.start_map_image(path, *options),
                None => self.ask_map_image_path(options),
            },
            Command::TogglePanel(panel) => {
                let flag = match panel {
                    Panel::Layers => &mut self.settings.show_layers,
                    Panel::Inspector => &mut self.settings.show_inspector,
                    Panel::Table => &mut self.settings.show_table,
                };
                *flag = !*flag;
            }
            Command::SetProperty {
                layer,
                indices,
                key,
                value,
            } => {
                let Some(l) = ws.layer(layer) else { return };
                let label = edit_label(ws, layer, &indices, &key);
                if let Some(edit) = history::set_property_edit(l, &indices, &key, &value) {
                    self.perform(label, vec![edit]);
                }
            }
            Command::AddColumn {
                layer,
                indices,
                key,
            } => {
                let Some(l) = ws.layer(layer) else { return };
                if key.trim().is_empty() {
                    ws.message(
                        Level::Warning,
                        tr("msg-column-needs-name").to_owned(),
                        Vec::new(),
                    );
                } else if let Some(edit) = history::add_column_edit(l, &indices, &key) {
                    self.perform(
                        tr_args("edit-add-column", &[("key", key.as_str().into())]),
                        vec![edit],
                    );
                } else {
                    ws.message(
                        Level::Info,
                        tr_args("msg-column-exists", &[("key", key.as_str().into())]),
                        Vec::new(),
                    );
                }
            }
            Command::SetGeometry {
                target,
                geometry,
                coalesce,
            } => {
                let Some((_, f)) = ws.feature(target) else {
                    return;
                };
                let label = tr_args("edit-geometry-of", &[("id", ws.display_id(target).into())]);
                let mut edits = vec![Edit::SetGeometry {
                    layer: target.layer,
                    index: target.index,
                    before: f.geometry.clone(),
                    after: Some(geometry.clone()),
                    was_edited: f.geometry_edited,
                }];
                edits.extend(self.sector_measure_edits(target, &geometry));
                self.journal(&label, &edits, Direction::Forward);
                let ws = &mut self.workspace;
                let touched = ws.history.perform(&mut ws.layers, label, edits, coalesce);
                self.after_edit(&touched);
            }
            Command::AddSector(geometry) => {
                let picked = self
                    .tools
                    .draw_into
                    .filter(|id| self.workspace.layer(*id).is_some());
                let layer_id = picked.unwrap_or_else(|| self.sector_layer_or_new());
                let layer = self.workspace.layer(layer_id);
                let feature = match layer {
                    // Another polygon layer the user picked: the shape and an id; its
                    // attributes are typed in the table or the inspector.
                    Some(l) if l.role != LayerRole::ClearanceSectors => {
                        let id = format!("DRAWN-{:04}", l.features.len() + 1);
                        let mut properties = crate::model::Properties::new();
                        properties.insert("id", PropertyValue::from(id.as_str()));
                        Feature {
                            id: Some(crate::model::FeatureId::String(id)),
                            properties,
                            geometry: Some(geometry),
                            geometry_edited: true,
                            properties_edited: true,
                            ..Feature::default()
                        }
                    }
                    _ => self.sector_from_drawing(geometry, layer),
                };
                let at = layer.map_or(0, |l| l.features.len());
                let label = tr_args("edit-draw-sector", &[("id", feature.display_id(at).into())]);
                self.perform(
                    label,
                    vec![Edit::InsertFeatures {
                        layer: layer_id,
                        features: vec![(at, feature)],
                    }],
                );
                self.apply(Command::Select(Some(FeatureRef {
                    layer: layer_id,
                    index: at,
                })));
            }
            Command::DeleteFeatures(refs) => {
                let mut by_layer: std::collections::BTreeMap<LayerId, Vec<usize>> =
                    std::collections::BTreeMap::new();
                for r in &refs {
                    by_layer.entry(r.layer).or_default().push(r.index);
                }
                let mut edits = Vec::new();
                for (layer_id, mut indices) in by_layer {
                    let Some(layer) = ws.layer(layer_id) else {
                        continue;
                    };
                    indices.sort_unstable();
                    indices.dedup();
                    edits.push(Edit::RemoveFeatures {
                        layer: layer_id,
                        features: indices
                            .iter()
                            .filter_map(|&i| Some((i, layer.features.get(i)?.clone())))
                            .collect(),
                    });
                }
                let label = match refs.as_slice() {
                    [one] => tr_args("edit-delete-one", &[("id", ws.display_id(*one).into())]),
                    many => tr_args("edit-delete-many", &[("count", many.len().into())]),
                };
                ws.selection = None;
                ws.selected.clear();
                self.perform(label, edits);
            }
            Command::SetTool(tool) => {
                self.tools.draft = crate::analysis::drawing::Draft {
                    tool,
                    vertices: Vec::new(),
                };
                self.tools.measured = None;
            }
            Command::AddDraftVertex(p) => {
                self.tools.draft.vertices.push(p);
                if self.tools.draft.is_complete() {
                    self.apply(Command::FinishDraft);
                }
            }
            Command::RemoveLastDraftVertex => {
                self.tools.draft.vertices.pop();
            }
            Command::CancelDraft => {
                self.tools.draft.vertices.clear();
                self.tools.measured = None;
            }
            Command::FinishDraft => self.finish_draft(),
            Command::SetSnapping(on) => self.settings.snapping = on,
            Command::OpenProject(path) => self.open_project(&path),
            Command::ShowOpenProjectDialog => self.show_project_dialog(false),
            Command::SaveProject => match self.project_path.clone() {
                Some(path) => self.save_project_to(path),
                None => self.show_project_dialog(true),
            },
            Command::ShowSaveProjectAsDialog => self.show_project_dialog(true),
            Command::SaveProjectAs(path) => self.save_project_to(path),
            Command::RestoreRecovery => self.start_restore(),
            Command::DiscardRecovery => self.discard_recovery(),
            Command::PostponeRecovery => self.recovery.later = true,
            Command::SetLanguage(lang) => {
                self.settings.lang = lang;
                crate::i18n::set_lang(lang.unwrap_or_else(crate::i18n::Lang::from_system));
            }
            Command::SplitHazardArea(hazard) => self.split_hazard_area(hazard),
            Command::SetPlanner(planner) => self.settings.planner = *planner,
            Command::Undo => {
                // Journalled before it is applied, without copying the step.
                if let (Some(a), Some(step)) = (&mut self.autosave, ws.history.next_undo()) {
                    a.record(
                        &ws.layers,
                        &format!("undo {}", step.label),
                        &step.edits,
                        Direction::Backward,
                    );
                }
                if let Some((_, touched)) = ws.history.undo(&mut ws.layers) {
                    self.after_edit(&touched);
                }
            }
            Command::Redo => {
                // Journalled before it is applied, without copying the step.
                if let (Some(a), Some(step)) = (&mut self.autosave, ws.history.next_redo()) {
                    a.record(
                        &ws.layers,
                        &format!("redo {}", step.label),
                        &step.edits,
                        Direction::Forward,
                    );
                }
                if let Some((_, touched)) = ws.history.redo(&mut ws.layers) {
                    self.after_edit(&touched);
                }
            }
            Command::SetFilterText { layer, text } => self.set_filter(layer, &text, None),
            Command::SetFilterBuilder { layer, builder } => {
                let text = builder.to_cql2();
                self.set_filter(layer, &text, Some(*builder));
            }
            Command::ShowTableOf(layer) => {
                self.table.layer = Some(layer);
                self.settings.show_table = true;
            }
            Command::SortTable { layer, sort } => {
                self.table.views.entry(layer).or_default().sort = sort;
            }
            Command::SetTableOnlySelected(layer, only) => {
                self.table.views.entry(layer).or_default().only_selected = only;
            }
            Command::SetGroupBy(key) => {
                self.analysis.group_by = key;
                self.analysis.group_by_chosen = true;
            }
            Command::SetQaOptions(options) => {
                if options.check_overlaps != self.analysis.qa_options.check_overlaps {
                    self.analysis.overlap_choice_made = true;
                }
                self.analysis.qa_options = options;
            }
            Command::RecheckQa => self.analysis.recheck_qa(),
            Command::SetQaKindFilter(kind) => self.analysis.qa_kind_filter = kind,
            Command::SetIncidentOptions(options) => self.analysis.incident_options = options,
        }
    }

    /// Closes a layer (its unsaved edits are dropped: the caller asked first).
    pub(super) fn close_layer(&mut self, id: LayerId) {
        // Closing discards the layer's unsaved edits: they leave the journal too.
        if let Some(a) = &mut self.autosave {
            a.forget_layer(id);
        }
        let ws = &mut self.workspace;
        ws.layers.retain(|l| l.id != id);
        ws.load_sequence.remove(&id);
        ws.filters.remove(&id);
        ws.styles.remove(&id);
        ws.saved_revisions.remove(&id);
        ws.history.forget_layer(id);
        ws.selected.retain(|r| r.layer != id);
        self.measures.remove_layer(id);
        self.table.remove_layer(id);
        if ws.selection.is_some_and(|s| s.layer == id) {
            ws.selection = None;
        }
        ws.hovered = None;
    }

    /// Splits a hazard area with the planner's settings into the clearance-sectors layer
    /// (made on first use), replacing the sectors the area had, as one undo step.
    fn split_hazard_area(&mut self, hazard: FeatureRef) {
        let ws = &mut self.workspace;
        let Some((_, feature)) = ws.feature(hazard) else {
            return;
        };
        let hazard_id = ws.display_id(hazard);
        let planner = &self.settings.planner;
        let made = feature
            .geometry
            .as_ref()
            .ok_or_else(|| tr("msg-no-geometry").to_owned())
            .and_then(|g| split_hazard_area(g, &planner.split).map_err(|e| e.to_string()))
            .and_then(|sectors| {
                let effort = planner.with_effort.then_some(&planner.effort);
                sector_features(feature, &hazard_id, &sectors, effort).map_err(|e| e.to_string())
            });
        let features = match made {
            Ok(f) => f,
            Err(why) => {
                ws.message(
                    Level::Error,
                    tr_args(
                        "msg-not-split",
                        &[("id", hazard_id.as_str().into()), ("why", why.into())],
                    ),
                    Vec::new(),
                );
                return;
            }
        };
        let layer_id = self.sector_layer_or_new();
        let ws = &mut self.workspace;
        let Some(layer) = ws.layer(layer_id) else {
            return;
        };
        // The sectors this hazard area had are replaced.
        let old: Vec<(usize, Feature)> = layer
            .features
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.properties
                    .get("hazard_id")
                    .and_then(PropertyValue::as_str)
                    == Some(hazard_id.as_str())
            })
            .map(|(i, f)| (i, f.clone()))
            .collect();
        let start = layer.features.len() - old.len();
        let n = features.len();
        let mut edits = Vec::new();
        if !old.is_empty() {
            edits.push(Edit::RemoveFeatures {
                layer: layer_id,
                features: old,
            });
        }
        edits.push(Edit::InsertFeatures {
            layer: layer_id,
            features: features
                .into_iter()
                .enumerate()
                .map(|(k, f)| (start + k, f))
                .collect(),
        });
        self.perform(
            tr_args(
                "edit-split",
                &[("id", hazard_id.as_str().into()), ("count", n.into())],
            ),
            edits,
        );
    }

    /// The clearance-sectors layer, made (empty, on top) when there is none.
    fn sector_layer_or_new(&mut self) -> LayerId {
        let ws = &mut self.workspace;
        sector_layer(ws).unwrap_or_else(|| {
            // Named in the interface language: the user made it here, it comes from no file.
            let name =
                crate::i18n::labels::layer_role(LayerRole::ClearanceSectors, crate::i18n::lang());
            let mut layer = Layer::new(name.to_owned(), None, Vec::new());
            layer.role = LayerRole::ClearanceSectors;
            let id = layer.id;
            ws.layers.push(layer);
            id
        })
    }

    /// Ends the drawing: a polygon or rectangle becomes a sector, a base-line becomes the
    /// planner's orientation, a measurement stays on screen until Esc.
    fn finish_draft(&mut self) {
        use crate::analysis::drawing::Tool;
        let draft = std::mem::take(&mut self.tools.draft.vertices);
        let done = crate::analysis::drawing::Draft {
            tool: self.tools.draft.tool,
            vertices: draft,
        };
        match done.tool {
            Tool::Select => {}
            Tool::Measure => self.tools.measured = Some(done),
            Tool::Polygon | Tool::Rectangle => match done.geometry() {
                Some(g) => self.apply(Command::AddSector(g)),
                None => self.workspace.message(
                    Level::Warning,
                    tr("msg-polygon-three-vertices").to_owned(),
                    Vec::new(),
                ),
            },
            Tool::BaseLine => match done.geometry() {
                Some(geo::Geometry::LineString(line)) => {
                    self.settings.planner.split.orientation =
                        crate::analysis::split::Orientation::BaseLine(line);
                    self.right_tab = crate::state::RightTab::Planner;
                    self.tools.draft.tool = Tool::Select;
                }
                _ => self.workspace.message(
                    Level::Warning,
                    tr("msg-base-line-two-points").to_owned(),
                    Vec::new(),
                ),
            },
        }
    }

    fn set_basemap(&mut self, spec: &BasemapSpec) {
        if let Err(e) = self.basemaps.set_base(spec, &self.egui_ctx) {
            self.workspace.message(
                Level::Error,
                tr_args("msg-basemap-kept", &[("why", e.to_string().into())]),
                Vec::new(),
            );
        }
    }

    /// Applies a filter's text to a layer and shows the result on the map. A text that does
    /// not parse leaves the filter that was applied and says why.
    fn set_filter(
        &mut self,
        layer: LayerId,
        text: &str,
        builder: Option<crate::state::filters::FilterBuilder>,
    ) {
        let ws = &mut self.workspace;
        let Some(l) = ws.layers.iter().find(|l| l.id == layer) else {
            return;
        };
        let measures = self.measures.measures(l);
        let filter = ws.filters.entry(layer).or_default();
        match filter.set_text(text, l, Some(measures)) {
            Ok(()) => {
                filter.builder = builder.unwrap_or_default();
                self.map
                    .overlay
                    .set_visibility(layer, filter.mask().map(<[bool]>::to_vec));
                if filter.text.is_empty() {
                    self.settings.filters.remove(&l.name);
                } else {
                    self.settings
                        .filters
                        .insert(l.name.clone(), filter.text.clone());
                }
                // The selection may now be hidden: keep it (the inspector still shows it),
                // but a hover on a hidden feature is stale.
                ws.hovered = None;
            }
            Err(why) => {
                let name = l.name.clone();
                ws.message(
                    Level::Error,
                    tr_args(
                        "msg-filter-not-applied",
                        &[("layer", name.into()), ("why", why.to_string().into())],
                    ),
                    Vec::new(),
                );
            }
        }
    }

    /// Performs edits as one undo step (journalled first) and brings the caches up to date.
    pub(super) fn perform(&mut self, label: String, edits: Vec<Edit>) {
        self.journal(&label, &edits, Direction::Forward);
        let ws = &mut self.workspace;
        let touched = ws.history.perform(&mut ws.layers, label, edits, None);
        self.after_edit(&touched);
    }

    /// After an edit, an undo or a redo: measures, map meshes and filter flags follow
    /// exactly the features that changed; a structural change rebuilds the layer's caches.
    fn after_edit(&mut self, touched: &[Touched]) {
        for t in touched {
            let (layer_id, indices, geometry) = match t {
                Touched::Properties(l, ix) => (*l, ix.clone(), false),
                Touched::Geometry(l, i) => (*l, vec![*i], true),
                Touched::Structure(l) => {
                    self.rebuild_layer_caches(*l);
                    continue;
                }
            };
            let ws = &mut self.workspace;
            let Some(layer) = ws.layers.iter().find(|l| l.id == layer_id) else {
                continue;
            };
            if geometry {
                for &i in &indices {
                    self.measures.invalidate(layer_id, i);
                }
            }
            // Styles follow properties (classification, status): re-tessellate those features.
            if indices.len() > PER_FEATURE_LIMIT {
                self.map.overlay.invalidate_layer(layer_id);
            } else {
                for &i in &indices {
                    self.map.overlay.invalidate_feature(layer, i);
                }
            }
            let measures = self.measures.measures(layer);
            if let Some(filter) = ws.filters.get_mut(&layer_id)
                && filter.reevaluate_features(layer, &indices, Some(measures))
            {
                self.map
                    .overlay
                    .set_visibility(layer_id, filter.mask().map(<[bool]>::to_vec));
            }
        }
    }

    /// Features were inserted or removed: every position after them moved.
    fn rebuild_layer_caches(&mut self, layer_id: LayerId) {
        let ws = &mut self.workspace;
        let Some(layer) = ws.layers.iter().find(|l| l.id == layer_id) else {
            return;
        };
        let n = layer.features.len();
        self.measures.remove_layer(layer_id);
        self.map.overlay.insert_prepared(prepare_layer(layer));
        let measures = self.measures.measures(layer);
        if let Some(filter) = ws.filters.get_mut(&layer_id) {
            filter.reevaluate(layer, Some(measures));
            self.map
                .overlay
                .set_visibility(layer_id, filter.mask().map(<[bool]>::to_vec));
        }
        let gone = |r: &FeatureRef| r.layer == layer_id && r.index >= n;
        ws.selected.retain(|r| !gone(r));
        if ws.selection.as_ref().is_some_and(gone) {
            ws.selection = None;
        }
        ws.hovered = None;
    }
}

/// What the Edit menu calls an edit: "status of HA-00114", "status of 12 features".
fn edit_label(
    ws: &crate::state::Workspace,
    layer: LayerId,
    indices: &[usize],
    key: &str,
) -> String {
    match indices {
        [one] => tr_args(
            "edit-property-of-one",
            &[
                ("key", key.into()),
                (
                    "id",
                    ws.display_id(FeatureRef { layer, index: *one }).into(),
                ),
            ],
        ),
        many => tr_args(
            "edit-property-of-many",
            &[("key", key.into()), ("count", many.len().into())],
        ),
    }
}

/// True when `path` is read as a CSV/TSV table (by its first bytes, then its extension).
fn is_csv(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(512);
    let read = std::fs::File::open(path).and_then(|f| f.take(512).read_to_end(&mut head));
    read.is_ok() && crate::io::detect_format(path, &head) == Some(crate::io::Format::Csv)
}
