import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aDocument, DOC_CADA, DOC_DELIB } from '../features/documents/fixtures';
import { stubFetch } from '../features/documents/test/api';
import { GROUP_ID } from '../test/fixtures';
import { aMe, renderApp } from '../test/render';

const OTHER_GROUP = '6c2f0d4b-3e5a-4f9b-8c7d-8e9f0a1b2c3d';

const me = aMe({
  groups: [
    { id: GROUP_ID, slug: 'marseille', name: 'Technopolice Marseille', role: 'member' },
    { id: OTHER_GROUP, slug: 'nice', name: 'Technopolice Nice', role: 'member' },
  ],
});

const listed = [
  { ...aDocument(), caseTitle: 'VSA à Marseille' },
  {
    ...aDocument({ id: DOC_DELIB, title: 'Délibération sur les drones', kind: 'deliberation' }),
    caseTitle: 'Drones à Nice',
  },
];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the Documents page', () => {
  it('is honest when no case of my groups holds a document yet', async () => {
    stubFetch();
    renderApp('/documents', { me });
    expect(
      await screen.findByRole('heading', { name: 'Aucun document pour l’instant' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Voir les dossiers' }).getAttribute('href')).toBe(
      '/dossiers',
    );
  });

  it('lists the documents of my groups, each with its case, filtered and searched', async () => {
    const calls = stubFetch(({ url }) => {
      if (!url.startsWith('/api/documents')) return undefined;
      const params = new URL(url, 'http://localhost').searchParams;
      if (params.get('q') === 'zzz') return { status: 200, body: { items: [], nextCursor: null } };
      const items = listed.filter(
        (document) =>
          (!params.get('kind') || document.kind === params.get('kind')) &&
          (!params.get('q') || document.title.toLowerCase().includes(params.get('q') ?? '')),
      );
      return { status: 200, body: { items, nextCursor: null } };
    });
    const user = userEvent.setup();
    renderApp('/documents', { me });

    const link = await screen.findByRole('link', {
      name: 'Réponse de la mairie à la demande CADA',
    });
    expect(link.getAttribute('href')).toBe(`/documents/${DOC_CADA}`);
    expect(screen.getByRole('heading', { name: '2 documents' })).toBeTruthy();
    const row = link.closest('li') as HTMLElement;
    expect(
      within(row).getByRole('link', { name: 'VSA à Marseille' }).getAttribute('href'),
    ).toContain('?onglet=documents');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'deliberation');
    await waitFor(() =>
      expect(
        screen.queryByRole('link', { name: 'Réponse de la mairie à la demande CADA' }),
      ).toBeNull(),
    );
    expect(screen.getByRole('heading', { name: '1 document' })).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Groupe' }), OTHER_GROUP);
    await waitFor(() =>
      expect(calls.at(-1)?.url).toBe(`/api/documents?groupId=${OTHER_GROUP}&kind=deliberation`),
    );

    await user.type(screen.getByRole('searchbox', { name: 'Rechercher dans les titres' }), 'zzz');
    expect(
      await screen.findByRole('heading', { name: 'Aucun document ne correspond' }),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Effacer les filtres' }));
    expect(await screen.findByRole('heading', { name: '2 documents' })).toBeTruthy();
  });
});
