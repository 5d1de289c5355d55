//! A bounded memo of answers keyed by the request's query.
//!
//! Every figure drplan shows is a pure function of the catalog (fixed for the
//! life of the process) and the share link, and links are made to be opened
//! again: by the colleague they were sent to, by each chart and CSV of a page.
//! So the server keeps the last answers it computed and hands out the same
//! bytes. The oldest entry goes first once `capacity` is reached, which bounds
//! the memory at `capacity` times the largest answer.

use std::{
    collections::{HashMap, VecDeque},
    hash::Hash,
    sync::{Arc, Mutex, PoisonError},
};

/// Answers by key, at most `capacity` of them, oldest evicted first.
pub struct Cache<K, V> {
    capacity: usize,
    inner: Mutex<Inner<K, V>>,
}

struct Inner<K, V> {
    answers: HashMap<K, Arc<V>>,
    order: VecDeque<K>,
}

impl<K: Eq + Hash + Clone, V> Cache<K, V> {
    /// An empty cache holding at most `capacity` answers (0 turns it off).
    pub fn new(capacity: usize) -> Self {
        Cache {
            capacity,
            inner: Mutex::new(Inner {
                answers: HashMap::with_capacity(capacity),
                order: VecDeque::with_capacity(capacity),
            }),
        }
    }

    /// The answer for `key`, computed by `make` when it is not held.
    ///
    /// `make` runs without the lock, so a slow answer does not hold up others;
    /// two requests that miss at once both compute, and the first one stays.
    pub fn get_or_insert_with(&self, key: &K, make: impl FnOnce() -> V) -> Arc<V> {
        match self.try_get_or_insert_with(key, || Ok::<V, std::convert::Infallible>(make())) {
            Ok(answer) => answer,
        }
    }

    /// As [`Cache::get_or_insert_with`], but a failed `make` is returned and not kept.
    pub fn try_get_or_insert_with<E>(&self, key: &K, make: impl FnOnce() -> Result<V, E>) -> Result<Arc<V>, E> {
        if let Some(answer) = self.get(key) {
            return Ok(answer);
        }
        Ok(self.insert(key.clone(), make()?))
    }

    /// The answer held for `key`, if any.
    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        self.lock().answers.get(key).cloned()
    }

    /// Keeps `answer` for `key` (unless one is already held, which is returned
    /// instead), evicting the oldest when full.
    pub fn insert(&self, key: K, answer: V) -> Arc<V> {
        let answer = Arc::new(answer);
        if self.capacity == 0 {
            return answer;
        }
        let mut inner = self.lock();
        if let Some(existing) = inner.answers.get(&key) {
            return existing.clone();
        }
        if inner.order.len() >= self.capacity {
            if let Some(oldest) = inner.order.pop_front() {
                inner.answers.remove(&oldest);
            }
        }
        inner.order.push_back(key.clone());
        inner.answers.insert(key, answer.clone());
        answer
    }

    /// How many answers are held.
    pub fn len(&self) -> usize {
        self.lock().answers.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<K, V>> {
        // The map is only ever left consistent (no panics between its updates),
        // so a poisoned lock still guards good data.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_key() {
        let cache = Cache::new(4);
        let mut calls = 0;
        for _ in 0..3 {
            let answer = cache.get_or_insert_with(&"a".to_string(), || {
                calls += 1;
                42
            });
            assert_eq!(*answer, 42);
        }
        assert_eq!(calls, 1);
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn evicts_the_oldest_beyond_capacity() {
        let cache = Cache::new(2);
        for key in ["a", "b", "c"] {
            cache.get_or_insert_with(&key, || key.len());
        }
        assert_eq!(cache.len(), 2);
        let mut recomputed = false;
        cache.get_or_insert_with(&"a", || {
            recomputed = true;
            1
        });
        assert!(recomputed, "`a` was the oldest and must have gone");
        let mut kept = true;
        cache.get_or_insert_with(&"c", || {
            kept = false;
            1
        });
        assert!(kept, "`c` is among the two newest");
    }

    #[test]
    fn failures_are_not_kept() {
        let cache: Cache<&str, u32> = Cache::new(2);
        assert_eq!(cache.try_get_or_insert_with(&"a", || Err("bad")), Err("bad"));
        assert!(cache.is_empty());
        assert_eq!(*cache.try_get_or_insert_with(&"a", || Ok::<_, &str>(7)).unwrap(), 7);
    }

    #[test]
    fn capacity_zero_holds_nothing() {
        let cache = Cache::new(0);
        cache.get_or_insert_with(&1, || "x");
        assert!(cache.is_empty());
    }
}
