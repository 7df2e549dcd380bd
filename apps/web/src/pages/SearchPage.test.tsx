import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../features/documents/test/api';
import {
  anAnswer,
  caseResult,
  DOCUMENT_RESULT_ID,
  documentResult,
  postResult,
} from '../features/search/fixtures';
import { GROUP_ID, someMembers } from '../test/fixtures';
import { aMe, renderApp } from '../test/render';

const OTHER_GROUP = '6c2f0d4b-3e5a-4f9b-8c7d-8e9f0a1b2c3d';

const me = aMe({
  groups: [
    { id: GROUP_ID, slug: 'marseille', name: 'Technopolice Marseille', role: 'member' },
    { id: OTHER_GROUP, slug: 'nice', name: 'Technopolice Nice', role: 'member' },
  ],
});

/** The fake API, counting like the server: every type without `type`, the one asked for with. */
function api() {
  return stubFetch(({ url }) => {
    if (url === `/api/groups/${GROUP_ID}/members`)
      return { status: 200, body: { items: someMembers('member'), nextCursor: null } };
    if (!url.startsWith('/api/search')) return undefined;
    const params = new URL(url, 'http://localhost').searchParams;
    const all = [caseResult, postResult, documentResult];
    const type = params.get('type');
    if (!type) return { status: 200, body: anAnswer(all, { post: 200 }) };
    const items = all.filter((result) => result.type === type);
    return {
      status: 200,
      body: {
        ...anAnswer(items),
        counts: {
          case: 0,
          post: 0,
          document: 0,
          publication: 0,
          [type]: type === 'post' ? 200 : items.length,
        },
      },
    };
  });
}

const searches = (calls: { url: string }[]) =>
  calls.filter((call) => call.url.startsWith('/api/search')).map((call) => call.url);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the search results page', () => {
  it('reads its search from the address and shows the counts of every type', async () => {
    const calls = api();
    const user = userEvent.setup();
    const { router } = renderApp(
      `/recherche?q=${encodeURIComponent('caméras -drone')}&type=document&groupe=${GROUP_ID}` +
        '&technologie=algorithmic-video-surveillance&du=2025-01-01&au=2025-12-31',
      { me },
    );

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Résultats pour « caméras -drone »' }),
    ).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Mots recherchés' }).value).toBe(
      'caméras -drone',
    );

    // The address's French names become the API's; the query goes as typed.
    const filters =
      `groupId=${GROUP_ID}&technology=algorithmic-video-surveillance` +
      '&from=2025-01-01&to=2025-12-31';
    const q = 'q=cam%C3%A9ras+-drone';
    await waitFor(() =>
      expect(searches(calls)).toEqual(
        expect.arrayContaining([
          `/api/search?${q}&${filters}&limit=50`,
          `/api/search?${q}&${filters.replace('&technology', '&type=document&technology')}&limit=50`,
        ]),
      ),
    );

    // The tabs count every type (at the server's cap, "200+"); the Documents one is chosen.
    const tabs = screen.getByRole('tablist', { name: 'Types de résultats' });
    await within(tabs).findByRole('tab', { name: 'Tout 202+' });
    expect(within(tabs).getByRole('tab', { name: 'Dossiers 1' })).toBeTruthy();
    expect(within(tabs).getByRole('tab', { name: 'Messages 200+' })).toBeTruthy();
    expect(
      within(tabs).getByRole('tab', { name: 'Documents 1' }).getAttribute('aria-selected'),
    ).toBe('true');

    // The filters show the address's.
    const panel = screen.getByRole('group', { name: 'Filtres' });
    expect(within(panel).getByRole<HTMLSelectElement>('combobox', { name: 'Groupe' }).value).toBe(
      GROUP_ID,
    );
    expect(
      within(panel).getByRole<HTMLSelectElement>('combobox', { name: 'Technologie' }).value,
    ).toBe('algorithmic-video-surveillance');
    expect(within(panel).getByLabelText<HTMLInputElement>('Du').value).toBe('2025-01-01');
    expect(within(panel).getByLabelText<HTMLInputElement>('Au').value).toBe('2025-12-31');
    // A group is chosen: its members can be picked as authors.
    const author = within(panel).getByRole('combobox', { name: 'Auteur·ice' });
    await within(author).findByRole('option', { name: 'Renard' });

    // The one document, at its page, the words marked.
    const results = screen.getByRole('tabpanel');
    expect(within(results).getByRole('heading', { name: '1 résultat' })).toBeTruthy();
    const link = within(results).getByRole('link', {
      name: 'Réponse de la mairie à la demande CADA',
    });
    expect(link.getAttribute('href')).toBe(`/documents/${DOCUMENT_RESULT_ID}?page=4`);
    const item = link.closest('li') as HTMLElement;
    expect(within(item).getByText('p. 4')).toBeTruthy();
    expect(within(item).getByText('Renard')).toBeTruthy();
    expect(item.querySelector('mark')?.textContent).toBe('caméras');

    // Another tab: the address says it, the results follow.
    await user.click(within(tabs).getByRole('tab', { name: 'Dossiers 1' }));
    await waitFor(() => expect(router.state.location.search).toContain('type=dossier'));
    expect(
      await within(screen.getByRole('tabpanel')).findByRole('link', {
        name: 'Vidéosurveillance algorithmique à Marseille',
      }),
    ).toBeTruthy();
    expect(searches(calls).at(-1)).toContain('&type=case&');

    // Filters off: the words and the type stay.
    await user.click(within(panel).getByRole('button', { name: 'Effacer les filtres' }));
    await waitFor(() =>
      expect(router.state.location.search).toBe(
        `?q=${encodeURIComponent('caméras -drone').replace('%20', '+')}&type=dossier`,
      ),
    );
  });

  it('before any search, offers examples; with none found, says so', async () => {
    const calls = api();
    const user = userEvent.setup();
    renderApp('/recherche', { me });
    expect(await screen.findByRole('heading', { name: 'Que cherchez-vous ?' })).toBeTruthy();
    expect(searches(calls)).toEqual([]);

    await user.click(screen.getByRole('button', { name: '"contrat Thales"' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Résultats pour « "contrat Thales" »' }),
    ).toBeTruthy();
    expect(searches(calls).at(-1)).toBe('/api/search?q=%22contrat+Thales%22&limit=50');

    vi.unstubAllGlobals();
    stubFetch(({ url }) =>
      url.startsWith('/api/search') ? { status: 200, body: anAnswer([]) } : undefined,
    );
    const field = screen.getByRole('searchbox', { name: 'Mots recherchés' });
    await user.clear(field);
    await user.type(field, 'zzz{Enter}');
    expect(await screen.findByRole('heading', { name: 'Aucun résultat' })).toBeTruthy();
    expect(screen.getByText('Rien ne correspond à « zzz » ici.')).toBeTruthy();
  });
});
