import { type Language, publicCasePath } from '@technopolice/shared';
import { excerpt, type Html, markup, raw } from './html.js';
import { frame } from './layout.js';
import {
  type DocumentRow,
  type PublicationRow,
  type RevisionEntryRow,
  type RevisionRow,
} from './public.repository.js';
import {
  documentKindLabel,
  formatDate,
  formatDay,
  formatEuros,
  formatSize,
  formatType,
  projectStatusLabel,
  type PublicText,
  technologyLabel,
  textFor,
} from './public-text.js';

export interface CasePageData {
  publication: PublicationRow;
  revision: RevisionRow;
  documents: DocumentRow[];
  log: RevisionEntryRow[];
  /** Documents the file route serves (those of the current revision). */
  servedDocumentIds: ReadonlySet<string>;
  language: Language;
  publicUrl: string;
}

export const documentPath = (groupSlug: string, caseSlug: string, documentId: string) =>
  `${publicCasePath(groupSlug, caseSlug)}/documents/${encodeURIComponent(documentId)}`;
export const revisionPath = (groupSlug: string, caseSlug: string, number: number) =>
  `${publicCasePath(groupSlug, caseSlug)}/revisions/${number}`;

const withLanguage = (path: string, language: Language) =>
  language === 'fr' ? path : `${path}?lang=${language}`;

const time = (at: Date, language: Language) =>
  markup`<time datetime="${at.toISOString()}">${formatDate(at, language)}</time>`;

function factsBox(d: CasePageData, t: PublicText): Html {
  const { facts } = d.revision;
  const lang = d.language;
  const city = facts.city;
  const technologies = facts.technologies.map(
    (id) =>
      markup`<li><a class="tag" href="/p?technology=${encodeURIComponent(id)}">${technologyLabel(id, lang)}</a></li>`,
  );
  const budget =
    facts.budgetEuros === null
      ? markup`<span>${t.budgetUnknown}</span>`
      : markup`<span class="amount">${formatEuros(facts.budgetEuros, lang)}</span>`;
  const source = facts.budgetSource
    ? markup`<span class="source">${t.budgetSource}${t.colon}${facts.budgetSource}</span>`
    : '';
  const actors =
    facts.actors.length > 0
      ? markup`<dt>${t.actors}</dt>
<dd><ul>${facts.actors.map(
          (actor) =>
            markup`<li><span class="actor-name">${actor.name}</span> <span class="tag tag-plain">${t.actorKinds[actor.kind] ?? actor.kind}</span>${actor.role ? markup`<br><span class="actor-role">${actor.role}</span>` : ''}</li>`,
        )}</ul></dd>
`
      : '';
  const tags =
    facts.tags.length > 0
      ? markup`<dt>${t.tags}</dt>
<dd><ul class="tags">${facts.tags.map((tag) => markup`<li><span class="tag tag-plain">${tag}</span></li>`)}</ul></dd>
`
      : '';
  return markup`<aside aria-labelledby="facts-title">
<section class="facts">
<h2 id="facts-title">${t.facts}</h2>
<dl>
<dt>${t.place}</dt>
<dd><a href="/p?cityCode=${encodeURIComponent(city.code)}">${city.name}</a> (<a href="/p?department=${encodeURIComponent(city.departmentCode)}">${city.departmentName}, ${city.departmentCode}</a>)</dd>
<dt>${t.technologies}</dt>
<dd><ul class="tags">${technologies}</ul></dd>
<dt>${t.projectStatus}</dt>
<dd><span class="status status-${facts.projectStatus}">${projectStatusLabel(facts.projectStatus, lang)}</span></dd>
<dt>${t.budget}</dt>
<dd>${budget}${source}</dd>
${actors}${tags}</dl>
</section>
</aside>`;
}

function timeline(d: CasePageData, t: PublicText, documents: Map<string, DocumentRow>): Html {
  const entries = [...d.revision.facts.timeline].sort((a, b) => a.date.localeCompare(b.date));
  if (entries.length === 0) return markup``;
  const { groupSlug, caseSlug } = d.publication;
  const items = entries.map((entry) => {
    const cited = entry.documentId ? documents.get(entry.documentId) : undefined;
    const served = cited !== undefined && d.servedDocumentIds.has(cited.documentId);
    const cite = !cited
      ? ''
      : served
        ? markup` <span class="cite">(${t.citedDocument}${t.colon}<a href="${documentPath(groupSlug, caseSlug, cited.documentId)}">${cited.title}</a>)</span>`
        : markup` <span class="cite">(${t.citedDocument}${t.colon}${cited.title})</span>`;
    return markup`<li><time datetime="${entry.date}">${formatDay(entry.date, d.language)}</time> ${entry.title}${cite}</li>`;
  });
  return markup`<section class="section" aria-labelledby="timeline-title">
<h2 id="timeline-title">${t.timeline}</h2>
<ol class="timeline">${items}</ol>
</section>
`;
}

function documentList(d: CasePageData, t: PublicText): Html {
  const { groupSlug, caseSlug } = d.publication;
  const lang = d.language;
  const items = d.documents.map((doc) => {
    const served = d.servedDocumentIds.has(doc.documentId);
    const path = documentPath(groupSlug, caseSlug, doc.documentId);
    const type = formatType(doc.mimeType, lang);
    const meta = [
      documentKindLabel(doc.kind, lang),
      doc.date ? formatDay(doc.date, lang) : null,
      formatSize(doc.size, lang),
      doc.pages ? t.pages(doc.pages) : null,
      served ? null : t.documentRemoved,
    ].filter((part): part is string => part !== null);
    const title = served
      ? markup`<a href="${path}" type="${doc.mimeType}" data-href="${d.publicUrl}${path}">${doc.title}</a>`
      : doc.title;
    return markup`<li class="doc"><span class="doc-type" aria-hidden="true">${type}</span><div><span class="doc-title">${title}</span><span class="doc-meta"><span class="visually-hidden">${type} · </span>${meta.join(' · ')}</span></div></li>`;
  });
  return markup`<section class="section" aria-labelledby="documents-title">
<h2 id="documents-title">${t.documents}</h2>
${items.length === 0 ? markup`<p class="empty">${t.noDocuments}</p>` : markup`<ul class="documents">${items}</ul>`}
</section>
`;
}

function revisionLog(d: CasePageData, t: PublicText): Html {
  const { groupSlug, caseSlug, revision: current } = d.publication;
  const lang = d.language;
  const items = d.log.map((entry) => {
    const isCurrent = entry.number === current;
    const href = withLanguage(
      isCurrent
        ? publicCasePath(groupSlug, caseSlug)
        : revisionPath(groupSlug, caseSlug, entry.number),
      lang,
    );
    const label = isCurrent
      ? `${t.revision(entry.number)} (${t.current})`
      : t.revision(entry.number);
    const here = entry.number === d.revision.number ? raw(' aria-current="page"') : '';
    const note = entry.changeNote ?? (entry.number === 1 ? t.firstVersion : null);
    return markup`<li><a href="${href}"${here}>${label}</a> <span class="when">· ${time(entry.publishedAt, lang)}</span>${note ? markup`<span class="note">${note}</span>` : ''}</li>`;
  });
  return markup`<section class="section" aria-labelledby="revisions-title">
<h2 id="revisions-title">${t.revisions}</h2>
<ol class="revisions" reversed>${items}</ol>
</section>
`;
}

/** The public page of a case, at its current revision or an older one. */
export function casePage(d: CasePageData): string {
  const t = textFor(d.language);
  const { publication: p, revision: r } = d;
  const lang = d.language;
  const summary = r.summaries[lang] ?? r.summaries.fr;
  const isCurrent = r.number === p.revision;
  const currentPath = publicCasePath(p.groupSlug, p.caseSlug);
  const basePath = isCurrent ? currentPath : revisionPath(p.groupSlug, p.caseSlug, r.number);
  const hasEnglish = r.summaries.en !== undefined;
  const other: Language = lang === 'fr' ? 'en' : 'fr';
  const documents = new Map(d.documents.map((doc) => [doc.documentId, doc]));
  const description = excerpt(r.facts.description || summary?.text || '', 200);
  const updated = isCurrent ? p.lastPublishedAt : r.publishedAt;
  // A first publication's two timestamps differ by the transaction's length: not an update.
  const wasUpdated = updated.getTime() - p.firstPublishedAt.getTime() > 60_000;
  const switchLink = hasEnglish
    ? markup`<a class="lang-switch" href="${withLanguage(basePath, other)}" lang="${other}" hreflang="${other}">${t.switchLanguage}</a>`
    : '';
  const notice = isCurrent
    ? ''
    : markup`<div class="notice" role="note"><p>${t.olderNotice(r.number, p.revision)}</p><p><a href="${withLanguage(currentPath, lang)}">${t.readCurrent}</a></p></div>
`;

  const body = markup`<article class="wrap article">
<header class="article-head">
<p class="kicker"><a href="/p?cityCode=${encodeURIComponent(r.facts.city.code)}">${r.facts.city.name}</a> · ${r.facts.city.departmentName}</p>
<h1>${r.facts.title}</h1>
${r.facts.description ? markup`<p class="standfirst">${r.facts.description}</p>\n` : ''}<p class="byline"><span>${t.publishedBy} <strong>${p.groupName}</strong></span><span>${t.firstPublished} ${time(p.firstPublishedAt, lang)}${wasUpdated ? markup`, ${t.updated} ${time(updated, lang)}` : ''}</span>${switchLink}</p>
</header>
${notice}<div class="layout">
${factsBox(d, t)}
<section class="section" aria-label="${t.summary}">
<div class="summary">${raw(summary?.html ?? '')}</div>
</section>
${timeline(d, t, documents)}${documentList(d, t)}${revisionLog(d, t)}</div>
</article>`;

  const absolute = (language: Language) => `${d.publicUrl}${withLanguage(basePath, language)}`;
  return frame({
    language: lang,
    title: isCurrent ? r.facts.title : `${r.facts.title} (${t.revision(r.number)})`,
    description,
    canonical: absolute(lang),
    alternates: hasEnglish
      ? [
          { language: 'fr', href: absolute('fr') },
          { language: 'en', href: absolute('en') },
        ]
      : [],
    ogType: 'article',
    published: p.firstPublishedAt,
    modified: updated,
    robots: isCurrent ? undefined : 'noindex',
    body,
  });
}
