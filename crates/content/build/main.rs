//! Facts compiled into constants at build time, so the app and the server share one rule and the wasm carries
//! no parser or database for them: the publication's time zone (`zone.rs`) and the characters readers cannot see
//! (`invisible.rs`).

mod invisible;
mod zone;

fn main() {
    zone::write();
    invisible::write();
}
