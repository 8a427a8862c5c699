//! Which segments the writer merges, bounded: a merge maps its input segments, and every page
//! it reads counts in the process's memory until the merge ends. tantivy's default policy merges
//! whole levels, so the last merges of a large library read most of the index at once (at 354k
//! articles, hundreds of MB resident). Here a merge takes tantivy's candidates in groups whose
//! files add up to at most [`MAX_MERGE_BYTES`]: segments stop growing there, and a large library
//! has more of them (a query pays a little per segment) instead of a peak that grows with it.

use std::path::PathBuf;

use tantivy::index::{SegmentComponent, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// The most a merge reads (and maps) at once.
pub const MAX_MERGE_BYTES: u64 = 96 * 1024 * 1024;

/// tantivy's log-sized levels, each level merged in groups of bounded size.
#[derive(Debug)]
pub struct BoundedMerges {
    levels: LogMergePolicy,
    /// The index folder, where the segments' files are measured.
    dir: PathBuf,
    max_bytes: u64,
}

impl BoundedMerges {
    pub fn new(dir: PathBuf) -> BoundedMerges {
        BoundedMerges::with_limit(dir, MAX_MERGE_BYTES)
    }

    fn with_limit(dir: PathBuf, max_bytes: u64) -> BoundedMerges {
        BoundedMerges { levels: LogMergePolicy::default(), dir, max_bytes }
    }

    /// The bytes of a segment's files on disk (0 for those not there: a segment being written).
    fn bytes(&self, segment: &SegmentMeta) -> u64 {
        use SegmentComponent::*;
        [Postings, Positions, FastFields, FieldNorms, Terms, Store]
            .into_iter()
            .filter_map(|component| std::fs::metadata(self.dir.join(segment.relative_path(component))).ok())
            .map(|metadata| metadata.len())
            .sum()
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let sizes: std::collections::HashMap<tantivy::index::SegmentId, u64> =
            segments.iter().map(|segment| (segment.id(), self.bytes(segment))).collect();
        let size_of = |id| sizes.get(&id).copied().unwrap_or(0);
        self.levels
            .compute_merge_candidates(segments)
            .into_iter()
            .flat_map(|candidate| groups(candidate.0, &size_of, self.max_bytes))
            .map(MergeCandidate)
            .collect()
    }
}

/// `ids` in runs of at most `max_bytes` (in their order), each of two segments or more.
fn groups<T: Copy>(ids: Vec<T>, size_of: &dyn Fn(T) -> u64, max_bytes: u64) -> Vec<Vec<T>> {
    let mut out = Vec::new();
    let (mut group, mut bytes) = (Vec::new(), 0);
    for id in ids {
        let size = size_of(id);
        if !group.is_empty() && bytes + size > max_bytes {
            out.push(std::mem::take(&mut group));
            bytes = 0;
        }
        group.push(id);
        bytes += size;
    }
    out.push(group);
    out.retain(|group| group.len() >= 2);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_is_merged_in_groups_under_the_limit() {
        let sizes = [40, 40, 40, 40, 40, 40, 40, 40];
        let split = groups((0..8).collect(), &|at: usize| sizes[at], 100);
        assert_eq!(split, vec![vec![0, 1], vec![2, 3], vec![4, 5], vec![6, 7]]);
        assert!(split.iter().all(|group| group.iter().map(|at| sizes[*at]).sum::<u64>() <= 100));
    }

    #[test]
    fn a_segment_at_the_limit_is_left_alone() {
        let sizes = [120, 30, 30, 30, 30];
        let split = groups((0..5).collect(), &|at: usize| sizes[at], 100);
        assert_eq!(split, vec![vec![1, 2, 3]], "the big one and a lone last one are not merged");
    }

    #[test]
    fn small_segments_merge_whole_as_tantivy_would() {
        let split = groups((0..8).collect(), &|_| 1, 100);
        assert_eq!(split, vec![(0..8).collect::<Vec<_>>()]);
    }
}
