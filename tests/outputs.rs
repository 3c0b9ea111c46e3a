//! Files written for sending, through the real binary (issue 30, findings 6
//! and 13): `--force` keeps a replaced file's permissions and refuses
//! anything but a regular file, and a failed CSV export leaves nothing behind,
//! not even the directory it made.
#![allow(clippy::unwrap_used)] // a test that cannot set up its files should fail loudly
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journey")
}

fn moderato(args: &[&str], output: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_moderato"));
    command.args(["--lang", "en"]).args(&args[..1]).arg(fixture()).args(&args[1..]).arg("-o").arg(output);
    command
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn force_keeps_the_permissions_of_the_file_it_replaces() {
    let temp = tempfile::tempdir().unwrap();
    let agenda = temp.path().join("agenda.md");
    fs::write(&agenda, "old").unwrap();
    fs::set_permissions(&agenda, fs::Permissions::from_mode(0o600)).unwrap();
    let done = moderato(&["agenda", "--format", "md", "--force"], &agenda).output().unwrap();
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert_ne!(fs::read_to_string(&agenda).unwrap(), "old");
    assert_eq!(mode(&agenda), 0o600);

    let figures = temp.path().join("figures");
    fs::create_dir(&figures).unwrap();
    fs::write(figures.join("blocks.csv"), "old").unwrap();
    fs::set_permissions(figures.join("blocks.csv"), fs::Permissions::from_mode(0o640)).unwrap();
    let done = moderato(&["export", "--format", "csv", "--force"], &figures).output().unwrap();
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert_eq!(mode(&figures.join("blocks.csv")), 0o640);
}

#[test]
fn force_refuses_anything_but_a_regular_file() {
    let temp = tempfile::tempdir().unwrap();
    let fifo = temp.path().join("agenda.md");
    let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    for args in [&["agenda", "--format", "md", "--force"][..], &["export", "--format", "md", "--force"][..]] {
        let refused = moderato(args, &fifo).output().unwrap();
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(stderr.contains("is not a regular file"), "{stderr}");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO is still there");
    }
    let link = temp.path().join("link.md");
    std::os::unix::fs::symlink(temp.path().join("elsewhere.md"), &link).unwrap();
    let refused = moderato(&["agenda", "--format", "md", "--force"], &link).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

/// Runs `command` with every file it writes limited to `bytes`, as a full disk would.
fn with_full_disk(mut command: Command, bytes: u64) -> Output {
    // SAFETY: only async-signal-safe libc calls between fork and exec; an
    // ignored SIGXFSZ stays ignored across exec, so a write past the limit
    // fails with EFBIG instead of ending the process.
    unsafe {
        command.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit { rlim_cur: bytes, rlim_max: libc::RLIM_INFINITY };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.output().unwrap()
}

#[test]
fn a_failed_csv_export_removes_the_directory_it_made() {
    let temp = tempfile::tempdir().unwrap();
    let figures = temp.path().join("new").join("figures");
    let failed = with_full_disk(moderato(&["export", "--format", "csv"], &figures), 100);
    assert_eq!(failed.status.code(), Some(1), "{}", String::from_utf8_lossy(&failed.stderr));
    assert!(!temp.path().join("new").exists(), "the directories made for the export are gone");
    // A directory that was there stays, empty as it was.
    fs::create_dir(temp.path().join("kept")).unwrap();
    let failed = with_full_disk(moderato(&["export", "--format", "csv"], &temp.path().join("kept")), 100);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(fs::read_dir(temp.path().join("kept")).unwrap().count(), 0);
}
