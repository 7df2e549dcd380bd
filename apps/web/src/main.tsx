import '@fontsource-variable/inter/wght.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/components.css';
import './styles/forms.css';
import './styles/pages.css';
import './styles/identity.css';
import './styles/case-page.css';
import './styles/cases.css';
import './styles/documents.css';
import './styles/discussions.css';
import './styles/search.css';
import './styles/summary.css';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { App } from './App';
import './i18n';
import { setTokenSource } from './lib/api';
import { createKeycloakAuth } from './lib/auth';
import { createQueryClient } from './lib/queryClient';
import { routes } from './routes';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const router = createBrowserRouter(routes);
const queryClient = createQueryClient();
// The session starts before the first render: keycloak-js reads the issuer's answer from this
// page's address, and API calls get their bearer token from it.
const auth = createKeycloakAuth(queryClient);
setTokenSource(auth);
auth.start();

createRoot(container).render(<App router={router} queryClient={queryClient} auth={auth} />);
