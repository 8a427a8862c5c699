//! Panics turned into errors where a damaged index can cause them: tantivy panics on some
//! corrupt data (a bit flipped in a fast-field file) instead of returning an error. A caught
//! panic prints nothing: the caller says what happened in its own words.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work`; a panic inside it becomes `Err` with the panic's message.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    let outer = CATCHING.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    CATCHING.set(outer);
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|text| text.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

/// Whether this thread is inside [`catch`]: panic hooks stay quiet (and leave the terminal
/// alone) for a panic that is about to be caught.
pub fn is_catching() -> bool {
    CATCHING.get()
}

/// Wraps the current panic hook so that caught panics print nothing.
pub fn install_quiet_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !is_catching() {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_flag_is_restored() {
        assert!(!is_catching());
        let caught = catch(|| {
            assert!(is_catching());
            let nested: Result<(), String> = catch(|| panic!("inner {}", 1));
            assert_eq!(nested, Err("inner 1".to_string()));
            assert!(is_catching(), "the outer catch still holds");
            panic!("outer")
        });
        assert_eq!(caught, Err::<(), _>("outer".to_string()));
        assert!(!is_catching());
        assert_eq!(catch(|| 7), Ok(7));
    }
}
