/** Screens for paging: incidents, alerts, services, escalation policies, and (in settings) a person's contact methods and rules. */
import type { RouteObject } from 'react-router-dom';
import '../styles/paging.css';
import { AlertRoute } from './alert-route';
import { AlertsRoute } from './alerts-route';
import { EscalationPoliciesRoute } from './escalation-policies-route';
import { IncidentRoute } from './incident-route';
import { IncidentsRoute } from './incidents-route';
import { NotificationsRoute } from './notifications-route';
import { ServiceRoute } from './service-route';
import { ServicesRoute } from './services-route';

export const pagingRoutes: RouteObject[] = [
  { path: 'incidents', element: <IncidentsRoute /> },
  { path: 'incidents/:id', element: <IncidentRoute /> },
  { path: 'alerts', element: <AlertsRoute /> },
  { path: 'alerts/:id', element: <AlertRoute /> },
  { path: 'services', element: <ServicesRoute /> },
  { path: 'services/:id', element: <ServiceRoute /> },
  { path: 'escalation-policies', element: <EscalationPoliciesRoute /> },
];
export const pagingSettingsRoutes: RouteObject[] = [{ path: 'notifications', element: <NotificationsRoute /> }];
