//! A throwaway CMS on loopback, started by its `scripts/{cms}/start.sh STATE` (which writes `STATE/env` and
//! `STATE/fixtures.json`) and stopped, its folder removed, by `scripts/{cms}/stop.sh STATE` when dropped: what the
//! WordPress and Ghost harnesses share.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct ScriptedSite {
    /// `wordpress` or `ghost`: the folder of its scripts.
    cms: &'static str,
    pub state: tempfile::TempDir,
    env: String,
    /// The set-up script's fixtures (`fixtures["posts"]…`).
    pub fixtures: serde_json::Value,
    stopped: bool,
}

impl ScriptedSite {
    /// Starts a fresh site of `cms`; `name` is what the failure message calls it.
    pub fn start(cms: &'static str, name: &str) -> ScriptedSite {
        let state = tempfile::tempdir().unwrap();
        let out = Command::new("bash")
            .arg(script(cms, "start.sh"))
            .arg(state.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name} did not start (scripts/install.sh --test installs it):\n{}",
            said(&out)
        );
        let env = std::fs::read_to_string(state.path().join("env")).unwrap();
        let fixtures = std::fs::read_to_string(state.path().join("fixtures.json")).unwrap();
        ScriptedSite {
            cms,
            fixtures: serde_json::from_str(&fixtures).unwrap(),
            env,
            state,
            stopped: false,
        }
    }

    /// A variable of the `env` file start.sh wrote (`WP_URL`, `GHOST_CONTENT_KEY`, …).
    pub fn var(&self, name: &str) -> String {
        self.env
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("{name} missing from the site's env"))
            .trim_matches(['"', '\''])
            .to_string()
    }

    /// Runs one of its scripts with `program` (`php`, `node`), its folder `dir` and `args`; what it printed,
    /// having checked that it succeeded.
    pub fn run(&self, program: &str, name: &str, dir: &Path, args: &[&str]) -> Vec<u8> {
        let out = Command::new(program)
            .arg(script(self.cms, name))
            .arg(dir)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name} {args:?} failed: {}",
            said(&out)
        );
        out.stdout
    }

    /// Stops the site (a source that goes down).
    pub fn stop(&mut self) {
        if !self.stopped {
            let _ = Command::new("bash")
                .arg(script(self.cms, "stop.sh"))
                .arg(self.state.path())
                .status();
            self.stopped = true;
        }
    }
}

impl Drop for ScriptedSite {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `scripts/{cms}/{name}`.
pub fn script(cms: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scripts")
        .join(cms)
        .join(name)
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
