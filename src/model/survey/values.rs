//! An observation's values: indicator id → value, in the order they were written.
//!
//! A survey typed in the TUI or read from TOML holds a few hundred values, and a map per
//! observation is the natural form. A spreadsheet of a province's panel holds millions: a map
//! per row would cost some 45 bytes and an allocation per cell (a 10,000 × 200 CSV needed over
//! 300 MB). So a table read from a spreadsheet keeps its values in one shared dense block
//! ([`Columns`]), each observation pointing at its row, and a row becomes a map only when it is
//! edited. Both forms answer the same questions the same way.

use std::collections::HashMap;
use std::sync::Arc;

use indexmap::IndexMap;

/// Values of many observations over the same columns, row after row; NaN marks a missing value
/// (a value read from a file is never NaN: the readers refuse nan).
#[derive(Debug, PartialEq)]
pub struct Columns {
    ids: Vec<String>,
    index: HashMap<String, usize>,
    values: Vec<f64>,
}

impl Columns {
    /// `rows × ids.len()` values, row-major; `None` is missing.
    pub fn new(ids: Vec<String>, values: Vec<f64>) -> Columns {
        let index = ids
            .iter()
            .enumerate()
            .map(|(k, id)| (id.clone(), k))
            .collect();
        Columns { ids, index, values }
    }

    /// The column ids, in order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The column of indicator `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Row `row`'s cells (NaN = missing).
    pub fn row(&self, row: usize) -> &[f64] {
        let n = self.ids.len();
        self.values.get(row * n..(row + 1) * n).unwrap_or(&[])
    }
}

/// The values of one observation. Reads never copy; the first edit of a row read from a
/// spreadsheet turns it into a map of its own.
#[derive(Clone, Default)]
pub struct Values {
    /// The values, unless `row` is set (then this is empty).
    map: IndexMap<String, f64>,
    row: Option<(Arc<Columns>, usize)>,
}

impl Values {
    pub fn new() -> Values {
        Values::default()
    }

    /// Row `row` of a shared block.
    pub fn row_of(columns: Arc<Columns>, row: usize) -> Values {
        Values {
            map: IndexMap::new(),
            row: Some((columns, row)),
        }
    }

    /// The shared block and row, when the values were never edited: lets the matrix be built
    /// without a lookup per cell.
    pub fn shared_row(&self) -> Option<(&Arc<Columns>, usize)> {
        self.row.as_ref().map(|(c, r)| (c, *r))
    }

    pub fn get(&self, id: &str) -> Option<&f64> {
        match &self.row {
            None => self.map.get(id),
            Some((columns, row)) => {
                let k = *columns.index.get(id)?;
                columns.row(*row).get(k).filter(|x| !x.is_nan())
            }
        }
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// (id, value) pairs in the order they were written.
    pub fn iter(&self) -> Box<dyn Iterator<Item = (&String, &f64)> + '_> {
        match &self.row {
            None => Box::new(self.map.iter()),
            Some((columns, row)) => Box::new(
                columns
                    .ids
                    .iter()
                    .zip(columns.row(*row))
                    .filter(|(_, x)| !x.is_nan()),
            ),
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> + '_ {
        self.iter().map(|(k, _)| k)
    }

    pub fn len(&self) -> usize {
        match &self.row {
            None => self.map.len(),
            Some((columns, row)) => columns.row(*row).iter().filter(|x| !x.is_nan()).count(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The map form, made on the first edit.
    fn map_mut(&mut self) -> &mut IndexMap<String, f64> {
        if self.row.is_some() {
            self.map = self.iter().map(|(k, v)| (k.clone(), *v)).collect();
            self.row = None;
        }
        &mut self.map
    }

    /// Sets a value (kept in place when the id is there, else appended); returns the old one.
    pub fn insert(&mut self, id: String, value: f64) -> Option<f64> {
        self.map_mut().insert(id, value)
    }

    /// Sets a value at position `index` when the id is new.
    pub fn shift_insert(&mut self, index: usize, id: String, value: f64) -> Option<f64> {
        let map = self.map_mut();
        let index = index.min(map.len());
        map.shift_insert(index, id, value)
    }

    /// Removes a value, keeping the order of the rest.
    pub fn shift_remove(&mut self, id: &str) -> Option<f64> {
        self.map_mut().shift_remove(id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut f64> {
        self.map_mut().get_mut(id)
    }
}

impl FromIterator<(String, f64)> for Values {
    fn from_iter<I: IntoIterator<Item = (String, f64)>>(iter: I) -> Self {
        Values {
            map: iter.into_iter().collect(),
            row: None,
        }
    }
}

impl From<IndexMap<String, f64>> for Values {
    fn from(map: IndexMap<String, f64>) -> Self {
        Values { map, row: None }
    }
}

impl<'a> IntoIterator for &'a Values {
    type Item = (&'a String, &'a f64);
    type IntoIter = Box<dyn Iterator<Item = (&'a String, &'a f64)> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Equal when they hold the same ids with the same values, whatever the order or the form (as
/// for `IndexMap`).
impl PartialEq for Values {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl std::fmt::Debug for Values {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> Arc<Columns> {
        // Two rows over columns a, b, c; row 0 lacks b.
        Arc::new(Columns::new(
            vec!["a".into(), "b".into(), "c".into()],
            vec![1.0, f64::NAN, 3.0, 4.0, 5.0, 6.0],
        ))
    }

    #[test]
    fn a_shared_row_reads_like_a_map() {
        let v = Values::row_of(shared(), 0);
        let m: Values = [("c".to_string(), 3.0), ("a".to_string(), 1.0)]
            .into_iter()
            .collect();
        assert_eq!(v.get("a"), Some(&1.0));
        assert_eq!(v.get("b"), None);
        assert_eq!(v.get("zz"), None);
        assert_eq!(v.len(), 2);
        assert_eq!(v.keys().collect::<Vec<_>>(), ["a", "c"]);
        // Same ids and values in another order and form: equal.
        assert_eq!(v, m);
        assert_ne!(Values::row_of(shared(), 1), m);
    }

    #[test]
    fn editing_a_shared_row_leaves_the_others_alone() {
        let cols = shared();
        let mut v = Values::row_of(cols.clone(), 1);
        let w = Values::row_of(cols, 1);
        assert_eq!(v.insert("b".into(), 50.0), Some(5.0));
        assert_eq!(v.shift_remove("a"), Some(4.0));
        assert_eq!(v.keys().collect::<Vec<_>>(), ["b", "c"]);
        assert!(v.shared_row().is_none());
        assert_eq!(w.get("b"), Some(&5.0));
        assert_eq!(w.get("a"), Some(&4.0));
    }
}
