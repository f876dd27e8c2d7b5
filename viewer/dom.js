// A tiny element builder: h('div', { class: 'x', onclick }, child, ...). Strings become text nodes (never HTML).
export function h(tag, props = {}, ...children) {
  const svg = ['svg', 'g', 'rect', 'line', 'text', 'circle', 'path', 'title', 'polygon'].includes(tag);
  const element = svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export const fmt = (value, digits = 1) => (typeof value === 'number' ? value.toFixed(digits) : '–');
