import { type Language } from '@technopolice/shared';
import { type Html, markup, raw } from './html.js';
import { ICON, STYLESHEET } from './public-assets.js';
import { formatDate, textFor } from './public-text.js';

// The campaign's eye, struck through (as on the sign-in pages); presentation attributes only.
const LOGO = raw(
  `<svg viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8" fill="#e4572e"/><path d="M6 16c2.6-4.4 6.1-6.6 10-6.6s7.4 2.2 10 6.6c-2.6 4.4-6.1 6.6-10 6.6S8.6 20.4 6 16Z" fill="none" stroke="#fff" stroke-width="2"/><circle cx="16" cy="16" r="3.2" fill="none" stroke="#fff" stroke-width="2"/><path d="M7 25 25 7" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/></svg>`,
);

export interface FrameOptions {
  language: Language;
  title: string;
  /** Plain text for `<meta name="description">` and Open Graph. */
  description?: string;
  /** Absolute URL of this page (PUBLIC_URL + path). */
  canonical?: string;
  /** Other languages of this page: absolute URLs. */
  alternates?: { language: Language; href: string }[];
  /** Open Graph type: `article` for a case, `website` for the listing. */
  ogType?: 'article' | 'website';
  published?: Date;
  modified?: Date;
  /** Which item of the main navigation this page is. */
  current?: 'list';
  robots?: string;
  body: Html;
}

/** The frame of every public page: head, masthead, main landmark, footer. No script. */
export function frame(o: FrameOptions): string {
  const t = textFor(o.language);
  const head = o.canonical
    ? markup`<meta property="og:site_name" content="${t.siteName}">
<meta property="og:type" content="${o.ogType ?? 'website'}">
<meta property="og:title" content="${o.title}">
${o.description ? markup`<meta property="og:description" content="${o.description}">\n` : ''}<meta property="og:url" content="${o.canonical}">
<meta property="og:locale" content="${t.ogLocale}">
${o.published ? markup`<meta property="article:published_time" content="${o.published.toISOString()}">\n` : ''}${o.modified ? markup`<meta property="article:modified_time" content="${o.modified.toISOString()}">\n` : ''}`
    : '';
  return markup`<!doctype html>
<html lang="${o.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${t.siteName}</title>
${o.description ? markup`<meta name="description" content="${o.description}">\n` : ''}${o.robots ? markup`<meta name="robots" content="${o.robots}">\n` : ''}<meta name="referrer" content="no-referrer">
${o.canonical ? markup`<link rel="canonical" href="${o.canonical}">\n` : ''}${(o.alternates ?? []).map((a) => markup`<link rel="alternate" hreflang="${a.language}" href="${a.href}">\n`)}<link rel="alternate" type="application/atom+xml" href="/feed.atom" title="${t.feedTitle}">
<link rel="stylesheet" href="${STYLESHEET.path}">
<link rel="icon" type="image/svg+xml" href="${ICON.path}">
${head}</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header class="masthead">
<div class="wrap">
<a class="brand" href="/p">${LOGO}<span>${t.siteName}</span></a>
<nav aria-label="${t.mainNav}">
<ul>
<li><a href="/p"${o.current === 'list' ? raw(' aria-current="page"') : ''}>${t.allCases}</a></li>
<li><a href="/feed.atom" type="application/atom+xml">${t.feed}</a></li>
</ul>
</nav>
</div>
</header>
<main id="main" tabindex="-1">
${o.body}
</main>
<footer class="colophon">
<div class="wrap"><p>${t.footer}</p></div>
</footer>
</body>
</html>
`.value;
}

/** A page that only says something: not found, withdrawn, a bad filter, an error. */
export function messagePage(o: {
  language: Language;
  title: string;
  lead: string;
  extra?: Html;
}): string {
  const t = textFor(o.language);
  return frame({
    language: o.language,
    title: o.title,
    robots: 'noindex',
    body: markup`<div class="wrap message">
<h1>${o.title}</h1>
<p class="lead">${o.lead}</p>
${o.extra ?? ''}
<p><a href="/p">${t.backToList}</a></p>
</div>`,
  });
}

export function notFoundPage(): string {
  const t = textFor('fr');
  return messagePage({ language: 'fr', title: t.notFoundTitle, lead: t.notFoundLead });
}

/** 410: withdrawn, when, and the reason the group gave; nothing of the case's content. */
export function gonePage(groupName: string, retractedAt: Date, reason: string | null): string {
  const t = textFor('fr');
  return messagePage({
    language: 'fr',
    title: t.goneTitle,
    lead: t.goneLead(groupName, formatDate(retractedAt, 'fr')),
    extra: reason
      ? markup`<section class="reason" aria-labelledby="reason-title"><h2 id="reason-title">${t.goneReason}</h2><p>${reason}</p></section>`
      : undefined,
  });
}

export function errorPage(): string {
  const t = textFor('fr');
  return messagePage({ language: 'fr', title: t.errorTitle, lead: t.errorLead });
}
