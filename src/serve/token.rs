//! The access token in every URL of `serve`: 128 random bits from the
//! operating system, new for each run unless a token file keeps one, and
//! compared in constant time.

use std::io::Write;
use std::path::Path;

use rand_core::{OsRng, TryRngCore};
use subtle::ConstantTimeEq;

/// 16 bytes: 128 bits, written as 32 hexadecimal digits.
const BYTES: usize = 16;

/// A token as it appears in the URL: lowercase hexadecimal, at least 32 digits.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl std::fmt::Debug for Token {
    /// Never printed by accident (a debug line, a panic message).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

/// Why a token file could not give a token.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("no token of at least 128 bits")]
    Malformed,
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Token {
    /// A new token from the operating system's randomness.
    pub fn random() -> Result<Token, TokenError> {
        let mut bytes = [0u8; BYTES];
        OsRng.try_fill_bytes(&mut bytes).map_err(|err| TokenError::Io(std::io::Error::other(err)))?;
        Ok(Token(bytes.iter().map(|byte| format!("{byte:02x}")).collect()))
    }

    /// A token written by hand or by an earlier run: at least 32 hexadecimal digits.
    pub fn parse(text: &str) -> Result<Token, TokenError> {
        let text = text.trim();
        let hex = text.len() >= 2 * BYTES && text.len() <= 128 && text.bytes().all(|b| b.is_ascii_hexdigit());
        if hex { Ok(Token(text.to_ascii_lowercase())) } else { Err(TokenError::Malformed) }
    }

    /// The token kept in `path` for a whole day; the first run writes a new one
    /// there, readable by its owner only.
    pub fn from_file(path: &Path) -> Result<Token, TokenError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Token::parse(&text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let token = Token::random()?;
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(path)?;
                writeln!(file, "{}", token.0)?;
                file.sync_all()?;
                Ok(token)
            }
            Err(err) => Err(err.into()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `candidate` is this token. Its bytes are compared in constant
    /// time; a candidate of another length is refused at once (the length of
    /// a token is no secret).
    pub fn matches(&self, candidate: &str) -> bool {
        bool::from(self.0.as_bytes().ct_eq(candidate.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_random_token_has_128_bits_and_differs_each_time() {
        let (Ok(one), Ok(two)) = (Token::random(), Token::random()) else { panic!("no randomness") };
        assert_eq!(one.as_str().len(), 32);
        assert!(one.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(one, two);
    }

    #[test]
    fn only_the_same_token_matches() {
        let Ok(token) = Token::parse("00112233445566778899aabbccddeeff") else { panic!("valid") };
        assert!(token.matches("00112233445566778899aabbccddeeff"));
        assert!(!token.matches("00112233445566778899aabbccddeef0"));
        assert!(!token.matches("00112233445566778899aabbccddee"));
        assert!(!token.matches(""));
    }

    #[test]
    fn a_short_or_foreign_token_is_refused() {
        assert!(Token::parse("abc").is_err());
        assert!(Token::parse("zz112233445566778899aabbccddeeff").is_err());
        assert!(Token::parse(" 00112233445566778899AABBCCDDEEFF\n").is_ok());
    }

    #[test]
    fn a_token_file_keeps_its_token_across_runs() {
        let Ok(dir) = tempfile::tempdir() else { panic!("tempdir") };
        let path = dir.path().join("token");
        let (Ok(first), Ok(again)) = (Token::from_file(&path), Token::from_file(&path)) else {
            panic!("token file")
        };
        assert_eq!(first, again);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
            assert_eq!(mode, 0o600);
        }
    }
}
