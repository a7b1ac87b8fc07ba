//! Coordinate formats people read and type: decimal degrees, DMS, UTM and MGRS.
