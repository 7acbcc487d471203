//! A small in-memory cache of API responses by URL, so back/forward and revisits render at once.

use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// A bounded map from key to value that forgets the least recently used entry when full.
pub struct Lru<V> {
    capacity: usize,
    entries: VecDeque<(String, V)>,
}

impl<V: Clone> Lru<V> {
    pub fn new(capacity: usize) -> Self {
        Lru {
            capacity: capacity.max(1),
            entries: VecDeque::new(),
        }
    }

    /// The value for `key`, marking it recently used.
    pub fn get(&mut self, key: &str) -> Option<V> {
        let pos = self.entries.iter().position(|(k, _)| k == key)?;
        let entry = self.entries.remove(pos)?;
        let value = entry.1.clone();
        self.entries.push_back(entry);
        Some(value)
    }

    /// Stores `value` under `key`, evicting the least recently used entry beyond capacity.
    pub fn put(&mut self, key: &str, value: V) {
        if let Some(pos) = self.entries.iter().position(|(k, _)| k == key) {
            self.entries.remove(pos);
        }
        self.entries.push_back((key.to_string(), value));
        while self.entries.len() > self.capacity {
            self.entries.pop_front();
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// How many responses the app keeps.
pub const CAPACITY: usize = 160;

thread_local! {
    /// Each answer with the hash of the body it was decoded from ([`body_hash`]).
    static CACHE: RefCell<Lru<(Rc<dyn Any>, u64)>> = RefCell::new(Lru::new(CAPACITY));
}

/// A cached response of type `T` for `url`, if there is one, cloned.
pub fn get<T: Clone + 'static>(url: &str) -> Option<T> {
    get_answer::<T>(url).and_then(|v| v.downcast_ref::<T>().cloned())
}

/// The cached response for `url` as it is held, if there is one and it is a `T`.
pub fn get_answer<T: 'static>(url: &str) -> Option<Rc<dyn Any>> {
    CACHE
        .with(|c| c.borrow_mut().get(url))
        .map(|(v, _)| v)
        .filter(|v| v.is::<T>())
}

/// Whether a response of type `T` is held for `url` (without copying it).
pub fn contains<T: 'static>(url: &str) -> bool {
    CACHE
        .with(|c| c.borrow_mut().get(url))
        .is_some_and(|(v, _)| v.is::<T>())
}

/// Whether the answer held for `url` was decoded from a body of hash `hash`: a body unchanged since, which need
/// not be decoded or shown again. Comparing bodies, not decoded values, keeps `PartialEq` of every answer type
/// out of the wasm (docs/performance.md).
pub fn same_body(url: &str, hash: u64) -> bool {
    CACHE
        .with(|c| c.borrow_mut().get(url))
        .is_some_and(|(_, h)| h == hash)
}

/// Remembers a response, decoded from a body of hash `hash`; the response as it is held.
pub fn put<T: 'static>(url: &str, value: T, hash: u64) -> Rc<dyn Any> {
    let held: Rc<dyn Any> = Rc::new(value);
    CACHE.with(|c| c.borrow_mut().put(url, (held.clone(), hash)));
    held
}

/// The hash of an answer's body, for [`same_body`]: rustc-hash's `FxHasher` (64 bits), which Leptos already
/// links, instead of std's SipHash, which was in the wasm for this alone. Bodies come from our own API, not from
/// an adversary choosing collisions.
pub fn body_hash(body: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    body.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lru_evicts_least_recent() {
        let mut lru = Lru::new(2);
        lru.put("a", 1);
        lru.put("b", 2);
        assert_eq!(lru.get("a"), Some(1));
        lru.put("c", 3);
        assert_eq!(lru.get("b"), None);
        assert_eq!(lru.get("a"), Some(1));
        assert_eq!(lru.get("c"), Some(3));
        lru.put("c", 4);
        assert_eq!((lru.get("c"), lru.len()), (Some(4), 2));
    }

    #[test]
    fn typed_cache_round_trip() {
        put("/x", String::from("hello"), body_hash("\"hello\""));
        assert_eq!(get::<String>("/x").as_deref(), Some("hello"));
        assert!(same_body("/x", body_hash("\"hello\"")));
        assert!(!same_body("/x", body_hash("\"hello!\"")));
        assert!(!same_body("/missing", body_hash("\"hello\"")));
        assert_eq!(get::<u32>("/x"), None);
        assert!(get_answer::<u32>("/x").is_none());
        assert_eq!(get::<String>("/missing"), None);
    }
}
