//! `waymark serve`.

use super::{exit_code, report, EXIT_OK};
use crate::serve::{self, ServeOptions};

pub fn run(options: ServeOptions, open: bool) -> i32 {
    let host = options.host;
    if !host.is_loopback() {
        eprintln!("warning: serving on {host}: other machines on the network can read the preview");
    }
    let server = match serve::start(options) {
        Ok(server) => server,
        Err(failure) => {
            report(&failure.diagnostics());
            return exit_code(&failure);
        }
    };
    let url = format!("http://{}/", server.addr);
    eprintln!("serving at {url} (Ctrl-C to stop)");
    if open {
        open_browser(&url);
    }
    wait_for_stop_signal();
    eprintln!("stopping");
    server.stop();
    EXIT_OK
}

/// Waits for Ctrl-C (or, on Unix, a termination request).
fn wait_for_stop_signal() {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return;
    };
    runtime.block_on(async {
        #[cfg(unix)]
        {
            let mut terminate =
                tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
            let terminated = async {
                match terminate.as_mut() {
                    Some(signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminated => {}
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    });
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("warning: could not open a browser; open {url} yourself");
    }
}
