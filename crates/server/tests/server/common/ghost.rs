//! A real Ghost 5 on loopback (scripts/ghost/start.sh): a fresh SQLite database and content folder with the
//! fixtures of scripts/ghost/setup.mjs, stopped (and its folder removed) when dropped.

use std::path::{Path, PathBuf};
use std::process::Command;

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scripts/ghost")
        .join(name)
}

pub struct GhostSite {
    state: tempfile::TempDir,
    pub url: String,
    pub content_key: String,
    /// The integration's Admin API key, `id:secret`.
    pub admin_key: String,
    /// setup.mjs's fixtures: `fixtures["posts"]["cards"]["id"]`, …
    pub fixtures: serde_json::Value,
    stopped: bool,
}

impl GhostSite {
    pub fn start() -> GhostSite {
        let state = tempfile::tempdir().unwrap();
        let out = Command::new("bash")
            .arg(script("start.sh"))
            .arg(state.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "Ghost did not start (scripts/install.sh --test installs it):\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let env = std::fs::read_to_string(state.path().join("env")).unwrap();
        let var = |name: &str| {
            env.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}=")))
                .unwrap_or_else(|| panic!("{name} missing from the site's env"))
                .trim_matches(['"', '\''])
                .to_string()
        };
        let fixtures = std::fs::read_to_string(state.path().join("fixtures.json")).unwrap();
        GhostSite {
            url: var("GHOST_URL"),
            content_key: var("GHOST_CONTENT_KEY"),
            admin_key: var("GHOST_ADMIN_KEY"),
            fixtures: serde_json::from_str(&fixtures).unwrap(),
            state,
            stopped: false,
        }
    }

    /// A fixture post's id by setup.mjs's name for it.
    pub fn post(&self, name: &str) -> String {
        self.fixtures["posts"][name]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no fixture post {name}"))
            .to_string()
    }

    /// Changes the site as an editor or Ghost's scheduler would (scripts/ghost/control.mjs); its JSON line.
    pub fn control(&self, args: &[&str]) -> serde_json::Value {
        let out = Command::new("node")
            .arg(script("control.mjs"))
            .arg(self.state.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "control.mjs {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_default()
    }

    /// Stops the site (a source that goes down).
    pub fn stop(&mut self) {
        if !self.stopped {
            let _ = Command::new("bash")
                .arg(script("stop.sh"))
                .arg(self.state.path())
                .status();
            self.stopped = true;
        }
    }
}

impl Drop for GhostSite {
    fn drop(&mut self) {
        self.stop();
    }
}
