//! A search's walks split over the library's segments: two groups of about equal size, each
//! walked on a thread of its own, their results joined. Always two groups (one when there is one
//! segment), whatever the machine: where a walk keeps only its best matches, what it keeps then
//! depends on the groups, and a ranking must not depend on how many cores answer it.

use tantivy::Searcher;

/// Groups a library's segments are split into.
const GROUPS: usize = 2;
/// Articles from which a search's walks are worth splitting over cores: in smaller libraries
/// even the slowest query's walks take about a millisecond, a few times what a hand-off costs.
pub const LARGE_LIBRARY: u64 = 100_000;

/// The segments' ordinals in groups of about equal documents (the largest placed first, each
/// in the lightest group so far); no group is empty.
pub fn groups(searcher: &Searcher) -> Vec<Vec<u32>> {
    let mut sized: Vec<(u32, u32)> = (0u32..)
        .zip(searcher.segment_readers())
        .map(|(ordinal, reader)| (reader.max_doc(), ordinal))
        .collect();
    sized.sort_unstable_by(|a, b| b.cmp(a));
    let mut groups: Vec<(u64, Vec<u32>)> = vec![(0, Vec::new()); GROUPS.min(sized.len()).max(1)];
    for (size, ordinal) in sized {
        let lightest = groups.iter_mut().min_by_key(|(weight, _)| *weight).expect("at least one group");
        lightest.0 += u64::from(size);
        lightest.1.push(ordinal);
    }
    groups.into_iter().map(|(_, ordinals)| ordinals).filter(|ordinals| !ordinals.is_empty()).collect()
}

/// `other` on another core (rayon's pool: its threads wait, not started for each search) while
/// `work` runs, when `worth_it`; else one after the other. A hand-off to another core and back
/// costs 0.15–0.3 ms here (2-core VM): worth it only for work that takes longer.
pub fn both<A: Send, B: Send>(
    worth_it: bool,
    other: impl FnOnce() -> A + Send,
    work: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !worth_it {
        let other = other();
        return (other, work());
    }
    let (work, other) = rayon::join(work, other);
    (other, work)
}

/// `work` on each group, on as many cores as there are when `worth_it`; the results in the
/// groups' order.
pub fn each<T: Send>(groups: &[Vec<u32>], worth_it: bool, work: impl Fn(&[u32]) -> T + Sync) -> Vec<T> {
    use rayon::prelude::*;
    match worth_it {
        true => groups.par_iter().map(|group| work(group)).collect(),
        false => groups.iter().map(|group| work(group)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answers_in_the_groups_order_on_whatever_thread() {
        let groups = vec![vec![0, 3], vec![1], vec![2]];
        for on_many_cores in [true, false] {
            let sums = each(&groups, on_many_cores, |group| group.iter().sum::<u32>());
            assert_eq!(sums, [3, 1, 2]);
            assert!(each(&[], on_many_cores, |group: &[u32]| group.len()).is_empty());
            assert_eq!(both(on_many_cores, || 1, || "two"), (1, "two"));
        }
    }
}
