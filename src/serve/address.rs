//! The served address beside the logs, for the projection's join view:
//! `logs/<station>.serve`, owner-only like the logs, written while `serve`
//! runs and removed when it ends. The token is in it, so it is never part of
//! the station log: the log is exported, reviewed and kept; this file is not.

use std::io::Write;
use std::path::{Path, PathBuf};

pub fn path(logs: &Path, station: &str) -> PathBuf {
    logs.join(format!("{station}.serve"))
}

/// The file while `serve` runs; dropping it removes the file.
#[derive(Debug)]
pub struct Published(PathBuf);

impl Drop for Published {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Writes `url` to the station's address file (0600, never through a symbolic link).
pub fn publish(logs: &Path, station: &str, url: &str) -> std::io::Result<Published> {
    std::fs::create_dir_all(logs)?;
    let file = path(logs, station);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600),
        libc::O_NOFOLLOW,
    );
    writeln!(options.open(&file)?, "{url}")?;
    Ok(Published(file))
}

/// The address `serve` published for the station, if it runs.
pub fn read(logs: &Path, station: &str) -> Option<String> {
    let file = path(logs, station);
    if std::fs::symlink_metadata(&file).ok()?.file_type().is_symlink() {
        return None;
    }
    let text = std::fs::read_to_string(file).ok()?;
    let url = text.trim();
    (url.starts_with("http://") && !url.contains(char::is_whitespace)).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_there_while_published_and_owner_only() {
        let Ok(dir) = tempfile::tempdir() else { panic!("tempdir") };
        let logs = dir.path().join("logs");
        let Ok(published) = publish(&logs, "koeln", "http://127.0.0.1:8470/00ff/") else { panic!("publish") };
        assert_eq!(read(&logs, "koeln").as_deref(), Some("http://127.0.0.1:8470/00ff/"));
        assert_eq!(read(&logs, "muenchen"), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path(&logs, "koeln")).map(|m| m.permissions().mode() & 0o777);
            assert_eq!(mode.ok(), Some(0o600));
        }
        drop(published);
        assert_eq!(read(&logs, "koeln"), None);
    }
}
