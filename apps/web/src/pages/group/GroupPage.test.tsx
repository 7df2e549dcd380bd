import type { GroupRole } from '@technopolice/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../../features/documents/test/api';
import { identityKeys } from '../../lib/identity';
import {
  aGroup,
  anEvent,
  GROUP_ID,
  invitations,
  RENARD_ID,
  someMembers,
} from '../../test/fixtures';
import { aMe, createTestQueryClient, renderApp, seedQueryClient } from '../../test/render';

/** The group page as a member with `role` sees it, everything it reads already in the cache. */
function renderGroup(role: GroupRole, section = '') {
  const queryClient = seedQueryClient(createTestQueryClient());
  queryClient.setQueryData(identityKeys.group(GROUP_ID), aGroup(role));
  queryClient.setQueryData(identityKeys.members(GROUP_ID), someMembers(role));
  queryClient.setQueryData(identityKeys.invitations(GROUP_ID), invitations);
  queryClient.setQueryData(identityKeys.groupAudit(GROUP_ID), [
    anEvent('member.role-changed', { userId: RENARD_ID, from: 'member', to: 'coordinator' }),
    anEvent('member.joined', {
      invitationId: invitations[0]!.id,
      role: 'member',
      ip: '203.0.113.9',
    }),
    anEvent('group.created', { name: 'Technopolice Marseille' }),
  ]);
  const me = aMe({
    groups: [{ id: GROUP_ID, slug: 'marseille', name: 'Technopolice Marseille', role }],
  });
  return renderApp(`/groupes/${GROUP_ID}${section}`, { queryClient, me });
}

function tabNames() {
  const tabs = screen.getByRole('navigation', { name: 'Sections du groupe' });
  return within(tabs)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('group page', () => {
  it('shows the group, my role, and every section to an admin', () => {
    renderGroup('admin');

    expect(screen.getByRole('heading', { level: 1, name: 'Technopolice Marseille' })).toBeTruthy();
    expect(screen.getAllByText('3 membres').length).toBeGreaterThan(0);
    expect(tabNames()).toEqual(['Membres', 'Invitations', 'Paramètres', 'Journal']);
    expect(screen.getByRole('link', { name: 'Membres' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('button', { name: 'Quitter le groupe' })).toBeTruthy();
  });

  it('lets an admin change roles with a labelled select, and remove others but not themself', () => {
    renderGroup('admin');

    const renard = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Rôle de Renard' });
    expect(renard.value).toBe('coordinator');
    expect(Array.from(renard.options).map((option) => option.textContent)).toEqual([
      'Administrateur·ice',
      'Coordinateur·ice',
      'Membre',
    ]);
    expect(screen.getByRole('combobox', { name: 'Rôle de Camille' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retirer Renard du groupe' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retirer Hibou du groupe' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retirer Camille du groupe' })).toBeNull();
    expect(screen.getByText('vous')).toBeTruthy();
  });

  it('shows a member the roles as badges, and only the members section', async () => {
    const { router } = renderGroup('member');

    expect(tabNames()).toEqual(['Membres']);
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Retirer/ })).toBeNull();
    const rows = screen.getAllByRole('listitem');
    expect(rows.some((row) => row.textContent?.includes('Coordinateur·ice'))).toBe(true);

    await router.navigate(`/groupes/${GROUP_ID}/journal`);
    expect(await screen.findByRole('heading', { name: 'Section réservée' })).toBeTruthy();
    expect(
      screen.getByText('Cette section est réservée aux administrateur·ices du groupe.'),
    ).toBeTruthy();
  });

  it('asks before removing someone, focusing "Annuler", and gives focus back on Escape', async () => {
    const user = userEvent.setup();
    renderGroup('admin');

    const remove = screen.getByRole('button', { name: 'Retirer Hibou du groupe' });
    await user.click(remove);
    const dialog = screen.getByRole('alertdialog', { name: 'Retirer Hibou ?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByText(/Hibou n’aura plus accès/)).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Annuler' }));

    // Tab stays inside the dialog.
    await user.tab();
    expect(document.activeElement).toBe(
      within(dialog).getByRole('button', { name: 'Retirer du groupe' }),
    );
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Annuler' }));

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(remove));
  });

  it('lets coordinators invite, but not as administrators', () => {
    renderGroup('coordinator', '/invitations');

    expect(tabNames()).toEqual(['Membres', 'Invitations']);
    const role = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Rôle dans le groupe' });
    expect(Array.from(role.options).map((option) => option.value)).toEqual([
      'coordinator',
      'member',
    ]);
  });

  it('lists invitations with their status, uses and a revoke button for active ones only', () => {
    renderGroup('admin', '/invitations');

    const list = screen.getByRole('region', { name: 'Invitations du groupe' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('.status-badge')?.textContent)).toEqual([
      'Active',
      'Expirée',
      'Révoquée',
      'Épuisée',
    ]);
    expect(rows[0]!.textContent).toContain('3 utilisations, sans limite');
    expect(rows[3]!.textContent).toContain('1 utilisation sur 1');
    expect(within(rows[0]!).getByRole('button', { name: 'Révoquer' })).toBeTruthy();
    for (const row of rows.slice(1)) expect(within(row).queryByRole('button')).toBeNull();
  });

  it('checks the invitation form with the shared schema (1 to 90 days)', async () => {
    const user = userEvent.setup();
    renderGroup('admin', '/invitations');

    expect(screen.getByLabelText<HTMLInputElement>('Usage unique').checked).toBe(true);
    const days = screen.getByLabelText('Validité (jours)');
    await user.clear(days);
    await user.type(days, '0');
    await user.click(screen.getByRole('button', { name: 'Créer le lien' }));
    expect(await screen.findByText('La valeur doit être d’au moins 1.')).toBeTruthy();
    expect(days.getAttribute('aria-invalid')).toBe('true');

    await user.clear(days);
    await user.type(days, '91');
    await user.click(screen.getByRole('button', { name: 'Créer le lien' }));
    expect(await screen.findByText('La valeur doit être d’au plus 90.')).toBeTruthy();

    await user.clear(days);
    await user.click(screen.getByRole('button', { name: 'Créer le lien' }));
    expect(await screen.findByText('Saisissez un nombre entier.')).toBeTruthy();
  });

  it('lets admins rename the group, checked with the shared schema', async () => {
    const user = userEvent.setup();
    renderGroup('admin', '/parametres');

    const name = screen.getByLabelText<HTMLInputElement>('Nom du groupe');
    expect(name.value).toBe('Technopolice Marseille');
    await user.clear(name);
    const settings = screen.getByRole('region', { name: 'Paramètres du groupe' });
    await user.click(within(settings).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Au moins 2 caractères.')).toBeTruthy();
  });

  it('lets admins set the publication rule as a sentence, 0 turning a way off', async () => {
    const user = userEvent.setup();
    const calls = stubFetch((call) =>
      call.method === 'PATCH'
        ? {
            status: 200,
            body: {
              ...aGroup('admin'),
              approvalRule: (call.body as { approvalRule: unknown }).approvalRule,
            },
          }
        : undefined,
    );
    renderGroup('admin', '/parametres');

    const rule = screen.getByRole('region', { name: 'Règle de publication' });
    const coordinators = within(rule).getByRole('spinbutton', {
      name: 'Nombre de coordinateur·ices',
    });
    const members = within(rule).getByRole('spinbutton', { name: 'Nombre de membres' });
    expect((coordinators as HTMLInputElement).value).toBe('1');
    expect((members as HTMLInputElement).value).toBe('2');
    expect(rule.textContent).toContain(
      'Pour publier : 1 coordinateur·ice ou 2 membres, sans compter la dernière personne à avoir modifié la synthèse.',
    );

    await user.clear(coordinators);
    await user.type(coordinators, '0');
    await user.clear(members);
    await user.type(members, '0');
    expect(rule.textContent).toContain('Il faut au moins une approbation');
    await user.click(within(rule).getByRole('button', { name: 'Enregistrer' }));
    expect(calls.some((call) => call.method === 'PATCH')).toBe(false);

    await user.clear(members);
    await user.type(members, '3');
    expect(rule.textContent).toContain('Pour publier : 3 membres, sans compter');
    await user.click(within(rule).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(rule).findByText('Règle de publication enregistrée.')).toBeTruthy();
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(patch?.url).toBe(`/api/groups/${GROUP_ID}`);
    expect(patch?.body).toEqual({ approvalRule: { coordinators: 0, members: 3 } });
  });

  it('shows the journal with labels per type, names and dates, and never an IP address', () => {
    renderGroup('admin', '/journal');

    const section = screen.getByRole('region', { name: 'Journal de sécurité' });
    const log = within(section).getByRole('list');
    const entries = within(log).getAllByRole('listitem');
    expect(entries.map((entry) => entry.querySelector('.audit-log__what')?.textContent)).toEqual([
      'Rôle modifié',
      'Arrivée dans le groupe',
      'Groupe créé',
    ]);
    expect(entries[0]!.textContent).toContain('Renard · Membre → Coordinateur·ice');
    expect(entries[0]!.textContent).toContain('par Camille');
    expect(entries[2]!.textContent).toContain('Groupe « Technopolice Marseille »');
    expect(within(entries[0]!).getByText(/2025/).tagName).toBe('TIME');
    expect(document.body.textContent).not.toContain('203.0.113.9');
  });
});
