//! What the benchmarks share: where the project's files are, and the release
//! binary they drive (this package is a workspace member of its own, so the
//! binary is built by cargo on request rather than named by `CARGO_BIN_EXE_`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The project's top directory (the benchmarks' package sits in `benches/`).
pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The bundled demo journey.
pub fn demo() -> PathBuf {
    root().join("sessions/digitaljourney-2022")
}

/// Builds moderato's release binary once per run (a no-op when it is up to date) and returns its path.
///
/// # Panics
/// When cargo cannot build it: a benchmark that cannot set up stops loudly.
pub fn release_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(build_release_binary).clone()
}

#[allow(clippy::expect_used)]
fn build_release_binary() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--package", "moderato", "--bin", "moderato"])
        .current_dir(root())
        .status()
        .expect("cargo could not be started");
    assert!(status.success(), "cargo build --release failed");
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    target.join("release").join(format!("moderato{}", std::env::consts::EXE_SUFFIX))
}
