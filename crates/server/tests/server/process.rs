//! The binary as an editor or operator runs it: --help, import, serve, graceful shutdown.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_broadsheet-server");

fn content() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../content").to_string()
}

/// Starts `serve` on a free loopback port over `db`; returns the process and its "ready" line.
fn spawn_server(dir: &std::path::Path, db: &std::path::Path) -> (std::process::Child, String) {
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .args(["--content", &content(), "--dist"])
        .arg(dir.join("dist"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line)
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
    let (mut child, line) = spawn_server(dir.path(), &db);
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

/// Sends one HTTP request and returns the whole response as text.
fn http(addr: &str, request: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    out
}

#[cfg(unix)]
#[test]
fn an_accepted_comment_survives_kill_9_and_editors_moderate_it_at_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let (mut child, line) = spawn_server(dir.path(), &db);
    let addr = line
        .trim()
        .trim_start_matches("Broadsheet is ready at http://")
        .trim_end_matches('/')
        .to_string();
    let body = r#"{"name":"Night owl","body":"Posted just before the crash"}"#;
    let response = http(
        &addr,
        &format!(
            "POST /api/v1/articles/transport/tyneford-bus-franchising-goes-live/comments HTTP/1.1\r\n\
             Host: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert!(response.starts_with("HTTP/1.1 202"), "{response}");
    child.kill().unwrap(); // SIGKILL: no shutdown, no flush
    child.wait().unwrap();

    let list = |status: &str| {
        let out = Command::new(BIN)
            .args(["comments", "list", "--status", status, "--db"])
            .arg(&db)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let pending = list("pending");
    assert!(
        pending.contains("Posted just before the crash"),
        "{pending}"
    );
    let id = pending
        .split_whitespace()
        .find_map(|w| w.strip_prefix('#'))
        .unwrap()
        .to_string();
    let out = Command::new(BIN)
        .args(["comments", "approve", &id, "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(list("published").contains("Posted just before the crash"));
    assert!(list("pending").contains("0 pending"));
    let out = Command::new(BIN)
        .args(["comments", "approve", "999999", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!out.status.success(), "an unknown id is an error");
}
