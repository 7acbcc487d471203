use super::*;

/// 2026-12-07T12:00:00Z.
const NOON: i64 = 1_796_644_800;

fn ip(last: u8) -> IpAddr {
    IpAddr::from([192, 0, 2, last])
}

#[test]
fn a_reader_counts_once_a_day_for_each_article() {
    let c = Counter::default();
    assert!(c.count(NOON, ip(1), "Firefox", 7));
    assert!(!c.count(NOON + 60, ip(1), "Firefox", 7), "a reload");
    assert!(c.count(NOON + 60, ip(1), "Firefox", 8), "another article");
    assert!(c.count(NOON + 60, ip(2), "Firefox", 7), "another address");
    assert!(c.count(NOON + 60, ip(1), "Safari", 7), "another browser");
    assert!(
        c.count(NOON + 86_400, ip(1), "Firefox", 7),
        "the next day forgets"
    );
    let mut t = c.take();
    t.sort_by_key(|t| (t.article_id, t.hour));
    let total: i64 = t.iter().map(|t| t.reads).sum();
    assert_eq!(total, 5);
    assert_eq!(t[0].reads, 3, "article 7 at noon: three readers");
    assert!(c.take().is_empty(), "taken once");
}

#[test]
fn one_address_cannot_push_an_article_by_changing_its_user_agent() {
    let c = Counter::default();
    let counted = (0..1_000)
        .filter(|n| c.count(NOON, ip(9), &format!("Agent {n}"), 7))
        .count();
    assert_eq!(counted, usize::from(MAX_VIEWS_PER_ADDRESS_A_DAY));
    assert!(
        c.count(NOON, ip(10), "Agent 1", 7),
        "another address still counts"
    );
}

#[test]
fn each_day_draws_a_new_key_and_forgets_the_last_days_readers_even_with_no_reads() {
    let c = Counter::default();
    c.count(NOON, ip(1), "Firefox", 7);
    let key = c.day.lock().unwrap().key;
    c.rotate(NOON + 3_600);
    assert_eq!(c.day.lock().unwrap().key, key, "the same day keeps its key");
    c.rotate(NOON + 86_400);
    let day = c.day.lock().unwrap();
    assert_ne!(day.key, key);
    assert!(day.seen.is_empty() && day.by_address.is_empty());
    assert_eq!(day.pending.len(), 1, "counts not yet written are kept");
}

#[test]
fn counts_that_could_not_be_written_wait_for_the_next_write() {
    let c = Counter::default();
    c.count(NOON, ip(1), "Firefox", 7);
    let t = c.take();
    c.count(NOON, ip(2), "Firefox", 7);
    c.put_back(t);
    assert_eq!(c.take()[0].reads, 2);
}
