//! The signals that end a session: SIGTERM, SIGINT and SIGHUP on unix; Ctrl+C,
//! Ctrl+Break and closing the console window on Windows (tokio's signals on both).
//! Either way the loop ends as if the facilitator had quit, so the JSON log is checkpointed.

use std::io;

/// What a signal asks of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Stop (SIGTERM, SIGINT, Ctrl+C, Ctrl+Break): the terminal is still there to restore.
    Stop,
    /// The terminal is gone (SIGHUP, the console window closed): write nothing more to it.
    HangUp,
}

/// The listeners for this platform's ending signals; create once per loop, inside the runtime.
#[derive(Debug)]
pub struct Signals(imp::Listeners);

impl Signals {
    pub fn new() -> io::Result<Signals> {
        imp::Listeners::new().map(Signals)
    }

    /// Resolves when one of them arrives.
    pub async fn recv(&mut self) -> Ending {
        self.0.recv().await
    }
}

/// A write past the file-size limit (`ulimit -f`) raises SIGXFSZ on unix,
/// whose default action kills the process before the journal's error handling
/// sees anything. Ignored, the write fails with EFBIG instead: the console
/// shows it as an unrecorded event and retries. Nothing to do on Windows.
pub fn ignore_file_size_limit() {
    imp::ignore_file_size_limit();
}

#[cfg(unix)]
mod imp {
    use std::io;

    use tokio::signal::unix::{Signal, SignalKind, signal};

    use super::Ending;

    #[derive(Debug)]
    pub struct Listeners {
        terminate: Signal,
        interrupt: Signal,
        hangup: Signal,
    }

    impl Listeners {
        pub fn new() -> io::Result<Listeners> {
            Ok(Listeners {
                terminate: signal(SignalKind::terminate())?,
                interrupt: signal(SignalKind::interrupt())?,
                hangup: signal(SignalKind::hangup())?,
            })
        }

        pub async fn recv(&mut self) -> Ending {
            tokio::select! {
                _ = self.terminate.recv() => Ending::Stop,
                _ = self.interrupt.recv() => Ending::Stop,
                _ = self.hangup.recv() => Ending::HangUp,
            }
        }
    }

    pub fn ignore_file_size_limit() {
        // SAFETY: installs the SIG_IGN disposition for one signal; no handler
        // code runs and no Rust state is touched. Nothing else in the program
        // handles SIGXFSZ, so there is no disposition to preserve.
        unsafe {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        }
    }
}

#[cfg(windows)]
mod imp {
    use std::io;

    use tokio::signal::windows::{CtrlBreak, CtrlC, CtrlClose, ctrl_break, ctrl_c, ctrl_close};

    use super::Ending;

    /// In raw mode Ctrl+C arrives as a key (the keymap asks before quitting);
    /// the ctrl_c event still comes from `GenerateConsoleCtrlEvent` and the like.
    /// Ctrl+Break is always a signal. On a close event Windows waits for the
    /// handler (tokio parks it) for about five seconds, time enough for the checkpoint.
    #[derive(Debug)]
    pub struct Listeners {
        interrupt: CtrlC,
        brk: CtrlBreak,
        close: CtrlClose,
    }

    impl Listeners {
        pub fn new() -> io::Result<Listeners> {
            Ok(Listeners { interrupt: ctrl_c()?, brk: ctrl_break()?, close: ctrl_close()? })
        }

        pub async fn recv(&mut self) -> Ending {
            tokio::select! {
                _ = self.interrupt.recv() => Ending::Stop,
                _ = self.brk.recv() => Ending::Stop,
                _ = self.close.recv() => Ending::HangUp,
            }
        }
    }

    pub fn ignore_file_size_limit() {}
}
