/**
 * Every screen's address. The server serves index.html for /login, /app and
 * /app/*, so all screens live under those; / forwards to /app.
 */
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { AnalyticsReportRoute } from './analytics-report-route';
import { AnalyticsRoute } from './analytics-route';
import { AnalyticsSubscriptionsRoute } from './analytics-subscriptions-route';
import { AnalyticsTargetsRoute } from './analytics-targets-route';
import { AppShell } from './app-shell';
import { AREAS } from './areas';
import { AuditRoute } from './audit-route';
import { LoginRoute } from './login-route';
import { NotFoundRoute } from './not-found-route';
import { pagingRoutes, pagingSettingsRoutes } from './paging-routes';
import { ProfileRoute } from './profile-route';
import { RequireSession } from './require-session';
import { RoadmapRoute } from './roadmap-route';
import { scheduleRoutes } from './schedules-routes';
import { StatusPageRoute } from './status-page-route';
import { StatusPagesRoute } from './status-pages-route';
import { SettingsLayout } from './settings-layout';
import { TeamsRoute } from './teams-route';
import { TokensRoute } from './tokens-route';
import { UserRoute } from './user-route';
import { UsersRoute } from './users-route';

const plannedRoutes = AREAS.filter((area) => area.planned).map((area) => ({
  path: area.path,
  element: <RoadmapRoute area={area} />,
}));

export const router = createBrowserRouter([
  { path: '/', element: <Navigate to="/app" replace /> },
  { path: '/login', element: <LoginRoute /> },
  {
    path: '/app',
    element: <RequireSession />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <Navigate to="incidents" replace /> },
          // /app/login is a guess at the sign-in page: once signed in, it is the app.
          { path: 'login', element: <Navigate to="/app" replace /> },
          // Built areas first: they win over the roadmap placeholders of the same path.
          ...pagingRoutes,
          ...scheduleRoutes,
          { path: 'analytics', element: <AnalyticsRoute /> },
          { path: 'analytics/report', element: <AnalyticsReportRoute /> },
          { path: 'analytics/targets', element: <AnalyticsTargetsRoute /> },
          { path: 'analytics/emailed-reports', element: <AnalyticsSubscriptionsRoute /> },
          { path: 'status-pages', element: <StatusPagesRoute /> },
          { path: 'status-pages/:id', element: <StatusPageRoute /> },
          ...plannedRoutes,
          { path: 'teams', element: <TeamsRoute /> },
          { path: 'users', element: <UsersRoute /> },
          { path: 'users/:id', element: <UserRoute /> },
          {
            path: 'settings',
            element: <SettingsLayout />,
            children: [
              { index: true, element: <Navigate to="profile" replace /> },
              { path: 'profile', element: <ProfileRoute /> },
              { path: 'tokens', element: <TokensRoute /> },
              { path: 'audit', element: <AuditRoute /> },
              ...pagingSettingsRoutes,
            ],
          },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundRoute /> },
]);
