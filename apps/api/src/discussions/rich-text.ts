import { Injectable } from '@nestjs/common';
import {
  MAX_RICH_TEXT_BYTES,
  type RichTextDoc,
  type RichTextIssue,
  checkRichText,
  plainText,
  renderRichText,
} from '@technopolice/shared';
import { type EntityManager } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { DiscussionsRepository } from './discussions.repository.js';

/** A body checked against the schema and against the group, rendered once. */
export interface PreparedBody {
  doc: RichTextDoc;
  html: string;
  text: string;
  /** Members it mentions, by id, with their names. */
  mentions: Map<string, string>;
  quotes: string[];
}

/** Images a post may show: the documents of its case (any of the group's in the forum). */
const IMAGE_TYPES = /^image\/(jpeg|png|webp|gif)$/;

function refused(issues: RichTextIssue[]): AppError {
  const first = issues[0]!;
  return new AppError(
    first.code,
    issues
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; '),
    issues.map((issue) => ({
      path: `body${issue.path ? `.${issue.path}` : ''}`,
      message: issue.message,
    })),
  );
}

/**
 * Checks a post's body in depth: the schema (nodes, marks, attributes, link schemes), then what
 * it points at — members it mentions, documents and cases of the same group, images stored as
 * documents — and renders the HTML people will see.
 */
@Injectable()
export class RichTextService {
  constructor(private readonly repo: DiscussionsRepository) {}

  /** The schema alone: for drafts, which may point at nothing yet. */
  checkShape(value: unknown): RichTextDoc {
    return this.check(value).doc;
  }

  private check(value: unknown) {
    if (JSON.stringify(value).length > MAX_RICH_TEXT_BYTES)
      throw new AppError(
        'invalid_rich_text',
        `The text is too long: at most ${MAX_RICH_TEXT_BYTES / 1000} kB.`,
        [{ path: 'body', message: 'too long' }],
      );
    const checked = checkRichText(value);
    if (!checked.ok) throw refused(checked.issues);
    return checked;
  }

  async prepare(
    tx: EntityManager,
    place: { groupId: string; caseId: string | null },
    value: unknown,
  ): Promise<PreparedBody> {
    const { doc, refs } = this.check(value);
    const issues: RichTextIssue[] = [];

    const members = await this.repo.members(tx, place.groupId, refs.mentions);
    for (const id of refs.mentions)
      if (!members.has(id))
        throw new AppError(
          'mention_not_member',
          `Mention of ${id}, who is not a member of this group.`,
          [{ path: 'body', message: `mentions ${id}, not a member of this group` }],
        );

    const documents = await this.repo.documentsOfGroup(tx, place.groupId, [
      ...new Set([...refs.documents, ...refs.images]),
    ]);
    for (const id of refs.images) {
      const document = documents.get(id);
      if (
        !document ||
        !IMAGE_TYPES.test(document.mimeType) ||
        (place.caseId && document.caseId !== place.caseId)
      )
        issues.push({
          code: 'foreign_image',
          path: '',
          message: `image ${id} is not an image document of this ${place.caseId ? 'case' : 'group'}: upload it first`,
        });
    }
    for (const id of refs.documents)
      if (!documents.has(id))
        issues.push({
          code: 'invalid_rich_text',
          path: '',
          message: `no document ${id} in this group`,
        });

    const cases = await this.repo.casesOfGroup(tx, place.groupId, refs.cases);
    for (const id of refs.cases)
      if (!cases.has(id))
        issues.push({
          code: 'invalid_rich_text',
          path: '',
          message: `no case ${id} in this group`,
        });

    const quoted = await this.repo.postsOfGroup(tx, place.groupId, refs.quotes);
    for (const id of refs.quotes)
      if (!quoted.some((post) => post.id === id))
        issues.push({
          code: 'invalid_rich_text',
          path: '',
          message: `no post ${id} to quote in this group`,
        });
    if (issues.length > 0) throw refused(issues);

    const html = renderRichText(doc, {
      user: (id) => (members.has(id) ? { displayName: members.get(id)! } : null),
      document: (id) => {
        const found = documents.get(id);
        return found ? { title: found.title, href: `/documents/${id}` } : null;
      },
      case: (id) => (cases.has(id) ? { title: cases.get(id)!, href: `/dossiers/${id}` } : null),
      // Stored files need the reader's token: the web app loads them itself.
      imageSrc: () => null,
    });
    return { doc, html, text: plainText(doc, 10_000), mentions: members, quotes: refs.quotes };
  }
}
