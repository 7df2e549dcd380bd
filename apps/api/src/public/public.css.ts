/**
 * The one stylesheet of the public pages: the web app's palette (apps/web/src/styles/tokens.css),
 * system fonts only (a serif for reading, the interface's sans for the rest), no web font, no
 * inline style anywhere (the CSP allows none), and a print sheet for A4.
 */
export const PUBLIC_CSS = `
:root {
  --bg: #f6f5f1;
  --surface: #ffffff;
  --sunken: #efede6;
  --border: #e3e0d7;
  --border-strong: #cdc9bc;
  --ink: #13203b;
  --text: #1f2a40;
  --muted: #525a6b;
  --accent: #b63a12;
  --accent-strong: #962f0e;
  --accent-soft: #fbebe3;
  --navy: #13203b;
  --navy-text: #dfe4ee;
  --navy-muted: #a4adc2;
  --danger: #b42318;
  --danger-soft: #fdeceb;
  --sans: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  --serif: Charter, 'Bitstream Charter', 'Sitka Text', Cambria, Georgia, 'Times New Roman', serif;
  --mono: ui-monospace, 'SFMono-Regular', 'Cascadia Mono', 'DejaVu Sans Mono', monospace;
  --radius: 10px;
  --content: 72rem;
  --measure: 42rem;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font: 1rem/1.55 var(--sans);
  display: flex;
  flex-direction: column;
  min-height: 100vh;
}
main { flex: 1; outline: none; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { color: var(--accent-strong); }
:focus-visible { outline: 3px solid #e0561f; outline-offset: 2px; border-radius: 2px; }
img, svg { max-width: 100%; }
.wrap { max-width: var(--content); margin: 0 auto; padding: 0 1.25rem; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.skip {
  position: absolute; left: 1rem; top: -3rem; z-index: 10; padding: 0.5rem 1rem;
  background: var(--surface); color: var(--ink); border: 2px solid var(--accent);
  border-radius: 6px; font-weight: 600;
}
.skip:focus { top: 1rem; }

/* Masthead */
.masthead { background: var(--navy); color: var(--navy-text); }
.masthead .wrap {
  display: flex; align-items: center; justify-content: space-between; gap: 1rem;
  flex-wrap: wrap; min-height: 3.75rem; padding-top: 0.5rem; padding-bottom: 0.5rem;
}
.brand {
  display: inline-flex; align-items: center; gap: 0.6rem; color: #fff; text-decoration: none;
  font-weight: 700; letter-spacing: 0.01em; font-size: 1.15rem;
}
.brand:hover { color: #fff; }
.brand svg { width: 1.9rem; height: 1.9rem; flex: none; }
.masthead nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none; margin: 0; padding: 0; }
.masthead nav a { color: var(--navy-text); text-decoration: none; font-size: 0.95rem; }
.masthead nav a:hover { color: #fff; text-decoration: underline; }
.masthead nav a[aria-current='page'] { color: #fff; font-weight: 600; }
.masthead :focus-visible { outline-color: #ef6a3f; }

/* Article */
.article { padding-top: 2.5rem; padding-bottom: 3.5rem; }
.article-head { max-width: 52rem; margin-bottom: 2rem; }
.kicker {
  margin: 0 0 0.75rem; color: var(--accent); font-size: 0.85rem; font-weight: 700;
  letter-spacing: 0.06em; text-transform: uppercase;
}
.kicker a { color: inherit; text-decoration: none; }
.kicker a:hover { text-decoration: underline; }
h1, h2, h3 { color: var(--ink); line-height: 1.2; }
.article h1 {
  margin: 0 0 1rem; font-family: var(--serif); font-size: clamp(1.9rem, 4.2vw, 3rem);
  font-weight: 700; letter-spacing: -0.01em; text-wrap: balance;
}
.standfirst {
  margin: 0 0 1.25rem; font-family: var(--serif); font-size: clamp(1.1rem, 2vw, 1.35rem);
  line-height: 1.5; color: var(--muted);
}
.byline {
  display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: baseline;
  margin: 0; padding: 0.75rem 0; border-top: 1px solid var(--border-strong);
  border-bottom: 1px solid var(--border); color: var(--muted); font-size: 0.92rem;
}
.byline strong { color: var(--ink); }
.lang-switch { margin-left: auto; }
.notice {
  margin: 0 0 2rem; padding: 0.9rem 1.1rem; border-left: 4px solid var(--accent);
  background: var(--accent-soft); color: var(--ink); border-radius: 0 var(--radius) var(--radius) 0;
}
.notice p { margin: 0; }
.notice p + p { margin-top: 0.35rem; }
.layout { display: grid; column-gap: 3rem; grid-template-columns: minmax(0, 1fr); }
.layout > aside { margin-bottom: 2.5rem; }
@media (min-width: 62rem) {
  .layout { grid-template-columns: minmax(0, var(--measure)) minmax(16rem, 22rem); justify-content: space-between; }
  .layout > aside { grid-column: 2; grid-row: 1 / span 6; align-self: start; position: sticky; top: 1.5rem; }
}
.section { margin: 0 0 2.75rem; }
.section > h2 {
  margin: 0 0 1rem; padding-bottom: 0.4rem; font-size: 1.15rem; letter-spacing: 0.01em;
  border-bottom: 2px solid var(--ink);
}

/* The summary, as the group wrote it */
.summary { font-family: var(--serif); font-size: 1.13rem; line-height: 1.7; color: var(--text); }
.summary > :first-child { margin-top: 0; }
.summary h2, .summary h3, .summary h4 { font-family: var(--sans); margin: 2rem 0 0.6rem; }
.summary h2 { font-size: 1.35rem; }
.summary h3 { font-size: 1.15rem; }
.summary p, .summary ul, .summary ol { margin: 0 0 1.1rem; }
.summary li + li { margin-top: 0.3rem; }
.summary blockquote {
  margin: 1.5rem 0; padding: 0.2rem 0 0.2rem 1.2rem; border-left: 3px solid var(--accent);
  color: var(--muted); font-style: italic;
}
.summary code { font-family: var(--mono); font-size: 0.88em; background: var(--sunken); padding: 0.1em 0.3em; border-radius: 4px; }
.summary pre { overflow-x: auto; background: var(--sunken); padding: 1rem; border-radius: 6px; }
.summary img { height: auto; border-radius: 6px; }
.summary figure { margin: 1.5rem 0; }
.summary hr { border: 0; border-top: 1px solid var(--border-strong); margin: 2rem 0; }
.summary table { border-collapse: collapse; width: 100%; font-family: var(--sans); font-size: 0.95rem; }
.summary th, .summary td { border: 1px solid var(--border); padding: 0.4rem 0.6rem; text-align: left; }
.summary .rt-missing { color: var(--muted); }

/* Key facts */
.facts {
  background: var(--surface); border: 1px solid var(--border); border-top: 4px solid var(--accent);
  border-radius: 0 0 var(--radius) var(--radius); padding: 1.25rem 1.25rem 0.5rem;
  box-shadow: 0 1px 2px rgb(19 32 59 / 0.05);
}
.facts h2 { margin: 0 0 1rem; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); }
.facts dl { margin: 0; }
.facts dt { font-size: 0.78rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.facts dd { margin: 0.15rem 0 1rem; color: var(--ink); }
.facts .amount { font-size: 1.35rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.facts .source { display: block; font-size: 0.88rem; color: var(--muted); }
.facts ul { margin: 0; padding: 0; list-style: none; }
.facts li + li { margin-top: 0.35rem; }
.actor-name { font-weight: 600; }
.actor-role { color: var(--muted); font-size: 0.92rem; }
.tags { display: flex; flex-wrap: wrap; gap: 0.35rem; margin: 0; padding: 0; list-style: none; }
.facts .tags li + li { margin-top: 0; }
.tag {
  display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.82rem;
  background: var(--accent-soft); color: var(--accent-strong); font-weight: 600;
}
a.tag { text-decoration: none; }
a.tag:hover { background: var(--accent); color: #fff; }
.tag-plain { background: var(--sunken); color: var(--muted); font-weight: 500; }
.status { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 600; }
.status::before { content: ''; width: 0.6rem; height: 0.6rem; border-radius: 50%; background: var(--muted); }
.status-deployed::before { background: var(--danger); }
.status-experiment::before { background: #c77700; }
.status-announced::before { background: #5a6ea8; }
.status-suspended::before, .status-abandoned::before { background: #1d7a46; }
.status-contested::before { background: #7a3db8; }

/* Timeline */
.timeline { list-style: none; margin: 0; padding: 0 0 0 1.25rem; border-left: 2px solid var(--border-strong); }
.timeline li { position: relative; padding: 0 0 1.1rem 0.5rem; break-inside: avoid; }
.timeline li::before {
  content: ''; position: absolute; left: -1.25rem; top: 0.45rem; width: 0.7rem; height: 0.7rem;
  margin-left: -5px; border-radius: 50%; background: var(--surface); border: 2px solid var(--accent);
}
.timeline time { display: block; font-size: 0.85rem; font-weight: 700; color: var(--muted); font-variant-numeric: tabular-nums; }
.timeline .cite { font-size: 0.9rem; }

/* Documents */
.documents { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
.doc {
  display: flex; gap: 0.9rem; align-items: flex-start; padding: 0.9rem 1rem;
  background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius);
  break-inside: avoid;
}
.doc-type {
  flex: none; min-width: 3.2rem; padding: 0.35rem 0.4rem; border-radius: 6px; text-align: center;
  background: var(--sunken); color: var(--ink); font-size: 0.75rem; font-weight: 700; letter-spacing: 0.04em;
}
.doc-title { font-weight: 600; }
.doc-meta { display: block; color: var(--muted); font-size: 0.88rem; margin-top: 0.15rem; }
.empty { color: var(--muted); font-style: italic; }

/* Revisions */
.revisions { list-style: none; margin: 0; padding: 0; }
.revisions li { padding: 0.6rem 0; border-bottom: 1px solid var(--border); break-inside: avoid; }
.revisions .when { color: var(--muted); font-size: 0.9rem; }
.revisions .note { display: block; margin-top: 0.2rem; }
.revisions [aria-current] { font-weight: 700; }

/* Listing */
.page-head { padding: 2.25rem 0 1.25rem; }
.page-head h1 { margin: 0 0 0.5rem; font-family: var(--serif); font-size: clamp(1.8rem, 3.6vw, 2.6rem); }
.page-head p { margin: 0; max-width: 48rem; color: var(--muted); font-size: 1.08rem; }
.filters {
  display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-end; margin: 0 0 1.75rem;
  padding: 1rem 1.1rem; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius);
}
.filters fieldset { display: contents; }
.filters legend { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.field { display: flex; flex-direction: column; gap: 0.25rem; min-width: 11rem; flex: 1 1 11rem; }
.field label { font-size: 0.82rem; font-weight: 700; color: var(--muted); }
.field select, .field input {
  font: inherit; font-size: 0.95rem; color: var(--ink); background: var(--surface);
  border: 1px solid var(--border-strong); border-radius: 6px; padding: 0.45rem 0.55rem; min-height: 2.4rem;
}
.actions { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
.button {
  font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 0;
  border-radius: 6px; padding: 0.55rem 1.1rem; min-height: 2.4rem; cursor: pointer;
}
.button:hover { background: var(--accent-strong); }
.listing { display: grid; gap: 2rem; grid-template-columns: minmax(0, 1fr); padding-bottom: 3rem; }
@media (min-width: 62rem) {
  .listing { grid-template-columns: minmax(0, 1fr) minmax(0, 26rem); align-items: start; }
  .listing .map { grid-column: 2; grid-row: 1; position: sticky; top: 1.5rem; }
}
.map {
  margin: 0; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius);
  padding: 0.75rem;
}
.map svg { display: block; width: 100%; height: auto; }
.map .dot { fill: var(--accent); stroke: #fff; stroke-width: 2; }
.map a:hover .dot, .map a:focus .dot { fill: var(--ink); }
.map a:focus { outline: none; }
.map a:focus-visible .dot { stroke: #e0561f; stroke-width: 5; }
.map figcaption { font-size: 0.85rem; color: var(--muted); padding: 0.5rem 0.25rem 0; }
.count { margin: 0 0 1rem; color: var(--muted); font-weight: 600; }
.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; }
.card {
  background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius);
  padding: 1.1rem 1.25rem; break-inside: avoid;
}
.card h2 { margin: 0.2rem 0 0.5rem; font-family: var(--serif); font-size: 1.3rem; }
.card h2 a { color: var(--ink); text-decoration: none; }
.card h2 a:hover { color: var(--accent); text-decoration: underline; }
.card .kicker { margin: 0; font-size: 0.78rem; }
.card p { margin: 0.4rem 0; }
.card .excerpt { color: var(--text); }
.card .meta { display: flex; flex-wrap: wrap; gap: 0.35rem 1rem; align-items: center; color: var(--muted); font-size: 0.88rem; margin-top: 0.6rem; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 1.5rem; }
.message { padding-top: 3rem; padding-bottom: 4rem; }
.message > * { max-width: 44rem; }
.message h1 { font-family: var(--serif); font-size: clamp(1.8rem, 3.6vw, 2.5rem); margin: 0 0 1rem; }
.message .lead { font-size: 1.15rem; }
.reason { margin: 1.5rem 0; padding: 1rem 1.2rem; background: var(--surface); border-left: 4px solid var(--ink); border-radius: 0 var(--radius) var(--radius) 0; }
.reason h2 { margin: 0 0 0.4rem; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.reason p { margin: 0; white-space: pre-line; }
.issues { margin: 1rem 0 1.5rem; padding-left: 1.25rem; }
.issues code { font-family: var(--mono); background: var(--sunken); padding: 0.1em 0.3em; border-radius: 4px; }

/* Footer */
.colophon { border-top: 1px solid var(--border-strong); background: var(--sunken); color: var(--muted); font-size: 0.88rem; }
.colophon .wrap { padding-top: 1.25rem; padding-bottom: 1.5rem; }
.colophon p { margin: 0; max-width: 48rem; }

@media (prefers-reduced-motion: no-preference) {
  a, .dot { transition: color 0.15s, fill 0.15s; }
}

@media print {
  @page { size: A4; margin: 18mm 16mm 20mm; }
  *, *::before, *::after { color: #000 !important; background: #fff !important; box-shadow: none !important; text-shadow: none !important; }
  body { font: 10.5pt/1.45 var(--serif); display: block; min-height: 0; }
  .wrap { max-width: none; padding: 0; }
  .masthead nav, .skip, .lang-switch, .filters, form, .pager, .map figcaption, .colophon { display: none !important; }
  .masthead { border-bottom: 1pt solid #000; margin-bottom: 6mm; }
  .masthead .wrap { min-height: 0; padding: 0 0 2mm; }
  .brand { color: #000; }
  .brand svg { display: none; }
  .article { padding-top: 0; padding-bottom: 0; }
  .layout { display: block; }
  .layout > aside { position: static; margin: 0 0 6mm; }
  .facts { border: 1pt solid #000; border-radius: 0; padding: 3mm 4mm 0; break-inside: avoid; }
  .facts dd { margin-bottom: 2.5mm; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  .summary { font-size: 11pt; }
  .summary p, .summary li { orphans: 3; widows: 3; }
  .summary a[href]::after { content: ' (' attr(href) ')'; font-size: 0.85em; word-break: break-all; }
  .summary a[href^='#']::after { content: ''; }
  .doc, .timeline li, .revisions li, .card, .reason, .notice, figure, img, table { break-inside: avoid; page-break-inside: avoid; }
  .doc { border: 1pt solid #999; border-radius: 0; }
  .doc-title a::after { content: ' (' attr(data-href) ')'; font-weight: normal; font-size: 0.85em; word-break: break-all; }
  .summary blockquote { border-left-color: #000; }
  .timeline { border-left: 1pt solid #000; }
  .timeline li::before { border-color: #000; }
  .tag { border: 1pt solid #999; }
  .map { border: 0; padding: 0; break-inside: avoid; }
  .map .dot { fill: #000 !important; }
  a { text-decoration: none; }
  .listing { display: block; }
  .card { border: 0; border-bottom: 1pt solid #999; border-radius: 0; padding: 3mm 0; }
}
`;
