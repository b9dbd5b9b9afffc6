/** Screens for on-call schedules: the list, a new schedule, one schedule, and editing its layers. */
import type { RouteObject } from 'react-router-dom';
import { ScheduleEditRoute } from './schedule-edit-route';
import { ScheduleNewRoute } from './schedule-new-route';
import { ScheduleRoute } from './schedule-route';
import { SchedulesListRoute } from './schedules-list-route';

export const scheduleRoutes: RouteObject[] = [
  { path: 'schedules', element: <SchedulesListRoute /> },
  { path: 'schedules/new', element: <ScheduleNewRoute /> },
  { path: 'schedules/:id', element: <ScheduleRoute /> },
  { path: 'schedules/:id/edit', element: <ScheduleEditRoute /> },
];
