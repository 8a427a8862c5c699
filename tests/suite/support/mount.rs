//! Mounts made by the tests (a read-only bind, a small tmpfs), where `mount` is permitted.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A mount in this test's temp dir, undone when dropped. `None` when mounting is not permitted.
pub struct Mount(PathBuf);

impl Mount {
    pub fn new(steps: &[&[&str]], target: &Path) -> Option<Mount> {
        for (number, args) in steps.iter().enumerate() {
            let output = Command::new("mount").args(*args).arg(target).output();
            if !output.is_ok_and(|out| out.status.success()) {
                if number > 0 {
                    drop(Mount(target.to_path_buf()));
                }
                return None;
            }
        }
        Some(Mount(target.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}
