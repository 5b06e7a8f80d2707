use clap::Parser;

// A build allocates and frees millions of small strings across threads; mimalloc does
// that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = waymark::cli::Cli::parse();
    std::process::exit(waymark::cli::run(cli));
}
