// The baseline for bench/browser/run.mjs, never shipped: the same feed
// rendered into a shadow root by plain JavaScript, as a hand-written script
// would, polling the same way (setInterval + If-None-Match).
class Baseline extends HTMLElement {
  #etag = null;
  #timer = null;

  connectedCallback() {
    this.attachShadow({ mode: 'open' });
    this.#load();
    const refresh = Number(this.getAttribute('refresh') || 300);
    this.#timer = setInterval(() => this.#load(), refresh * 1000);
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
  }

  async #load() {
    const headers = this.#etag ? { 'If-None-Match': this.#etag } : {};
    const response = await fetch(this.getAttribute('src'), { headers, cache: 'no-store' });
    if (response.status === 304) return;
    this.#etag = response.headers.get('etag');
    const feed = await response.json();
    const limit = Number(this.getAttribute('limit') || 5);
    const items = feed.items
      .filter((i) => !i._police?.expires || Date.parse(i._police.expires) > Date.now())
      .sort((a, b) => (b._police?.priority === 'urgent') - (a._police?.priority === 'urgent')
        || Date.parse(b.date_published) - Date.parse(a.date_published))
      .slice(0, limit);
    const list = document.createElement('ul');
    for (const item of items) {
      const li = document.createElement('li');
      li.className = 'pe-card';
      const h3 = document.createElement('h3');
      const a = document.createElement('a');
      a.href = item.url || '#';
      a.textContent = item.title;
      h3.append(a);
      const badge = document.createElement('span');
      badge.textContent = item._police?.category || 'news';
      const time = document.createElement('time');
      time.dateTime = item.date_published;
      time.textContent = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' })
        .format(Math.round((Date.parse(item.date_published) - Date.now()) / 3_600_000), 'hour');
      const body = document.createElement('p');
      body.textContent = item.summary || item.content_text || '';
      li.append(h3, badge, time, body);
      list.append(li);
    }
    this.shadowRoot.replaceChildren(list);
  }
}
customElements.define('pe-baseline', Baseline);
