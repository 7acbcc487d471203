fn main() {
    leptos::mount::mount_to_body(broadsheet::App);
    broadsheet::bootstrap::take_over();
}
