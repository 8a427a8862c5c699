//! Documents on their way to tantivy, bounded: tantivy's writer queues up to 10,000 documents,
//! and parsers faster than its indexing threads filled that queue (over 100 MB of documents).
//! Each document here holds a slot until tantivy drops it — right after indexing it — so a
//! parser waits for a free slot instead of piling documents up.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use tantivy::schema::document::CompactDocValue;
use tantivy::schema::{Document, Field};
use tantivy::TantivyDocument;

/// A counting semaphore: at most `limit` documents between the parsers and the index.
pub struct Slots {
    taken: Mutex<usize>,
    freed: Condvar,
    limit: usize,
    /// Set when the refresh fails: documents may be stuck in a dead writer's queue, so waiting
    /// for them could last forever.
    closed: AtomicBool,
}

impl Slots {
    pub fn new(limit: usize) -> Arc<Slots> {
        Arc::new(Slots {
            taken: Mutex::new(0),
            freed: Condvar::new(),
            limit: limit.max(1),
            closed: AtomicBool::new(false),
        })
    }

    /// Waits for a free slot and wraps `doc` in it.
    pub fn admit(self: &Arc<Self>, doc: TantivyDocument) -> Tracked {
        let mut taken = self.taken.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while *taken >= self.limit && !self.closed.load(Ordering::Relaxed) {
            taken = self.freed.wait(taken).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        *taken += 1;
        Tracked { doc, slot: Slot(Arc::clone(self)) }
    }

    /// Lets every waiting and future `admit` through at once.
    pub fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        let _taken = self.taken.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.freed.notify_all();
    }

    #[cfg(test)]
    fn taken(&self) -> usize {
        *self.taken.lock().unwrap()
    }
}

struct Slot(Arc<Slots>);

impl Drop for Slot {
    fn drop(&mut self) {
        let mut taken = self.0.taken.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *taken -= 1;
        // Wake the waiting workers once half the slots are free, not once per document: a
        // wake-up per document was 35,000 futex calls and context switches on 2 cores. No
        // one waits below the limit, and every admitted document is dropped (or the refresh
        // fails and closes the slots), so the count passes the half-way mark after a wait starts.
        if *taken == self.0.limit / 2 {
            self.0.freed.notify_all();
        }
    }
}

/// A document holding a slot: what the writer indexes.
pub struct Tracked {
    doc: TantivyDocument,
    #[allow(dead_code)] // Held for its `Drop`.
    slot: Slot,
}

impl Document for Tracked {
    type Value<'a> = CompactDocValue<'a>;
    type FieldsValuesIter<'a> = Box<dyn Iterator<Item = (Field, CompactDocValue<'a>)> + 'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        Box::new(self.doc.iter_fields_and_values())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_freed_when_its_document_is_dropped() {
        let slots = Slots::new(2);
        let first = slots.admit(TantivyDocument::default());
        let second = slots.admit(TantivyDocument::default());
        assert_eq!(slots.taken(), 2);
        let waiting = {
            let slots = Arc::clone(&slots);
            std::thread::spawn(move || slots.admit(TantivyDocument::default()))
        };
        drop(first);
        let third = waiting.join().unwrap();
        assert_eq!(slots.taken(), 2);
        drop((second, third));
        assert_eq!(slots.taken(), 0);
    }

    #[test]
    fn closing_lets_a_waiting_worker_through() {
        let slots = Slots::new(1);
        let _stuck = slots.admit(TantivyDocument::default());
        let waiting = {
            let slots = Arc::clone(&slots);
            std::thread::spawn(move || slots.admit(TantivyDocument::default()))
        };
        slots.close();
        waiting.join().unwrap();
    }
}
