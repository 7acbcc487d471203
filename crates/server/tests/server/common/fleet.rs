//! Server processes (the real binary) and a Varnish in front of them, on loopback ports the test picks, in a
//! temporary folder; each is killed when dropped.

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_broadsheet-server");
/// Debian's varnishd (scripts/install.sh --test installs it, with varnish-modules for xkey).
pub const VARNISHD: &str = "/usr/sbin/varnishd";

/// A loopback port nobody listens on just now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// A copy of the demo content the test may edit.
pub fn content_copy(dir: &Path) -> PathBuf {
    let to = dir.join("content");
    copy_dir(&super::demo_content(), &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// One `broadsheet-server serve` process.
pub struct Instance {
    pub port: u16,
    args: Vec<OsString>,
    log: PathBuf,
    child: Option<Child>,
}

impl Instance {
    /// Starts `serve` on `port` with `args` (everything but `--addr`), and waits for its ready line. Its log goes
    /// to `log`.
    pub fn start(port: u16, args: Vec<OsString>, log: PathBuf) -> Instance {
        let mut i = Instance {
            port,
            args,
            log,
            child: None,
        };
        i.restart();
        i
    }

    /// The instance's own address (not through the cache).
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts it again (after [`Instance::kill`]) on the same port.
    pub fn restart(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let mut child = Command::new(BIN)
            .arg("serve")
            .args(["--addr", &format!("127.0.0.1:{}", self.port)])
            .args(&self.args)
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(
            line.starts_with("Broadsheet is ready"),
            "the server did not start: {}",
            std::fs::read_to_string(&self.log).unwrap_or_default()
        );
        self.child = Some(child);
    }

    /// Kills it with SIGKILL, as a crash or the OOM killer would, and reaps it.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `varnishd` with the shipped VCL (`docs/varnish/broadsheet.vcl`) in front of the given instances.
pub struct Varnish {
    pub port: u16,
    child: Child,
}

/// The VCL shipped in docs/.
pub fn shipped_vcl() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/varnish/broadsheet.vcl")
}

impl Varnish {
    /// Starts Varnish on `port` in `dir`, in front of the instances on `backends`.
    pub fn start(dir: &Path, port: u16, backends: &[u16]) -> Varnish {
        assert!(
            Path::new(VARNISHD).exists(),
            "{VARNISHD} is missing: run scripts/install.sh --test (Debian's varnish and varnish-modules)"
        );
        let vcl_dir = dir.join("vcl");
        std::fs::create_dir_all(&vcl_dir).unwrap();
        std::fs::copy(shipped_vcl(), vcl_dir.join("broadsheet.vcl")).unwrap();
        let mut backends_vcl = String::from("import directors;\n");
        for (i, port) in backends.iter().enumerate() {
            backends_vcl.push_str(&format!(
                "backend instance{i} {{ .host = \"127.0.0.1\"; .port = \"{port}\"; .probe = broadsheet_health; }}\n"
            ));
        }
        backends_vcl.push_str("sub vcl_init {\n    new instances = directors.round_robin();\n");
        for i in 0..backends.len() {
            backends_vcl.push_str(&format!("    instances.add_backend(instance{i});\n"));
        }
        backends_vcl.push_str("    new readers = directors.hash();\n");
        for i in 0..backends.len() {
            backends_vcl.push_str(&format!("    readers.add_backend(instance{i}, 1.0);\n"));
        }
        backends_vcl.push_str("}\n");
        std::fs::write(vcl_dir.join("backends.vcl"), backends_vcl).unwrap();
        let log = std::fs::File::create(dir.join("varnish.log")).unwrap();
        let child = Command::new(VARNISHD)
            .arg("-F")
            .args(["-j", "none"])
            .arg("-n")
            .arg(dir.join("varnish-work"))
            .args(["-a", &format!("127.0.0.1:{port}")])
            .arg("-f")
            .arg(vcl_dir.join("broadsheet.vcl"))
            .arg("-p")
            .arg(format!("vcl_path={}", vcl_dir.display()))
            .args(["-s", "malloc,64m", "-T", "none"])
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap();
        let mut v = Varnish { port, child };
        v.wait_until_serving(dir);
        v
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Waits until Varnish answers through a healthy instance (its probe has passed), at most 20 s.
    fn wait_until_serving(&mut self, dir: &Path) {
        let start = Instant::now();
        let url = format!("{}/api/v1/health", self.base());
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "varnishd exited ({status}): {}",
                    std::fs::read_to_string(dir.join("varnish.log")).unwrap_or_default()
                );
            }
            let ok = ureq_get_status(&url) == Some(200);
            if ok {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "Varnish did not serve within 20 s: {}",
                std::fs::read_to_string(dir.join("varnish.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The status of a plain GET, or `None` when nothing answers (a blocking one-off for start-up checks).
pub fn ureq_get_status(url: &str) -> Option<u16> {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://")?;
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut s = std::net::TcpStream::connect(host).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut buf = [0u8; 32];
    let n = s.read(&mut buf).ok()?;
    let head = std::str::from_utf8(&buf[..n]).ok()?;
    head.split(' ').nth(1)?.parse().ok()
}

impl Drop for Varnish {
    /// SIGTERM, so that the manager stops its cache process too.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}
