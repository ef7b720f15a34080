//! The server's log lines, written to standard error in batches: a request's thread formats its
//! line and appends it to a shared buffer, and a thread of its own writes the buffer out every
//! [`EVERY`] (or the request's thread does at once when it grows past [`FULL`]). A line written
//! straight from the request's thread was a system call per request (under load, 7–13 % of the
//! server's throughput: `YOKEN_LOG=warn` against the default, `oha` on the half-filled form),
//! and a queue that woke a writer thread for each line cost as much again.
//!
//! No line is dropped and none waits long: a line is out within [`EVERY`]; a buffer past
//! [`FULL`] is written by the request's thread itself, in order with the batches; and
//! [`LogThread::finish`] (on shutdown) writes what is left, a line after it going out directly.
//! Only a process killed outright (`SIGKILL`, an abort) loses its last [`EVERY`] of lines.
//!
//! Owns: getting log lines to standard error. Must not know: what a line says.

use std::io::{self, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;
use tracing_subscriber::fmt::MakeWriter;

/// How often the writer thread writes the lines that have come.
const EVERY: Duration = Duration::from_millis(50);
/// A buffer this large is written at once, by the thread whose line made it so.
const FULL: usize = 256 * 1024;

/// The lines not yet written, and whether the writer thread has stopped.
#[derive(Default)]
struct Pending {
    text: Vec<u8>,
    stopped: bool,
}

/// Where lines are written (standard error; a test's sink).
type Out = Box<dyn Fn() -> Box<dyn Write> + Send + Sync>;

/// The buffer shared by the request threads and the writer thread.
struct Shared {
    pending: Mutex<Pending>,
    /// Wakes the writer thread early, to stop.
    wake: Condvar,
    /// Held while lines are written out, taken while `pending` is held: lines taken from the
    /// buffer earlier are written earlier.
    writing: Mutex<()>,
    out: Out,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Pending> {
        // A thread that panicked holding the lock left whole lines or none.
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn writing(&self) -> MutexGuard<'_, ()> {
        self.writing.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Where the subscriber writes its lines: the shared buffer.
#[derive(Clone)]
pub struct LogLines {
    shared: Arc<Shared>,
}

/// The writer thread; [`LogThread::finish`] writes out every line and stops it.
pub struct LogThread {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl LogLines {
    /// Starts the writer thread; lines go to standard error. `None` if no thread can be started
    /// (then the caller writes lines directly).
    #[must_use]
    pub fn start() -> Option<(Self, LogThread)> {
        Self::start_to(Box::new(|| Box::new(io::stderr())))
    }

    /// [`LogLines::start`], writing to what `out` makes.
    fn start_to(out: Out) -> Option<(Self, LogThread)> {
        let shared = Arc::new(Shared {
            pending: Mutex::default(),
            wake: Condvar::new(),
            writing: Mutex::default(),
            out,
        });
        let thread = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("yoken-log".to_owned())
                .spawn(move || write_every(&shared))
                .ok()?
        };
        Some((
            Self {
                shared: Arc::clone(&shared),
            },
            LogThread {
                shared,
                thread: Some(thread),
            },
        ))
    }
}

/// The writer thread's loop: every [`EVERY`] (or when told to stop), take the lines that have
/// come and write them.
fn write_every(shared: &Shared) {
    let mut batch = Vec::new();
    loop {
        let (stopped, writing) = {
            let mut pending = shared.lock();
            if !pending.stopped {
                pending = shared
                    .wake
                    .wait_timeout(pending, EVERY)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
            // Taken before the buffer is let go: a full buffer written by a request's thread
            // meanwhile (newer lines) waits for this batch.
            let writing = shared.writing();
            std::mem::swap(&mut batch, &mut pending.text);
            (pending.stopped, writing)
        };
        if !batch.is_empty() {
            // A log that cannot be written has nowhere to say so.
            let _ = (shared.out)().write_all(&batch);
            batch.clear();
        }
        drop(writing);
        if stopped {
            return;
        }
    }
}

impl LogThread {
    /// Writes out every line so far and stops the thread; later lines are written directly.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(thread) = self.thread.take() {
            self.shared.lock().stopped = true;
            self.shared.wake.notify_one();
            let _ = thread.join();
        }
    }
}

impl Drop for LogThread {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One line on its way to the buffer, added when the subscriber has written it.
pub struct Line<'a> {
    text: Vec<u8>,
    shared: &'a Shared,
}

impl Write for Line<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Line<'_> {
    fn drop(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let mut pending = self.shared.lock();
        if pending.stopped {
            // After `finish`: written directly.
            drop(pending);
            let _ = (self.shared.out)().write_all(&self.text);
            return;
        }
        pending.text.extend_from_slice(&self.text);
        if pending.text.len() >= FULL {
            // Written here, after any batch the writer thread took earlier, and before any line
            // added later (the buffer stays locked until the write is done).
            let _writing = self.shared.writing();
            let _ = (self.shared.out)().write_all(&pending.text);
            pending.text.clear();
        }
    }
}

impl<'a> MakeWriter<'a> for LogLines {
    type Writer = Line<'a>;

    fn make_writer(&'a self) -> Line<'a> {
        Line {
            text: Vec::with_capacity(256),
            shared: &self.shared,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Standard error stand-in: what was written, and how many writes it took.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<(Vec<u8>, usize)>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let mut s = self.0.lock().unwrap();
            s.0.extend_from_slice(buf);
            s.1 += 1;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// A writer thread writing to a [`Sink`].
    fn started() -> (Sink, LogLines, LogThread) {
        let sink = Sink::default();
        let to = sink.clone();
        let (make, thread) = LogLines::start_to(Box::new(move || Box::new(to.clone()))).unwrap();
        (sink, make, thread)
    }

    /// Four threads each write `lines` lines of `pad` bytes at once; returns what was written
    /// and in how many writes, after checking every line is whole and each thread's lines are in
    /// the order it wrote them.
    fn written_in_order(lines: usize, pad: usize) -> usize {
        let (sink, make, thread) = started();
        let senders: Vec<_> = (0..4)
            .map(|t| {
                let make = make.clone();
                std::thread::spawn(move || {
                    for i in 0..lines {
                        let mut line = make.make_writer();
                        writeln!(line, "{t} {i} {}", "x".repeat(pad)).unwrap();
                    }
                })
            })
            .collect();
        for w in senders {
            w.join().unwrap();
        }
        thread.finish();
        let (text, writes) = sink.0.lock().unwrap().clone();
        let text = String::from_utf8(text).unwrap();
        let padding = "x".repeat(pad);
        for t in 0..4 {
            let prefix = format!("{t} ");
            let mine: Vec<&str> = text.lines().filter(|l| l.starts_with(&prefix)).collect();
            let expected: Vec<String> = (0..lines).map(|i| format!("{t} {i} {padding}")).collect();
            assert_eq!(mine, expected);
        }
        assert_eq!(text.lines().count(), 4 * lines);
        // After the end, lines no longer go to the buffer.
        assert!(make.shared.lock().stopped);
        writes
    }

    #[test]
    fn lines_past_a_full_buffer_are_written_whole_and_in_order() {
        // 4 × 3000 lines of ≈ 210 bytes: ≈ 2.5 MB, so request threads write full buffers too.
        let writes = written_in_order(3000, 200);
        assert!(writes >= 2, "{writes} writes");
    }

    #[test]
    fn every_line_is_written_whole_and_in_order_and_finish_writes_the_rest() {
        let writes = written_in_order(500, 0);
        // Batched: far fewer writes than lines (a write per 50 ms at most, and the last).
        assert!(writes < 2000, "{writes} writes for 2000 lines");
    }

    #[test]
    fn finish_writes_a_line_at_once_without_waiting_for_the_period() {
        let (sink, make, thread) = started();
        let mut line = make.make_writer();
        line.write_all(b"served\n").unwrap();
        drop(line);
        thread.finish();
        assert_eq!(sink.0.lock().unwrap().0, b"served\n");
    }
}
