// The page for partners (/embed, a server page; crates/views/src/embed_builder.rs): the copy button, and the
// preview sized to its widget. Without this script the snippet is still there to select and copy by hand, and the
// preview keeps the height the server estimated for it.
const snippet = document.getElementById('embed-snippet');
const copy = document.querySelector('.embed-copy');
const status = document.querySelector('.embed-builder .form-status');
if (snippet && copy && status) {
  copy.hidden = false;
  copy.querySelector('button').addEventListener('click', async () => {
    let message = 'Snippet copied to the clipboard.';
    try {
      await navigator.clipboard.writeText(snippet.textContent);
    } catch {
      getSelection().selectAllChildren(snippet);
      message = 'Could not copy automatically: the snippet is selected, press Ctrl+C (or ⌘C) to copy it.';
    }
    // Emptied first, so that the same message said twice is announced twice.
    status.textContent = '';
    requestAnimationFrame(() => { status.textContent = message; });
  });
}
// The preview is on this site, so its document's height can be read.
const preview = document.querySelector('.embed-preview');
const fit = () => {
  const height = preview.contentDocument?.documentElement?.getBoundingClientRect().height;
  if (height > 0) preview.style.height = `${Math.ceil(height)}px`;
};
if (preview) {
  preview.addEventListener('load', fit);
  if (preview.contentDocument?.readyState === 'complete') fit();
}
