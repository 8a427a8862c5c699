//! An index newsdesk may not read because another user made it: tantivy writes `meta.json`
//! readable by its owner only, so opening it fails with "permission denied". Says whose it is
//! and what to do, instead of a bare I/O error.

use std::ffi::CStr;
use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::types::IndexError;
use crate::shown::{shown_path, shown_text};

/// `err`, or when it came from another user's index this process may not read, why.
pub fn explained(err: IndexError, dir: &Path) -> IndexError {
    if matches!(err, IndexError::Busy | IndexError::Damaged(_) | IndexError::Refused(_)) {
        return err;
    }
    let denied = |path: &Path| match fs::File::open(path) {
        Err(err) => err.kind() == ErrorKind::PermissionDenied,
        Ok(_) => false,
    };
    let meta = dir.join("meta.json");
    let unreadable = if denied(&meta) {
        meta
    } else if fs::read_dir(dir).is_err_and(|err| err.kind() == ErrorKind::PermissionDenied) {
        dir.to_path_buf()
    } else {
        return err;
    };
    let Ok(owner) = fs::metadata(&unreadable).map(|meta| meta.uid()) else { return err };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if owner == me {
        return err;
    }
    let t = crate::strings::text();
    let name = user_name(owner).unwrap_or_else(|| crate::strings::fill(t.user_number, &[("uid", &owner)]));
    let args: [(&str, &dyn std::fmt::Display); 4] =
        [("dir", &shown_path(dir)), ("owner", &user(owner)), ("me", &user(me)), ("name", &name)];
    IndexError::Refused(crate::strings::fill(t.index_not_readable, &args))
}

/// "name (uid N)", or "uid N" for a user without a name.
fn user(uid: u32) -> String {
    let t = crate::strings::text();
    match user_name(uid) {
        Some(name) => crate::strings::fill(t.user_with_uid, &[("name", &name), ("uid", &uid)]),
        None => crate::strings::fill(t.uid_only, &[("uid", &uid)]),
    }
}

fn user_name(uid: u32) -> Option<String> {
    let mut buffer = vec![0 as libc::c_char; 4096];
    // SAFETY: zeroed is a valid passwd for getpwuid_r to fill in.
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call and the buffer's length is given.
    let status = unsafe { libc::getpwuid_r(uid, &mut entry, buffer.as_mut_ptr(), buffer.len(), &mut found) };
    if status != 0 || found.is_null() || entry.pw_name.is_null() {
        return None;
    }
    // SAFETY: getpwuid_r succeeded: pw_name points to a NUL-terminated string in `buffer`.
    let name = unsafe { CStr::from_ptr(entry.pw_name) };
    Some(shown_text(&name.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_user() {
        assert_eq!(user_name(0).as_deref(), Some("root"));
        assert!(user(0).starts_with("root (uid 0)"));
        assert_eq!(user(4_000_000_000), "uid 4000000000", "a uid without a name");
    }
}
