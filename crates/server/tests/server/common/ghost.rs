//! A real Ghost 5 on loopback (scripts/ghost/start.sh): a fresh SQLite database and content folder with the
//! fixtures of scripts/ghost/setup.mjs, stopped (and its folder removed) when dropped.

use super::scripted::ScriptedSite;

pub struct GhostSite {
    site: ScriptedSite,
    pub url: String,
    pub content_key: String,
    /// The integration's Admin API key, `id:secret`.
    pub admin_key: String,
    /// setup.mjs's fixtures: `fixtures["posts"]["cards"]["id"]`, …
    pub fixtures: serde_json::Value,
}

impl GhostSite {
    pub fn start() -> GhostSite {
        let site = ScriptedSite::start("ghost", "Ghost");
        GhostSite {
            url: site.var("GHOST_URL"),
            content_key: site.var("GHOST_CONTENT_KEY"),
            admin_key: site.var("GHOST_ADMIN_KEY"),
            fixtures: site.fixtures.clone(),
            site,
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
        let out = self
            .site
            .run("node", "control.mjs", self.site.state.path(), args);
        serde_json::from_slice(&out).unwrap_or_default()
    }

    /// Stops the site (a source that goes down).
    pub fn stop(&mut self) {
        self.site.stop();
    }
}
