//! A real WordPress 6.1 on loopback (scripts/wordpress/start.sh): a fresh MariaDB and site with the fixtures of
//! scripts/wordpress/setup.php, stopped (and its folder removed) when dropped.

use std::collections::BTreeSet;
use std::path::Path;

use super::scripted::{script, ScriptedSite};
use super::TestServer;

pub struct WordPressSite {
    site: ScriptedSite,
    pub url: String,
    pub user: String,
    pub app_password: String,
    /// The site's folder, for `control.php`.
    pub dir: String,
    /// setup.php's ids: `fixtures["posts"]["blocks"]`, …
    pub fixtures: serde_json::Value,
}

impl WordPressSite {
    pub fn start() -> WordPressSite {
        let site = ScriptedSite::start("wordpress", "WordPress");
        WordPressSite {
            url: site.var("WP_URL"),
            user: site.var("WP_USER"),
            app_password: site.var("WP_APP_PASSWORD"),
            dir: site.var("WP_DIR"),
            fixtures: site.fixtures.clone(),
            site,
        }
    }

    /// A fixture post's id by setup.php's name for it.
    pub fn post(&self, name: &str) -> u64 {
        self.fixtures["posts"][name]
            .as_u64()
            .unwrap_or_else(|| panic!("no fixture post {name}"))
    }

    /// Changes the site as an editor or WP-Cron would (scripts/wordpress/control.php); what it printed.
    pub fn control(&self, args: &[&str]) -> Vec<u8> {
        self.site
            .run("php", "control.php", Path::new(&self.dir), args)
    }

    /// Installs Broadsheet's plugin (integrations/wordpress) as a must-use plugin, for the Broadsheet site at
    /// `site` (its webhooks and previews).
    pub fn install_plugin(&self, site: &str, secret: &str) {
        let plugin = script("wordpress", "../../integrations/wordpress/broadsheet.php");
        let mu = Path::new(&self.dir).join("wp-content/mu-plugins");
        std::fs::create_dir_all(&mu).unwrap();
        std::fs::copy(plugin, mu.join("broadsheet.php")).unwrap();
        self.control(&["option", "broadsheet_url", site]);
        self.control(&["option", "broadsheet_webhook_secret", secret]);
    }

    /// What the editor's Preview button of post `id` opens (WordPress's `preview_post_link`, as filtered).
    pub fn preview_link(&self, id: u64) -> String {
        let out = self.control(&["preview-link", &id.to_string()]);
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        json["link"].as_str().unwrap().to_string()
    }

    /// Stops the site (a source that goes down).
    pub fn stop(&mut self) {
        self.site.stop();
    }
}

/// The ids of the WordPress posts the store holds.
pub fn stored(server: &TestServer) -> BTreeSet<u64> {
    server
        .store
        .with_conn(|c| broadsheet_store::db::write::source_ids(c, "wordpress"))
        .unwrap()
        .into_iter()
        .map(|id| id.parse().unwrap())
        .collect()
}

/// A post as WordPress's REST API shows it (for its slug and rendered title).
pub async fn wp_post(site: &WordPressSite, id: u64) -> serde_json::Value {
    let url = format!("{}/wp-json/wp/v2/posts/{id}?context=edit", site.url);
    let res = super::client()
        .get(url)
        .basic_auth(&site.user, Some(&site.app_password))
        .send()
        .await
        .unwrap();
    res.json().await.unwrap()
}

/// Where the article of post `id` is now, by its old address `/?p=ID`.
pub async fn address_of(server: &TestServer, id: u64) -> Option<String> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = client
        .get(format!("{}/?p={id}", server.base))
        .send()
        .await
        .unwrap();
    (res.status() == 301).then(|| res.headers()["location"].to_str().unwrap().to_string())
}

/// Polls `url` until `done` holds for its JSON (a sync runs in the server's own task), for up to 20 s.
pub async fn eventually(url: &str, done: impl Fn(u16, &serde_json::Value) -> bool) -> bool {
    for _ in 0..200 {
        let (status, json) = super::get_json(url).await;
        if done(status, &json) {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}
