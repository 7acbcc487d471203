import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/// A partner's site on another origin: `http://localhost:{port}` (the app is on 127.0.0.1). It serves whatever
/// HTML a test gives for a path, and stops when the test closes it.
export async function partnerSite(pages: Record<string, string>): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url || '/').split('?')[0];
    if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    const html = pages[path];
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/// A partner page holding the given widget divs and the loader from Broadsheet at `app`.
export function widgetPage(app: string, widgets: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tyneford Council news</title></head>
<body><main><h1>Council news</h1>${widgets}<p id="after">Partner content after the widgets.</p></main>
<script src="${app}/embed.js" async></script></body></html>`;
}
