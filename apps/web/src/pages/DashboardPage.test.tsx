import { CASE_STAGES, TECHNOLOGIES, taxonomy } from '@technopolice/shared';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aMe, renderApp } from '../test/render';

const me = aMe();

describe('dashboard', () => {
  it('lists the technologies of the taxonomy with their French labels', () => {
    renderApp('/', { me });

    const section = screen.getByRole('region', { name: 'Technologies suivies' });
    const items = within(section).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(
      taxonomy.technologies.map((entry) => entry.label.fr),
    );
    expect(within(section).getByText(TECHNOLOGIES['facial-recognition'].fr)).toBeTruthy();
    expect(within(section).getByText(`${taxonomy.technologies.length} catégories`)).toBeTruthy();
  });

  it('shows the case stages, in order, as the columns of the board', () => {
    renderApp('/', { me });

    const section = screen.getByRole('region', { name: 'Étapes d’une enquête' });
    const labels = within(section)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.stage-board__label')?.textContent);
    expect(labels).toEqual(Object.values(CASE_STAGES).map((label) => label.fr));
    expect(within(section).getByText('Étape 1')).toBeTruthy();
  });

  it('switches the technology labels to English with the interface', async () => {
    const user = userEvent.setup();
    renderApp('/', { me });

    await user.click(screen.getByRole('button', { name: 'EN, English' }));

    const section = await screen.findByRole('region', { name: 'Technologies we track' });
    expect(
      within(section).getByText(TECHNOLOGIES['algorithmic-video-surveillance'].en),
    ).toBeTruthy();
    expect(
      within(section).queryByText(TECHNOLOGIES['algorithmic-video-surveillance'].fr),
    ).toBeNull();
  });
});
