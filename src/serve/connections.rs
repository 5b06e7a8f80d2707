//! The preview's accept loop. `axum::serve` holds a connection for as long as its client
//! keeps it open and accepts without limit, so sockets that send half a request header
//! used to pile up until the process ran out of file descriptors (and a rebuild then
//! failed). Here a connection must send its request header within a time limit (which also
//! ends idle keep-alive connections, as hyper applies it while waiting for the next
//! request), at most a fixed number are open at once (more wait in the kernel's queue),
//! and running out of descriptors pauses accepting instead of spinning or stopping. An
//! open response such as the live-reload event stream is never cut.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Semaphore};

/// How long a client may take to send a request header, or stay idle between requests.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long accepting pauses after an error such as running out of file descriptors.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once; more wait until one closes.
    pub max_connections: usize,
    pub header_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: connection_cap(),
            header_timeout: HEADER_TIMEOUT,
        }
    }
}

/// A quarter of the process's file descriptors (a connection can hold two: its socket
/// and a file it streams), leaving the rest to rebuilds and the watcher.
fn connection_cap() -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes only into `limit`.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
            return usize::try_from(limit.rlim_cur / 4)
                .unwrap_or(usize::MAX)
                .clamp(16, 512);
        }
    }
    256
}

/// Serves `router` on `listener` until `stop` fires.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    mut stop: oneshot::Receiver<()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let mut failing = false;
    loop {
        let accepted = tokio::select! {
            _ = &mut stop => return,
            accepted = async {
                let permit = permits.clone().acquire_owned().await;
                (permit, listener.accept().await)
            } => accepted,
        };
        let (Ok(permit), result) = accepted else {
            return;
        };
        let stream = match result {
            Ok((stream, _)) => {
                failing = false;
                stream
            }
            Err(err) => {
                if !failing {
                    eprintln!("error: cannot accept a connection: {err}; retrying");
                    failing = true;
                }
                tokio::select! {
                    _ = &mut stop => return,
                    _ = tokio::time::sleep(ACCEPT_RETRY) => continue,
                }
            }
        };
        let connection = builder.serve_connection(
            TokioIo::new(stream),
            TowerToHyperService::new(router.clone()),
        );
        tokio::spawn(async move {
            // A failed connection concerns only its client.
            let _ = connection.await;
            drop(permit);
        });
    }
}
