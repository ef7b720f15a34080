//! What `yoken check` reads, one form at a time and only when it is wanted (a batch is never held
//! whole): files, directories (every *.json and *.jsonl under them, in name order), `-` for
//! standard input, and JSON Lines (one form per line).
//!
//! A directory walk follows links but visits each real directory and file once (by device and
//! inode), so a link loop ends; something that is not a regular file (a pipe, a socket) is
//! reported, not opened; a file over the size limit is reported, not read. A JSON Lines file may
//! be any length: each line is one form, held to the size limit.

use std::collections::HashSet;
use std::fs::{File, Metadata};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};
use yoken::{Code, Message};

/// One form to check: where it came from and its text, or why it could not be read.
pub struct Item {
    /// `file.json`, `batch.jsonl:12`, `-`.
    pub source: String,
    /// The form's JSON text, or the refusal.
    pub text: Result<Vec<u8>, (Code, Message)>,
}

impl Item {
    fn refused(source: String, code: Code, ja: String, en: String) -> Self {
        Self {
            source,
            text: Err((code, Message::new(ja, en))),
        }
    }
}

/// A source still to be read.
enum Pending {
    /// A path named on the command line, or found in a directory (`walked`).
    Path { path: PathBuf, walked: bool },
    /// A directory's entries, sorted by name, still to visit.
    Dir(std::vec::IntoIter<PathBuf>),
    /// The rest of a JSON Lines stream.
    Lines {
        source: String,
        reader: Box<dyn BufRead + Send>,
        line: usize,
    },
}

/// The forms named by the command line, read lazily in order.
pub struct Inputs {
    queue: Vec<Pending>,
    jsonl: bool,
    max_bytes: u64,
    seen: HashSet<(u64, u64)>,
}

impl Inputs {
    /// The forms named by `inputs`; `jsonl` reads every file (and stdin) as JSON Lines; a form
    /// over `max_bytes` is refused unread.
    #[must_use]
    pub fn new(inputs: &[String], jsonl: bool, max_bytes: u64) -> Self {
        let queue = inputs
            .iter()
            .rev()
            .map(|i| Pending::Path {
                path: PathBuf::from(i),
                walked: false,
            })
            .collect();
        Self {
            queue,
            jsonl,
            max_bytes,
            seen: HashSet::new(),
        }
    }

    /// Whether this real file or directory was visited already (a link leads back to it).
    fn visited(&mut self, meta: &Metadata) -> bool {
        !self.seen.insert((meta.dev(), meta.ino()))
    }

    fn too_large(&self, source: String, what: &str) -> Item {
        let limit = self.max_bytes;
        Item::refused(
            source,
            Code::InputTooLarge,
            format!("{what}は1件のフォームとして読む上限（{limit}バイト、--max-file-size）を超えるため読みません。"),
            format!("{what} is larger than one form may be ({limit} bytes, --max-file-size); it was not read."),
        )
    }

    /// Reads a whole form from `reader`, at most the limit.
    fn read_form(&self, source: String, reader: impl Read) -> Item {
        let mut text = Vec::new();
        match reader.take(self.max_bytes + 1).read_to_end(&mut text) {
            Ok(n) if n as u64 > self.max_bytes => self.too_large(source, "フォーム"),
            Ok(_) => Item {
                source,
                text: Ok(text),
            },
            Err(e) => unreadable(source, &e),
        }
    }

    /// The next line of a JSON Lines stream that is not blank, or `None` at its end.
    fn next_line(
        &mut self,
        source: &str,
        reader: &mut dyn BufRead,
        line: &mut usize,
    ) -> Option<Item> {
        loop {
            *line += 1;
            let at = format!("{source}:{line}");
            let mut text = Vec::new();
            let limit = self.max_bytes + 1;
            match reader.take(limit).read_until(b'\n', &mut text) {
                Ok(0) => return None,
                Ok(n) if n as u64 >= limit && text.last() != Some(&b'\n') => {
                    // Skip the rest of the over-long line without holding it.
                    let mut rest = Vec::new();
                    loop {
                        rest.clear();
                        match reader.take(64 * 1024).read_until(b'\n', &mut rest) {
                            Ok(0) => break,
                            Ok(_) if rest.last() == Some(&b'\n') => break,
                            Ok(_) => {}
                            Err(e) => return Some(unreadable(at, &e)),
                        }
                    }
                    return Some(self.too_large(at, "この行"));
                }
                Ok(_) => {
                    if text.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    while text.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                        text.pop();
                    }
                    return Some(Item {
                        source: at,
                        text: Ok(text),
                    });
                }
                Err(e) => return Some(unreadable(at, &e)),
            }
        }
    }

    /// The item for a path, pushing a directory's entries or a JSON Lines stream onto the queue.
    fn open(&mut self, path: &Path, walked: bool) -> Option<Item> {
        let source = path.display().to_string();
        if path.as_os_str() == "-" && !walked {
            if self.jsonl {
                self.queue.push(Pending::Lines {
                    source,
                    reader: Box::new(BufReader::new(std::io::stdin())),
                    line: 0,
                });
                return None;
            }
            return Some(self.read_form(source, std::io::stdin().lock()));
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return Some(unreadable(source, &e)),
        };
        if meta.is_dir() {
            if !self.visited(&meta) {
                match sorted_entries(path) {
                    Ok(entries) => self.queue.push(Pending::Dir(entries.into_iter())),
                    Err(e) => return Some(unreadable(source, &e)),
                }
            }
            return None;
        }
        let is_form = path
            .extension()
            .is_some_and(|e| e == "json" || e == "jsonl");
        if walked && !is_form {
            return None;
        }
        if walked && !meta.is_file() {
            let kind = meta.file_type();
            let what = if kind.is_fifo() {
                ("パイプ", "a pipe")
            } else if kind.is_socket() {
                ("ソケット", "a socket")
            } else {
                ("デバイス", "a device")
            };
            return Some(Item::refused(
                source.clone(),
                Code::InputNotAFile,
                format!(
                    "{source}は通常のファイルではない（{}）ため、読みません。",
                    what.0
                ),
                format!(
                    "{source} is not a regular file ({}); it was not read.",
                    what.1
                ),
            ));
        }
        // A file reached again through a link is checked once; one named twice, twice.
        if meta.is_file() && self.visited(&meta) && walked {
            return None;
        }
        let jsonl = self.jsonl || path.extension().is_some_and(|e| e == "jsonl");
        if !jsonl && meta.is_file() && meta.len() > self.max_bytes {
            return Some(self.too_large(source.clone(), &source));
        }
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => return Some(unreadable(source, &e)),
        };
        if jsonl {
            self.queue.push(Pending::Lines {
                source,
                reader: Box::new(BufReader::new(file)),
                line: 0,
            });
            return None;
        }
        Some(self.read_form(source, file))
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            match self.queue.pop()? {
                Pending::Path { path, walked } => {
                    if let Some(item) = self.open(&path, walked) {
                        return Some(item);
                    }
                }
                Pending::Dir(mut entries) => {
                    if let Some(path) = entries.next() {
                        self.queue.push(Pending::Dir(entries));
                        self.queue.push(Pending::Path { path, walked: true });
                    }
                }
                Pending::Lines {
                    source,
                    mut reader,
                    mut line,
                } => {
                    if let Some(item) = self.next_line(&source, reader.as_mut(), &mut line) {
                        self.queue.push(Pending::Lines {
                            source,
                            reader,
                            line,
                        });
                        return Some(item);
                    }
                }
            }
        }
    }
}

/// A directory's entries, sorted by name (so a batch is checked in the same order every time).
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    Ok(entries)
}

/// "cannot read FILE: …" for an I/O error.
fn unreadable(source: String, e: &std::io::Error) -> Item {
    let (ja, en) = (
        format!("{source}を読めません：{e}"),
        format!("cannot read {source}: {e}"),
    );
    Item::refused(source, Code::InputUnreadable, ja, en)
}
