import { Lightbulb } from 'lucide-react';
import { Trans } from 'react-i18next';

/** The two things worth knowing about how a search is read: phrases and exclusions. */
export function SyntaxHint({ id, className }: { id?: string; className: string }) {
  return (
    <p id={id} className={className}>
      <Lightbulb size={14} aria-hidden="true" />
      <span>
        <Trans i18nKey="search.syntax" components={{ code: <code className="search-code" /> }} />
      </span>
    </p>
  );
}
