//! The kinds of failure moderato reports, so the command line can pick an
//! exit code from what went wrong rather than from the wording of a message.

/// What kind of failure a message reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command line asks for something that cannot be done as asked: a
    /// path that does not exist, an unknown station, a console without a terminal.
    Usage,
    /// A file the facilitator wrote (the plan) breaks its rules.
    InvalidInput,
    /// A file moderato wrote (a station log) is damaged or from an unknown version.
    Damaged,
    /// Someone else holds what we need: another console has the station open.
    Conflict,
    /// The operating system refused a read or a write.
    Io,
}
