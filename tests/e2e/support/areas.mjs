// Your area, as a resident reads it off a widget's cards.

/** The areas of widget `#id`'s cards, in order; `-` for a force-wide update. */
export const cardAreas = (page, id) => page.locator(`#${id} .pe-card`).evaluateAll((cards) => cards.map((card) => {
  const term = [...card.querySelectorAll('dt')].find((dt) => /^(Area|Ardal)$/.test(dt.textContent));
  return term?.nextElementSibling.textContent ?? '-';
}));

/** Whether there are cards and each is in `area` or force-wide. */
export const onlyIn = (areas, area) => areas.length > 0 && areas.every((a) => a === area || a === '-');

/** The key the loader keeps the demo feed's chosen area under. */
export const DEMO_AREA_KEY = 'police-engage:area:/v1/feed.json';
