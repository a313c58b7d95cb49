// Building the page: elements from a tag, attributes and children, and forms' messages.

/** `<tag attrs…>children…</tag>`; attributes starting with `on` are event listeners. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter((child) => child !== undefined && child !== null));
  return element;
}

/** A unique id for a label's `for` and an input's `id`. */
let ids = 0;
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled input; `help` becomes its description (`aria-describedby`). */
export function field(label, input, help) {
  const id = input.id || uid('field');
  input.id = id;
  const parts = [el('label', { for: id }, label), input];
  if (help) {
    const helpId = `${id}-help`;
    input.setAttribute('aria-describedby', helpId);
    parts.push(el('p', { id: helpId, class: 'help' }, help));
  }
  return el('div', { class: 'field' }, ...parts);
}

/** Shows `text` in the form's message area, as an error or not. */
export function say(area, text, isError = false) {
  area.textContent = text;
  area.className = isError ? 'message error' : 'message';
}
