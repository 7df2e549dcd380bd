import { Inject, Injectable } from '@nestjs/common';
import {
  type PublicCase,
  type PublicCaseQuery,
  publicCasePath,
  publicCaseQuerySchema,
} from '@technopolice/shared';
import { type z } from 'zod';
import { AppError } from '../common/app-error.js';
import { cursorAfter, offsetOfCursor } from '../common/offset-cursor.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ATOM, type Answer, answer, HTML, JSON_TYPE } from './answer.js';
import { casePage, documentPath } from './case-page.js';
import { atomFeed } from './feed.js';
import { excerpt, markup } from './html.js';
import { gonePage, messagePage, notFoundPage } from './layout.js';
import { HTML_PAGE_SIZE, listPage } from './list-page.js';
import { PageCache } from './page-cache.js';
import { type DocumentRow, type ListFilters, PublicRepository } from './public.repository.js';
import { textFor } from './public-text.js';

/** A document the file route may serve, as looked up (and cached) by URL. */
export interface ServedFile {
  file: DocumentRow;
  bytes: number;
}
type Cached = Answer | ServedFile;

export type FileLookup = { kind: 'file'; file: DocumentRow } | { kind: 'answer'; answer: Answer };

/** Entries and bytes the cache may hold; one second between checks of other replicas' writes. */
const LIMITS = { maxEntries: 4000, maxBytes: 128 * 1024 * 1024, checkEveryMs: 1000 };
/** Dots on the map at most (every listed case, in practice). */
const MAP_CAP = 10_000;
const FEED_ENTRIES = 50;

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REVISION = /^[1-9][0-9]{0,8}$/;

const NO_STORE = 'no-store';

/** French names of the filters, for the 400 page. */
const FILTER_NAMES: Record<string, string> = {
  technology: 'technologie',
  projectStatus: 'statut du projet',
  cityCode: 'commune',
  department: 'département',
  group: 'groupe',
  cursor: 'page',
  limit: 'nombre de résultats',
};

type RawQuery = Record<string, unknown>;
type ParsedQuery =
  | { ok: true; query: PublicCaseQuery; offset: number; limitGiven: boolean }
  | { ok: false; raw: RawQuery; issues: readonly z.core.$ZodIssue[] };

/** Empty form fields (`?technology=`) mean "any", as a form without JavaScript sends them. */
function withoutEmpty(raw: RawQuery): RawQuery {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
}

function filtersOf(query: PublicCaseQuery): ListFilters {
  const { technology, projectStatus, cityCode, department, group } = query;
  return { technology, projectStatus, cityCode, department, group };
}

/** Stable cache key of parsed filters. */
function keyOf(query: PublicCaseQuery): string {
  return JSON.stringify(
    Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * The public pages: renders each answer once and serves it from memory until something is
 * published, revised or retracted (`invalidate()` here, the fingerprint check for the others).
 */
@Injectable()
export class PublicPages {
  private readonly cache: PageCache<Cached>;

  constructor(
    private readonly repository: PublicRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cache = new PageCache<Cached>(LIMITS, () => this.repository.fingerprint());
  }

  /** Call after a publication, revision or retraction commits: this process forgets its pages. */
  invalidate(): void {
    this.cache.invalidate();
  }

  private get publicUrl(): string {
    return this.config.publicUrl;
  }

  private async cachedAnswer(key: string, render: () => Promise<Answer>): Promise<Answer> {
    return (await this.cache.get(key, render)) as Answer;
  }

  /** `GET /p/:groupSlug/:caseSlug[?lang=en]`. */
  casePage(groupSlug: string, caseSlug: string, lang: unknown): Promise<Answer> {
    if (!SLUG.test(groupSlug) || !SLUG.test(caseSlug)) return Promise.resolve(this.notFound());
    const language = lang === 'en' ? 'en' : 'fr';
    return this.cachedAnswer(`case ${groupSlug}/${caseSlug} ${language}`, () =>
      this.renderCase(groupSlug, caseSlug, null, language),
    );
  }

  /** `GET /p/:groupSlug/:caseSlug/revisions/:number[?lang=en]`. */
  revisionPage(
    groupSlug: string,
    caseSlug: string,
    number: string,
    lang: unknown,
  ): Promise<Answer> {
    if (!SLUG.test(groupSlug) || !SLUG.test(caseSlug) || !REVISION.test(number))
      return Promise.resolve(this.notFound());
    const language = lang === 'en' ? 'en' : 'fr';
    return this.cachedAnswer(`revision ${groupSlug}/${caseSlug}/${number} ${language}`, () =>
      this.renderCase(groupSlug, caseSlug, Number(number), language),
    );
  }

  private async renderCase(
    groupSlug: string,
    caseSlug: string,
    number: number | null,
    requested: 'fr' | 'en',
  ): Promise<Answer> {
    const publication = await this.repository.publication(groupSlug, caseSlug);
    if (!publication) return this.notFound();
    if (publication.retractedAt) {
      return answer(
        410,
        HTML,
        gonePage(publication.groupName, publication.retractedAt, publication.retractedReason),
      );
    }
    const found = await this.repository.revision(publication.id, number ?? publication.revision);
    if (!found || found.revision.number > publication.revision) return this.notFound();
    const isCurrent = found.revision.number === publication.revision;
    const servedDocumentIds = isCurrent
      ? new Set(found.documents.map((doc) => doc.documentId))
      : await this.repository.currentDocumentIds(publication.id);
    const language = requested === 'en' && found.revision.summaries.en ? 'en' : 'fr';
    return answer(
      200,
      HTML,
      casePage({
        publication,
        revision: found.revision,
        documents: found.documents,
        log: found.log,
        servedDocumentIds,
        language,
        publicUrl: this.publicUrl,
      }),
    );
  }

  /** `GET /p/:groupSlug/:caseSlug/documents/:documentId`: what to stream, or the page to answer. */
  async file(groupSlug: string, caseSlug: string, documentId: string): Promise<FileLookup> {
    if (!SLUG.test(groupSlug) || !SLUG.test(caseSlug) || !UUID.test(documentId))
      return { kind: 'answer', answer: this.notFound() };
    const cached = await this.cache.get(`file ${groupSlug}/${caseSlug}/${documentId}`, async () => {
      const found = await this.repository.currentFile(groupSlug, caseSlug, documentId);
      if (!found) return this.notFound();
      if (found.retractedAt) {
        const publication = await this.repository.publication(groupSlug, caseSlug);
        return answer(
          410,
          HTML,
          gonePage(
            publication?.groupName ?? groupSlug,
            found.retractedAt,
            publication?.retractedReason ?? null,
          ),
        );
      }
      if (!found.document) return this.notFound();
      return { file: found.document, bytes: 500 };
    });
    return 'file' in cached
      ? { kind: 'file', file: cached.file }
      : { kind: 'answer', answer: cached };
  }

  /** Parses the filters of `/p` and `/api/public/cases`. */
  private parseQuery(raw: RawQuery): ParsedQuery {
    const cleaned = withoutEmpty(raw);
    const parsed = publicCaseQuerySchema.safeParse(cleaned);
    if (!parsed.success) return { ok: false, raw: cleaned, issues: parsed.error.issues };
    let offset: number;
    try {
      offset = offsetOfCursor(parsed.data.cursor);
    } catch {
      return {
        ok: false,
        raw: cleaned,
        issues: [
          { code: 'custom', path: ['cursor'], message: 'is not a cursor', input: cleaned.cursor },
        ],
      };
    }
    return { ok: true, query: parsed.data, offset, limitGiven: cleaned.limit !== undefined };
  }

  /** `GET /p`: the listing page, or a 400 page naming the filter it does not know. */
  async listPage(raw: RawQuery): Promise<Answer> {
    const parsed = this.parseQuery(raw);
    if (!parsed.ok) return this.badFilter(parsed.raw, parsed.issues);
    const query: PublicCaseQuery = {
      ...parsed.query,
      limit: parsed.limitGiven ? parsed.query.limit : HTML_PAGE_SIZE,
    };
    return this.cachedAnswer(`list ${keyOf(query)}`, async () => {
      const filters = filtersOf(query);
      const page = await this.repository.list(filters, parsed.offset, query.limit);
      const points = await this.repository.mapPoints(filters, MAP_CAP);
      const choices = await this.repository.filterChoices();
      const cityName = query.cityCode ? await this.repository.cityName(query.cityCode) : null;
      return answer(
        200,
        HTML,
        listPage({
          query,
          rows: page.rows,
          offset: parsed.offset,
          more: page.more,
          points,
          choices,
          cityName,
          publicUrl: this.publicUrl,
        }),
      );
    });
  }

  /** `GET /api/public/cases`: the same listing as open data, absolute URLs. */
  async listJson(raw: RawQuery): Promise<Answer> {
    const parsed = this.parseQuery(raw);
    if (!parsed.ok) {
      const details = parsed.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(query)',
        message: issue.message,
      }));
      throw new AppError(
        'validation_failed',
        details.map((d) => `${d.path}: ${d.message}`).join('; '),
        details,
      );
    }
    const { query, offset } = parsed;
    return this.cachedAnswer(`json ${keyOf(query)}`, async () => {
      const filters = filtersOf(query);
      const { limit } = query;
      const page = await this.repository.list(filters, offset, limit);
      const documents = await this.repository.documentsOf(page.rows.map((row) => row.revisionId));
      const items: PublicCase[] = page.rows.map((row) => ({
        url: `${this.publicUrl}${publicCasePath(row.groupSlug, row.caseSlug)}`,
        group: { slug: row.groupSlug, name: row.groupName },
        slug: row.caseSlug,
        title: row.facts.title,
        city: row.facts.city,
        technologies: row.facts.technologies,
        projectStatus: row.facts.projectStatus,
        budgetEuros: row.facts.budgetEuros,
        actors: row.facts.actors,
        excerpt: excerpt(row.facts.description || row.text, 300),
        languages: row.languages,
        revision: row.revision,
        firstPublishedAt: row.firstPublishedAt.toISOString(),
        updatedAt: row.lastPublishedAt.toISOString(),
        documents: (documents.get(row.revisionId) ?? []).map((doc) => ({
          id: doc.documentId,
          title: doc.title,
          kind: doc.kind as PublicCase['documents'][number]['kind'],
          date: doc.date,
          mimeType: doc.mimeType,
          size: doc.size,
          pages: doc.pages,
          url: `${this.publicUrl}${documentPath(row.groupSlug, row.caseSlug, doc.documentId)}`,
        })),
      }));
      return answer(
        200,
        JSON_TYPE,
        JSON.stringify({ items, nextCursor: cursorAfter(offset, limit, page.more) }),
      );
    });
  }

  /** `GET /feed.atom`. */
  feed(): Promise<Answer> {
    return this.cachedAnswer('feed', async () =>
      answer(
        200,
        ATOM,
        atomFeed(await this.repository.feed(FEED_ENTRIES), this.publicUrl, new Date()),
      ),
    );
  }

  notFound(): Answer {
    return answer(404, HTML, notFoundPage());
  }

  /** 400, in words: which filter, which value. */
  private badFilter(raw: RawQuery, issues: readonly z.core.$ZodIssue[]): Answer {
    const t = textFor('fr');
    const lines = issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map(
          (key) => markup`<li>paramètre inconnu${t.colon}<code>${key}</code></li>`,
        );
      }
      const key = issue.path.map(String).join('.');
      const value = raw[key];
      const name = FILTER_NAMES[key] ?? key;
      return [
        Array.isArray(value)
          ? markup`<li>${name} (<code>${key}</code>)${t.colon}donné plusieurs fois</li>`
          : markup`<li>${name} (<code>${key}</code>)${t.colon}la valeur « ${String(value)} » n’est pas reconnue</li>`,
      ];
    });
    return answer(
      400,
      HTML,
      messagePage({
        language: 'fr',
        title: t.badFilterTitle,
        lead: t.badFilterLead,
        extra: markup`<ul class="issues">${lines}</ul>`,
      }),
      NO_STORE,
    );
  }
}
