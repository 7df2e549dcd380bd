import { publicCasePath } from '@technopolice/shared';
import { revisionPath } from './case-page.js';
import { excerpt, markup, xmlText } from './html.js';
import { type FeedRow } from './public.repository.js';
import { textFor } from './public-text.js';

/**
 * Atom 1.0 (RFC 4287): one entry per published revision, newest first. An entry's id is its
 * revision's URL (stable), its link the case's page; the summary is plain text.
 */
export function atomFeed(rows: FeedRow[], publicUrl: string, builtAt: Date): string {
  const t = textFor('fr');
  const updated = rows[0]?.publishedAt ?? builtAt;
  const entries = rows.map((row) => {
    const page = `${publicUrl}${publicCasePath(row.groupSlug, row.caseSlug)}`;
    const id = `${publicUrl}${revisionPath(row.groupSlug, row.caseSlug, row.number)}`;
    const kind = row.number === 1 ? t.feedNew : `${t.feedRevised} (version ${row.number})`;
    const note = row.number > 1 && row.changeNote ? `${row.changeNote} — ` : '';
    const summary = `${note}${excerpt(row.text, 400)}`;
    return markup`<entry>
<id>${id}</id>
<title>${xmlText(`${kind}${t.colon}${row.title}`)}</title>
<link rel="alternate" type="text/html" href="${page}"/>
<published>${row.publishedAt.toISOString()}</published>
<updated>${row.publishedAt.toISOString()}</updated>
<author><name>${xmlText(row.groupName)}</name></author>
<summary type="text">${xmlText(summary)}</summary>
</entry>
`;
  });
  return markup`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<id>${publicUrl}/feed.atom</id>
<title>${t.feedTitle}</title>
<subtitle>${t.listLead}</subtitle>
<link rel="self" type="application/atom+xml" href="${publicUrl}/feed.atom"/>
<link rel="alternate" type="text/html" href="${publicUrl}/p"/>
<updated>${updated.toISOString()}</updated>
<author><name>Technopolice</name></author>
<generator>Technopolice</generator>
${entries}</feed>
`.value;
}
