import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type NotificationKind, notificationPath } from '@technopolice/shared';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

interface DueUser {
  id: string;
  display_name: string;
  digest_email: string;
  language: 'fr' | 'en';
}

interface DigestItem {
  id: string;
  kind: NotificationKind;
  group_id: string;
  post_id: string | null;
  case_id: string | null;
  thread_id: string | null;
  document_id: string | null;
  title: string;
  actor_name: string | null;
  group_name: string;
}

const MAX_ITEMS = 50;

const PHRASES: Record<
  'fr' | 'en',
  Record<NotificationKind, (who: string, what: string) => string>
> = {
  fr: {
    mention: (who, what) => `${who} vous a mentionné·e dans « ${what} »`,
    reply: (who, what) => `${who} a répondu dans « ${what} »`,
    document: (who, what) => `${who} a ajouté le document « ${what} »`,
    review: (who, what) => `${who} demande une relecture de « ${what} »`,
    flag: (who, what) => `${who} a signalé un message dans « ${what} »`,
  },
  en: {
    mention: (who, what) => `${who} mentioned you in “${what}”`,
    reply: (who, what) => `${who} replied in “${what}”`,
    document: (who, what) => `${who} added the document “${what}”`,
    review: (who, what) => `${who} asks for a review of “${what}”`,
    flag: (who, what) => `${who} flagged a post in “${what}”`,
  },
};

/**
 * The optional email digest: every few minutes, one replica (an advisory lock decides) gathers
 * the unread notifications of people who asked for a digest and whose period has passed, marks
 * them as emailed, commits, then sends. A failed send gives them back to the next round.
 * Privacy: the email names who did what where, never what was written.
 */
@Injectable()
export class DigestWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DigestWorker');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly transport: Transporter | null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transport = config.smtp ? createTransport(config.smtp.url) : null;
  }

  get available(): boolean {
    return this.transport !== null;
  }

  onApplicationBootstrap(): void {
    if (!this.transport) return;
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .catch((error: unknown) =>
          this.logger.warn(
            `digest failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => (this.running = null));
    }, this.config.digestIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** One round: claim what is due, then send it. */
  async tick(): Promise<void> {
    const claimed = await this.dataSource.transaction(async (tx) => {
      const [lock] = await tx.query<{ locked: boolean }[]>(
        "SELECT pg_try_advisory_xact_lock(hashtext('technopolice:digest')) AS locked",
      );
      if (!lock?.locked) return [];
      const users = await tx.query<DueUser[]>(
        `SELECT u.id, u.display_name, u.digest_email, u.language FROM users u
         WHERE u.digest_frequency <> 'off' AND u.digest_email IS NOT NULL
           AND (u.digest_sent_at IS NULL OR u.digest_sent_at < now() -
             CASE u.digest_frequency WHEN 'hourly' THEN interval '1 hour' ELSE interval '1 day' END)
           AND EXISTS (SELECT 1 FROM notifications n
             WHERE n.user_id = u.id AND n.read_at IS NULL AND n.emailed_at IS NULL)
         LIMIT 100`,
      );
      const batches: { user: DueUser; items: DigestItem[] }[] = [];
      for (const user of users) {
        const items = await tx.query<DigestItem[]>(
          `SELECT n.id, n.kind, n.group_id, n.post_id, n.case_id, n.thread_id, n.document_id, n.title,
             a.display_name AS actor_name, g.name AS group_name
           FROM notifications n
           JOIN memberships m ON m.group_id = n.group_id AND m.user_id = n.user_id
           JOIN groups g ON g.id = n.group_id
           LEFT JOIN users a ON a.id = n.actor_id
           WHERE n.user_id = $1 AND n.read_at IS NULL AND n.emailed_at IS NULL
           ORDER BY n.created_at LIMIT ${MAX_ITEMS}`,
          [user.id],
        );
        await tx.query('UPDATE notifications SET emailed_at = now() WHERE id = ANY($1::uuid[])', [
          items.map((item) => item.id),
        ]);
        await tx.query('UPDATE users SET digest_sent_at = now() WHERE id = $1', [user.id]);
        if (items.length > 0) batches.push({ user, items });
      }
      return batches;
    });
    for (const { user, items } of claimed) {
      try {
        await this.transport!.sendMail({
          from: this.config.smtp!.from,
          to: user.digest_email,
          ...this.compose(user, items),
        });
      } catch (error) {
        this.logger.warn(
          `digest not sent: ${error instanceof Error ? error.message : String(error)}`,
        );
        await this.dataSource.query(
          'UPDATE notifications SET emailed_at = NULL WHERE id = ANY($1::uuid[])',
          [items.map((item) => item.id)],
        );
        await this.dataSource.query('UPDATE users SET digest_sent_at = NULL WHERE id = $1', [
          user.id,
        ]);
      }
    }
  }

  private compose(user: DueUser, items: DigestItem[]): { subject: string; text: string } {
    const fr = user.language !== 'en';
    const phrases = PHRASES[fr ? 'fr' : 'en'];
    const someone = fr ? 'Quelqu’un' : 'Someone';
    const lines = items.map(
      (item) =>
        `• ${phrases[item.kind](item.actor_name ?? someone, item.title)} (${item.group_name})\n  ${this.config.publicUrl}${notificationPath(
          {
            kind: item.kind,
            groupId: item.group_id,
            caseId: item.case_id,
            threadId: item.thread_id,
            postId: item.post_id,
            documentId: item.document_id,
          },
        )}`,
    );
    const count = items.length;
    const subject = fr
      ? `Technopolice : ${count} notification${count > 1 ? 's' : ''} non lue${count > 1 ? 's' : ''}`
      : `Technopolice: ${count} unread notification${count > 1 ? 's' : ''}`;
    const text = [
      fr ? `Bonjour ${user.display_name},` : `Hello ${user.display_name},`,
      '',
      fr ? 'Depuis votre dernière visite :' : 'Since your last visit:',
      '',
      ...lines,
      '',
      fr
        ? 'Par prudence, ce courriel ne reprend aucun contenu des discussions.'
        : 'To be safe, this email never quotes what was written.',
      fr
        ? `Pour ne plus recevoir ce résumé : ${this.config.publicUrl}/profil`
        : `To stop this digest: ${this.config.publicUrl}/profil`,
    ].join('\n');
    return { subject, text };
  }
}
