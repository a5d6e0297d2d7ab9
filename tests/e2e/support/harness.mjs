// What every end-to-end file needs: the real server, Chromium and, when
// asked, a second origin for partner pages and feeds; started once per file.
import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { startFeedHost } from './feed-host.mjs';
import { startServer } from './server.mjs';

/**
 * `serverArgs(h)` may set up feed host routes and returns extra server
 * flags; `serverEnv` is more environment for the server (a driven clock).
 */
export function harness({ feedHost = false, serverArgs = () => [], serverEnv = {} } = {}) {
  const h = {};
  before(async () => {
    if (feedHost) h.host = await startFeedHost();
    h.server = await startServer({ args: serverArgs(h), env: serverEnv });
    h.browser = await launchBrowser();
  });
  after(async () => {
    await h.browser?.close();
    await h.host?.close();
    await h.server?.stop();
  });
  return h;
}
