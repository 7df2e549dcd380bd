import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GROUP_ID } from '../../test/fixtures';
import { aMe, renderApp } from '../../test/render';
import { stubFetch } from '../documents/test/api';
import {
  anAnswer,
  CASE_RESULT_ID,
  caseResult,
  documentResult,
  POST_RESULT_ID,
  postResult,
  THREAD_ID,
} from './fixtures';

const me = aMe({
  groups: [{ id: GROUP_ID, slug: 'marseille', name: 'Technopolice Marseille', role: 'member' }],
});

/** The fake API: every search for "camera…" finds the three results, anything else nothing. */
function api() {
  return stubFetch(({ url }) => {
    if (!url.startsWith('/api/search')) return undefined;
    const q = new URL(url, 'http://localhost').searchParams.get('q')?.replace(/^"/, '') ?? '';
    return {
      status: 200,
      body: q.startsWith('cam')
        ? anAnswer([caseResult, postResult, documentResult], { post: 12 })
        : anAnswer([]),
    };
  });
}

const searches = (calls: { url: string }[]) =>
  calls.filter((call) => call.url.startsWith('/api/search')).map((call) => call.url);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the search palette', () => {
  it('opens with Ctrl+K, searches as one types, and opens a result with the arrows and Enter', async () => {
    const calls = api();
    const user = userEvent.setup();
    const { router } = renderApp('/documents', { me });
    await screen.findByRole('heading', { level: 1, name: 'Documents' });

    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Rechercher dans l’espace' });
    const input = within(dialog).getByRole('combobox', {
      name: 'Rechercher dans les dossiers, messages et documents',
    });
    expect(document.activeElement).toBe(input);
    expect(within(dialog).getByText(/expression exacte/)).toBeTruthy();
    expect(within(dialog).getByText(/Cherchez dans les dossiers/)).toBeTruthy();

    await user.type(input, 'camera');
    const listbox = await within(dialog).findByRole('listbox', { name: 'Résultats' });
    // As one types: the last word a prefix, a few results, the words trimmed and nothing else.
    expect(searches(calls).at(-1)).toBe('/api/search?q=camera&prefix=true&limit=8');

    // Grouped by type, each with its count; the words found are marked.
    expect(within(listbox).getByRole('group', { name: 'Dossiers 1' })).toBeTruthy();
    expect(within(listbox).getByRole('group', { name: 'Messages 12' })).toBeTruthy();
    const options = within(listbox).getAllByRole('option');
    expect(options).toHaveLength(4);
    expect(options[0]?.textContent).toContain('Vidéosurveillance algorithmique à Marseille');
    expect(options[0]?.querySelector('mark')?.textContent).toBe('caméras');
    // What the server escaped stays text.
    expect(options[1]?.textContent).toContain('filment les fenêtres <sic>');
    expect(options[2]?.textContent).toContain('p. 4');
    expect(options[3]?.textContent).toBe('Voir tous les résultats (14)');

    // The combobox points at the active option; the arrows move it, round the ends.
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowUp}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[3]?.id);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    expect(options[0]?.getAttribute('aria-selected')).toBe('false');

    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const { pathname, search } = router.state.location;
    expect(`${pathname}${search}`).toBe(
      `/dossiers/${CASE_RESULT_ID}?onglet=discussions&fil=${THREAD_ID}&message=${POST_RESULT_ID}`,
    );
  });

  it('opens from the header, says when nothing matches, closes with Escape and gives focus back', async () => {
    api();
    const user = userEvent.setup();
    renderApp('/documents', { me });
    const trigger = await screen.findByRole('button', { name: 'Rechercher…' });
    expect(trigger.textContent).toContain('Ctrl K');

    await user.click(trigger);
    const dialog = await screen.findByRole('dialog', { name: 'Rechercher dans l’espace' });
    await user.keyboard('zzz');
    // Said on screen, and announced.
    await waitFor(() =>
      expect(within(dialog).getAllByText('Aucun résultat pour « zzz »')).toHaveLength(2),
    );
    expect(within(dialog).getByRole('status').textContent).toBe('Aucun résultat pour « zzz »');
    expect(within(dialog).getByRole('combobox').getAttribute('aria-expanded')).toBe('false');

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(trigger);
  });

  it('opens the results page with what was typed', async () => {
    api();
    const user = userEvent.setup();
    const { router } = renderApp('/documents', { me });
    await screen.findByRole('heading', { level: 1, name: 'Documents' });
    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog');
    await user.keyboard('"cam');
    await user.click(
      await within(dialog).findByRole('option', { name: /Voir tous les résultats/ }),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe('/recherche'));
    expect(router.state.location.search).toBe(`?q=${encodeURIComponent('"cam')}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Résultats pour « "cam »' }));
  });
});
