//! Prints search latency and sitemap build time and memory at 1,000 and 100,000 articles (run by
//! `scripts/bench-discovery.sh`; it asserts nothing). The demo content is imported, then copied with new slugs and
//! dates spread over ten years until the database holds the number of articles asked for, the search index
//! included.

use std::path::Path;
use std::time::Instant;

use broadsheet_content::SearchSort;
use broadsheet_server::sitemaps::{build, Sitemap};
use broadsheet_store::search::{search, Search, SearchRequest};
use broadsheet_views::head::Site;

/// Peak resident memory of this process so far, in MB (Linux `VmHWM`).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Resets the peak (`/proc/self/clear_refs` with 5), so the next reading is this step's alone.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn grow(conn: &broadsheet_store::db::Conn, total: u32) -> broadsheet_store::db::DbResult<()> {
    let (have, base): (u32, i64) =
        conn.query_row("SELECT COUNT(*), MAX(id) FROM articles", (), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    if have >= total {
        return Ok(());
    }
    conn.execute_batch("BEGIN")?;
    let n = total - have;
    // Copies of the articles there (ids 1..=have in a fresh database), each with a new slug and a date one hour
    // apart going back from 2026; copy i gets id base + i (the triggers put it in the search outbox).
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO articles (id, section_id, slug, kind, headline, standfirst, byline_name, byline_role, published,
                               updated, featured, comments_open, image_json, body_json, source, body_text,
                               topics_text)
         SELECT ?3 + n.i, a.section_id, a.slug || '-' || (?3 + n.i), a.kind, a.headline, a.standfirst, a.byline_name,
                a.byline_role, strftime('%Y-%m-%dT%H:%M:%SZ', '2026-11-30', '-' || (?3 + n.i) || ' hours'), NULL, 0,
                1, a.image_json, a.body_json, NULL, a.body_text, a.topics_text
         FROM n JOIN articles a ON a.id = 1 + (n.i % ?2)",
        broadsheet_store::db::sql::params![n, have, base],
    )?;
    conn.execute_batch("COMMIT")
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let db = broadsheet_server::Db::open(&dir.path().join("bench.db"))?;
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    db.with_conn(|c| Ok(broadsheet_sources::markdown::import_dir(c, &content)))?
        .map_err(|e| e.to_string())?;
    let site = Site::new("https://news.example");
    let index = Search::new(broadsheet_search::SearchIndex::open(None)?);
    let queries = [
        "council",
        "council housing",
        "\"council tax\"",
        "bus franch",
        "housing -rent",
        "schools OR teachers",
        "temporary accommodation",
        "zzqxv",
    ];
    println!("articles  query                      runs  p50 ms   p99 ms   results");
    for total in [1_000u32, 100_000] {
        db.with_conn(|c| grow(c, total))?;
        db.with_conn(|c| index.catch_up(c))?;
        let count: u32 =
            db.with_conn(|c| c.query_row("SELECT COUNT(*) FROM articles", (), |r| r.get(0)))?;
        for q in queries {
            let mut times = Vec::new();
            let mut found = 0;
            for sort in [
                SearchSort::Relevance,
                SearchSort::Relevance,
                SearchSort::Date,
            ] {
                for _ in 0..10 {
                    let request = SearchRequest {
                        query: q.to_string(),
                        section: None,
                        sort,
                        page: 1,
                        limit: 12,
                    };
                    let t = Instant::now();
                    let (l, _) = db.with_conn(|c| search(c, &index, &request))?;
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                    found = l.meta.total;
                }
            }
            times.sort_by(|a, b| a.total_cmp(b));
            println!(
                "{count:>8}  {q:<25} {:>5} {:>7.2}  {:>7.2}  {found:>8}",
                times.len(),
                percentile(&times, 0.5),
                percentile(&times, 0.99)
            );
        }
        let months: Vec<String> = db.with_conn(|c| {
            let stmt = c.prepare(
                "SELECT DISTINCT substr(published, 1, 7) FROM articles ORDER BY 1 DESC LIMIT 1",
            )?;
            let rows = stmt.query_map((), |r| r.get(0))?;
            rows.collect()
        })?;
        for sitemap in [
            Sitemap::Index,
            Sitemap::Pages,
            Sitemap::News,
            Sitemap::Articles {
                month: months[0].clone(),
                part: 1,
            },
        ] {
            reset_peak();
            let before = peak_mb();
            let t = Instant::now();
            let xml = db
                .with_conn(|c| build(c, &site, &sitemap))?
                .unwrap_or_default();
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            println!(
                "{count:>8}  sitemap {:<34} {ms:>8.1} ms  {:>7} KB  peak RSS {:.1} MB (+{:.1})",
                sitemap.href(),
                xml.len() / 1024,
                peak_mb(),
                peak_mb() - before
            );
        }
    }
    Ok(())
}
