// <police-engage>: the force's latest updates on any page.
// Defines the custom element, loads the wasm once for every instance on the
// page, and mounts one Yew app per element inside an open shadow root.
// When the feed is on the server this loader came from, that server's HTML
// of the first view is painted first, and the app takes its place unseen.

// The files the loader fetches, relative to itself, and their Subresource
// Integrity hashes. `make dist` rewrites this line with content-hashed names.
const FILES = { glue: 'pkg/police_engage.js', wasm: 'pkg/police_engage_bg.wasm', css: 'pkg/police-engage.css', integrity: {} };
const ATTRIBUTES = ['src', 'feedback', 'privacy', 'limit', 'categories', 'area', 'lang', 'theme', 'refresh', 'heading-level', 'alerts'];
const base = new URL('.', import.meta.url);
const server = new URL('..', base); // the loader is served at <server>/widget/
// What the first view needs of the attributes (and of the resident's area):
// the rest change nothing it shows.
const FIRST_VIEW_ATTRIBUTES = ['limit', 'categories', 'area', 'your-area', 'lang', 'heading-level', 'feedback', 'alerts'];
const FOCUSABLE = 'a[href], button, summary, input, select, textarea';
const live = new Set();
let widget; // Promise of the wasm module's exports, shared by all instances.
let sheet; // Promise of the one stylesheet adopted by every shadow root.
let generation = 0;

// A Welsh widget asks for the feed's Welsh words (`?lang=cy`, which feeds
// that have none ignore); the early fetch and the widget use this same URL.
function feedUrl(src, lang) {
  src = src?.trim();
  if (!src || !/^cy(-|_|$)/i.test(lang.trim())) return src;
  try {
    const url = new URL(src, document.baseURI);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return src;
    url.searchParams.set('lang', 'cy');
    return url.href;
  } catch {
    return src;
  }
}

// import() checks no integrity: a release's glue is preloaded first with its
// hash, and import() takes the module that check let into the page (the
// link carries the page's nonce, as the import would). A browser without
// modulepreload (Safari before 17) fires neither event: it imports unchecked.
const checked = (href, integrity = FILES.integrity.glue) => new Promise((onload, onerror) => {
  const link = document.createElement('link');
  if (integrity && link.relList.supports('modulepreload')) {
    document.head.append(Object.assign(link, { rel: 'modulepreload', href, integrity, onload, onerror, nonce: document.querySelector('[nonce]')?.nonce ?? '' }));
  } else onload();
}).then(() => import(href));

function loadWidget() {
  performance.mark('police-engage:load');
  widget ??= checked(new URL(`${FILES.glue}${generation ? `?recover=${generation}` : ''}`, base))
    .then(async (module) => {
      await module.default({ module_or_path: fetch(new URL(FILES.wasm, base), { integrity: FILES.integrity.wasm }) });
      // Visible in the page's performance timeline, for partners and our benchmark.
      performance.measure('police-engage:wasm', 'police-engage:load');
      return module;
    })
    .catch((error) => {
      widget = undefined; // let a later element try again
      throw error;
    });
  return widget;
}

// A constructed stylesheet, not a <link> or <style>: a host page's strict
// style-src cannot block it, and all instances share one parsed copy.
function loadSheet() {
  sheet ??= fetch(new URL(FILES.css, base), { integrity: FILES.integrity.css })
    .then((response) => (response.ok ? response.text() : ''))
    .catch(() => '')
    .then((css) => {
      const constructed = new CSSStyleSheet();
      constructed.replaceSync(css);
      return constructed;
    });
  return sheet;
}

// The first view goes into the shadow root as HTML, which a host page that
// enforces Trusted Types allows only through a policy it names: partners
// allow `police-engage` in their CSP's `trusted-types`, or get the app alone.
let policy;
function htmlPolicy() {
  if (policy === undefined) {
    try {
      policy = window.trustedTypes?.createPolicy('police-engage', { createHTML: (html) => html }) ?? { createHTML: (html) => html };
    } catch {
      policy = null;
    }
  }
  return policy;
}

// The first view's address when `src` is this server's own feed, else null.
function firstViewUrl(values) {
  let src;
  try {
    src = new URL(values.src, document.baseURI);
  } catch {
    return null;
  }
  if (!values.src || !src.href.startsWith(server.href)) return null;
  const url = new URL('v1/first-view', server);
  url.searchParams.set('src', src.href.slice(server.href.length));
  for (const name of FIRST_VIEW_ATTRIBUTES) if (values[name] != null) url.searchParams.set(name, values[name]);
  return url;
}

// Your area: the resident's choice among the feed's areas, kept on this
// device for each feed (its address without the query) and passed to the app
// and the first view as `your-area` (empty: every area), in place of the
// page's `area`. Storage can be refused (sandboxed frames, privacy modes):
// then the choice lasts as long as the page.
const AREA_KEY = 'police-engage:area:';
const unstored = {};
function remembered(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return unstored[key] ?? null;
  }
}
function remember(key, area) {
  try {
    if (area === null) localStorage.removeItem(key);
    else localStorage.setItem(key, area);
  } catch {
    unstored[key] = area;
  }
}

// Where focus is in `view`, as a place among its focusable elements, and
// focus put back at that place in another view of the same markup.
const focusedIn = (view) => (view ? [...view.querySelectorAll(FOCUSABLE)].indexOf(view.getRootNode().activeElement) : -1);
const focusAt = (view, at) => at >= 0 && view.querySelectorAll(FOCUSABLE)[at]?.focus({ preventScroll: true });

// Resolves once what was just put in the page has been drawn (a task after
// the next frame's callbacks), so the wasm's work does not hold the first
// view back from the screen; a hidden page, which draws no frames, goes on
// after a moment anyway.
const presented = () => new Promise((resolve) => {
  requestAnimationFrame(() => setTimeout(resolve));
  setTimeout(resolve, 100);
});

// A press under way on a first view holds the takeover back until it ends:
// a click whose press began on a view that has since gone is lost, so the
// app takes the view's place only once the press has landed (and been kept
// for the app, as any early press is).
let pressing = false;
const afterPress = new Set();
function pressEnded() {
  if (!pressing) return;
  pressing = false;
  presented().then(() => {
    for (const swap of afterPress) swap();
    afterPress.clear();
  });
}
addEventListener('pointerup', pressEnded, true);
addEventListener('pointercancel', pressEnded, true);

// After a panic the wasm instance is not trusted again: load a fresh one and
// remount every widget on the page.
function recover() {
  generation += 1;
  widget = undefined;
  for (const element of live) element.restart();
}

// Share: the device's share sheet where the browser has one, else the link
// copied and said in the status line after the button. Here rather than in
// the wasm, where the same cost a kilobyte on residents' phones.
async function share(button, root) {
  const { peShare: url, peTitle: title, peCopied: copied, peFailed: failed } = button.dataset;
  if (navigator.share) {
    await navigator.share({ title, url }).catch(() => {});
    return;
  }
  const at = [...root.querySelectorAll('[data-pe-share]')].indexOf(button);
  const said = await navigator.clipboard.writeText(url).then(() => copied, () => failed);
  // The app may have taken the first view's place meanwhile: the same button there.
  const shown = button.isConnected ? button : root.querySelectorAll('[data-pe-share]')[at];
  if (shown) shown.nextElementSibling.textContent = said;
}

class PoliceEngage extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #app = null;
  #starting = null;
  #first = null; // the server's first view, until the app takes its place
  #paints = 0; // first views asked for: only the latest is painted
  #clicked = -1; // a button pressed in the first view, pressed again in the app

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    // Until the widget starts, the element's own children (the no-JS link) show.
    root.append(document.createElement('slot'));
    root.addEventListener('click', (event) => {
      if (event.target.closest?.('[data-pe-recover]')) recover();
      const button = event.target.closest?.('button');
      if (button?.dataset.peShare) share(button, root);
      else if (button?.dataset.peAreaReset != null) this.#chooseArea(null);
      else if (button && this.#first?.contains(button)) this.#clicked = [...this.#first.querySelectorAll('button')].indexOf(button);
    });
    root.addEventListener('pointerdown', (event) => {
      if (this.#first?.contains(event.target)) pressing = true;
    });
    root.addEventListener('change', (event) => {
      if (event.target.dataset?.peArea != null) this.#chooseArea(event.target.value);
    });
  }

  connectedCallback() {
    live.add(this);
    this.#start();
  }

  disconnectedCallback() {
    live.delete(this);
    // A move within the page disconnects and reconnects at once: keep the app.
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  // Changes show at once: in the app, or in a first view fetched again.
  attributeChangedCallback() {
    if (this.#app) this.#app.update(this.#attributes());
    else if (this.#first) this.#paintFirstView();
  }

  restart() {
    this.#app = null;
    this.#starting = null;
    this.#start();
  }

  #attributes() {
    const values = {};
    for (const name of ATTRIBUTES) values[name] = this.getAttribute(name);
    values.lang ||= this.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
    values.src = feedUrl(values.src, values.lang);
    values['your-area'] = remembered(this.#areaKey());
    return values;
  }

  #areaKey() {
    return AREA_KEY + (this.getAttribute('src') ?? '').trim().split(/[?#]/)[0];
  }

  // Kept for every widget of this feed on the page, which all show it at
  // once; choosing the page's own area, or Reset, goes back to the page's.
  #chooseArea(area) {
    const key = this.#areaKey();
    const own = (this.getAttribute('area') ?? '').trim().toLowerCase();
    remember(key, area?.toLowerCase() === own ? null : area);
    const select = this.shadowRoot.querySelector('[data-pe-area]');
    select?.focus(); // Reset's button goes: focus stays on the choice
    for (const element of live) if (element.#areaKey() === key) element.attributeChangedCallback();
    // The browser keeps showing an option the resident picked, whatever the
    // markup says once the app has drawn: show the one the app marks.
    setTimeout(() => {
      for (const option of select?.options ?? []) option.selected = option.defaultSelected;
    });
  }

  #start() {
    if (this.#app || this.#starting) return;
    let early;
    this.#starting = this.#paintFirstView()
      .then(() => this.#first && presented())
      .then(() => {
        early = this.#fetchEarly();
        return Promise.all([loadWidget(), loadSheet()]);
      })
      .then(([module, css]) => {
        this.#starting = null;
        if (!this.isConnected || this.#app) return;
        const mountPoint = document.createElement('div');
        this.shadowRoot.adoptedStyleSheets = [css];
        if (!this.#first) this.shadowRoot.replaceChildren(mountPoint);
        const values = this.#attributes();
        this.#app = module.mount(this, mountPoint, { ...values, prefetch: early(values.src) });
        if (this.#first) this.#takeOver(mountPoint);
        this.dispatchEvent(new CustomEvent('police-engage:ready', { bubbles: true, composed: true }));
      })
      .catch((error) => {
        // The fallback children (or the first view) stay: the page still has its link.
        this.#starting = null;
        console.error('police-engage: the widget could not start', error);
      });
  }

  // Before the wasm: the server's HTML of the first view, with the theme,
  // painted as it comes. Its times are in UK time and a British browser's
  // words (src/when), which the app's are too for a resident in the UK: no
  // `Intl` formatter, whose first use costs a phone tens of milliseconds,
  // stands before the paint. Any failure leaves the element as it was.
  async #paintFirstView() {
    const url = firstViewUrl(this.#attributes());
    const html = url && htmlPolicy();
    if (!html) return;
    const paint = ++this.#paints;
    const [response, css] = await Promise.all([fetch(url, { mode: 'cors' }), loadSheet()]).catch(() => []);
    const text = response?.ok ? await response.text().catch(() => null) : null;
    if (!text || !this.isConnected || this.#app || paint !== this.#paints) return;
    const view = document.createElement('div');
    view.dataset.peFirstView = '';
    view.innerHTML = html.createHTML(text);
    const focused = focusedIn(this.#first);
    this.shadowRoot.adoptedStyleSheets = [css];
    this.shadowRoot.replaceChildren(view);
    this.#first = view;
    focusAt(view, focused);
  }

  // The app renders into an element not yet in the page (so the shadow root
  // never holds two of anything) and takes the first view's place in the
  // same frame once it shows the updates (or what stands for them): focus,
  // open details, what Share said and a button pressed early carry over.
  #takeOver(live) {
    const first = this.#first;
    const swap = () => {
      if (this.#first !== first) return true;
      if (!live.firstElementChild || live.querySelector('.pe-skeleton')) return false;
      if (pressing) {
        afterPress.add(swap);
        return false;
      }
      const focused = focusedIn(first);
      const open = [...first.querySelectorAll('details')].map((details) => details.open);
      live.querySelectorAll('details').forEach((details, i) => { details.open = open[i] ?? false; });
      const said = [...first.querySelectorAll('.pe-share-status')].map((status) => status.textContent);
      live.querySelectorAll('.pe-share-status').forEach((status, i) => { status.textContent = said[i] ?? ''; });
      first.replaceWith(live);
      this.#first = null;
      focusAt(live, focused);
      if (this.#clicked >= 0) live.querySelectorAll('button')[this.#clicked]?.click();
      this.#clicked = -1;
      return true;
    };
    if (swap()) return;
    const watch = new MutationObserver(() => swap() && watch.disconnect());
    watch.observe(live, { childList: true, subtree: true });
  }

  // The feed is fetched while the wasm compiles, not after: on a phone that
  // saves a round trip before the first update shows. The widget takes this
  // response for its first load (same request as its own: no validators yet)
  // if its feed is still this one: `src` or `lang` may change meanwhile.
  #fetchEarly() {
    const src = this.#attributes().src;
    const early = src ? fetch(src, {
      mode: 'cors',
      cache: 'no-cache',
      headers: { Accept: 'application/feed+json, application/json' },
    }) : null;
    early?.catch(() => {}); // the widget reports failures; do not leave them unhandled here
    return (feed) => feed === src && early;
  }

  #stop() {
    this.#app?.destroy();
    this.#app?.free();
    this.#app = null;
    this.#first = null;
    this.shadowRoot.replaceChildren(document.createElement('slot'));
  }
}

if (!customElements.get('police-engage')) customElements.define('police-engage', PoliceEngage);
