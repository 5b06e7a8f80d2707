use clap::Parser;

fn main() {
    let cli = waymark::cli::Cli::parse();
    std::process::exit(waymark::cli::run(cli));
}
