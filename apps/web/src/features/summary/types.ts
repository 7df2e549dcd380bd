import type { SummaryLanguage } from '@technopolice/shared';
import type { RichTextSources } from '../editor/types';

/** What the summary's editor needs from its tab. */
export interface SummaryEditorProps {
  caseId: string;
  language: SummaryLanguage;
  /** Who I am, as the others see me (caret, presence). */
  me: { id: string; displayName: string };
  /** Whether the rules let me edit now; the server's word replaces it once connected. */
  mayEdit: boolean;
  /** Why I may only read, when the rules say so. */
  readOnlyReason: string | null;
  sources: RichTextSources;
  /** "Last edited by …", shown beside the save status. */
  lastEdit?: string;
  /** "Comment on the selection": the selected text (empty when nothing is selected). */
  onComment: (quote: string) => void;
}
