// Markdown to safe HTML: marked parses, DOMPurify removes anything that could run script, and
// highlight.js colours code blocks. All three come from WebJars (see index.html) and are loaded
// as classic scripts before this module.
import { h, copyText } from './dom.js';

const { marked, DOMPurify, hljs } = globalThis;

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

// Guessing a language runs every grammar over the text; past this size the block stays plain.
const AUTO_DETECT_MAX_CHARS = 20_000;

/** Renders message text to a sanitized HTML string. */
export function renderMarkdown(text) {
  return DOMPurify.sanitize(marked.parse(text || ''), PURIFY);
}

/** Fills `el` with the rendered Markdown of `text`; code blocks get colours and a copy button. */
export function setMarkdown(el, text) {
  el.innerHTML = renderMarkdown(text);
  for (const code of el.querySelectorAll('pre > code')) decorateCodeBlock(code);
}

function decorateCodeBlock(code) {
  const pre = code.parentElement;
  const source = code.textContent;
  const declared = /\blanguage-([\w+#.-]+)/.exec(code.className)?.[1];
  const language = declared && hljs.getLanguage(declared) ? declared : null;
  // highlight.js escapes the text itself and only adds its own <span class="hljs-…"> around it.
  if (language) code.innerHTML = hljs.highlight(source, { language, ignoreIllegals: true }).value;
  else if (source.length <= AUTO_DETECT_MAX_CHARS) code.innerHTML = hljs.highlightAuto(source).value;
  code.classList.add('hljs');
  const copy = h('button', { class: 'code-copy', type: 'button', title: 'Copy the code', dataset: { action: 'copy-code' }, text: 'Copy' });
  copy.addEventListener('click', async () => {
    await copyText(source.replace(/\n$/, '')); // marked ends every block with a newline
    copy.textContent = 'Copied';
    setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
  });
  const block = h('div', { class: 'code-block' },
    h('div', { class: 'code-bar' }, h('span', { class: 'code-lang', text: declared || '' }), copy));
  pre.replaceWith(block);
  block.append(pre);
}
