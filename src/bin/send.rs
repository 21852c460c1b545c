//! The sender build (served at `/send`, never precached: sending needs the network): the
//! hidden frame that sends the volunteer's outbox to the drives' drop boxes. No page and no
//! Leptos, so it costs a few KiB; see `sync::dropbox::web::run_sender`.

fn main() {
    hien_mau::sync::dropbox::web::run_sender();
}
