import { useAuth } from '../lib/auth';
import { DashboardPage } from './DashboardPage';
import { LandingPage } from './LandingPage';

/** `/`: the workspace's dashboard once signed in, what Technopolice is before. */
export function HomePage() {
  const { status } = useAuth();
  return status === 'signed-in' ? <DashboardPage /> : <LandingPage />;
}
