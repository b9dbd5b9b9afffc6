/** Screens for on-call schedules. */
import type { RouteObject } from 'react-router-dom';

export const scheduleRoutes: RouteObject[] = [];
