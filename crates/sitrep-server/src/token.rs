//! The write token: reads are open, every write must carry it in the `X-Sitrep-Token` header.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Name of the header that carries the token.
pub const TOKEN_HEADER: &str = "x-sitrep-token";

/// Where the token came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// The `SITREP_TOKEN` environment variable.
    Env,
    /// Read from the token file beside the database.
    File(PathBuf),
    /// Generated now and stored in the token file (first start).
    Generated(PathBuf),
}

/// The token file of a database: `<db>.token`.
pub fn token_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".token");
    PathBuf::from(s)
}

/// The write token: `env_token` (the value of `SITREP_TOKEN`) when set, else the token stored
/// beside the database, else a new random token written there (readable by the owner only).
pub fn resolve_token(
    db: &Path,
    env_token: Option<String>,
) -> std::io::Result<(String, TokenSource)> {
    if let Some(t) = env_token.map(|t| t.trim().to_string()) {
        if t.len() < 8 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "SITREP_TOKEN is shorter than 8 characters",
            ));
        }
        return Ok((t, TokenSource::Env));
    }
    let path = token_path(db);
    match std::fs::read_to_string(&path) {
        Ok(s) if s.trim().len() >= 8 => return Ok((s.trim().to_string(), TokenSource::File(path))),
        Ok(_) => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "token file {} is empty or too short; delete it to generate a new token",
                    path.display()
                ),
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(std::io::Error::new(
                e.kind(),
                format!("cannot read token file {}: {e}", path.display()),
            ))
        }
    }
    let token = generate_token();
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&path).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("cannot write token file {}: {e}", path.display()),
        )
    })?;
    f.write_all(format!("{token}\n").as_bytes())?;
    Ok((token, TokenSource::Generated(path)))
}

/// 32 random hex digits (from the operating system's random source).
pub fn generate_token() -> String {
    let mut buf = [0u8; 16];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok();
    if !ok {
        // No /dev/urandom: hash what differs between runs and machines.
        let mut h = Sha256::new();
        h.update(format!("{:?}", std::time::SystemTime::now()));
        h.update(std::process::id().to_le_bytes());
        h.update(format!("{:p}", &buf));
        buf.copy_from_slice(&h.finalize()[..16]);
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two tokens in time that does not depend on where they differ.
pub fn tokens_match(given: &str, expected: &str) -> bool {
    let a = Sha256::digest(given.as_bytes());
    let b = Sha256::digest(expected.as_bytes());
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_once_then_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let (t1, s1) = resolve_token(&db, None).unwrap();
        assert!(matches!(s1, TokenSource::Generated(_)));
        assert_eq!(t1.len(), 32);
        let (t2, s2) = resolve_token(&db, None).unwrap();
        assert_eq!(t1, t2);
        assert_eq!(s2, TokenSource::File(dir.path().join("x.db.token")));
        let (t3, s3) = resolve_token(&db, Some("from-the-env".into())).unwrap();
        assert_eq!((t3.as_str(), s3), ("from-the-env", TokenSource::Env));
        assert!(resolve_token(&db, Some("short".into())).is_err());
        assert_ne!(generate_token(), generate_token());
    }

    #[test]
    fn compares_tokens() {
        assert!(tokens_match("abcdefgh", "abcdefgh"));
        assert!(!tokens_match("abcdefgh", "abcdefgi"));
        assert!(!tokens_match("", "abcdefgh"));
    }
}
