/**
 * The web UI's entry: the session (who is signed in, the API client) around
 * the router (every screen's address), and the styles.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { SessionProvider } from './features/auth/session-context';
import { router } from './routes/router';
import './styles/base.css';
import './styles/shell.css';
import './styles/forms.css';
import './styles/tables.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
