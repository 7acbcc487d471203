//! The binary as an editor or operator runs it: --help, import, serve, graceful shutdown.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_broadsheet-server");

fn content() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../content").to_string()
}

#[test]
fn help_documents_every_flag_and_its_environment_variable() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--addr",
        "BROADSHEET_ADDR",
        "--db",
        "BROADSHEET_DB",
        "--content",
        "BROADSHEET_CONTENT",
        "--dist",
        "BROADSHEET_DIST",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}:\n{help}");
    }
}

#[test]
fn import_subcommand_reports_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["import", "--db"])
        .arg(dir.path().join("x.db"))
        .args(["--content", &content()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("imported 8 sections"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn serves_then_stops_cleanly_on_sigterm_and_keeps_its_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .args(["--content", &content(), "--dist"])
        .arg(dir.path().join("dist"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(
        line.starts_with("Broadsheet is ready at http://127.0.0.1:"),
        "{line}"
    );
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let start = Instant::now();
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "server did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
    assert!(db.is_file());
}
