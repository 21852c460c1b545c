//! Stable sorting with one copy of the sorting loop for the whole app. The standard library's
//! `sort_by` is generic over the element and the closure, so every call site compiles its own
//! sort of about 4 KB of wasm (fourteen of them were 57 KB of the root build's code before
//! wasm-opt); here only a few lines per call site are generic: the loop sorts positions through
//! a `dyn` comparison, then the elements are moved by swaps.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The map of `pairs`, like `collect()` into a `BTreeMap` (a later pair replaces an earlier
/// one with the same key) but inserted one by one: `collect` sorts the pairs first with the
/// standard library's sort, about 4.5 KB of wasm per element type, where `insert` is shared
/// with every other use of the same map type.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// The set of `items`, like `collect()` into a `BTreeSet`, without its sort (see [`map_of`]).
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// Sorts `items` stably by `cmp` (equal elements keep their order), like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let swaps = sorting_swaps(items.len(), &|a, b| cmp(&items[a], &items[b]));
    for (a, b) in swaps {
        items.swap(a, b);
    }
}

/// Sorts `items` stably by the key `key` gives, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The swaps that put `len` elements in the stable order `cmp` (on their positions) gives.
fn sorting_swaps(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<(usize, usize)> {
    let order = stable_order(len, cmp);
    // Element `order[k]` goes to position `k`: walk the positions, swapping it in from where
    // it is now, and keep track of where each original element went.
    let mut at: Vec<usize> = (0..len).collect();
    let mut place: Vec<usize> = (0..len).collect();
    let mut swaps = Vec::new();
    for (k, &wanted) in order.iter().enumerate() {
        let from = place[wanted];
        if from != k {
            swaps.push((k, from));
            let displaced = at[k];
            at.swap(k, from);
            place[wanted] = k;
            place[displaced] = from;
        }
    }
    swaps
}

/// The positions `0..len` in stable order: a bottom-up merge sort that skips runs already in
/// order, so sorted input costs one comparison per element.
fn stable_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut spare = order.clone();
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            if mid < end && cmp(order[mid - 1], order[mid]) == Ordering::Greater {
                let (mut i, mut j) = (start, mid);
                for slot in &mut spare[start..end] {
                    // The left run wins ties: equal elements keep their order.
                    let left =
                        j >= end || (i < mid && cmp(order[i], order[j]) != Ordering::Greater);
                    if left {
                        *slot = order[i];
                        i += 1;
                    } else {
                        *slot = order[j];
                        j += 1;
                    }
                }
                order[start..end].copy_from_slice(&spare[start..end]);
            }
            start = end;
        }
        width *= 2;
    }
    order
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equal_keys_keep_their_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, vec![(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    proptest! {
        #[test]
        fn sorts_exactly_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            let mut std = v;
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }

        // Guards a record read twice under one id keeping the first copy where `collect` kept
        // the last (the ledger is built through map_of).
        #[test]
        fn builds_the_same_map_and_set_as_collect(v in proptest::collection::vec((0u8..16, any::<u16>()), 0..100)) {
            prop_assert_eq!(map_of(v.clone()), v.iter().copied().collect::<BTreeMap<_, _>>());
            prop_assert_eq!(set_of(v.clone()), v.into_iter().collect::<BTreeSet<_>>());
        }
    }
}
