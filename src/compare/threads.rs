//! Work split over two threads where a comparison has enough of it: Gloss runs on laptops with
//! two cores or more, and the two versions (or two halves of the changed rows) are independent.

/// Below this many items, one thread does it all: starting a thread costs more than it saves.
const MIN_ITEMS: usize = 256;

/// `(a(), b())`, on two threads when `parallel`.
pub(crate) fn join<A: Send, B: Send>(parallel: bool, a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    if !parallel {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let b = scope.spawn(b);
        let a = a();
        // A panic on the other thread is a bug; raise it here rather than lose it.
        (a, b.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// Whether `items` items are worth two threads.
pub(crate) fn worth_two(items: usize) -> bool {
    items >= MIN_ITEMS
}

/// `items.iter().map(f).collect()`, each half on its own thread when there are enough items.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let (first, second) = items.split_at(items.len() / 2);
    let (mut out, rest) =
        join(worth_two(items.len()), || first.iter().map(&f).collect::<Vec<R>>(), || second.iter().map(&f).collect::<Vec<R>>());
    out.extend(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn map_keeps_order_on_either_path() {
        for n in [0, 1, 7, 255, 256, 1001] {
            let items: Vec<usize> = (0..n).collect();
            assert_eq!(super::map(&items, |x| x * 2), items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
    }
}
