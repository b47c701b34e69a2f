//! The default report template is compiled into the binary
//! (`include_dir!` in `src/world.rs`); rebuild when any of its files changes.

fn main() {
    println!("cargo::rerun-if-changed=../../report_templates/quarterly");
}
