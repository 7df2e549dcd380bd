import type { ImportReport } from '@technopolice/shared';
import { ChevronDown, Download, FileJson, FileSpreadsheet, Upload } from 'lucide-react';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '../../../components/Notice';
import { ApiError } from '../../../lib/api';
import { type ExportFormat, useExportCases, useImportCases } from '../../../lib/cases';
import { casePath } from './CaseCard';
import { Dialog } from './Dialog';
import { useNotify } from './Toasts';

/** The import route refuses bigger files; said before sending them. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** The text of a chosen file (FileReader: `Blob.text()` is missing from some engines). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsText(file);
  });
}

function ImportReportDialog({ report, onClose }: { report: ImportReport; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('board.import.reportTitle')} onClose={onClose} wide>
      <div className="import-report">
        <Notice tone={report.created.length > 0 ? 'success' : 'warning'} role="status">
          {t('board.import.created', { count: report.created.length })}
          {report.rejected.length > 0
            ? ` ${t('board.import.rejected', { count: report.rejected.length })}`
            : ''}
        </Notice>
        {report.created.length > 0 ? (
          <section aria-labelledby="import-created">
            <h3 id="import-created" className="import-report__title">
              {t('board.import.createdTitle')}
            </h3>
            <ul className="import-report__list">
              {report.created.map((entry) => (
                <li key={entry.id}>
                  <span className="import-report__row">
                    {t('board.import.row', { row: entry.row })}
                  </span>
                  <Link to={casePath(entry.id)}>{entry.title}</Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {report.rejected.length > 0 ? (
          <section aria-labelledby="import-rejected">
            <h3 id="import-rejected" className="import-report__title">
              {t('board.import.rejectedTitle')}
            </h3>
            <ul className="import-report__list">
              {report.rejected.map((entry) => (
                <li key={entry.row}>
                  <span className="import-report__row">
                    {t('board.import.row', { row: entry.row })}
                  </span>
                  <ul className="import-report__errors">
                    {entry.errors.map((error, index) => (
                      <li key={index}>
                        {error.path ? <code>{error.path}</code> : null} {error.message}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={onClose}>
            {t('board.import.done')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/** Export (CSV, JSON) for every member; CSV import for admins and coordinators. */
export function ExportImport({ groupId, canImport }: { groupId: string; canImport: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const exportCases = useExportCases(groupId);
  const importCases = useImportCases(groupId);
  const [report, setReport] = useState<ImportReport | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const menuRef = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    function onPointerDown(event: PointerEvent) {
      const details = menuRef.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);

  function download(format: ExportFormat) {
    if (menuRef.current) menuRef.current.open = false;
    exportCases.mutate(format, {
      onError: (error) =>
        notify({
          tone: 'danger',
          title: t('board.export.failed'),
          body: error instanceof ApiError ? error.message : undefined,
        }),
    });
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      notify({ tone: 'warning', title: t('board.import.tooBig') });
      return;
    }
    const text = await readText(file);
    importCases.mutate(text, {
      onSuccess: setReport,
      onError: (error) =>
        notify({
          tone: 'danger',
          title: t('board.import.failed'),
          body: error instanceof ApiError ? error.message : undefined,
        }),
    });
  }

  return (
    <>
      <details ref={menuRef} className="filter-menu filter-menu--end">
        <summary className="button button--secondary filter-menu__button">
          <Download size={16} aria-hidden="true" />
          {exportCases.isPending ? t('board.export.pending') : t('board.export.label')}
          <ChevronDown size={15} aria-hidden="true" />
        </summary>
        <div className="filter-menu__panel filter-menu__panel--actions">
          <button type="button" className="menu-item" onClick={() => download('csv')}>
            <FileSpreadsheet size={16} aria-hidden="true" />
            {t('board.export.csv')}
          </button>
          <button type="button" className="menu-item" onClick={() => download('json')}>
            <FileJson size={16} aria-hidden="true" />
            {t('board.export.json')}
          </button>
        </div>
      </details>
      {canImport ? (
        <>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => fileRef.current?.click()}
            disabled={importCases.isPending}
          >
            <Upload size={16} aria-hidden="true" />
            {importCases.isPending ? t('board.import.pending') : t('board.import.label')}
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            tabIndex={-1}
            aria-label={t('board.import.file')}
            onChange={(event) => void onFile(event)}
          />
        </>
      ) : null}
      {report ? <ImportReportDialog report={report} onClose={() => setReport(null)} /> : null}
    </>
  );
}
