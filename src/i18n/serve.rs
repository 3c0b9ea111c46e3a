//! Texts of `serve`: its command line, what it prints, and the few words the
//! group screens read besides the projection's own.
use super::Lang;

/// Short words of `serve`: its command-line help and the pages' fixed words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ServeLabel {
    About,
    StationHelp,
    ListenHelp,
    LanHelp,
    TokenFileHelp,
    /// While the page waits for the server to come back.
    ConnectionLost,
    /// The page listing the groups, and its link.
    Groups,
    /// The link from a group's page back to the room's view.
    RoomView,
    /// The groups page when nothing runs in groups.
    NoGroups,
    /// Without JavaScript the page cannot follow the room.
    NeedsScript,
    /// Above the link list on the join scene and the groups page.
    JoinHint,
    /// Before the addresses it listens on.
    ListensOn,
    /// Before the address to open.
    OpenIn,
    /// The console's key: its line in `?` help.
    KeyServe,
    /// The console's overlay: its title.
    OverlayTitle,
    /// The console's overlay: how to close it, and that serving goes on.
    OverlayHint,
    /// The projection's join view when no serve runs for the station.
    NotServing,
    /// `h` in mirror mode: the address with its token is shown in the console only.
    NotInMirror,
}

impl ServeLabel {
    /// The label in the given language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            ServeLabel::About => (
                "Die Ansicht der Leinwand und jeder Gruppe für Browser im lokalen Netz (nur lesend)",
                "The room's view and each group's view for browsers on the local network (read-only)",
            ),
            ServeLabel::StationHelp => ("Die Station, die gezeigt wird", "The station to show"),
            ServeLabel::ListenHelp => (
                "Adresse und Port (Standard 127.0.0.1:8470; nur dieser Rechner)",
                "Address and port (default 127.0.0.1:8470: this computer only)",
            ),
            ServeLabel::LanHelp => (
                "Im lokalen Netz erreichbar (alle Adressen dieses Rechners)",
                "Reachable on the local network (every address of this computer)",
            ),
            ServeLabel::TokenFileHelp => (
                "Den Zugangsschlüssel aus dieser Datei lesen (oder dort anlegen): dieselbe Adresse für den ganzen Tag",
                "Read the access token from this file (or create it there): the same address for the whole day",
            ),
            ServeLabel::ConnectionLost => ("Verbindung unterbrochen", "Connection lost"),
            ServeLabel::Groups => ("Gruppen", "Groups"),
            ServeLabel::RoomView => ("Leinwand", "The room's screen"),
            ServeLabel::NoGroups => {
                ("Gerade arbeiten keine Gruppen parallel.", "No groups are working in parallel right now.")
            }
            ServeLabel::NeedsScript => (
                "Diese Seite braucht JavaScript, um der Station zu folgen.",
                "This page needs JavaScript to follow the station.",
            ),
            ServeLabel::JoinHint => (
                "Code scannen oder Adresse öffnen, dann die eigene Gruppe wählen",
                "Scan the code or open the address, then choose your group",
            ),
            ServeLabel::ListensOn => ("Erreichbar unter", "Listening on"),
            ServeLabel::OpenIn => ("Im Browser öffnen", "Open in a browser"),
            ServeLabel::KeyServe => (
                "Gruppenbildschirme im Browser (Adresse, QR-Code)",
                "group screens in a browser (address, QR code)",
            ),
            ServeLabel::NotServing => (
                "Keine Gruppenbildschirme: „moderato serve“ oder h in der Konsole startet sie. j zurück.",
                "No group screens: “moderato serve” or h in the console starts them. j goes back.",
            ),
            ServeLabel::NotInMirror => (
                "Gruppenbildschirme werden in der Konsole gestartet: erst p drücken.",
                "Group screens are started in the console: press p first.",
            ),
            ServeLabel::OverlayTitle => ("Gruppenbildschirme im Browser", "Group screens in a browser"),
            ServeLabel::OverlayHint => (
                "Esc schließt; die Seiten laufen weiter, bis die Konsole endet",
                "Esc closes this; the pages go on until the console ends",
            ),
        };
        if lang == Lang::De { de } else { en }
    }
}

/// What `serve` says on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ServeMsg {
    /// The address could not be bound (taken, or not this computer's).
    CannotListen { address: String, reason: String },
    /// The token file exists but holds no token of at least 128 bits.
    BadTokenFile { path: String },
    /// The token file could not be read or written.
    TokenFileIo { path: String, reason: String },
    /// An address other machines can reach, without `--lan`.
    NeedsLan { address: String },
    /// The operating system gave no randomness for the token.
    NoRandomness { reason: String },
    /// After start: where it listens and which address to open.
    Serving { addresses: Vec<String>, url: String },
}

impl ServeMsg {
    /// The message in the given language.
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            ServeMsg::CannotListen { address, reason } => super::pick(
                de,
                format!(
                    "Kann nicht unter {address} empfangen: {reason}. Einen anderen Port mit --listen wählen."
                ),
                format!("Cannot listen on {address}: {reason}. Choose another port with --listen."),
            ),
            ServeMsg::BadTokenFile { path } => super::pick(
                de,
                format!(
                    "{path} enthält keinen Zugangsschlüssel (mindestens 32 Hexadezimalziffern). Die Datei löschen: serve legt dann einen neuen an."
                ),
                format!(
                    "{path} holds no access token (at least 32 hexadecimal digits). Delete the file: serve then writes a new one."
                ),
            ),
            ServeMsg::TokenFileIo { path, reason } => super::pick(
                de,
                format!("Zugangsschlüssel in {path} nicht lesbar oder schreibbar: {reason}"),
                format!("Cannot read or write the access token in {path}: {reason}"),
            ),
            ServeMsg::NeedsLan { address } => super::pick(
                de,
                format!("{address} ist von anderen Rechnern erreichbar: dafür --lan angeben."),
                format!("{address} is reachable from other computers: add --lan for that."),
            ),
            ServeMsg::NoRandomness { reason } => super::pick(
                de,
                format!("Kein Zufall vom Betriebssystem für den Zugangsschlüssel: {reason}"),
                format!("No randomness from the operating system for the access token: {reason}"),
            ),
            ServeMsg::Serving { addresses, url } => {
                let (listens, open, stop) = if de {
                    (ServeLabel::ListensOn.text(lang), ServeLabel::OpenIn.text(lang), "Beenden mit Strg+C.")
                } else {
                    (ServeLabel::ListensOn.text(lang), ServeLabel::OpenIn.text(lang), "Stop with Ctrl+C.")
                };
                format!("{listens}: {}\n{open}: {url}\n{stop}", addresses.join(", "))
            }
        }
    }
}
