//! Where the bundled demo journey is unpacked: the platform's per-user data
//! directory as the `dirs` crate finds it, `%LOCALAPPDATA%` on Windows,
//! `~/Library/Application Support` on macOS, `$XDG_DATA_HOME` or
//! `~/.local/share` on Linux.
//!
//! Windows: the local, not the roaming, application data. The demo's logs land
//! beside it, and a roaming profile would copy them to the domain's servers at
//! every logoff.

use std::path::{Path, PathBuf};

/// The folder moderato keeps its own data in: `<data dir>/moderato`.
pub fn moderato_data_dir() -> PathBuf {
    moderato_data_dir_in(dirs::data_local_dir().as_deref())
}

/// `<data_dir>/moderato`; without a data directory (no home directory known),
/// `moderato` in the current directory, where the facilitator can see it.
pub fn moderato_data_dir_in(data_dir: Option<&Path>) -> PathBuf {
    data_dir.unwrap_or(Path::new(".")).join("moderato")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moderato_keeps_a_folder_of_its_own() {
        let data = Path::new("/home/ada/.local/share");
        assert_eq!(moderato_data_dir_in(Some(data)), data.join("moderato"));
        assert_eq!(moderato_data_dir_in(None), Path::new(".").join("moderato"));
    }
}
