//! The one writer every command prints through. A reader that goes away (`| head`) ends the
//! command quietly with the conventional exit code of a closed pipe (141, 128 + SIGPIPE); any
//! other write error (`> /dev/full`) is said on standard error and exits 2. Nothing panics on
//! output: there is no `println!` in the shell.

use std::io::{self, BufWriter, Stdout, Write};
use std::process::ExitCode;

/// The exit code of a command whose reader went away.
pub const CLOSED_PIPE: u8 = 141;

/// Why printing stopped.
#[derive(Debug)]
pub enum Stop {
    /// The reader closed the pipe: stop quietly.
    Closed,
    /// Writing failed otherwise (a full disk, a closed terminal).
    Failed(io::Error),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Stop::Closed
        } else {
            Stop::Failed(e)
        }
    }
}

impl Stop {
    /// The exit code for this stop, after saying why on standard error when it is a failure.
    #[must_use]
    pub fn exit_code(self) -> ExitCode {
        match self {
            Stop::Closed => ExitCode::from(CLOSED_PIPE),
            Stop::Failed(e) => {
                say(&format!("yoken: cannot write the output: {e}"));
                ExitCode::from(2)
            }
        }
    }
}

/// Standard output, buffered; every write reports a [`Stop`].
pub struct Output {
    out: BufWriter<Stdout>,
}

impl Output {
    /// Standard output.
    #[must_use]
    pub fn stdout() -> Self {
        Self {
            out: BufWriter::with_capacity(64 * 1024, io::stdout()),
        }
    }

    /// Writes `text` as it is.
    pub fn text(&mut self, text: &str) -> Result<(), Stop> {
        self.out.write_all(text.as_bytes()).map_err(Stop::from)
    }

    /// Writes `text` and a line break.
    pub fn line(&mut self, text: &str) -> Result<(), Stop> {
        self.text(text)?;
        self.text("\n")
    }

    /// Sends everything written so far on (a streaming command calls this after each result).
    pub fn flush(&mut self) -> Result<(), Stop> {
        self.out.flush().map_err(Stop::from)
    }

    /// Flushes and turns the outcome into the command's exit code (`code` when all was written).
    #[must_use]
    pub fn finish(mut self, code: ExitCode) -> ExitCode {
        match self.flush() {
            Ok(()) => code,
            Err(stop) => stop.exit_code(),
        }
    }
}

/// A line on standard error; if even that cannot be written there is no one left to tell.
pub fn say(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}
