// Waiting for what a test cannot wait on through Playwright: the server's
// feed, what a widget renders inside its shadow root, the widgets' next poll.

/** Calls `check` every 100 ms until it returns something truthy, for at most `seconds`; its last answer. */
export async function until(check, seconds = 10) {
  let answer;
  for (let tries = 0; tries < seconds * 10 && !(answer = await check()); tries += 1) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return answer;
}

/**
 * Whether the widget `#id` on `page` shows its wasm app past loading: not the
 * server's first view, not the fallback link, not the skeleton.
 */
export function appLive(page, id) {
  return page.locator(`#${id}`).evaluate((el) => el.shadowRoot.querySelector('section') !== null
    && el.shadowRoot.querySelector('[data-pe-first-view], .pe-skeleton') === null);
}

/** Whether both widgets of the demo page show their apps (it is the apps that poll). */
export async function demoAppsLive(page) {
  return (await appLive(page, 'all-updates')) && appLive(page, 'welsh-appeals');
}

/**
 * Jumps `page`'s installed clock past the widgets' next poll (`refresh`,
 * 300 s by default), which fires once. Not `runFor`: it would run every timer
 * on the way, the poll's own 10-second timeout among them when the page has
 * been open a while, before the server could answer.
 */
export const nextPoll = (page) => page.clock.fastForward(301_000);
