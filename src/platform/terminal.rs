//! The terminal going away under the program (window closed, ssh dropped):
//! how to recognise it, so that the loop ends like a hang-up instead of
//! reporting an error to a terminal nobody reads.

use std::io;

/// Whether a read or write on the terminal failed because the terminal is gone.
/// On unix a hung-up tty answers EIO (ENXIO on some systems); a closed
/// console or pipe reads as a broken pipe everywhere.
pub fn is_gone(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::BrokenPipe || err.raw_os_error().is_some_and(gone_code)
}

#[cfg(unix)]
fn gone_code(code: i32) -> bool {
    code == libc::EIO || code == libc::ENXIO
}

#[cfg(not(unix))]
fn gone_code(_code: i32) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_pipe_means_the_terminal_is_gone() {
        assert!(is_gone(&io::Error::from(io::ErrorKind::BrokenPipe)));
        assert!(!is_gone(&io::Error::from(io::ErrorKind::PermissionDenied)));
        assert!(!is_gone(&io::Error::other("resize failed")));
    }

    #[cfg(unix)]
    #[test]
    fn a_hung_up_tty_answers_eio() {
        assert!(is_gone(&io::Error::from_raw_os_error(libc::EIO)));
        assert!(is_gone(&io::Error::from_raw_os_error(libc::ENXIO)));
        assert!(!is_gone(&io::Error::from_raw_os_error(libc::EINTR)));
        assert!(!is_gone(&io::Error::from_raw_os_error(libc::ENOSPC)));
    }
}
