//! Deserializers for the quirks of Lark clients: the Python SDK writes booleans as `True`/`False`
//! in query strings, and int64 values travel as JSON strings but are sometimes sent as numbers.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serializer};
use std::fmt;

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" | "1" => Some(true),
        "false" | "False" | "FALSE" | "0" => Some(false),
        _ => None,
    }
}

struct BoolVisitor;

impl Visitor<'_> for BoolVisitor {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a boolean (true/false, True/False, 1/0)")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        parse_bool(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        self.visit_u64(v as u64)
    }
}

/// A boolean that also accepts `True`/`False` and `1`/`0` (query strings from the Python SDK).
pub fn lark_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    d.deserialize_any(BoolVisitor)
}

/// Like [`lark_bool`], for an optional field (use with `#[serde(default)]`).
pub fn opt_lark_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    lark_bool(d).map(Some)
}

struct I64Visitor;

impl Visitor<'_> for I64Visitor {
    type Value = i64;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer, or an integer in a string")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.trim().parse().map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// An integer that may arrive as a number or as a numeric string (`"1608883322"` or `1608883322`).
pub fn int_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(I64Visitor)
}

/// Like [`int_or_string`], for an optional field (use with `#[serde(default)]`).
pub fn opt_int_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Option::<IntOrString>::deserialize(d).map(|o| o.map(|v| v.0))
}

struct IntOrString(i64);

impl<'de> Deserialize<'de> for IntOrString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        int_or_string(d).map(IntOrString)
    }
}

/// Writes an int64 as a JSON string, as Lark does for ids, timestamps and counts.
pub fn int_as_string<S: Serializer>(v: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// A query-string list that also accepts a single value (`user_ids=a` as well as repeated keys).
pub fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// An id that may arrive as a string or as a number (the Python SDK models some ids as `int`
/// and sends whatever it is given): always a string here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdString(pub String);

impl<'de> Deserialize<'de> for IdString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Int(i64),
            Unsigned(u64),
        }
        Ok(IdString(match Raw::deserialize(d)? {
            Raw::Text(s) => s,
            Raw::Int(n) => n.to_string(),
            Raw::Unsigned(n) => n.to_string(),
        }))
    }
}

/// Like [`IdString`], for an optional field (use with `#[serde(default)]`).
pub fn opt_id_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<IdString>::deserialize(d).map(|o| o.map(|v| v.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Q {
        #[serde(default, deserialize_with = "opt_lark_bool")]
        flag: Option<bool>,
        #[serde(default, deserialize_with = "opt_int_or_string")]
        n: Option<i64>,
    }

    #[test]
    fn booleans_in_every_spelling() {
        for (raw, want) in [("true", true), ("True", true), ("False", false), ("0", false)] {
            let q: Q = serde_json::from_str(&format!(r#"{{"flag":"{raw}"}}"#)).unwrap();
            assert_eq!(q.flag, Some(want), "{raw}");
        }
        let q: Q = serde_json::from_str(r#"{"flag":true}"#).unwrap();
        assert_eq!(q.flag, Some(true));
        assert!(serde_json::from_str::<Q>(r#"{"flag":"yes"}"#).is_err());
    }

    #[test]
    fn ints_as_numbers_or_strings() {
        let q: Q = serde_json::from_str(r#"{"n":"42"}"#).unwrap();
        assert_eq!(q.n, Some(42));
        let q: Q = serde_json::from_str(r#"{"n":42}"#).unwrap();
        assert_eq!(q.n, Some(42));
        let q: Q = serde_json::from_str(r#"{}"#).unwrap();
        assert_eq!(q.n, None);
        assert!(serde_json::from_str::<Q>(r#"{"n":"x"}"#).is_err());
    }

    #[test]
    fn ids_as_strings_or_numbers() {
        #[derive(Deserialize)]
        struct I {
            #[serde(default, deserialize_with = "opt_id_string")]
            id: Option<String>,
        }
        for (raw, want) in [(r#"{"id":"od-1"}"#, Some("od-1")), (r#"{"id":7}"#, Some("7")), (r#"{}"#, None)] {
            let i: I = serde_json::from_str(raw).unwrap();
            assert_eq!(i.id.as_deref(), want, "{raw}");
        }
        assert!(serde_json::from_str::<I>(r#"{"id":[1]}"#).is_err());
    }
}
