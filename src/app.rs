//! The eframe application: holds the state, applies commands, lays out the panels and the map.
