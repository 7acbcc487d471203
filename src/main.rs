fn main() {
    // The first render in a task of its own, after the one that instantiates the wasm.
    broadsheet::startup::next_task(broadsheet::startup::mount);
}
