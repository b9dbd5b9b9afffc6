/** Screens for paging: incidents, services, escalation policies, and (in settings) a person's contact methods and rules. */
import type { RouteObject } from 'react-router-dom';

export const pagingRoutes: RouteObject[] = [];
export const pagingSettingsRoutes: RouteObject[] = [];
