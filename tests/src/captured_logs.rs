//! Everything the process logs, kept for a test to read: for tests that check what a log says,
//! and what it never says (tokens, personal numbers). One per test binary: it becomes the
//! process's global subscriber.

use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
pub struct CapturedLogs(Arc<Mutex<Vec<u8>>>);

impl CapturedLogs {
    /// Installs the global subscriber at `filter` (e.g. "debug") and returns what it records.
    pub fn install(filter: &str) -> CapturedLogs {
        let captured = CapturedLogs::default();
        let writer = captured.clone();
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(move || writer.clone())
            .init();
        captured
    }

    /// Everything logged since the last call.
    pub fn take(&self) -> String {
        String::from_utf8_lossy(&std::mem::take(&mut *self.0.lock().unwrap())).into_owned()
    }
}

impl Write for CapturedLogs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
