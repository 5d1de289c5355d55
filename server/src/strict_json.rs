//! JSON read strictly: a key given twice in one object is an error naming
//! its dotted path, as a query parameter given twice is.
//!
//! `serde_json::Value` keeps the last of two equal keys without a word, so
//! `{"downtime_cost_per_hour":"1","downtime_cost_per_hour":"900000"}` would
//! be priced with whichever the sender's library wrote last.

use std::{cell::RefCell, fmt, rc::Rc};

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Why a body is not one JSON value with each key once.
#[derive(Debug)]
pub enum Problem {
    /// Not JSON: the parser's message with its line and column.
    Syntax(serde_json::Error),
    /// The dotted path of a key given twice in one object.
    Repeated(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Syntax(e) => write!(f, "{e}"),
            Problem::Repeated(path) => write!(f, "{path} is given twice; a scenario names each field once"),
        }
    }
}

/// Parses `bytes` as one JSON value; a repeated key is [`Problem::Repeated`].
pub fn parse(bytes: &[u8]) -> Result<Value, Problem> {
    let repeated = Rc::new(RefCell::new(None));
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let root = Node {
        path: String::new(),
        repeated: Rc::clone(&repeated),
    };
    let value = root.deserialize(&mut deserializer).and_then(|value| {
        deserializer.end()?;
        Ok(value)
    });
    match (value, repeated.take()) {
        (_, Some(path)) => Err(Problem::Repeated(path)),
        (Ok(value), None) => Ok(value),
        (Err(e), None) => Err(Problem::Syntax(e)),
    }
}

/// A value at `path` (dotted, `[i]` for array items; empty at the top).
/// `repeated` is where the first repeated key's path is put: a serde error
/// carries only a message, and the API names the field apart from it.
struct Node {
    path: String,
    repeated: Rc<RefCell<Option<String>>>,
}

impl Node {
    fn at(&self, path: String) -> Node {
        Node {
            path,
            repeated: Rc::clone(&self.repeated),
        }
    }

    fn child(&self, key: &str) -> Node {
        if self.path.is_empty() {
            self.at(key.to_owned())
        } else {
            self.at(format!("{}.{key}", self.path))
        }
    }
}

impl<'de> DeserializeSeed<'de> for Node {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // JSON Schema counts 789.0 as the integer 789; so does the reader.
        const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every integer below is exact
        if v.fract() == 0.0 && v.abs() < EXACT {
            #[allow(clippy::cast_possible_truncation, reason = "whole and below 2^53: exact")]
            return Ok(if v >= 0.0 {
                Value::from(v as u64)
            } else {
                Value::from(v as i64)
            });
        }
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.at(format!("{}[{}]", self.path, items.len())))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let child = self.child(&key);
            if object.contains_key(&key) {
                let message = format!("{} is given twice", child.path);
                *self.repeated.borrow_mut() = Some(child.path);
                return Err(serde::de::Error::custom(message));
            }
            let value = map.next_value_seed(child)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, Problem};

    #[test]
    fn a_repeated_key_is_an_error_naming_its_path() {
        let path = |text: &[u8]| match parse(text) {
            Err(Problem::Repeated(path)) => path,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            path(br#"{"workload":{"monthly_requests":1,"monthly_requests":2}}"#),
            "workload.monthly_requests"
        );
        assert_eq!(
            path(br#"{"providers":[{"model":"a","model":"b"}]}"#),
            "providers[0].model"
        );
        assert_eq!(path(br#"{"name":"a","name":"a"}"#), "name");
    }

    #[test]
    fn values_read_as_serde_json_reads_them() {
        let text = r#"{"a":[1,-2,3.5,"x",true,null,{"b":{}}],"c":"7800.00","d":1e300}"#;
        assert_eq!(
            parse(text.as_bytes()).unwrap(),
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
        assert_eq!(parse(b"[789.0, -2.0, 0.5]").unwrap(), serde_json::json!([789, -2, 0.5]));
        assert!(parse(b"{} trailing").is_err());
        assert!(parse(b"{\"a\":1,}").is_err());
    }
}
