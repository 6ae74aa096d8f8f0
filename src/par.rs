//! Work split side by side over the cores. A province's panel (millions of cells) is read and
//! scored in pieces, one per core; a survey of a few hundred cells stays on one thread, where
//! starting threads would cost more than it saves. Every split is by whole rows or whole
//! columns, so each number is computed by the same operations in the same order whatever the
//! number of pieces: the results do not depend on the machine.

use std::ops::Range;

/// How many pieces `work` units are worth splitting into: one per `per_piece` units, at most
/// one per core (and 8).
pub fn pieces(work: usize, per_piece: usize) -> usize {
    let wanted = work / per_piece.max(1);
    if wanted <= 1 {
        return 1;
    }
    wanted.min(cores())
}

/// The cores this process may use (at most 8), asked once: asking reads the scheduler and
/// cgroup settings, which costs more than scoring a small survey.
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}

/// `0..len` cut into `pieces` consecutive ranges of nearly equal length.
pub fn ranges(len: usize, pieces: usize) -> Vec<Range<usize>> {
    let pieces = pieces.max(1);
    (0..pieces)
        .map(|k| len * k / pieces..len * (k + 1) / pieces)
        .collect()
}

/// `f(k)` for every piece k, side by side, in order: piece 0 on this thread, the others on
/// scoped threads. A panic in a piece goes on on this thread, as if it had run here.
pub fn map<T: Send>(pieces: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    if pieces <= 1 {
        return vec![f(0)];
    }
    let f = &f;
    std::thread::scope(|scope| {
        let threads: Vec<_> = (1..pieces).map(|k| scope.spawn(move || f(k))).collect();
        let first = f(0);
        let rest = (threads.into_iter()).map(|t| {
            t.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        std::iter::once(first).chain(rest).collect()
    })
}

/// `f(item)` for every item, side by side: the first on this thread, the others on scoped
/// threads. Items are pieces of work that own their part of the output (disjoint `&mut`
/// slices).
pub fn for_each<T: Send>(items: Vec<T>, f: impl Fn(T) + Sync) {
    let mut items = items.into_iter();
    let Some(first) = items.next() else {
        return;
    };
    let f = &f;
    std::thread::scope(|scope| {
        let threads: Vec<_> = items.map(|item| scope.spawn(move || f(item))).collect();
        f(first);
        for t in threads {
            if let Err(panic) = t.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

/// `buf` cut into consecutive parts of the given lengths, in order: the disjoint parts of one
/// output that pieces of work fill side by side.
pub fn split<T>(mut buf: &mut [T], lens: impl IntoIterator<Item = usize>) -> Vec<&mut [T]> {
    lens.into_iter()
        .map(|len| {
            let len = len.min(buf.len());
            let (part, rest) = std::mem::take(&mut buf).split_at_mut(len);
            buf = rest;
            part
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_everything_once_in_order() {
        // 10 in 3: 0..3, 3..6, 6..10.
        assert_eq!(ranges(10, 3), [0..3, 3..6, 6..10]);
        assert_eq!(ranges(2, 4), [0..0, 0..1, 1..1, 1..2]);
        assert_eq!(ranges(5, 0), vec![std::ops::Range { start: 0, end: 5 }]);
    }

    #[test]
    fn split_cuts_in_order_and_never_past_the_end() {
        let mut v = [1, 2, 3, 4, 5];
        let parts = split(&mut v, [2, 0, 2, 9]);
        assert_eq!(parts, [&mut [1, 2][..], &mut [], &mut [3, 4], &mut [5]]);
    }

    #[test]
    fn map_keeps_the_order_of_the_pieces() {
        assert_eq!(map(4, |k| k * 10), [0, 10, 20, 30]);
        assert_eq!(map(1, |k| k + 1), [1]);
    }
}
