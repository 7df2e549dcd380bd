import { Inject, Injectable } from '@nestjs/common';
import {
  ACTOR_KINDS,
  type Case,
  CASE_CSV_COLUMNS,
  CASE_STAGES,
  createCaseSchema,
  type FieldIssue,
  type ImportReport,
  MAX_IMPORT_ROWS,
  PROJECT_STATUSES,
  TECHNOLOGIES,
} from '@technopolice/shared';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { type Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { issuesOf } from '../common/zod-body.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Gazetteer, normalizeName } from '../geo/gazetteer.js';
import { GroupsService } from '../groups/groups.service.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';
import { canImportCases } from './policies.js';

/** Identifier of a taxonomy entry from its id or either label, accents and case ignored. */
function lookup(
  table: Record<string, { fr: string; en: string }>,
): (value: string) => string | null {
  const index = new Map<string, string>();
  for (const [id, label] of Object.entries(table)) {
    index.set(normalizeName(id), id);
    index.set(normalizeName(label.fr), id);
    index.set(normalizeName(label.en), id);
  }
  return (value) => index.get(normalizeName(value)) ?? null;
}
const technologyOf = lookup(TECHNOLOGIES);
const stageOf = lookup(CASE_STAGES);
const statusOf = lookup(PROJECT_STATUSES);

/** Spreadsheets set in French write `;` between cells: the header line tells which. */
function delimiterOf(csv: string): string {
  const end = csv.indexOf('\n');
  const header = end < 0 ? csv : csv.slice(0, end);
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

/** Takes off the ' the export puts before a cell that would read as a formula. */
const unescapeFormula = (value: string) => value.replace(/^'(?=[=+\-@\t\r])/, '');

const list = (value: string | undefined) =>
  (value ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);

/** `1 500 000,50 €` → 1500000.5; null when empty; NaN when not a number. */
function amount(value: string | undefined): number | null {
  const text = (value ?? '').replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  return text === '' ? null : Number(text);
}

/** `Thales (vendor: fournisseur des caméras)` → {name, kind, role}. */
function actorOf(value: string) {
  const match = /^(.*?)\s*(?:\(([a-z-]+)(?::\s*(.*))?\))?$/s.exec(value.trim());
  const name = (match?.[1] ?? value).trim();
  const kind = match?.[2];
  return {
    name,
    kind: kind && (ACTOR_KINDS as readonly string[]).includes(kind) ? kind : (kind ?? 'vendor'),
    role: (match?.[3] ?? '').trim(),
  };
}

/** Export of a group's cases as CSV or JSON, and import from CSV with a report per row. */
@Injectable()
export class CaseTransferService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly repository: CasesRepository,
    private readonly groups: GroupsService,
    private readonly gazetteer: Gazetteer,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every case of the group with all its facts, oldest first. */
  async exportCases(actor: Actor, groupId: string): Promise<Case[]> {
    return this.dataSource.transaction(async (tx) => {
      await this.groups.requireRole(tx, actor, groupId);
      const rows = await this.repository.list(tx, actor.id, {
        groupId,
        sort: 'created',
        order: 'asc',
        limit: 100_000,
        offset: 0,
      });
      const cases: Case[] = [];
      for (const row of rows) cases.push(await this.repository.details(tx, row));
      return cases;
    });
  }

  async exportCsv(actor: Actor, groupId: string): Promise<string> {
    const cases = await this.exportCases(actor, groupId);
    const base = this.config.publicUrl.replace(/\/$/, '');
    const records = cases.map((c) => ({
      title: c.title,
      cityCode: c.city.code,
      city: c.city.name,
      department: c.city.departmentCode,
      stage: c.stage,
      projectStatus: c.projectStatus,
      technologies: c.technologies.join('; '),
      tags: c.tags.join('; '),
      budgetEuros: c.budgetEuros ?? '',
      budgetSource: c.budgetSource,
      actors: c.actors.map((a) => `${a.name} (${a.kind}${a.role ? `: ${a.role}` : ''})`).join('; '),
      description: c.description,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      url: `${base}/dossiers/${c.id}`,
    }));
    // A BOM so that spreadsheet software reads the accents as UTF-8.
    // escape_formulas: a cell starting with = + - @ would run as a formula in a spreadsheet;
    // it is written with a leading ' (which the import takes off again).
    const csv = stringify(records, {
      header: true,
      columns: [...CASE_CSV_COLUMNS],
      escape_formulas: true,
    });
    return `\ufeff${csv}`;
  }

  /** Reads a CSV row into the body `POST /api/groups/:groupId/cases` takes, or its problems. */
  private rowToInput(record: Record<string, string>): { input?: unknown; errors: FieldIssue[] } {
    const errors: FieldIssue[] = [];
    const get = (name: string) => unescapeFormula(record[name]?.trim() ?? '');

    let cityCode = get('cityCode');
    if (!cityCode && get('city')) {
      const name = normalizeName(get('city'));
      const department = get('department').toUpperCase();
      const matches = this.gazetteer
        .search(department ? `${get('city')} ${department}` : get('city'), 50)
        .filter((city) => normalizeName(city.name) === name)
        .filter((city) => !department || city.departmentCode === department);
      if (matches.length === 1) cityCode = matches[0]!.code;
      else
        errors.push({
          path: 'city',
          message:
            matches.length === 0
              ? `no French commune is named ${get('city')}`
              : `${matches.length} communes are named ${get('city')}: give cityCode or department`,
        });
    }
    const technologies = list(get('technologies')).map((value) => {
      const id = technologyOf(value);
      if (!id) errors.push({ path: 'technologies', message: `unknown technology ${value}` });
      return id ?? value;
    });
    const optionalId = (column: string, of: (value: string) => string | null) => {
      const value = get(column);
      if (!value) return undefined;
      const id = of(value);
      if (!id) errors.push({ path: column, message: `unknown ${column} ${value}` });
      return id ?? value;
    };
    const budget = amount(get('budgetEuros'));
    if (budget !== null && Number.isNaN(budget))
      errors.push({ path: 'budgetEuros', message: `${get('budgetEuros')} is not an amount` });

    const input = {
      title: get('title'),
      cityCode,
      technologies,
      stage: optionalId('stage', stageOf),
      projectStatus: optionalId('projectStatus', statusOf),
      description: get('description') || undefined,
      tags: list(get('tags')),
      budgetEuros: budget === null || Number.isNaN(budget) ? undefined : budget,
      budgetSource: get('budgetSource') || undefined,
      actors: list(get('actors')).map(actorOf),
    };
    return errors.length ? { errors } : { input, errors };
  }

  /**
   * Creates a case per good row, each in its own transaction (a row is whole or absent), and
   * reports the others with their problems. Rows are numbered as lines of the file.
   */
  async importCsv(actor: Actor, groupId: string, csv: unknown): Promise<ImportReport> {
    const role = await this.groups.requireRole(this.dataSource.manager, actor, groupId);
    if (!canImportCases(role))
      throw new AppError('forbidden', 'Only the group’s admins and coordinators import cases.');
    if (typeof csv !== 'string')
      throw new AppError(
        'unsupported_media_type',
        'Send the CSV file with Content-Type: text/csv.',
      );

    let records: { record: Record<string, string>; line: number }[];
    try {
      const text = csv.replace(/^\ufeff/, '');
      const parsed: { record: Record<string, string>; info: { lines: number } }[] = parse(text, {
        columns: (header: string[]) => header.map((name) => name.trim()),
        delimiter: delimiterOf(text),
        skip_empty_lines: true,
        relax_column_count: true,
        info: true,
        trim: true,
      });
      records = parsed.map(({ record, info }) => ({ record, line: info.lines }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('validation_failed', `The file is not a readable CSV: ${reason}`);
    }
    if (records.length === 0) throw new AppError('validation_failed', 'The file has no case rows.');
    if (records.length > MAX_IMPORT_ROWS)
      throw new AppError(
        'validation_failed',
        `At most ${MAX_IMPORT_ROWS} rows per import; this file has ${records.length}.`,
      );

    const report: ImportReport = { created: [], rejected: [] };
    try {
      await this.importRows(actor, groupId, records, report);
    } finally {
      // What was created is audited even if a later row broke the import off.
      await this.dataSource.transaction((tx) =>
        this.audit.record(tx, {
          type: 'cases.imported',
          actorId: actor.id,
          groupId,
          data: { created: report.created.length, rejected: report.rejected.length },
        }),
      );
    }
    return report;
  }

  private async importRows(
    actor: Actor,
    groupId: string,
    records: { record: Record<string, string>; line: number }[],
    report: ImportReport,
  ): Promise<void> {
    for (const { record, line } of records) {
      const read = this.rowToInput(record);
      const parsed = read.input === undefined ? null : createCaseSchema.safeParse(read.input);
      if (!parsed?.success) {
        report.rejected.push({
          row: line,
          errors: parsed ? issuesOf(parsed.error) : read.errors,
        });
        continue;
      }
      try {
        const created = await this.cases.create(actor, groupId, parsed.data, { imported: true });
        report.created.push({ row: line, id: created.id, title: created.title });
      } catch (error) {
        if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
        report.rejected.push({
          row: line,
          errors: error.details ?? [{ path: '(row)', message: error.message }],
        });
      }
    }
  }
}
