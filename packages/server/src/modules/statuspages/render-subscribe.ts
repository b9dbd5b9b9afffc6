/**
 * The public page's email sign-up form: a plain HTML form (no JavaScript)
 * posting to Tocsin's own address, with an optional choice of components
 * folded in a <details>. Shown only when the snapshot says where to post
 * (public pages).
 */
import type { PageSnapshot } from './render.types.js';

export const SUBSCRIBE_CSS = `.sub label{display:block;font-weight:600;margin:4px 0}.sub input[type=email]{width:100%;max-width:420px;font:inherit;padding:8px;border:1px solid #57606a;border-radius:6px}
.sub fieldset{border:0;padding:0;margin:8px 0}.sub fieldset label{font-weight:400;display:flex;gap:8px;align-items:center}.sub button{font:inherit;font-weight:600;margin-top:12px;padding:8px 18px;border:0;border-radius:6px;background:#1b1f24;color:#fff;cursor:pointer}
.sub button:focus-visible,.sub input:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}`;

/** `escapeHtml` is render-html.ts's (passed in, so the two files do not import each other). */
export function subscribeHtml(s: PageSnapshot, escapeHtml: (text: string) => string): string {
  if (!s.subscribeUrl) return '';
  const choices = s.components
    .map((c) => `<label><input type="checkbox" name="components" value="${c.id}">${escapeHtml(c.name)}</label>`)
    .join('');
  return `<section aria-labelledby="subscribe"><h2 id="subscribe">Get updates by email</h2>
<form class="card sub" method="post" action="${escapeHtml(s.subscribeUrl)}"><label for="sub-email">Email address</label><input id="sub-email" name="email" type="email" required maxlength="320" autocomplete="email">${
    choices
      ? `<details><summary>Only some components</summary><fieldset><legend class="d">Tick the components to hear about; none ticked: all of them.</legend>${choices}</fieldset></details>`
      : ''
  }<button type="submit">Subscribe</button><p class="d">We first send a link to confirm the address. Every mail has a one-click unsubscribe link.</p></form></section>`;
}
