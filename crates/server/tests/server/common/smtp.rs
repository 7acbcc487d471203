//! An SMTP relay on loopback (tests/smtp_sink.py, Debian's python3-aiosmtpd) that keeps what it accepts as
//! `.eml` files, for the newsletter tests and the several-instances tests.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// An SMTP relay on loopback that keeps every message it accepts.
pub struct Sink {
    child: Child,
    pub dir: TempDir,
}

impl Sink {
    pub fn start(port: u16, hold_after: Option<usize>) -> Sink {
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/server/smtp_sink.py");
        let mut cmd = Command::new("/usr/bin/python3");
        cmd.arg(script)
            .arg("--port")
            .arg(port.to_string())
            .arg("--dir")
            .arg(dir.path());
        if let Some(n) = hold_after {
            cmd.arg("--hold-after").arg(n.to_string());
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3-aiosmtpd (scripts/install.sh --test)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP sink started");
        Sink { child, dir }
    }

    pub fn files(&self) -> Vec<PathBuf> {
        messages_in(self.dir.path())
    }

    pub fn wait_for(&self, n: usize, secs: u64) -> Vec<Vec<u8>> {
        wait_for_files(self.dir.path(), n, secs)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn messages_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension() == Some("eml".as_ref()));
    files.sort();
    files
}

/// Waits until `dir` holds at least `n` messages (failing after `secs`), then returns them all.
pub fn wait_for_files(dir: &Path, n: usize, secs: u64) -> Vec<Vec<u8>> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let files = messages_in(dir);
        if files.len() >= n {
            return files.iter().map(|f| std::fs::read(f).unwrap()).collect();
        }
        assert!(
            Instant::now() < deadline,
            "{} of {n} messages after {secs} s",
            files.len()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
