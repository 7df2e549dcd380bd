import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { aCase, MARSEILLE, NICE } from '../test/fakeApi';
import CaseMap from './CaseMap';

const items = [
  aCase({ id: 'c0000000-0000-4000-8000-0000000000b1', title: 'VSA Vélodrome', city: MARSEILLE }),
  aCase({
    id: 'c0000000-0000-4000-8000-0000000000b2',
    title: 'Capteurs sonores',
    city: { ...MARSEILLE, lat: MARSEILLE.lat + 0.01 },
    stage: 'drafting',
  }),
  aCase({ id: 'c0000000-0000-4000-8000-0000000000b3', title: 'Drones', city: NICE }),
  aCase({
    id: 'c0000000-0000-4000-8000-0000000000b4',
    title: 'Nouméa',
    city: { ...NICE, name: 'Nouméa', departmentCode: '988', lat: -22.27, lng: 166.44 },
  }),
];

function renderMap() {
  const router = createMemoryRouter(
    [
      { path: '/dossiers', element: <CaseMap items={items} /> },
      { path: '/dossiers/:caseId', element: <p>case page</p> },
    ],
    { initialEntries: ['/dossiers?vue=carte'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

describe('case map', () => {
  it('draws a marker per case, a bubble for close ones, and counts those off the map', async () => {
    const user = userEvent.setup();
    const router = renderMap();

    const marker = screen.getByRole('link', { name: /^Drones, Nice \(06\)/ });
    expect(marker.getAttribute('href')).toBe('/dossiers/c0000000-0000-4000-8000-0000000000b3');
    expect(screen.getByText('1 dossier hors de la carte (collectivité d’outre-mer).')).toBeTruthy();

    // Marseille's two cases are a few pixels apart: one bubble.
    const bubble = screen.getByRole('button', { name: /^2 dossiers à Marseille/ });
    act(() => bubble.focus());
    expect(screen.getByRole('tooltip').textContent).toContain('2 dossiers');
    await user.keyboard('{Enter}');
    const popover = screen.getByRole('dialog', { name: '2 dossiers' });
    expect(
      within(popover)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Capteurs sonores', 'VSA Vélodrome']);
    expect(document.activeElement).toBe(within(popover).getAllByRole('link')[0]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    act(() => marker.focus());
    expect(screen.getByRole('tooltip').textContent).toBe('DronesNice (06)');
    await user.click(marker);
    expect(router.state.location.pathname).toBe('/dossiers/c0000000-0000-4000-8000-0000000000b3');
  });
});
