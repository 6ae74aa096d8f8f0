//! serde_json's pretty layout written by hand, for documents of millions of numbers: a panel's
//! scores, the niche overlap of thousands of belts. serde's per-entry dispatch and key escaping
//! cost more than the numbers, and a `Value` tree of such a document takes gigabytes. The
//! bytes are exactly what `serde_json::to_writer_pretty` writes; the tests compare them.

use serde_json::Value;

/// Ids as the whole start of an object's entry (`,\n`, the indent, the quoted id and `: `),
/// escaped once: the same ids key thousands of objects at one depth.
pub(crate) struct Entries {
    depth: usize,
    starts: Vec<Vec<u8>>,
}

impl Entries {
    pub(crate) fn new<'a>(ids: impl Iterator<Item = &'a str>, depth: usize) -> Self {
        let starts = ids
            .map(|id| {
                let mut start = b",\n".to_vec();
                start.resize(2 + 2 * depth, b' ');
                // Writing into memory cannot fail.
                let _ = serde_json::to_writer(&mut start, id);
                start.extend_from_slice(b": ");
                start
            })
            .collect();
        Entries { depth, starts }
    }

    pub(crate) fn starts(&self) -> &[Vec<u8>] {
        &self.starts
    }
}

/// serde_json's pretty layout: two spaces a level, `"key": value`, an empty object as `{}`.
pub(crate) struct Pretty<'b> {
    pub(crate) out: &'b mut Vec<u8>,
    pub(crate) depth: usize,
    /// No entry yet at this level.
    pub(crate) first: bool,
}

impl<'b> Pretty<'b> {
    pub(crate) fn new(out: &'b mut Vec<u8>, depth: usize) -> Self {
        Pretty {
            out,
            depth,
            first: true,
        }
    }

    pub(crate) fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    /// Ends an object or array; its parent has an entry (this one).
    pub(crate) fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if !self.first {
            self.out.push(b'\n');
            self.indent();
        }
        self.out.push(bracket);
        self.first = false;
    }

    /// Starts the next entry of an object or array.
    pub(crate) fn next(&mut self) {
        self.out
            .extend_from_slice(if self.first { b"\n" } else { b",\n" });
        self.indent();
        self.first = false;
    }

    pub(crate) fn indent(&mut self) {
        let len = self.out.len() + 2 * self.depth;
        self.out.resize(len, b' ');
    }

    /// Starts the next entry of an object with a start from [`Entries`] of this depth.
    pub(crate) fn entry(&mut self, start: &[u8]) {
        let start = if self.first { &start[1..] } else { start };
        self.out.extend_from_slice(start);
        self.first = false;
    }

    pub(crate) fn key(&mut self, quoted: &[u8]) {
        self.next();
        self.out.extend_from_slice(quoted);
        self.out.extend_from_slice(b": ");
    }

    /// A number as serde_json writes an f64: shortest round-trip digits, `null` if not finite.
    pub(crate) fn num(&mut self, x: f64) {
        if x.is_finite() {
            let mut digits = zmij::Buffer::new();
            self.out
                .extend_from_slice(digits.format_finite(x).as_bytes());
        } else {
            self.out.extend_from_slice(b"null");
        }
    }

    pub(crate) fn int(&mut self, x: i64) {
        self.out.extend_from_slice(x.to_string().as_bytes());
    }

    pub(crate) fn str(&mut self, s: &str) {
        // Writing into memory cannot fail.
        let _ = serde_json::to_writer(&mut *self.out, s);
    }

    pub(crate) fn strs<'s>(&mut self, items: impl Iterator<Item = &'s str>) {
        self.open(b'[');
        for s in items {
            self.next();
            self.str(s);
        }
        self.close(b']');
    }

    /// `{id: value, ...}` in framework order.
    pub(crate) fn numbers(&mut self, entries: &Entries, values: impl Iterator<Item = f64>) {
        self.open(b'{');
        debug_assert_eq!(entries.depth, self.depth);
        for (start, x) in entries.starts.iter().zip(values) {
            self.entry(start);
            self.num(x);
        }
        self.close(b'}');
    }

    /// Any small value (the document's head and tail).
    pub(crate) fn value(&mut self, v: &Value) {
        match v {
            Value::Object(map) => {
                self.open(b'{');
                for (k, v) in map {
                    self.next();
                    self.str(k);
                    self.out.extend_from_slice(b": ");
                    self.value(v);
                }
                self.close(b'}');
            }
            Value::Array(items) => {
                self.open(b'[');
                for v in items {
                    self.next();
                    self.value(v);
                }
                self.close(b']');
            }
            // A scalar is written alike compact and pretty.
            scalar => {
                let _ = serde_json::to_writer(&mut *self.out, scalar);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_layout_is_serde_jsons_pretty_one() {
        let v = json!({"a": [], "b": {}, "c": [1, {"d": [true, null, "x\"y"]}], "e": 0.1});
        let mut buf = Vec::new();
        let mut p = Pretty::new(&mut buf, 0);
        p.value(&v);
        assert_eq!(buf, serde_json::to_vec_pretty(&v).expect("prints"));
    }

    #[test]
    fn numbers_print_as_serde_json_prints_an_f64() {
        for x in [
            0.0,
            -0.0,
            1.0,
            0.1,
            1e-7,
            1.5e300,
            f64::MIN_POSITIVE,
            f64::NAN,
        ] {
            let mut buf = Vec::new();
            Pretty::new(&mut buf, 0).num(x);
            assert_eq!(buf, serde_json::to_vec(&x).expect("prints"), "{x}");
        }
    }
}
