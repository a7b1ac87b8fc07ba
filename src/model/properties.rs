//! Feature properties held compactly, in the file's order.
//!
//! A `serde_json::Map` with `preserve_order` costs over 100 bytes a member before its key and
//! value are even allocated (an `IndexMap` entry, a hash slot, an 80-byte `Value`); on 200 000
//! hazard areas with 19 properties each that is most of a gigabyte. Here a member is a shared
//! key (one allocation per distinct name, not per feature) and a 24-byte value, and a feature's
//! members sit in one boxed slice sized exactly. Look-up is a linear scan: features carry a
//! few dozen properties at most, and a scan of those beats hashing.
//!
//! Nothing is lost: numbers keep their exact JSON form (`serde_json::Number`), nested arrays
//! and objects keep their order, and [`Properties::to_json`] gives back what the file said.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Number, Value};

/// A property name, shared by every feature that uses it.
pub type PropertyKey = Arc<str>;

/// The properties of one feature (or any JSON object), in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Properties(Box<[(PropertyKey, PropertyValue)]>);

/// One JSON value, sized for holding many of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum PropertyValue {
    #[default]
    Null,
    Bool(bool),
    /// The number exactly as the file wrote it (integer or float).
    Number(Number),
    String(Box<str>),
    Array(Box<[PropertyValue]>),
    Object(Properties),
}

impl Properties {
    /// No members.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of members.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no members.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of member `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&PropertyValue> {
        self.0.iter().find(|(k, _)| &**k == key).map(|(_, v)| v)
    }

    /// True when there is a member `key` (even if it is null).
    #[must_use]
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Member names in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| &**k)
    }

    /// Members in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &PropertyValue)> {
        self.0.iter().map(|(k, v)| (&**k, v))
    }

    /// Sets member `key`: in place when it exists, appended otherwise.
    pub fn insert(&mut self, key: &str, value: PropertyValue) {
        if let Some(slot) = self.0.iter_mut().find(|(k, _)| &**k == key) {
            slot.1 = value;
        } else {
            let mut members = std::mem::take(&mut self.0).into_vec();
            members.push((intern(key), value));
            self.0 = members.into_boxed_slice();
        }
    }

    /// Removes member `key`, keeping the order of the others; returns its value.
    pub fn remove(&mut self, key: &str) -> Option<PropertyValue> {
        let at = self.0.iter().position(|(k, _)| &**k == key)?;
        let mut members = std::mem::take(&mut self.0).into_vec();
        let (_, value) = members.remove(at);
        self.0 = members.into_boxed_slice();
        Some(value)
    }

    /// As a `serde_json` object, members in order.
    #[must_use]
    pub fn to_json(&self) -> Map<String, Value> {
        self.iter()
            .map(|(k, v)| (k.to_owned(), v.to_json()))
            .collect()
    }

    /// Builds from members; a repeated name keeps its first position and its last value, as
    /// `serde_json` does.
    fn from_members(mut members: Vec<(PropertyKey, PropertyValue)>) -> Self {
        let mut i = 1;
        while i < members.len() {
            if let Some(first) = members[..i].iter().position(|(k, _)| k == &members[i].0) {
                let (_, value) = members.remove(i);
                members[first].1 = value;
            } else {
                i += 1;
            }
        }
        Self(members.into_boxed_slice())
    }
}

/// Members in the order given (importers build them this way); a repeated name keeps its first
/// position and its last value.
impl FromIterator<(PropertyKey, PropertyValue)> for Properties {
    fn from_iter<I: IntoIterator<Item = (PropertyKey, PropertyValue)>>(members: I) -> Self {
        Self::from_members(members.into_iter().collect())
    }
}

impl From<Map<String, Value>> for Properties {
    fn from(map: Map<String, Value>) -> Self {
        Self(
            map.into_iter()
                .map(|(k, v)| (intern(&k), PropertyValue::from(v)))
                .collect(),
        )
    }
}

impl PropertyValue {
    /// True for JSON null.
    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The text of a string value.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number value as `f64`.
    #[must_use]
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Self::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// The items of an array value.
    #[must_use]
    pub fn as_array(&self) -> Option<&[PropertyValue]> {
        match self {
            Self::Array(items) => Some(items),
            _ => None,
        }
    }

    /// As a `serde_json` value.
    #[must_use]
    pub fn to_json(&self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(b) => Value::Bool(*b),
            Self::Number(n) => Value::Number(n.clone()),
            Self::String(s) => Value::String(s.to_string()),
            Self::Array(items) => Value::Array(items.iter().map(Self::to_json).collect()),
            Self::Object(members) => Value::Object(members.to_json()),
        }
    }
}

impl From<Value> for PropertyValue {
    fn from(value: Value) -> Self {
        match value {
            Value::Null => Self::Null,
            Value::Bool(b) => Self::Bool(b),
            Value::Number(n) => Self::Number(n),
            Value::String(s) => Self::String(s.into_boxed_str()),
            Value::Array(items) => Self::Array(items.into_iter().map(Self::from).collect()),
            Value::Object(map) => Self::Object(Properties::from(map)),
        }
    }
}

impl From<&str> for PropertyValue {
    fn from(s: &str) -> Self {
        Self::String(s.into())
    }
}

impl From<f64> for PropertyValue {
    /// A finite number; NaN and infinities (which JSON cannot hold) become null.
    fn from(x: f64) -> Self {
        Number::from_f64(x).map_or(Self::Null, Self::Number)
    }
}

/// Compact JSON text, as `serde_json` writes it.
impl fmt::Display for PropertyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_string(self).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

// ---------------------------------------------------------------------------------------
// Key interning: one allocation per distinct property name per thread.

/// Interned names kept per thread; beyond this many the set starts afresh, so a file with
/// millions of distinct names costs memory like plain strings would, not more.
const MAX_INTERNED_KEYS: usize = 4096;

thread_local! {
    static KEYS: RefCell<HashSet<PropertyKey>> = RefCell::new(HashSet::new());
}

/// The shared key for `name`: importers make each column's key once and clone it per row.
#[must_use]
pub fn property_key(name: &str) -> PropertyKey {
    intern(name)
}

/// The shared key for `name`.
fn intern(name: &str) -> PropertyKey {
    KEYS.with_borrow_mut(|keys| {
        if let Some(key) = keys.get(name) {
            return Arc::clone(key);
        }
        if keys.len() >= MAX_INTERNED_KEYS {
            keys.clear();
        }
        let key: PropertyKey = Arc::from(name);
        keys.insert(Arc::clone(&key));
        key
    })
}

// ---------------------------------------------------------------------------------------
// serde: written as plain JSON; read straight from the parser into the compact form.

impl Serialize for Properties {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Serialize for PropertyValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_unit(),
            Self::Bool(b) => serializer.serialize_bool(*b),
            Self::Number(n) => n.serialize(serializer),
            Self::String(s) => serializer.serialize_str(s),
            Self::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Self::Object(members) => members.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Properties {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = Properties;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                read_members(map)
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

/// A member name, interned as it is read.
struct InternedKey(PropertyKey);

impl<'de> Deserialize<'de> for InternedKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = InternedKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(InternedKey(intern(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads an object's members into an exactly sized slice, through this thread's scratch
/// vector (a nested object finds it taken and starts its own), so no feature pays for a
/// vector grown by doubling.
fn read_members<'de, A: MapAccess<'de>>(mut map: A) -> Result<Properties, A::Error> {
    let mut scratch = SCRATCH_MEMBERS.take();
    scratch.clear();
    let read = (|| {
        while let Some(InternedKey(key)) = map.next_key()? {
            scratch.push((key, map.next_value::<PropertyValue>()?));
        }
        Ok(())
    })();
    // Moved into an exactly sized vector; the scratch keeps its capacity for the next object.
    let members = read.map(|()| {
        let mut exact = Vec::with_capacity(scratch.len());
        exact.append(&mut scratch);
        Properties::from_members(exact)
    });
    SCRATCH_MEMBERS.set(scratch);
    members
}

thread_local! {
    /// Reused by every object read on this thread.
    static SCRATCH_MEMBERS: Cell<Vec<(PropertyKey, PropertyValue)>> = const { Cell::new(Vec::new()) };
}

impl<'de> Deserialize<'de> for PropertyValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = PropertyValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(PropertyValue::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(PropertyValue::Number(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(PropertyValue::Number(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(PropertyValue::from(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(PropertyValue::from(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(PropertyValue::String(v.into_boxed_str()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(PropertyValue::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(PropertyValue::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                PropertyValue::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4));
                while let Some(item) = seq.next_element::<PropertyValue>()? {
                    items.push(item);
                }
                Ok(PropertyValue::Array(items.into_boxed_slice()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                read_members(map).map(PropertyValue::Object)
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(text: &str) -> Properties {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn round_trip_keeps_order_numbers_and_nesting() {
        let text = r#"{"z":1,"a":1.50,"big":18446744073709551615,"neg":-3,"s":"x","n":null,"t":true,"arr":[1,{"q":[],"p":{}}],"o":{"b":2,"a":1}}"#;
        let props = read(text);
        let keys: Vec<&str> = props.keys().collect();
        assert_eq!(keys, ["z", "a", "big", "neg", "s", "n", "t", "arr", "o"]);
        let expected: Value = serde_json::from_str(text).unwrap();
        assert_eq!(Value::Object(props.to_json()), expected);
        // Written back as the same JSON (serde_json's own float formatting for 1.50).
        assert_eq!(
            serde_json::to_string(&props).unwrap(),
            serde_json::to_string(&expected).unwrap()
        );
        let nested: Vec<&str> = match props.get("o") {
            Some(PropertyValue::Object(o)) => o.keys().collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(nested, ["b", "a"]);
    }

    #[test]
    fn repeated_names_keep_the_first_place_and_the_last_value() {
        let props = read(r#"{"a":1,"b":2,"a":3}"#);
        assert_eq!(Value::Object(props.to_json()), json!({"a": 3, "b": 2}));
        assert_eq!(props.keys().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn keys_are_shared_between_features() {
        let a = read(r#"{"classification":"cha"}"#);
        let b = read(r#"{"classification":"sha"}"#);
        assert!(Arc::ptr_eq(&a.0[0].0, &b.0[0].0));
    }

    #[test]
    fn insert_replaces_in_place_or_appends_and_remove_keeps_order() {
        let mut props = read(r#"{"a":1,"b":2,"c":3}"#);
        props.insert("b", PropertyValue::from("two"));
        props.insert("d", PropertyValue::from(4.5));
        assert_eq!(
            Value::Object(props.to_json()),
            json!({"a": 1, "b": "two", "c": 3, "d": 4.5})
        );
        assert_eq!(props.remove("a"), Some(PropertyValue::Number(1.into())));
        assert_eq!(props.remove("zz"), None);
        assert_eq!(props.keys().collect::<Vec<_>>(), ["b", "c", "d"]);
    }

    #[test]
    fn accessors_and_display() {
        let props = read(r#"{"s":"x","f":2.5,"l":["a","b"],"n":null}"#);
        assert_eq!(props.get("s").and_then(PropertyValue::as_str), Some("x"));
        assert_eq!(props.get("f").and_then(PropertyValue::as_f64), Some(2.5));
        assert_eq!(
            props
                .get("l")
                .and_then(PropertyValue::as_array)
                .map(<[_]>::len),
            Some(2)
        );
        assert!(props.get("n").is_some_and(PropertyValue::is_null));
        assert!(props.contains_key("n") && !props.contains_key("x"));
        assert_eq!(
            props.get("l").map(ToString::to_string).as_deref(),
            Some(r#"["a","b"]"#)
        );
        assert_eq!(PropertyValue::from(f64::NAN), PropertyValue::Null);
    }

    #[test]
    fn a_value_is_small() {
        assert!(std::mem::size_of::<PropertyValue>() <= 24);
        assert_eq!(std::mem::size_of::<Properties>(), 16);
    }
}
