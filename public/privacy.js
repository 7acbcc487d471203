// The privacy notice (/privacy, a server page; crates/views/src/newsletter.rs): the reader's choice not to be
// counted in most read, kept on this device (localStorage), which the app reads before it sends a count
// (src/reads.rs). The key and its value come from the page (broadsheet_content::reads). Without this script the
// choice is not offered, and nothing is counted either, since the app sends the count.
const choice = document.querySelector('.reads-choice');
if (choice) {
  const { key, off } = choice.dataset;
  const button = choice.querySelector('button');
  const status = choice.querySelector('[role=status]');
  const stored = () => {
    try { return localStorage.getItem(key) === off; } catch { return null; }
  };
  const show = () => {
    const out = stored();
    if (navigator.globalPrivacyControl) {
      button.hidden = true;
      return 'Your browser sends Global Privacy Control, so your reading is not counted.';
    }
    if (out === null) {
      button.hidden = true;
      return 'This browser does not let the site keep your choice.';
    }
    button.textContent = out ? 'Count my reading again' : 'Do not count my reading';
    return out ? 'Your reading on this device is not counted.' : 'Your reading on this device is counted, as described above.';
  };
  choice.hidden = false;
  status.textContent = show();
  button.addEventListener('click', () => {
    try {
      if (stored()) localStorage.removeItem(key); else localStorage.setItem(key, off);
    } catch { /* show() says the choice cannot be kept */ }
    // Emptied first, so that the same message said twice is announced twice.
    status.textContent = '';
    requestAnimationFrame(() => { status.textContent = show(); });
  });
}
