//! Platform choices seen from outside: where the bundled demo journey is
//! unpacked when moderato runs outside a clone of its repository. The data
//! directory comes from the `dirs` crate, which reads the platform's inputs
//! (here: environment variables); this checks the choice per platform where
//! those inputs can be set. Windows takes it from the known folder
//! `LocalAppData`, which no environment variable overrides: not covered here.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
// Detaching the child from the terminal (setsid) is unix; so are $HOME and $XDG_DATA_HOME.
#![cfg(unix)]

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Runs `moderato` (the demo) with only `HOME` and maybe `XDG_DATA_HOME` set,
/// from a directory that is not the repository, without a terminal: it
/// unpacks the demo, then stops because there is no terminal to open.
fn run_demo(cwd: &Path, home: &Path, xdg_data_home: Option<&Path>) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_moderato"));
    command
        .args(["--lang", "en"])
        .current_dir(cwd)
        .env_clear()
        .env("HOME", home)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(dir) = xdg_data_home {
        command.env("XDG_DATA_HOME", dir);
    }
    // SAFETY: setsid is async-signal-safe. A new session has no controlling
    // terminal, so moderato cannot take over the terminal running the tests.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let output = command.output().unwrap();
    // Exit 2: without a terminal moderato says it needs one.
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
}

/// The data directory `dirs` should pick on this platform.
fn expected_data_dir(home: &Path, xdg_data_home: Option<&Path>) -> PathBuf {
    if cfg!(target_vendor = "apple") {
        home.join("Library").join("Application Support")
    } else {
        xdg_data_home.map_or_else(|| home.join(".local").join("share"), Path::to_path_buf)
    }
}

#[test]
fn the_demo_is_unpacked_into_the_platforms_data_directory() {
    for with_xdg in [true, false] {
        let tmp = tempfile::tempdir().unwrap();
        let (cwd, home, xdg) = (tmp.path().join("cwd"), tmp.path().join("home"), tmp.path().join("xdg"));
        for dir in [&cwd, &home, &xdg] {
            std::fs::create_dir(dir).unwrap();
        }
        let xdg = with_xdg.then_some(xdg.as_path());
        run_demo(&cwd, &home, xdg);
        let plan = expected_data_dir(&home, xdg).join("moderato/digitaljourney-2022/journey.toml");
        assert!(plan.is_file(), "no demo at {} (XDG_DATA_HOME set: {with_xdg})", plan.display());
        assert!(!cwd.join("moderato").exists(), "the demo went to the current directory");
    }
}
