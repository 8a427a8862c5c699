//! A search's walks split over the library's segments: two groups of about equal size, the
//! first walked by the searching thread, the second offered to another core, their results
//! joined. Always two groups (one when there is one segment), whatever the machine: where a walk
//! keeps only its best matches, what it keeps then depends on the groups, and a ranking must not
//! depend on how many cores answer it.

use std::sync::{mpsc, Arc, Mutex};

use tantivy::query::Query;
use tantivy::Searcher;

/// Groups a library's segments are split into.
const GROUPS: usize = 2;
/// Articles from which a search's walks are worth splitting over cores: in smaller libraries
/// even the slowest query's walks take about a millisecond, a few times what a hand-off costs.
const LARGE_LIBRARY: u64 = 100_000;
/// Articles a query's busiest word must hold for its walks to be worth a second core: a
/// hand-off there and back costs 0.15–0.3 ms here (2-core VM), about what walking this many does.
const BUSY_WALK: u64 = 10_000;

/// Whether `query`'s walks are worth splitting over cores: a large library, and a word of the
/// query in many of its articles (its share of the largest segment, scaled to the library: one
/// dictionary lookup a word). A query that names no words (one of our own kind) is split.
pub fn worth_splitting(searcher: &Searcher, query: &dyn Query) -> bool {
    if !large(searcher) {
        return false;
    }
    let articles = searcher.num_docs();
    let Some(largest) = searcher.segment_readers().iter().max_by_key(|reader| reader.num_docs()) else {
        return false;
    };
    let (mut named, mut most) = (false, 0u32);
    query.query_terms(&mut |term, _| {
        named = true;
        if let Ok(index) = largest.inverted_index(term.field()) {
            most = most.max(index.doc_freq(term).unwrap_or(0));
        }
    });
    !named || u64::from(most) * articles / u64::from(largest.num_docs().max(1)) >= BUSY_WALK
}

/// Whether the library is large enough for any walk of it to be split.
pub fn large(searcher: &Searcher) -> bool {
    searcher.num_docs() >= LARGE_LIBRARY
}

/// The segments' ordinals in groups of about equal documents (the largest placed first, each
/// in the lightest group so far); no group is empty.
fn groups(searcher: &Searcher) -> Vec<Vec<u32>> {
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

/// `other` offered to another core (when `worth_it`) while `work` runs here; the results of
/// both.
pub fn both<A, B>(
    worth_it: bool,
    other: impl FnOnce() -> A + Send + 'static,
    work: impl FnOnce() -> B,
) -> (A, B)
where
    A: Send + 'static,
{
    let other = Offered::new(worth_it, other);
    let work = work();
    (other.join(), work)
}

/// `work` on each group of `searcher`'s segments (see [`groups`]), as [`in_groups`].
pub fn each<T>(
    searcher: &Searcher,
    worth_it: bool,
    work: impl Fn(&Searcher, &[u32]) -> T + Send + Sync + 'static,
) -> Vec<T>
where
    T: Send + 'static,
{
    let owned = searcher.clone();
    in_groups(groups(searcher), worth_it, move |group| work(&owned, group))
}

/// `work` on each group: the first here, the others offered to other cores (when `worth_it`);
/// the results in the groups' order.
fn in_groups<T>(
    groups: Vec<Vec<u32>>,
    worth_it: bool,
    work: impl Fn(&[u32]) -> T + Send + Sync + 'static,
) -> Vec<T>
where
    T: Send + 'static,
{
    let work = Arc::new(work);
    let mut groups = groups.into_iter();
    let Some(first) = groups.next() else { return Vec::new() };
    let offered: Vec<Offered<T>> = groups
        .map(|group| {
            let work = Arc::clone(&work);
            Offered::new(worth_it, move || work(&group))
        })
        .collect();
    let mut out = vec![work(&first)];
    out.extend(offered.into_iter().map(Offered::join));
    out
}

type Job<T> = Box<dyn FnOnce() -> T + Send>;

/// A job offered to rayon's pool (its threads wait, not started for each search). Whoever
/// takes it first runs it: a pool thread, or the offering thread when it wants the result and no
/// thread has begun it. So a search never waits for a core that is busy elsewhere (on a shared
/// machine the second core comes and goes): at worst it does the work itself, as with one core.
struct Offered<T> {
    job: Arc<Mutex<Option<Job<T>>>>,
    done: mpsc::Receiver<std::thread::Result<T>>,
}

impl<T: Send + 'static> Offered<T> {
    fn new(offer: bool, job: impl FnOnce() -> T + Send + 'static) -> Offered<T> {
        let job: Arc<Mutex<Option<Job<T>>>> = Arc::new(Mutex::new(Some(Box::new(job))));
        let (sender, done) = mpsc::channel();
        if offer {
            let taken = Arc::clone(&job);
            rayon::spawn(move || {
                if let Some(job) = take(&taken) {
                    let _ = sender.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)));
                }
            });
        }
        Offered { job, done }
    }

    fn join(self) -> T {
        if let Some(job) = take(&self.job) {
            return job();
        }
        match self.done.recv() {
            Ok(Ok(result)) => result,
            // A job that panicked on the pool panics here, as it would have here.
            Ok(Err(why)) => std::panic::resume_unwind(why),
            Err(_) => unreachable!("a pool thread took the job and sends what it gave"),
        }
    }
}

fn take<T>(job: &Mutex<Option<Job<T>>>) -> Option<Job<T>> {
    job.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answers_in_the_groups_order_on_whatever_thread() {
        let groups = vec![vec![0, 3], vec![1], vec![2]];
        for on_many_cores in [true, false] {
            let sums = in_groups(groups.clone(), on_many_cores, |group| group.iter().sum::<u32>());
            assert_eq!(sums, [3, 1, 2]);
            assert!(in_groups(Vec::new(), on_many_cores, |group: &[u32]| group.len()).is_empty());
            assert_eq!(both(on_many_cores, || 1, || "two"), (1, "two"));
        }
    }

    /// An offered job runs once, whoever takes it, and its panic reaches the one who asked.
    #[test]
    fn an_offered_job_runs_once_and_its_panic_is_the_askers() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let runs = Arc::new(AtomicUsize::new(0));
        for _ in 0..50 {
            let counted = Arc::clone(&runs);
            let (taken, _) =
                both(true, move || counted.fetch_add(1, Ordering::SeqCst), std::thread::yield_now);
            assert!(taken < 50);
        }
        assert_eq!(runs.load(Ordering::SeqCst), 50);
        let asked = std::panic::catch_unwind(|| both(true, || panic!("walk failed"), || ()));
        assert!(asked.is_err());
    }
}
