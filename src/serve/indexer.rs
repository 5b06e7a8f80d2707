//! The preview's search index, built beside the rebuilds rather than in their way: pages
//! reload as soon as a build is ready, and the index follows once the writer pauses. It
//! runs at low priority on a thread pool of its own, so that it never holds up a rebuild,
//! and gives up as soon as a newer build overtakes it. Meanwhile the previous index is
//! served.

use super::http::Shared;
use crate::output::OutputSet;
use crate::search;
use crate::SearchInput;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How long saves must pause before the index is rebuilt: a burst of saves is indexed once.
const QUIET: Duration = Duration::from_millis(300);

/// A build's documents (a site's, or each language's), numbered in build order.
type Request = (u64, Vec<SearchInput>);

pub struct Indexer {
    requests: Sender<Request>,
    latest: Arc<AtomicU64>,
}

impl Indexer {
    /// Asks for the index of a new build; an index of an older build still under way stops.
    pub fn request(&self, inputs: Vec<SearchInput>) {
        let id = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.requests.send((id, inputs));
    }
}

/// Starts the indexer; it ends when the [`Indexer`] is dropped.
pub fn spawn(shared: Arc<Shared>) -> (Indexer, JoinHandle<()>) {
    let (requests, queue) = mpsc::channel::<Request>();
    let latest = Arc::new(AtomicU64::new(0));
    let newest = latest.clone();
    let thread = std::thread::spawn(move || {
        lower_priority();
        // The indexer reads pages in parallel with rayon: on the global pool it would
        // queue the rebuilds' work behind its own.
        let Ok(pool) = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .start_handler(|_| lower_priority())
            .build()
        else {
            return eprintln!("error: cannot start the search indexer");
        };
        // Only the pages that changed since the last index are read again: a memo per
        // site (per language of a translated project).
        let mut memos: HashMap<String, search::IndexMemo> = HashMap::new();
        while let Ok(mut request) = queue.recv() {
            loop {
                match queue.recv_timeout(QUIET) {
                    Ok(newer) => request = newer,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            let (id, inputs) = request;
            let still_newest = || newest.load(Ordering::SeqCst) == id;
            let index = index_sites(inputs, &mut memos, &pool, &still_newest);
            if let Some(index) = index {
                shared.replace_search_index(index);
            }
        }
    });
    (Indexer { requests, latest }, thread)
}

/// The index of every site, each in its folder; `None` when a newer build is waiting or
/// an index failed, and the previous one is served meanwhile.
fn index_sites(
    inputs: Vec<SearchInput>,
    memos: &mut HashMap<String, search::IndexMemo>,
    pool: &rayon::ThreadPool,
    keep_going: &(dyn Fn() -> bool + Sync),
) -> Option<OutputSet> {
    let mut index = OutputSet::default();
    for SearchInput {
        folder,
        language,
        documents,
    } in inputs
    {
        let memo = memos.entry(folder.clone()).or_default();
        let set = pool
            .install(|| search::index(documents, &language, keep_going, memo))
            .inspect_err(|message| eprintln!("error: {message}"))
            .ok()??;
        index.files.extend(set.under(&folder).files);
    }
    Some(index)
}

/// Gives the calling thread (and the threads it starts) the lowest CPU priority.
fn lower_priority() {
    // On Linux every thread has its own nice value; elsewhere this would lower the
    // whole process, so it is left out.
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its arguments; 0 names the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}
