// Signing in to the console, as each console test does.
import { PASSWORD } from './server.mjs';

/** The people every console test uses, one for each role. */
export const PEOPLE = { responder: 'responder@force.example', admin: 'admin@force.example', editor: 'editor@force.example' };

/**
 * For the harness `h`: `addPeople()` adds `PEOPLE` to its server once;
 * `signIn(email, options)` signs in through the form in a new browser
 * context and waits for the inbox, collecting page errors in `errors`.
 */
export function consoleHelpers(h) {
  let added = false;
  const addPeople = () => {
    if (added) return;
    for (const [role, address] of Object.entries(PEOPLE)) h.server.addPerson(address, role);
    added = true;
  };
  const signIn = async (email, options = {}) => {
    addPeople();
    const context = await h.browser.newContext(options);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${h.server.url}/console/`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
    return { context, page, errors };
  };
  return { addPeople, signIn };
}
