// What every end-to-end file needs: the real server, Chromium and, when
// asked, a second origin for partner pages and feeds; started once per file.
import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { startFeedHost } from './feed-host.mjs';
import { startServer } from './server.mjs';

export function harness({ feedHost = false } = {}) {
  const h = {};
  before(async () => {
    h.server = await startServer();
    if (feedHost) h.host = await startFeedHost();
    h.browser = await launchBrowser();
  });
  after(async () => {
    await h.browser?.close();
    await h.host?.close();
    await h.server?.stop();
  });
  return h;
}
