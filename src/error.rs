//! Errors that name the file (and line) and say what to do.

use std::path::{Path, PathBuf};

/// Errors the user can fix in their files. Everything else travels as
/// `anyhow::Error` with context naming the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem in zinepress.toml or a layout file: exit code 2.
    #[error("{}{}: {message}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Config {
        file: PathBuf,
        line: Option<usize>,
        message: String,
    },
    /// A command-line mistake: exit code 2.
    #[error("{0}")]
    Usage(String),
    /// A source or asset that cannot be used: exit code 1.
    #[error("{}{}: {message}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Input {
        file: PathBuf,
        line: Option<usize>,
        message: String,
    },
}

impl Error {
    pub fn config(file: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Error::Config {
            file: file.to_path_buf(),
            line,
            message: message.into(),
        }
    }
    pub fn input(file: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Error::Input {
            file: file.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// The same message as a configuration error (exit code 2): for a file
    /// named in zinepress.toml or a layout, refused before any zine is built.
    pub fn into_config(self) -> Self {
        match self {
            Error::Input {
                file,
                line,
                message,
            } => Error::Config {
                file,
                line,
                message,
            },
            other => other,
        }
    }

    /// Converts a TOML parse error into a config error with its line number.
    pub fn from_toml(file: &Path, text: &str, err: &toml::de::Error) -> Self {
        let line = err.span().map(|span| line_of_offset(text, span.start));
        Error::config(file, line, err.message().trim().to_string())
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Config { .. } | Error::Usage(_) => 2,
            Error::Input { .. } => 1,
        }
    }
}

/// 1-based line number of a byte offset.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_errors_carry_line_and_key() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            a: u32,
        }
        let text = "\n\nb = 1\n";
        let err = toml::from_str::<T>(text).unwrap_err();
        let e = Error::from_toml(Path::new("x.toml"), text, &err);
        let msg = e.to_string();
        assert!(msg.starts_with("x.toml:3:"), "{msg}");
        assert!(msg.contains("`b`"), "{msg}");
        assert_eq!(e.exit_code(), 2);
    }
}
