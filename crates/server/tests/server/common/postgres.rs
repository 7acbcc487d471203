//! A throwaway PostgreSQL cluster on a loopback port, in a temporary folder, for the tests of one test binary:
//! started on first use (Debian's PostgreSQL 15, `scripts/install.sh --test`), a fresh database for each test,
//! and stopped by a watchdog when the test binary exits, however it exits.
//!
//! The API suites run on it when `BROADSHEET_TEST_STORE=postgres` (`scripts/test.sh` runs them both ways);
//! tests that need PostgreSQL whatever the setting call [`url`].

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Debian's PostgreSQL programs.
pub const BIN: &str = "/usr/lib/postgresql/15/bin";

pub struct Cluster {
    pub port: u16,
    pub dir: PathBuf,
    /// The watchdog that stops the server when the test binary ends.
    watchdog: std::process::Child,
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();
static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Runs `cmd`, failing the test with its error output unless it succeeds.
fn succeeded(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `program` of PostgreSQL as the `postgres` user (PostgreSQL refuses to run as root).
fn as_postgres(program: &str) -> Command {
    let mut c = Command::new("runuser");
    c.args(["-u", "postgres", "--"])
        .arg(format!("{BIN}/{program}"));
    c
}

fn start() -> Cluster {
    start_with("", |_| {})
}

/// Starts a cluster with extra server `options` (`-c name=value …`), after `setup` has prepared its data folder.
fn start_with(options: &str, setup: impl FnOnce(&std::path::Path)) -> Cluster {
    assert!(
        std::path::Path::new(BIN).join("initdb").exists(),
        "{BIN} is missing: run scripts/install.sh --test (Debian's postgresql)"
    );
    let port = super::fleet::free_port();
    let dir = std::env::temp_dir().join(format!("broadsheet-pg-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    succeeded(
        Command::new("chown").arg("postgres:postgres").arg(&dir),
        "chown of the cluster folder",
    );
    let data = dir.join("data");
    succeeded(
        as_postgres("initdb")
            .args([
                "-A",
                "trust",
                "-U",
                "postgres",
                "--locale=C.UTF-8",
                "-E",
                "UTF8",
                "-D",
            ])
            .arg(&data),
        "initdb",
    );
    setup(&data);
    // The watchdog: starts the server, waits while this test binary lives, then stops it and removes the folder.
    let script = format!(
        "{bin}/pg_ctl -D {data} -l {dir}/log -w -o '-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off \
         -c max_connections=200 {options}' start >/dev/null && echo started; \
         while [ -d /proc/{test} ]; do sleep 0.5; done; \
         {bin}/pg_ctl -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {dir}",
        bin = BIN,
        data = data.display(),
        dir = dir.display(),
        test = std::process::id(),
    );
    let mut watchdog = Command::new("runuser")
        .args(["-u", "postgres", "--", "sh", "-c", &script])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(watchdog.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(
        line.trim(),
        "started",
        "PostgreSQL did not start: {}",
        std::fs::read_to_string(dir.join("log")).unwrap_or_default()
    );
    Cluster {
        port,
        dir,
        watchdog,
    }
}

/// A cluster of the test's own (for tests that stop it), stopped when dropped.
pub fn private() -> Cluster {
    start()
}

/// A cluster of the test's own that takes TCP connections over TLS only (`hostssl`; plain ones are rejected),
/// with a certificate for `127.0.0.1` (and no other name) from a CA made for it; and that CA's certificate, a
/// PEM file in the cluster's folder.
pub fn private_tls() -> (Cluster, PathBuf) {
    let cluster = start_with(
        "-c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key",
        move |data| {
            let openssl = |args: &[&str]| {
                succeeded(
                    Command::new("openssl").args(args).current_dir(data),
                    &format!("openssl {args:?}"),
                )
            };
            let ec = [
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
            ];
            openssl(
                &[
                    &["req", "-x509"][..],
                    &ec,
                    &["-keyout", "ca.key", "-out", "ca.pem", "-days", "2"],
                ]
                .concat()
                .into_iter()
                .chain([
                    "-subj",
                    "/CN=Broadsheet test CA",
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign",
                ])
                .collect::<Vec<_>>(),
            );
            openssl(
                &[
                    &["req"][..],
                    &ec,
                    &["-keyout", "server.key", "-out", "server.csr"],
                ]
                .concat()
                .into_iter()
                .chain(["-subj", "/CN=127.0.0.1"])
                .collect::<Vec<_>>(),
            );
            std::fs::write(
                data.join("server.ext"),
                "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
            )
            .unwrap();
            openssl(&[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.crt",
                "-days",
                "2",
                "-extfile",
                "server.ext",
            ]);
            let (crt, key) = (data.join("server.crt"), data.join("server.key"));
            succeeded(
                Command::new("chown")
                    .arg("postgres:postgres")
                    .arg(&crt)
                    .arg(&key),
                "chown of the certificate",
            );
            succeeded(
                Command::new("chmod").arg("600").arg(&key),
                "chmod server.key",
            );
            std::fs::write(
                data.join("pg_hba.conf"),
                "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n",
            )
            .unwrap();
        },
    );
    // In the cluster's folder, which goes with it.
    let ca = cluster.dir.join("data").join("ca.pem");
    (cluster, ca)
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = as_postgres("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.watchdog.kill();
        let _ = self.watchdog.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The cluster, started the first time it is asked for.
pub fn cluster() -> &'static Cluster {
    CLUSTER.get_or_init(start)
}

impl Cluster {
    /// Runs `sql` as the superuser on database `postgres`.
    pub fn psql(&self, sql: &str) {
        let out = Command::new("psql")
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
            ])
            .args(["-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Stops the server (`immediate`, as a crash would), for outage tests; [`Cluster::start_again`] undoes it.
    pub fn stop(&self) {
        let status = as_postgres("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn start_again(&self) {
        let status = as_postgres("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-l")
            .arg(self.dir.join("log"))
            .args(["-w", "-o"])
            .arg(format!(
                "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                self.port,
                self.dir.display()
            ))
            .arg("start")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

/// A new empty database on the shared cluster, as a `--database-url`.
pub fn url() -> String {
    cluster().database()
}

impl Cluster {
    /// A new empty database on this cluster, as a `--database-url`.
    pub fn database(&self) -> String {
        let name = format!("broadsheet_{}", NEXT.fetch_add(1, Ordering::SeqCst));
        self.psql(&format!("CREATE DATABASE {name}"));
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }
}

/// With `BROADSHEET_TEST_STORE=postgres`, a new database for one test's server; otherwise `None` (SQLite).
pub fn database_for_tests() -> Option<String> {
    (std::env::var("BROADSHEET_TEST_STORE").as_deref() == Ok("postgres")).then(url)
}
