// <police-engage>: the force's latest updates on any page.
// Defines the custom element, loads the wasm once for every instance on the
// page, and mounts one Yew app per element inside an open shadow root.

// The files the loader fetches, relative to itself, and their Subresource
// Integrity hashes. `make dist` rewrites this line with content-hashed names.
const FILES = { glue: 'pkg/police_engage.js', wasm: 'pkg/police_engage_bg.wasm', css: 'pkg/police-engage.css', integrity: {} };
const ATTRIBUTES = ['src', 'feedback', 'privacy', 'limit', 'categories', 'area', 'lang', 'theme', 'refresh', 'heading-level'];
const base = new URL('.', import.meta.url);
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

function loadWidget() {
  performance.mark('police-engage:load');
  widget ??= import(new URL(`${FILES.glue}${generation ? `?recover=${generation}` : ''}`, base))
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
async function share(button) {
  const { peShare: url, peTitle: title, peCopied: copied, peFailed: failed } = button.dataset;
  if (navigator.share) {
    await navigator.share({ title, url }).catch(() => {});
    return;
  }
  const said = await navigator.clipboard.writeText(url).then(() => copied, () => failed);
  button.nextElementSibling.textContent = said;
}

class PoliceEngage extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #app = null;
  #starting = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    // Until the widget starts, the element's own children (the no-JS link) show.
    root.append(document.createElement('slot'));
    root.addEventListener('click', (event) => {
      if (event.target.closest?.('[data-pe-recover]')) recover();
      const button = event.target.closest?.('[data-pe-share]');
      if (button) share(button);
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

  attributeChangedCallback() {
    this.#app?.update(this.#attributes());
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
    return values;
  }

  #start() {
    if (this.#app || this.#starting) return;
    const early = this.#fetchEarly();
    this.#starting = Promise.all([loadWidget(), loadSheet()])
      .then(([module, css]) => {
        this.#starting = null;
        if (!this.isConnected || this.#app) return;
        const mountPoint = document.createElement('div');
        this.shadowRoot.adoptedStyleSheets = [css];
        this.shadowRoot.replaceChildren(mountPoint);
        this.#app = module.mount(this, mountPoint, { ...this.#attributes(), prefetch: early });
        this.dispatchEvent(new CustomEvent('police-engage:ready', { bubbles: true, composed: true }));
      })
      .catch((error) => {
        // The fallback children stay visible: the page still has its link.
        this.#starting = null;
        console.error('police-engage: the widget could not start', error);
      });
  }

  // The feed is fetched while the wasm compiles, not after: on a phone that
  // saves a round trip before the first update shows. The widget takes this
  // response for its first load (same request as its own: no validators yet).
  #fetchEarly() {
    const src = this.#attributes().src;
    if (!src) return null;
    const early = fetch(src, {
      mode: 'cors',
      cache: 'no-cache',
      headers: { Accept: 'application/feed+json, application/json' },
    });
    early.catch(() => {}); // the widget reports failures; do not leave them unhandled here
    return early;
  }

  #stop() {
    this.#app?.destroy();
    this.#app?.free();
    this.#app = null;
    this.shadowRoot.replaceChildren(document.createElement('slot'));
  }
}

if (!customElements.get('police-engage')) customElements.define('police-engage', PoliceEngage);
