//! The `beltscope` binary: everything lives in the library; this only hands over.

fn main() -> std::process::ExitCode {
    beltscope::cli::main()
}

/// jemalloc with transparent huge pages (set in `.cargo/config.toml`): scoring a large panel
/// touches tens of MB of fresh memory, and with 4 KB pages the kernel's page faults were a
/// third of the time.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
