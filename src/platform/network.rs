//! Whether a journey lies on a network share, where its logs (names, notes,
//! decisions) are stored on someone else's server: a warning at start. The
//! classification is pure; only asking the system for the file system or the
//! drive type is platform code.

use std::path::Path;

use crate::i18n::ConsoleMsg;
use crate::i18n::Msg;

/// The warning for a journey directory on a network share, if it is on one.
/// A path that cannot be examined gives no warning: the store reports real problems.
pub fn network_share_warning(journey_dir: &Path) -> Option<Msg> {
    share_kind(journey_dir).map(|kind| Msg::Console(ConsoleMsg::NetworkShare { kind: kind.to_string() }))
}

/// Network file systems by their Linux `statfs` magic number (see statfs(2)).
pub fn linux_network_fs(magic: u32) -> Option<&'static str> {
    match magic {
        0x6969 => Some("nfs"),
        0x517B => Some("smb"),
        0xFE53_4D42 => Some("smb2"),
        0xFF53_4D42 => Some("cifs"),
        0x5346_414F => Some("afs"),
        0x7375_7245 => Some("coda"),
        0x564C => Some("ncp"),
        0x00C3_6400 => Some("ceph"),
        _ => None,
    }
}

/// Network file systems by the type name BSD and macOS `statfs` give.
pub fn bsd_network_fs(name: &str) -> Option<&'static str> {
    match name {
        "nfs" => Some("nfs"),
        "smbfs" => Some("smb"),
        "afpfs" => Some("afp"),
        "webdav" => Some("webdav"),
        "cifs" => Some("cifs"),
        _ => None,
    }
}

/// Where a Windows path points, as far as sharing goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowsRoot {
    /// `\\server\share\…` or `\\?\UNC\server\share\…`.
    Unc,
    /// A drive letter, which may be mapped to a share.
    Drive(char),
    /// A device path or a relative one.
    Other,
}

/// The root of a Windows path, from its text (so it can be tested anywhere).
pub fn windows_root(path: &str) -> WindowsRoot {
    let drive = |rest: &str| {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(letter), Some(':')) if letter.is_ascii_alphabetic() => {
                WindowsRoot::Drive(letter.to_ascii_uppercase())
            }
            _ => WindowsRoot::Other,
        }
    };
    let unified = path.replace('/', "\\");
    if let Some(rest) = unified.strip_prefix("\\\\?\\") {
        if rest.get(..4).is_some_and(|unc| unc.eq_ignore_ascii_case("UNC\\")) {
            return WindowsRoot::Unc;
        }
        return drive(rest);
    }
    if unified.starts_with("\\\\.\\") {
        return WindowsRoot::Other;
    }
    if unified.starts_with("\\\\") {
        return WindowsRoot::Unc;
    }
    drive(&unified)
}

/// The kind of share a Windows path is on, given whether a drive letter is remote.
pub fn windows_share(root: WindowsRoot, drive_is_remote: impl Fn(char) -> bool) -> Option<&'static str> {
    match root {
        WindowsRoot::Unc => Some("UNC"),
        // A mapped drive letter is an SMB share: named so, the same in every language.
        WindowsRoot::Drive(letter) if drive_is_remote(letter) => Some("SMB"),
        WindowsRoot::Drive(_) | WindowsRoot::Other => None,
    }
}

/// The file system `path` lies on, as the kernel reports it; `None` when it cannot be examined.
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_vendor = "apple",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
))]
fn statfs(path: &Path) -> Option<libc::statfs> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: `c_path` is a valid NUL-terminated string and `stat` is a
    // writable statfs buffer; it is read only after statfs reported success.
    unsafe {
        if libc::statfs(c_path.as_ptr(), stat.as_mut_ptr()) != 0 {
            return None;
        }
        Some(stat.assume_init())
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn share_kind(path: &Path) -> Option<&'static str> {
    // f_type is a signed word of varying width; the magic numbers are 32-bit.
    linux_network_fs(statfs(path)?.f_type as u32)
}

#[cfg(any(target_vendor = "apple", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd"))]
fn share_kind(path: &Path) -> Option<&'static str> {
    // f_fstypename is a NUL-terminated array inside the buffer.
    let stat = statfs(path)?;
    let name: Vec<u8> = stat.f_fstypename.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    bsd_network_fs(std::str::from_utf8(&name).ok()?)
}

#[cfg(windows)]
fn share_kind(path: &Path) -> Option<&'static str> {
    let absolute = std::path::absolute(path).ok()?;
    let root = windows_root(&absolute.to_string_lossy());
    windows_share(root, |letter| {
        use windows_sys::Win32::Storage::FileSystem::GetDriveTypeW;
        const DRIVE_REMOTE: u32 = 4;
        let root: Vec<u16> = format!("{letter}:\\").encode_utf16().chain(Some(0)).collect();
        // SAFETY: `root` is a NUL-terminated UTF-16 string that outlives the call.
        unsafe { GetDriveTypeW(root.as_ptr()) == DRIVE_REMOTE }
    })
}

#[cfg(not(any(
    windows,
    target_os = "linux",
    target_os = "android",
    target_vendor = "apple",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
)))]
fn share_kind(_path: &Path) -> Option<&'static str> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_file_systems_are_recognised_by_linux_magic() {
        assert_eq!(linux_network_fs(0x6969), Some("nfs"));
        assert_eq!(linux_network_fs(0xFF53_4D42), Some("cifs"));
        assert_eq!(linux_network_fs(0xFE53_4D42), Some("smb2"));
        // ext4, tmpfs, btrfs, and 9p (WSL's view of the Windows disk) are local.
        for local in [0xEF53, 0x0102_1994, 0x9123_683E, 0x0102_1997] {
            assert_eq!(linux_network_fs(local), None, "{local:#x}");
        }
    }

    #[test]
    fn network_file_systems_are_recognised_by_bsd_name() {
        assert_eq!(bsd_network_fs("smbfs"), Some("smb"));
        assert_eq!(bsd_network_fs("nfs"), Some("nfs"));
        assert_eq!(bsd_network_fs("afpfs"), Some("afp"));
        assert_eq!(bsd_network_fs("apfs"), None);
        assert_eq!(bsd_network_fs("hfs"), None);
    }

    #[test]
    fn windows_paths_by_their_root() {
        assert_eq!(windows_root(r"\\fileserver\team\journey"), WindowsRoot::Unc);
        assert_eq!(windows_root("//fileserver/team/journey"), WindowsRoot::Unc);
        assert_eq!(windows_root(r"\\?\UNC\fileserver\team"), WindowsRoot::Unc);
        assert_eq!(windows_root(r"C:\Users\ada\journey"), WindowsRoot::Drive('C'));
        assert_eq!(windows_root(r"\\?\h:\journey"), WindowsRoot::Drive('H'));
        assert_eq!(windows_root(r"\\.\pipe\x"), WindowsRoot::Other);
        assert_eq!(windows_root(r"journey"), WindowsRoot::Other);
    }

    #[test]
    fn a_mapped_drive_or_a_unc_path_is_a_share() {
        let h_is_mapped = |letter: char| letter == 'H';
        assert_eq!(windows_share(windows_root(r"H:\journey"), h_is_mapped), Some("SMB"));
        assert_eq!(windows_share(windows_root(r"C:\journey"), h_is_mapped), None);
        assert_eq!(windows_share(windows_root(r"\\srv\share\j"), h_is_mapped), Some("UNC"));
        assert_eq!(windows_share(windows_root("journey"), h_is_mapped), None);
    }

    #[test]
    fn a_local_directory_gives_no_warning() {
        let dir = std::env::temp_dir();
        // The test machine's temp directory is local (tmpfs or disk), never a share.
        assert_eq!(network_share_warning(&dir), None);
    }
}
