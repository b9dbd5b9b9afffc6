/**
 * Screens for paging and response: incidents (declare, report), alerts,
 * services, escalation policies, and in settings a person's contact methods
 * and rules, the severities, the security team and the incident roles.
 */
import type { RouteObject } from 'react-router-dom';
import '../styles/paging.css';
import '../styles/response.css';
import { AlertRoute } from './alert-route';
import { AlertsRoute } from './alerts-route';
import { DeclareRoute } from './declare-route';
import { EscalationPoliciesRoute } from './escalation-policies-route';
import { IncidentRolesRoute } from './incident-roles-route';
import { IncidentRoute } from './incident-route';
import { IncidentsRoute } from './incidents-route';
import { NotificationsRoute } from './notifications-route';
import { ReportRoute } from './report-route';
import { ServiceRoute } from './service-route';
import { ServicesRoute } from './services-route';
import { SecurityTeamRoute } from './security-team-route';
import { SeveritiesRoute } from './severities-route';

export const pagingRoutes: RouteObject[] = [
  { path: 'incidents', element: <IncidentsRoute /> },
  { path: 'incidents/declare', element: <DeclareRoute /> },
  { path: 'incidents/report', element: <ReportRoute /> },
  { path: 'incidents/:id', element: <IncidentRoute /> },
  { path: 'alerts', element: <AlertsRoute /> },
  { path: 'alerts/:id', element: <AlertRoute /> },
  { path: 'services', element: <ServicesRoute /> },
  { path: 'services/:id', element: <ServiceRoute /> },
  { path: 'escalation-policies', element: <EscalationPoliciesRoute /> },
];
export const pagingSettingsRoutes: RouteObject[] = [
  { path: 'notifications', element: <NotificationsRoute /> },
  { path: 'severities', element: <SeveritiesRoute /> },
  { path: 'security-team', element: <SecurityTeamRoute /> },
  { path: 'incident-roles', element: <IncidentRolesRoute /> },
];
