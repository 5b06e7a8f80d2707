//! Ctrl-C and termination requests during `waymark build`: the build stops, its staging
//! folder is removed, and the process exits with a message and the shell's status for the
//! signal (130 for SIGINT, 143 for SIGTERM), leaving the previous site as it was.

use crate::output::{self, Abandoned};

/// Starts a thread that waits for SIGINT, SIGTERM or SIGHUP and then ends the process
/// cleanly. Returns once the handlers are in place.
pub fn exit_cleanly_on_signals() {
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("waymark-signals".into())
        .spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                let _ = ready_tx.send(());
                return;
            };
            let signal = runtime.block_on(async move {
                let waiting = wait_for_signal();
                let _ = ready_tx.send(());
                waiting.await
            });
            if let Some((name, status)) = signal {
                let message = match output::abandon_writes() {
                    Abandoned::BeforeSwap => {
                        "the build was stopped and its staging folder removed; the previous output was left unchanged"
                    }
                    Abandoned::AfterSwap => {
                        "the new site had already been written in full and replaced the previous one"
                    }
                };
                eprintln!("\ninterrupted by {name}: {message}");
                std::process::exit(status);
            }
        });
    if spawned.is_ok() {
        let _ = ready_rx.recv();
    }
}

/// When a signal has stopped the build, waits for the signal thread to end the process,
/// so that the interrupted build reports nothing of its own.
pub fn wait_if_interrupted() {
    if output::abandoned() {
        loop {
            std::thread::park();
        }
    }
}

/// Registers the handlers at once and returns a future that resolves to the signal's
/// name and exit status (`None` if no handler could be registered).
#[cfg(unix)]
fn wait_for_signal() -> impl std::future::Future<Output = Option<(&'static str, i32)>> {
    use tokio::signal::unix::{signal, SignalKind};
    let interrupt = signal(SignalKind::interrupt()).ok();
    let terminate = signal(SignalKind::terminate()).ok();
    let hangup = signal(SignalKind::hangup()).ok();
    async move {
        let (Some(mut interrupt), Some(mut terminate), Some(mut hangup)) =
            (interrupt, terminate, hangup)
        else {
            return None;
        };
        tokio::select! {
            _ = interrupt.recv() => Some(("SIGINT", 130)),
            _ = terminate.recv() => Some(("SIGTERM", 143)),
            _ = hangup.recv() => Some(("SIGHUP", 129)),
        }
    }
}

#[cfg(not(unix))]
fn wait_for_signal() -> impl std::future::Future<Output = Option<(&'static str, i32)>> {
    async {
        tokio::signal::ctrl_c().await.ok()?;
        Some(("Ctrl-C", 130))
    }
}
