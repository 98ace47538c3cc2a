//! A child process's exit and its peak memory, from the kernel's own accounting (`wait4`).

use std::process::Command;

/// Whether `command` (its output discarded) succeeded, and its peak resident set in KiB.
#[allow(clippy::zombie_processes)] // reaped by `wait4`, which also reports the peak memory
pub fn run_measured(command: &mut Command) -> (bool, i64) {
    let child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; `usage` is a valid, writable rusage.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    (status == 0, usage.ru_maxrss)
}
