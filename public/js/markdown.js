// Markdown to safe HTML: marked parses, DOMPurify removes anything that could run script.
// Both come from WebJars (see index.html) and are loaded as classic scripts before this module.

const { marked, DOMPurify } = globalThis;

marked.setOptions({ gfm: true, breaks: true });

// Links leave the app in a new tab without giving the opened page a handle on this one.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const PURIFY = {
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style'],
  ADD_ATTR: ['target'],
};

/** Renders message text to a sanitized HTML string. */
export function renderMarkdown(text) {
  return DOMPurify.sanitize(marked.parse(text || ''), PURIFY);
}

/** Fills `el` with the rendered Markdown of `text`. */
export function setMarkdown(el, text) {
  el.innerHTML = renderMarkdown(text);
}
